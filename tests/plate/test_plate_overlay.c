/*
 * The overlay: outlines and text drawn into frames of every pixel format,
 * where the plate is, and nowhere outside the frame's rows.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"

#define W 640
#define H 400

/* Bytes of plane 0 that differ between two frames of the same format,
 * counted inside and outside a box (in pixels, scaled to plane 0 bytes
 * roughly through the format's row size). */
static void count_changes(const test_frame *a, const test_frame *b, const int *box, int *inside,
                          int *outside)
{
    uint64_t row_bytes;
    uint32_t rows;
    vision_pixel_format_plane_size(&row_bytes, &rows, a->frame.format, a->frame.width,
                                   a->frame.height, 0);
    double bpp = (double)row_bytes / a->frame.width;
    *inside = *outside = 0;
    for (uint32_t y = 0; y < rows; y++) {
        for (uint64_t x = 0; x < row_bytes; x++) {
            size_t at = (size_t)y * a->frame.strides[0] + x;
            if (a->frame.planes[0][at] == b->frame.planes[0][at])
                continue;
            int px = (int)(x / bpp);
            /* The label sits above the box: count a band above it as inside. */
            int in = px >= box[0] - 8 && px <= box[0] + box[2] + 200 && (int)y >= box[1] - 80 &&
                     (int)y <= box[1] + box[3] + 8;
            if (in)
                (*inside)++;
            else
                (*outside)++;
        }
    }
}

static void test_draw_every_format(void **state)
{
    (void)state;
    uint8_t *bgr = malloc((size_t)W * H * 3);
    assert_non_null(bgr);
    synth_background(bgr, W, H, W * 3, 0, 1);
    synth_plate p = {SYNTH_EU, "BA 123CD", 320, 250, 220, 0, 0, 1, 1};
    int box[4];
    assert_int_equal(synth_draw_plate(bgr, W, H, W * 3, &p, box), 0);

    vision_plate *h = NULL;
    assert_int_equal(vision_plate_new(&h, NULL), VISION_OK);
    vision_frame f = VISION_FRAME_INIT;
    assert_int_equal(vision_frame_wrap(&f, VISION_PIXEL_FORMAT_BGR, W, H, bgr, (uint64_t)W * H * 3),
                     VISION_OK);
    assert_int_equal(vision_plate_process(h, &f), VISION_OK);
    assert_true(vision_plate_result_count(h) >= 1);

    for (uint32_t format = 1; format < VISION_PIXEL_FORMAT_COUNT; format++) {
        test_frame before, after;
        assert_int_equal(test_frame_from_bgr(&before, format, bgr, W * 3, W, H), 0);
        assert_int_equal(test_frame_from_bgr(&after, format, bgr, W * 3, W, H), 0);
        assert_int_equal(vision_plate_draw(h, &after.frame), VISION_OK);
        int inside, outside;
        count_changes(&before, &after, box, &inside, &outside);
        if (outside || inside < 200)
            print_message("%s: %d bytes changed near the plate, %d elsewhere\n",
                          vision_pixel_format_name(format), inside, outside);
        assert_true(inside >= 200);
        assert_int_equal(outside, 0);
        assert_true(test_frame_padding_intact(&after));
        test_frame_release(&before);
        test_frame_release(&after);
    }

    /* A frame of another size: coordinates are scaled, nothing overflows. */
    test_frame small;
    uint8_t *tiny = calloc(3 * 97 * 61, 1);
    assert_non_null(tiny);
    assert_int_equal(test_frame_from_bgr(&small, VISION_PIXEL_FORMAT_NV12, tiny, 3 * 97, 97, 61),
                     0);
    assert_int_equal(vision_plate_draw(h, &small.frame), VISION_OK);
    assert_true(test_frame_padding_intact(&small));
    test_frame_release(&small);
    free(tiny);
    free(bgr);
    vision_plate_free(h);
}

int main(void)
{
    if (synth_fonts_available() != 0) {
        printf("SKIP: fonts-opendin, fonts-roboto-unhinted or fonts-dejavu-core missing\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_draw_every_format),
    };
    return cmocka_run_group_tests_name("plate_overlay", tests, NULL, NULL);
}
