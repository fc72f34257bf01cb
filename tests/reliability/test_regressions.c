/*
 * Regression tests for library bugs found by the reliability work (the
 * fuzzers' finds go into tests/fuzz/corpus/ as well).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

/* A symmetric bow tie has no signed area, but the even-odd rule fills its
 * two triangles: it was refused as "zero area" (VISION_E_REGION). */
static void test_bow_tie_region_accepted(void **state)
{
    (void)state;
    static const vision_crowd_point bow[4] = {{0, 0}, {1, 1}, {1, 0}, {0, 1}};
    static const vision_crowd_point line[4] = {{0, 0}, {0.5, 0.5}, {1, 1}, {0.25, 0.25}};
    vision_crowd *crowd = NULL;
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(crowd, "bow", bow, 4, NULL), VISION_OK);
    /* Points on one line still have no area. */
    assert_int_equal(vision_crowd_add_region(crowd, "line", line, 4, NULL), VISION_E_REGION);
    static uint8_t gray[64 * 64];
    vision_frame frame = VISION_FRAME_INIT;
    assert_int_equal(
        vision_frame_wrap(&frame, VISION_PIXEL_FORMAT_GRAY8, 64, 64, gray, sizeof gray),
        VISION_OK);
    assert_int_equal(vision_crowd_process(crowd, &frame), VISION_OK);
    vision_crowd_result r = VISION_CROWD_RESULT_INIT;
    assert_int_equal(vision_crowd_get_result(&r, crowd, "bow"), VISION_OK);
    /* Two triangles: about half of the 64 x 64 pixels. */
    assert_in_range(r.region_pixels, 64 * 64 / 2 - 128, 64 * 64 / 2 + 128);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

/* vision_frame_validate() left vision_last_error() as it was. */
static void test_validate_sets_thread_message(void **state)
{
    (void)state;
    assert_int_equal(vision_crowd_new(NULL, NULL), VISION_E_INVALID_ARGUMENT);
    vision_frame frame = VISION_FRAME_INIT;
    char detail[128];
    assert_int_equal(vision_frame_validate(&frame, detail, sizeof detail), VISION_E_PIXEL_FORMAT);
    assert_string_equal(vision_last_error(), detail);
    assert_non_null(strstr(detail, "pixel format"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bow_tie_region_accepted),
        cmocka_unit_test(test_validate_sets_thread_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
