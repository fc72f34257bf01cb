/*
 * Crowd API: struct initialisers, config by name, every bad input class ->
 * its code with the handle still usable, re-entrancy, allocation failures.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "core/alloc.h"
#include "crowd_scene.h"

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

/* A small gray frame with a textured picture, for calls that need one. */
typedef struct picture {
    uint8_t pixels[64 * 48];
    vision_frame frame;
} picture;

static void picture_make(picture *p, uint8_t seed)
{
    for (int i = 0; i < 64 * 48; i++)
        p->pixels[i] = (uint8_t)(seed + (i * 37) % 101);
    vision_frame_init(&p->frame);
    assert_int_equal(vision_frame_wrap(&p->frame, VISION_PIXEL_FORMAT_GRAY8, 64, 48, p->pixels,
                                       sizeof p->pixels),
                     VISION_OK);
}

static void test_init_macros_match_functions(void **state)
{
    (void)state;
    {
        static const vision_crowd_options from_macro = VISION_CROWD_OPTIONS_INIT;
        vision_crowd_options from_function;
        memset(&from_function, 0xa5, sizeof from_function);
        vision_crowd_options_init(&from_function);
        assert_memory_equal(&from_macro, &from_function, sizeof from_macro);
    }
    {
        static const vision_crowd_region_config from_macro = VISION_CROWD_REGION_CONFIG_INIT;
        vision_crowd_region_config from_function;
        memset(&from_function, 0xa5, sizeof from_function);
        vision_crowd_region_config_init(&from_function);
        assert_memory_equal(&from_macro, &from_function, sizeof from_macro);
        /* Kurento's defaults. */
        assert_true(from_function.occupancy_level_min == 10);
        assert_true(from_function.occupancy_level_med == 35);
        assert_true(from_function.occupancy_level_max == 65);
        assert_int_equal(from_function.occupancy_num_frames_to_event, 5);
        assert_true(from_function.fluidity_level_min == 10);
        assert_true(from_function.fluidity_level_med == 35);
        assert_true(from_function.fluidity_level_max == 65);
        assert_int_equal(from_function.fluidity_num_frames_to_event, 5);
        assert_int_equal(from_function.send_optical_flow_event, 0);
        assert_int_equal(from_function.optical_flow_num_frames_to_event, 3);
        assert_int_equal(from_function.optical_flow_num_frames_to_reset, 3);
        assert_true(from_function.optical_flow_angle_offset == 0);
    }
    {
        static const vision_crowd_event from_macro = VISION_CROWD_EVENT_INIT;
        vision_crowd_event from_function;
        memset(&from_function, 0xa5, sizeof from_function);
        vision_crowd_event_init(&from_function);
        assert_memory_equal(&from_macro, &from_function, sizeof from_macro);
    }
    {
        static const vision_crowd_result from_macro = VISION_CROWD_RESULT_INIT;
        vision_crowd_result from_function;
        memset(&from_function, 0xa5, sizeof from_function);
        vision_crowd_result_init(&from_function);
        assert_memory_equal(&from_macro, &from_function, sizeof from_macro);
    }
    /* NULL is ignored. */
    vision_crowd_options_init(NULL);
    vision_crowd_region_config_init(NULL);
    vision_crowd_event_init(NULL);
    vision_crowd_result_init(NULL);
}

static void test_config_by_name(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    assert_int_equal(vision_crowd_region_config_set(&c, "occupancyLevelMin", "12.5"), VISION_OK);
    assert_true(c.occupancy_level_min == 12.5);
    assert_int_equal(vision_crowd_region_config_set(&c, "occupancy_level_max", "70"), VISION_OK);
    assert_true(c.occupancy_level_max == 70);
    assert_int_equal(vision_crowd_region_config_set(&c, "sendOpticalFlowEvent", "true"), VISION_OK);
    assert_int_equal(c.send_optical_flow_event, 1);
    assert_int_equal(vision_crowd_region_config_set(&c, "send_optical_flow_event", "0"), VISION_OK);
    assert_int_equal(c.send_optical_flow_event, 0);
    assert_int_equal(vision_crowd_region_config_set(&c, "opticalFlowNumFramesToReset", "7"),
                     VISION_OK);
    assert_int_equal(c.optical_flow_num_frames_to_reset, 7);
    assert_int_equal(vision_crowd_region_config_set(&c, "opticalFlowAngleOffset", "-90"),
                     VISION_OK);
    assert_true(c.optical_flow_angle_offset == -90);
    assert_int_equal(vision_crowd_region_config_set(&c, "deadBand", "2.5e0"), VISION_OK);
    assert_true(c.dead_band == 2.5);

    assert_int_equal(vision_crowd_region_config_set(&c, "noSuchField", "1"), VISION_E_NOT_FOUND);
    assert_int_equal(vision_crowd_region_config_set(&c, "occupancyLevelMin", "ten"),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(&c, "occupancyLevelMin", ""),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(&c, "occupancyNumFramesToEvent", "2.5"),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(&c, "sendOpticalFlowEvent", "yes please"),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(NULL, "deadBand", "1"),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(&c, NULL, "1"), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_region_config_set(&c, "deadBand", NULL),
                     VISION_E_INVALID_ARGUMENT);
    /* Every listed name is accepted. */
    uint32_t count = 0;
    for (const char *name; (name = vision_crowd_region_config_name(count)) != NULL; count++) {
        vision_crowd_region_config scratch;
        vision_crowd_region_config_init(&scratch);
        assert_int_equal(vision_crowd_region_config_set(&scratch, name, "1"), VISION_OK);
    }
    assert_int_equal(count, 16);
}

static void test_bad_options(void **state)
{
    (void)state;
    vision_crowd *crowd = (vision_crowd *)&crowd;
    vision_crowd_options o;
    assert_int_equal(vision_crowd_new(NULL, NULL), VISION_E_INVALID_ARGUMENT);

    vision_crowd_options_init(&o);
    o.version = 99;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_STRUCT_VERSION);
    assert_null(crowd);

    vision_crowd_options_init(&o);
    o.processing_width = 8;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_OPTION);
    assert_true(strstr(vision_last_error(), "processing_width") != NULL);
    vision_crowd_options_init(&o);
    o.analyse_every = 0;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_OPTION);
    vision_crowd_options_init(&o);
    o.foreground_threshold = NAN;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_OPTION);
    vision_crowd_options_init(&o);
    o.global_change_fraction = 0;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_OPTION);
    vision_crowd_options_init(&o);
    o.background_time = 1;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_E_OPTION);

    /* NULL options are the defaults; processing width 0 is the frame's. */
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
    vision_crowd_options_init(&o);
    o.processing_width = 0;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_OK);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
    assert_int_equal(vision_crowd_free(NULL), VISION_OK);
    assert_string_equal(vision_crowd_last_error(NULL), "");
}

static void test_bad_regions(void **state)
{
    (void)state;
    vision_crowd *crowd;
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    assert_string_equal(vision_crowd_last_error(crowd), "");

    const vision_crowd_point two[2] = {{0, 0}, {1, 1}};
    const vision_crowd_point outside[3] = {{0, 0}, {1.5, 0}, {0, 1}};
    const vision_crowd_point negative[3] = {{0, 0}, {1, 0}, {0, -0.1}};
    const vision_crowd_point not_a_number[3] = {{0, 0}, {NAN, 0}, {0, 1}};
    const vision_crowd_point line[3] = {{0, 0}, {0.5, 0.5}, {1, 1}};
    const vision_crowd_point same[4] = {{0.2, 0.2}, {0.2, 0.2}, {0.2, 0.2}, {0.2, 0.2}};

    assert_int_equal(vision_crowd_add_region(NULL, "a", whole, 4, NULL), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_add_region(crowd, NULL, whole, 4, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_add_region(crowd, "a", NULL, 4, NULL), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_add_region(crowd, "", whole, 4, NULL), VISION_E_REGION);
    assert_int_equal(vision_crowd_add_region(crowd, "tab\there", whole, 4, NULL), VISION_E_REGION);
    char long_id[VISION_CROWD_REGION_ID_MAX + 2];
    memset(long_id, 'x', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    assert_int_equal(vision_crowd_add_region(crowd, long_id, whole, 4, NULL), VISION_E_REGION);
    assert_int_equal(vision_crowd_add_region(crowd, "a", two, 2, NULL), VISION_E_REGION);
    assert_true(strstr(vision_crowd_last_error(crowd), "3 or more") != NULL);
    assert_int_equal(vision_crowd_add_region(crowd, "a", outside, 3, NULL), VISION_E_REGION);
    assert_true(strstr(vision_crowd_last_error(crowd), "outside") != NULL);
    assert_int_equal(vision_crowd_add_region(crowd, "a", negative, 3, NULL), VISION_E_REGION);
    assert_int_equal(vision_crowd_add_region(crowd, "a", not_a_number, 3, NULL), VISION_E_REGION);
    assert_int_equal(vision_crowd_add_region(crowd, "a", line, 3, NULL), VISION_E_REGION);
    assert_true(strstr(vision_crowd_last_error(crowd), "zero area") != NULL);
    assert_int_equal(vision_crowd_add_region(crowd, "a", same, 4, NULL), VISION_E_REGION);

    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.occupancy_level_min = 50; /* above med */
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.fluidity_level_max = 101;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.occupancy_num_frames_to_event = 0;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.direction_sectors = 6;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.optical_flow_angle_offset = INFINITY;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.dead_band = -1;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_OPTION);
    vision_crowd_region_config_init(&c);
    c.version = 7;
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, &c), VISION_E_STRUCT_VERSION);

    /* Nothing was added by the failures; a good region still goes in. */
    size_t count = 99;
    assert_int_equal(vision_crowd_region_count(&count, crowd), VISION_OK);
    assert_int_equal(count, 0);
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(crowd, "a", whole, 4, NULL), VISION_E_EXISTS);
    assert_int_equal(vision_crowd_update_region(crowd, "b", whole, 4, NULL), VISION_E_NOT_FOUND);
    assert_int_equal(vision_crowd_update_region(crowd, "a", two, 2, NULL), VISION_E_REGION);
    assert_int_equal(vision_crowd_remove_region(crowd, "b"), VISION_E_NOT_FOUND);
    assert_int_equal(vision_crowd_remove_region(crowd, NULL), VISION_E_INVALID_ARGUMENT);
    vision_crowd_result r;
    vision_crowd_result_init(&r);
    assert_int_equal(vision_crowd_get_result(&r, crowd, "b"), VISION_E_NOT_FOUND);
    assert_int_equal(vision_crowd_get_result_at(&r, crowd, 1), VISION_E_NOT_FOUND);
    r.version = 0;
    assert_int_equal(vision_crowd_get_result(&r, crowd, "a"), VISION_E_STRUCT_VERSION);
    vision_crowd_result_init(&r);
    assert_int_equal(vision_crowd_get_result(&r, crowd, "a"), VISION_OK);
    assert_string_equal(r.region_id, "a");
    assert_int_equal(r.valid, 0);

    /* The handle still works. */
    picture p;
    picture_make(&p, 10);
    assert_int_equal(vision_crowd_process(crowd, &p.frame), VISION_OK);
    assert_int_equal(vision_crowd_get_result(&r, crowd, "a"), VISION_OK);
    assert_int_equal(r.valid, 1);
    assert_int_equal(r.region_pixels, 64 * 48);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

static void test_bad_frames(void **state)
{
    (void)state;
    vision_crowd *crowd;
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(crowd, "all", whole, 4, NULL), VISION_OK);
    picture p;
    picture_make(&p, 20);
    assert_int_equal(vision_crowd_process(NULL, &p.frame), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vision_crowd_process(crowd, NULL), VISION_E_INVALID_ARGUMENT);

    vision_frame bad = p.frame;
    bad.version = 42;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_STRUCT_VERSION);
    bad = p.frame;
    bad.format = 999;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_PIXEL_FORMAT);
    bad = p.frame;
    bad.width = 0;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_FRAME_SIZE);
    bad = p.frame;
    bad.strides[0] = 10;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_FRAME_STRIDE);
    assert_true(strlen(vision_crowd_last_error(crowd)) > 0);
    bad = p.frame;
    bad.planes[0] = NULL;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_FRAME_PLANE);
    bad = p.frame;
    bad.planes[1] = p.pixels;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_FRAME_PLANE);
    bad = p.frame;
    bad.reserved = 1;
    assert_int_equal(vision_crowd_process(crowd, &bad), VISION_E_INVALID_ARGUMENT);

    /* Overlay: only the formats it draws into. */
    assert_int_equal(vision_crowd_draw(crowd, &p.frame), VISION_E_PIXEL_FORMAT);
    assert_int_equal(vision_crowd_draw(crowd, NULL), VISION_E_INVALID_ARGUMENT);

    /* Still usable. */
    for (int i = 0; i < 3; i++)
        assert_int_equal(vision_crowd_process(crowd, &p.frame), VISION_OK);
    vision_crowd_result r;
    vision_crowd_result_init(&r);
    assert_int_equal(vision_crowd_get_result_at(&r, crowd, 0), VISION_OK);
    assert_int_equal(r.valid, 1);
    assert_int_equal(r.frame_index, 2);
    assert_true(r.occupancy < 1);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

static void test_tiny_and_odd_sizes(void **state)
{
    (void)state;
    static const struct {
        uint32_t format, width, height;
    } sizes[] = {
        {VISION_PIXEL_FORMAT_GRAY8, 1, 1},    {VISION_PIXEL_FORMAT_GRAY8, 3, 2},
        {VISION_PIXEL_FORMAT_GRAY8, 9, 7},    {VISION_PIXEL_FORMAT_GRAY8, 1000, 1},
        {VISION_PIXEL_FORMAT_GRAY8, 1, 700},  {VISION_PIXEL_FORMAT_I420, 5, 3},
        {VISION_PIXEL_FORMAT_NV12, 17, 9},    {VISION_PIXEL_FORMAT_BGR, 641, 361},
        {VISION_PIXEL_FORMAT_YUY2, 333, 101},
    };
    vision_crowd *crowd;
    assert_int_equal(vision_crowd_new(&crowd, NULL), VISION_OK);
    static const vision_crowd_point small[3] = {{0.4, 0.4}, {0.45, 0.4}, {0.4, 0.45}};
    assert_int_equal(vision_crowd_add_region(crowd, "all", whole, 4, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(crowd, "small", small, 3, NULL), VISION_OK);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint64_t size;
        assert_int_equal(vision_pixel_format_buffer_size(&size, sizes[i].format, sizes[i].width,
                                                         sizes[i].height),
                         VISION_OK);
        uint8_t *buffer = malloc(size);
        assert_non_null(buffer);
        for (int n = 0; n < 4; n++) {
            for (uint64_t b = 0; b < size; b++)
                buffer[b] = (uint8_t)((b * 31 + (uint64_t)n * 7) % 251);
            vision_frame frame;
            vision_frame_init(&frame);
            assert_int_equal(vision_frame_wrap(&frame, sizes[i].format, sizes[i].width,
                                               sizes[i].height, buffer, size),
                             VISION_OK);
            assert_int_equal(vision_crowd_process(crowd, &frame), VISION_OK);
        }
        vision_crowd_result r;
        vision_crowd_result_init(&r);
        assert_int_equal(vision_crowd_get_result(&r, crowd, "all"), VISION_OK);
        assert_true(r.occupancy >= 0 && r.occupancy <= 100);
        assert_true(r.fluidity >= 0 && r.fluidity <= 100);
        assert_int_equal(vision_crowd_get_result(&r, crowd, "small"), VISION_OK);
        assert_true(r.occupancy >= 0 && r.occupancy <= 100);
        free(buffer);
    }
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

/* --- re-entrancy --------------------------------------------------------- */

typedef struct reentry {
    vision_crowd *crowd;
    picture *picture;
    int events;
    int process_rc, free_rc, add_rc, update_rc, remove_rc, callback_rc, result_rc;
} reentry;

static void reenter(const vision_crowd_event *event, void *user_data)
{
    reentry *r = user_data;
    r->events++;
    r->process_rc = vision_crowd_process(r->crowd, &r->picture->frame);
    r->free_rc = vision_crowd_free(r->crowd);
    r->add_rc = vision_crowd_add_region(r->crowd, "other", whole, 4, NULL);
    r->update_rc = vision_crowd_update_region(r->crowd, event->region_id, whole, 4, NULL);
    r->remove_rc = vision_crowd_remove_region(r->crowd, event->region_id);
    r->callback_rc = vision_crowd_set_callback(r->crowd, NULL, NULL);
    vision_crowd_result result;
    vision_crowd_result_init(&result);
    r->result_rc = vision_crowd_get_result(&result, r->crowd, event->region_id);
}

static void test_reentrant_calls(void **state)
{
    (void)state;
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.warmup_frames = 1;
    vision_crowd *crowd;
    assert_int_equal(vision_crowd_new(&crowd, &o), VISION_OK);
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.occupancy_num_frames_to_event = 1;
    assert_int_equal(vision_crowd_add_region(crowd, "all", whole, 4, &c), VISION_OK);
    picture empty, full;
    picture_make(&empty, 0);
    picture_make(&full, 0);
    /* A bright band over a fifth of the picture: occupancy about 20%. */
    for (int y = 0; y < 48; y++)
        for (int x = 0; x < 13; x++)
            full.pixels[y * 64 + x] = (uint8_t)(200 + (x * 7 + y * 3) % 50);
    reentry r = {crowd, &empty, 0, 1, 1, 1, 1, 1, 1, 1};
    assert_int_equal(vision_crowd_set_callback(crowd, reenter, &r), VISION_OK);
    assert_int_equal(vision_crowd_process(crowd, &empty.frame), VISION_OK);
    assert_int_equal(vision_crowd_process(crowd, &empty.frame), VISION_OK);
    assert_int_equal(vision_crowd_process(crowd, &full.frame), VISION_OK);
    assert_int_equal(r.events, 1);
    assert_int_equal(r.process_rc, VISION_E_REENTRANT);
    assert_int_equal(r.free_rc, VISION_E_REENTRANT);
    assert_int_equal(r.add_rc, VISION_E_REENTRANT);
    assert_int_equal(r.update_rc, VISION_E_REENTRANT);
    assert_int_equal(r.remove_rc, VISION_E_REENTRANT);
    assert_int_equal(r.callback_rc, VISION_E_REENTRANT);
    assert_int_equal(r.result_rc, VISION_OK);
    /* Outside the callback all is allowed again. */
    assert_int_equal(vision_crowd_process(crowd, &full.frame), VISION_OK);
    assert_int_equal(vision_crowd_free(crowd), VISION_OK);
}

/* --- allocation failures ------------------------------------------------- */

static void test_allocation_failures(void **state)
{
    (void)state;
    scene s;
    assert_int_equal(scene_init(&s, 96, 72, 3), 0);
    s.blobs[s.blob_count++] = (scene_blob){0.3, 0.3, 0.2, 0.3, 1, 0, 9, 1};
    uint8_t gray[96 * 72];
    uint64_t size;
    vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_I420, 96, 72);
    uint8_t *buffer = malloc(size);
    assert_non_null(buffer);
    int completed = 0;
    for (long fail_at = 0; fail_at < 40 && !completed; fail_at++) {
        vis_alloc_fail_after(fail_at);
        vision_crowd_options o;
        vision_crowd_options_init(&o);
        o.processing_width = 48;
        vision_crowd *crowd = NULL;
        int rc = vision_crowd_new(&crowd, &o);
        if (rc != VISION_OK) {
            assert_int_equal(rc, VISION_E_NO_MEMORY);
            assert_null(crowd);
            continue;
        }
        rc = vision_crowd_add_region(crowd, "all", whole, 4, NULL);
        assert_true(rc == VISION_OK || rc == VISION_E_NO_MEMORY);
        int all_ok = rc == VISION_OK;
        for (int i = 0; i < 4; i++) {
            scene_render(&s, gray, 96, NULL);
            vision_frame frame;
            scene_frame(&frame, buffer, size, VISION_PIXEL_FORMAT_I420, gray, 96, 72);
            rc = vision_crowd_process(crowd, &frame);
            assert_true(rc == VISION_OK || rc == VISION_E_NO_MEMORY);
            all_ok &= rc == VISION_OK;
        }
        vis_alloc_fail_after(-1);
        /* After the failures stop, the handle works. */
        scene_render(&s, gray, 96, NULL);
        vision_frame frame;
        scene_frame(&frame, buffer, size, VISION_PIXEL_FORMAT_I420, gray, 96, 72);
        assert_int_equal(vision_crowd_process(crowd, &frame), VISION_OK);
        assert_int_equal(vision_crowd_free(crowd), VISION_OK);
        completed = all_ok;
    }
    vis_alloc_fail_after(-1);
    assert_true(completed);
    free(buffer);
    scene_release(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_macros_match_functions),
        cmocka_unit_test(test_config_by_name),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_bad_regions),
        cmocka_unit_test(test_bad_frames),
        cmocka_unit_test(test_tiny_and_odd_sizes),
        cmocka_unit_test(test_reentrant_calls),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
