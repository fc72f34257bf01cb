/*
 * The plate API's contract: struct initialisers, option checks, country
 * lists, bad frames, errors that leave the handle usable.
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
#include <unistd.h>

#include <cmocka.h>

#include <vision/vision.h>

static void test_init_macros_match_functions(void **state)
{
    (void)state;
    static const vision_plate_options om = VISION_PLATE_OPTIONS_INIT;
    vision_plate_options of;
    memset(&of, 0x5a, sizeof of);
    vision_plate_options_init(&of);
    assert_memory_equal(&om, &of, sizeof of);

    static const vision_plate_result rm = VISION_PLATE_RESULT_INIT;
    vision_plate_result rf;
    memset(&rf, 0x5a, sizeof rf);
    vision_plate_result_init(&rf);
    assert_memory_equal(&rm, &rf, sizeof rf);

    static const vision_plate_event em = VISION_PLATE_EVENT_INIT;
    vision_plate_event ef;
    memset(&ef, 0x5a, sizeof ef);
    vision_plate_event_init(&ef);
    assert_memory_equal(&em, &ef, sizeof ef);

    /* Also on the stack, where padding would not be zeroed. */
    vision_plate_options os = VISION_PLATE_OPTIONS_INIT;
    assert_memory_equal(&os, &of, sizeof of);
    vision_plate_options_init(NULL);
    vision_plate_result_init(NULL);
    vision_plate_event_init(NULL);
}

/* FFI sees exact layouts: every struct ends with its last field, no padding. */
static void test_layouts_have_no_padding(void **state)
{
    (void)state;
    assert_int_equal(offsetof(vision_plate_options, reserved) + sizeof(int32_t),
                     sizeof(vision_plate_options));
    assert_int_equal(offsetof(vision_plate_result, detection_score) + sizeof(float),
                     sizeof(vision_plate_result));
    assert_int_equal(offsetof(vision_plate_event, reserved) + sizeof(uint32_t),
                     sizeof(vision_plate_event));
    assert_int_equal(offsetof(vision_plate_options, countries), 4);
    assert_int_equal(offsetof(vision_plate_options, min_confidence), 16);
    assert_int_equal(offsetof(vision_plate_result, text), 8);
    assert_int_equal(offsetof(vision_plate_event, pts_ns), 8);
}

static void test_countries_parse(void **state)
{
    (void)state;
    uint32_t c = 0;
    assert_int_equal(vision_plate_countries_parse(&c, "us,eu,br"), VISION_OK);
    assert_int_equal(c, VISION_PLATE_COUNTRY_ALL);
    assert_int_equal(vision_plate_countries_parse(&c, "EU"), VISION_OK);
    assert_int_equal(c, VISION_PLATE_COUNTRY_EU);
    assert_int_equal(vision_plate_countries_parse(&c, " us , br "), VISION_OK);
    assert_int_equal(c, VISION_PLATE_COUNTRY_US | VISION_PLATE_COUNTRY_BR);
    assert_int_equal(vision_plate_countries_parse(&c, "all"), VISION_OK);
    assert_int_equal(c, VISION_PLATE_COUNTRY_ALL);

    c = 42;
    assert_int_equal(vision_plate_countries_parse(&c, "us,xx"), VISION_E_OPTION);
    assert_non_null(strstr(vision_last_error(), "xx"));
    assert_int_equal(c, 42);
    assert_int_equal(vision_plate_countries_parse(&c, ""), VISION_E_OPTION);
    assert_int_equal(vision_plate_countries_parse(&c, "usa"), VISION_E_OPTION);
    assert_int_equal(vision_plate_countries_parse(&c, "a-very-long-unknown-country-name"),
                     VISION_E_OPTION);
    assert_int_equal(vision_plate_countries_parse(NULL, "us"), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_plate_countries_parse(&c, NULL), VISION_E_INVALID_ARGUMENT);
}

static int new_with(vision_plate_options *o)
{
    vision_plate *p = (vision_plate *)0x1;
    int rc = vision_plate_new(&p, o);
    if (rc == VISION_OK)
        vision_plate_free(p);
    else
        assert_null(p);
    if (rc != VISION_OK)
        assert_true(vision_last_error()[0] != '\0');
    return rc;
}

static void test_bad_options(void **state)
{
    (void)state;
    vision_plate_options o;

    assert_int_equal(vision_plate_new(NULL, NULL), VISION_E_INVALID_ARGUMENT);

    vision_plate_options_init(&o);
    o.version = 99;
    assert_int_equal(new_with(&o), VISION_E_STRUCT_VERSION);
    vision_plate_options_init(&o);
    o.countries = 0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    o.countries = 0x100;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.top_n = 0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    o.top_n = VISION_PLATE_MAX_CANDIDATES + 1;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.min_confidence = 1.5;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    o.min_confidence = 0.0 / 0.0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.mode = 7;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.min_plate_width = 200;
    o.max_plate_width = 100;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.min_plate_width = -1;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.analysis_width = 10;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.reread_interval = 0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.track_timeout = 0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.scan_interval = 0;
    assert_int_equal(new_with(&o), VISION_E_OPTION);
    vision_plate_options_init(&o);
    o.reserved = 1;
    assert_int_equal(new_with(&o), VISION_E_OPTION);

    vision_plate_options_init(&o);
    o.roi_point_count = 2;
    assert_int_equal(new_with(&o), VISION_E_REGION);
    o.roi_point_count = VISION_PLATE_ROI_MAX_POINTS + 1;
    assert_int_equal(new_with(&o), VISION_E_REGION);
    double tri[6] = {0.1, 0.1, 1.5, 0.1, 0.5, 0.9};
    o.roi_point_count = 3;
    memcpy(o.roi, tri, sizeof tri);
    assert_int_equal(new_with(&o), VISION_E_REGION);
    double flat[6] = {0.1, 0.1, 0.5, 0.5, 0.9, 0.9};
    memcpy(o.roi, flat, sizeof flat);
    assert_int_equal(new_with(&o), VISION_E_REGION);
    double nan_tri[6] = {0.1, 0.1, 0.0 / 0.0, 0.1, 0.5, 0.9};
    memcpy(o.roi, nan_tri, sizeof nan_tri);
    assert_int_equal(new_with(&o), VISION_E_REGION);
    double good[6] = {0.1, 0.1, 0.9, 0.1, 0.5, 0.9};
    memcpy(o.roi, good, sizeof good);
    assert_int_equal(new_with(&o), VISION_OK);
}

static void test_missing_ocr_data(void **state)
{
    (void)state;
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.ocr_data_path = "/nonexistent/libvision/tessdata";
    assert_int_equal(new_with(&o), VISION_E_OCR_DATA);
    assert_non_null(strstr(vision_last_error(), "/nonexistent/libvision/tessdata"));

    char file[] = "/tmp/vision-plate-ocr-XXXXXX";
    int fd = mkstemp(file);
    assert_true(fd >= 0);
    close(fd);
    o.ocr_data_path = file;
    assert_int_equal(new_with(&o), VISION_E_OCR_DATA);
    unlink(file);

    /* The system's data (NULL) must work on a machine with the packages. */
    o.ocr_data_path = NULL;
    assert_int_equal(new_with(&o), VISION_OK);
}

static void test_free_null_and_null_handle(void **state)
{
    (void)state;
    vision_plate_free(NULL);
    assert_string_equal(vision_plate_last_error(NULL), "no handle");
    assert_int_equal(vision_plate_result_count(NULL), 0);
    vision_frame f = VISION_FRAME_INIT;
    assert_int_equal(vision_plate_process(NULL, &f), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_plate_flush(NULL), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_plate_set_callback(NULL, NULL, NULL), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_plate_draw(NULL, &f), VISION_E_INVALID_ARGUMENT);
}

static void test_bad_frames_leave_handle_usable(void **state)
{
    (void)state;
    vision_plate *p = NULL;
    assert_int_equal(vision_plate_new(&p, NULL), VISION_OK);
    uint8_t *pixels = calloc(320 * 240 * 3, 1);
    assert_non_null(pixels);

    assert_int_equal(vision_plate_process(p, NULL), VISION_E_INVALID_ARGUMENT);

    vision_frame f = VISION_FRAME_INIT;
    assert_int_equal(
        vision_frame_wrap(&f, VISION_PIXEL_FORMAT_BGR, 320, 240, pixels, 320 * 240 * 3), VISION_OK);
    vision_frame bad = f;
    bad.format = 999;
    assert_int_equal(vision_plate_process(p, &bad), VISION_E_PIXEL_FORMAT);
    assert_true(vision_plate_last_error(p)[0] != '\0');
    bad = f;
    bad.strides[0] = 100;
    assert_int_equal(vision_plate_process(p, &bad), VISION_E_FRAME_STRIDE);
    assert_non_null(strstr(vision_plate_last_error(p), "stride"));
    bad = f;
    bad.planes[0] = NULL;
    assert_int_equal(vision_plate_process(p, &bad), VISION_E_FRAME_PLANE);
    bad = f;
    bad.width = 0;
    assert_int_equal(vision_plate_process(p, &bad), VISION_E_FRAME_SIZE);
    bad = f;
    bad.version = 77;
    assert_int_equal(vision_plate_process(p, &bad), VISION_E_STRUCT_VERSION);
    assert_int_equal(vision_plate_result_count(p), 0);

    /* Still usable: an empty picture gives no plate and no error. */
    assert_int_equal(vision_plate_process(p, &f), VISION_OK);
    assert_int_equal(vision_plate_result_count(p), 0);

    /* Tiny frames are not an error either. */
    vision_frame tiny = VISION_FRAME_INIT;
    assert_int_equal(vision_frame_wrap(&tiny, VISION_PIXEL_FORMAT_GRAY8, 1, 1, pixels, 1),
                     VISION_OK);
    assert_int_equal(vision_plate_process(p, &tiny), VISION_OK);
    assert_int_equal(vision_frame_wrap(&tiny, VISION_PIXEL_FORMAT_I420, 3, 5, pixels, 64),
                     VISION_OK);
    assert_int_equal(vision_plate_process(p, &tiny), VISION_OK);

    vision_plate_result r = VISION_PLATE_RESULT_INIT;
    assert_int_equal(vision_plate_get_result(&r, p, 0), VISION_E_INVALID_ARGUMENT);
    r.version = 0;
    assert_int_equal(vision_plate_get_result(&r, p, 0), VISION_E_STRUCT_VERSION);
    assert_int_equal(vision_plate_get_result(NULL, p, 0), VISION_E_INVALID_ARGUMENT);

    bad = f;
    bad.planes[0] = NULL;
    assert_int_equal(vision_plate_draw(p, &bad), VISION_E_FRAME_PLANE);
    assert_int_equal(vision_plate_draw(p, &f), VISION_OK);
    assert_int_equal(vision_plate_flush(p), VISION_OK);

    free(pixels);
    vision_plate_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_macros_match_functions),
        cmocka_unit_test(test_layouts_have_no_padding),
        cmocka_unit_test(test_countries_parse),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_missing_ocr_data),
        cmocka_unit_test(test_free_null_and_null_handle),
        cmocka_unit_test(test_bad_frames_leave_handle_usable),
    };
    return cmocka_run_group_tests_name("plate_api", tests, NULL, NULL);
}
