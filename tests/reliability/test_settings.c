/*
 * Process-wide settings stay as the host set them: OpenCV's thread count,
 * optimised code, IPP and OpenCL switches and error handler, the C and C++
 * locales, and every Tesseract parameter a fresh Tesseract instance sees
 * (global parameters are shared by all instances), read before and after
 * creating, using and freeing crowd and plate handles. Two host setups:
 * the defaults, and a host that changed OpenCV's settings and the locale.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "rel_streams.h"
#include "settings_probe.h"

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

/* Everything a host does with the library, crowd and plate. */
static void use_library(void)
{
    vision_crowd_options o;
    rel_crowd_options(&o);
    vision_crowd *crowd = NULL;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_OK);
    vision_crowd_region_config c;
    rel_crowd_config(&c);
    assert_int_equal(vision_crowd_region_config_set(&c, "deadBand", "2.5"), VISION_OK);
    assert_true(c.dead_band == 2.5);
    assert_int_equal(vision_crowd_add_region(crowd, "all", whole, 4, &c), VISION_OK);
    static uint8_t gray[REL_CROWD_W * REL_CROWD_H];
    static uint8_t bgr[REL_CROWD_W * REL_CROWD_H * 3];
    vision_frame frame, overlay = VISION_FRAME_INIT;
    for (int i = 0; i < 12; i++) {
        rel_crowd_frame(&frame, gray, i, 4);
        assert_int_equal(vision_crowd_process(crowd, &frame), VISION_OK);
    }
    vision_frame_wrap(&overlay, VISION_PIXEL_FORMAT_BGR, REL_CROWD_W, REL_CROWD_H, bgr, sizeof bgr);
    assert_int_equal(vision_crowd_draw(crowd, &overlay), VISION_OK);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);

    if (synth_fonts_available() != 0)
        return;
    for (int mode = 0; mode < 2; mode++) {
        vision_plate_options po;
        rel_plate_video_options(&po);
        po.mode = mode;
        vision_plate *plate = NULL;
        assert_int_equal(vision_plate_new(&plate, &po), VISION_OK);
        for (int i = 0; i < 4; i++) {
            test_frame t;
            assert_int_equal(rel_plate_frame(&t, i, "BA 123 CD", 8), 0);
            assert_int_equal(vision_plate_process(plate, &t.frame), VISION_OK);
            assert_int_equal(vision_plate_draw(plate, &t.frame), VISION_OK);
            test_frame_release(&t);
        }
        assert_int_equal(vision_plate_flush(plate), VISION_OK);
        vision_plate_free(plate);
    }
    /* A handle that failed to load its data leaves nothing behind either. */
    vision_plate_options bad;
    vision_plate_options_init(&bad);
    bad.ocr_data_path = "/tmp";
    vision_plate *none = NULL;
    assert_int_equal(vision_plate_new(&none, &bad), VISION_E_OCR_DATA);
}

static void check_unchanged(void)
{
    static process_settings before, after;
    settings_read(&before);
    use_library();
    settings_read(&after);
    char difference[512];
    if (settings_compare(&before, &after, difference, sizeof difference))
        fail_msg("%s", difference);
    /* The probe did read Tesseract's parameters (else the check is empty). */
    assert_true(before.tesseract_ok);
}

static void test_defaults_unchanged(void **state)
{
    (void)state;
    check_unchanged();
}

static void test_host_settings_unchanged(void **state)
{
    (void)state;
    settings_set_opencv(1, 0, 0);
    assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
    check_unchanged();
    settings_set_opencv(3, 1, 1);
    check_unchanged();
    setlocale(LC_ALL, "C");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_unchanged),
        cmocka_unit_test(test_host_settings_unchanged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
