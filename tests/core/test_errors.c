/*
 * Error codes, their strings, thread-local messages and the version.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

/* Every code from VISION_OK down to the last one of this release. */
#define LAST_CODE VISION_E_INTERNAL

static void test_codes_keep_their_numbers(void **state)
{
    (void)state;
    /* Released numbers never change (docs/ABI.md). */
    assert_int_equal(VISION_OK, 0);
    assert_int_equal(VISION_E_INVALID_ARGUMENT, -1);
    assert_int_equal(VISION_E_NO_MEMORY, -2);
    assert_int_equal(VISION_E_STRUCT_VERSION, -3);
    assert_int_equal(VISION_E_PIXEL_FORMAT, -4);
    assert_int_equal(VISION_E_FRAME_SIZE, -5);
    assert_int_equal(VISION_E_FRAME_STRIDE, -6);
    assert_int_equal(VISION_E_FRAME_PLANE, -7);
    assert_int_equal(VISION_E_REGION, -8);
    assert_int_equal(VISION_E_NOT_FOUND, -9);
    assert_int_equal(VISION_E_EXISTS, -10);
    assert_int_equal(VISION_E_REENTRANT, -11);
    assert_int_equal(VISION_E_OCR_DATA, -12);
    assert_int_equal(VISION_E_OPTION, -13);
    assert_int_equal(VISION_E_IO, -14);
    assert_int_equal(VISION_E_UNSUPPORTED, -15);
    assert_int_equal(VISION_E_INTERNAL, -16);
}

static void test_strerror_is_distinct_for_every_code(void **state)
{
    (void)state;
    const char *unknown = vision_strerror(1);
    assert_string_equal(unknown, "unknown error");
    assert_string_equal(vision_strerror(LAST_CODE - 1), unknown);
    assert_string_equal(vision_strerror(INT32_MIN), unknown);
    for (int a = VISION_OK; a >= LAST_CODE; a--) {
        const char *text = vision_strerror(a);
        assert_non_null(text);
        assert_string_not_equal(text, unknown);
        for (int b = a - 1; b >= LAST_CODE; b--)
            assert_string_not_equal(text, vision_strerror(b));
    }
}

static void *fail_on_other_thread(void *unused)
{
    (void)unused;
    vision_frame frame = VISION_FRAME_INIT; /* format unknown */
    frame.width = frame.height = 1;
    char detail[64];
    vision_frame_validate(&frame, detail, sizeof detail);
    /* The message of a failing validate is returned in `detail`; the
     * thread's own last error is untouched by frame functions. */
    return (void *)(uintptr_t)(strstr(detail, "unknown pixel format") != NULL);
}

static void test_last_error_is_per_thread(void **state)
{
    (void)state;
    assert_non_null(vision_last_error());
    pthread_t thread;
    void *result = NULL;
    assert_int_equal(pthread_create(&thread, NULL, fail_on_other_thread, NULL), 0);
    assert_int_equal(pthread_join(thread, &result), 0);
    assert_true(result != NULL);
    assert_string_equal(vision_last_error(), "");
}

static void test_version(void **state)
{
    (void)state;
    assert_int_equal(vision_version(), VISION_VERSION_NUMBER);
    assert_string_equal(vision_version_string(), VISION_VERSION_STRING);
    assert_int_equal(VISION_VERSION_ENCODE(1, 2, 3), 10203);
    assert_true(VISION_CHECK_VERSION(0, 1, 0));
    assert_true(VISION_CHECK_VERSION(VISION_VERSION_MAJOR, VISION_VERSION_MINOR, VISION_VERSION_MICRO));
    assert_false(VISION_CHECK_VERSION(VISION_VERSION_MAJOR, VISION_VERSION_MINOR + 1, 0));
    assert_false(VISION_CHECK_VERSION(VISION_VERSION_MAJOR + 1, 0, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_codes_keep_their_numbers),
        cmocka_unit_test(test_strerror_is_distinct_for_every_code),
        cmocka_unit_test(test_last_error_is_per_thread),
        cmocka_unit_test(test_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
