/*
 * Allocation failures (white-box, through the core's fault hook): every
 * failing allocation in vision_plate_new() and vision_plate_process() gives
 * VISION_E_NO_MEMORY (or the reader's own clean error), never a crash, and
 * a handle that failed to process a frame processes the next one.
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

#include "core/alloc.h"

static void test_new_survives_every_failure(void **state)
{
    (void)state;
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        vis_alloc_fail_after(n);
        vision_plate *h = NULL;
        int rc = vision_plate_new(&h, NULL);
        vis_alloc_fail_after(-1);
        if (rc == VISION_OK) {
            assert_non_null(h);
            succeeded = 1;
        } else {
            assert_null(h);
            assert_true(rc == VISION_E_NO_MEMORY || rc == VISION_E_OCR_DATA ||
                        rc == VISION_E_INTERNAL);
            assert_true(vision_last_error()[0] != '\0');
        }
        vision_plate_free(h);
    }
    assert_true(succeeded);
}

static void test_process_survives_every_failure(void **state)
{
    (void)state;
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.mode = VISION_PLATE_MODE_VIDEO;
    o.analysis_width = 160; /* a scaled copy and a converted one: two buffers */
    vision_plate *h = NULL;
    assert_int_equal(vision_plate_new(&h, &o), VISION_OK);
    const int w = 320, hgt = 240;
    uint8_t *pixels = malloc((size_t)w * hgt * 3);
    assert_non_null(pixels);
    for (int i = 0; i < w * hgt * 3; i++)
        pixels[i] = (uint8_t)(i * 7);
    vision_frame f = VISION_FRAME_INIT;
    assert_int_equal(
        vision_frame_wrap(&f, VISION_PIXEL_FORMAT_RGB, w, hgt, pixels, (uint64_t)w * hgt * 3),
        VISION_OK);
    int failures = 0;
    for (long n = 0; n < 50; n++) {
        vis_alloc_fail_after(n);
        int rc = vision_plate_process(h, &f);
        vis_alloc_fail_after(-1);
        if (rc != VISION_OK) {
            assert_true(rc == VISION_E_NO_MEMORY || rc == VISION_E_INTERNAL);
            failures++;
        }
        /* Whatever happened, the handle works again. */
        assert_int_equal(vision_plate_process(h, &f), VISION_OK);
    }
    (void)failures;
    free(pixels);
    vision_plate_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_new_survives_every_failure),
        cmocka_unit_test(test_process_survives_every_failure),
    };
    return cmocka_run_group_tests_name("plate_alloc", tests, NULL, NULL);
}
