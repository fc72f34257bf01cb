/*
 * Crowd figures against known truth: synthetic scenes of textured blobs
 * moving at known velocities over a textured background, with noise and
 * lighting drift.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "crowd_rig.h"

static void add_blob(scene *s, double x, double y, double w, double h, double vx, double vy)
{
    scene_blob *b = &s->blobs[s->blob_count];
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = h;
    b->vx = vx;
    b->vy = vy;
    b->seed = 1000 + (uint32_t)s->blob_count;
    b->ellipse = s->blob_count % 2;
    s->blob_count++;
}

/* Let the handle learn the empty scene for `frames` frames, then let the
 * blobs in (the background behind a crowd present from the first frame is
 * unknown until the crowd moves off it; see test_crowd_present_at_start). */
static void learn_empty(rig *r, int frames)
{
    int count = r->s.blob_count;
    r->s.blob_count = 0;
    assert_int_equal(rig_run(r, frames), VISION_OK);
    r->s.blob_count = count;
}

/* Occupancy truth of the frame last rendered, in %. */
static double truth(const rig *r, const vision_crowd_point *points, size_t count)
{
    return 100.0 * scene_mask_share(r->mask, r->width, r->height, points, count);
}

static void test_occupancy_matches_truth(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 640, 480, VISION_PIXEL_FORMAT_BGR, NULL), 0);
    r.s.drift = 0.1; /* slow lighting drift */
    add_blob(&r.s, 0.10, 0.20, 0.12, 0.30, 0.8, 0.1);
    add_blob(&r.s, 0.40, 0.50, 0.10, 0.35, -0.6, -0.2);
    add_blob(&r.s, 0.65, 0.15, 0.15, 0.25, 0.3, 0.6);
    static const vision_crowd_point left[4] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    assert_int_equal(vision_crowd_add_region(r.crowd, "left", left, 4, NULL), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 5), VISION_OK);
    for (int i = 0; i < 40; i++) {
        assert_int_equal(rig_step(&r, 0), VISION_OK);
        vision_crowd_result all = rig_result(&r, "all"), half = rig_result(&r, "left");
        assert_int_equal(all.valid, 1);
        assert_int_equal(all.warming_up, 0);
        if (fabs(all.occupancy - truth(&r, rig_whole, 4)) >= 5 ||
            fabs(half.occupancy - truth(&r, left, 4)) >= 5)
            print_error("frame %d: all %.2f (truth %.2f), left %.2f (truth %.2f), fluidity %.1f\n",
                        r.frames, all.occupancy, truth(&r, rig_whole, 4), half.occupancy,
                        truth(&r, left, 4), all.fluidity);
        assert_true(fabs(all.occupancy - truth(&r, rig_whole, 4)) < 5);
        assert_true(fabs(half.occupancy - truth(&r, left, 4)) < 5);
        assert_true(all.occupancy <= 100 && half.occupancy <= 100);
        assert_int_equal(all.region_pixels, 320 * 240);
        assert_int_equal(half.region_pixels, 160 * 240);
    }
    rig_free(&r);
}

static void test_occupancy_never_over_100(void **state)
{
    (void)state;
    /* A triangle full of crowd: Kurento counted over the bounding box. */
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    static const vision_crowd_point triangle[3] = {{0.3, 0.3}, {0.6, 0.3}, {0.3, 0.6}};
    assert_int_equal(vision_crowd_add_region(r.crowd, "t", triangle, 3, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 12), VISION_OK);
    add_blob(&r.s, 0.2, 0.2, 0.5, 0.5, 0.2, 0);
    assert_int_equal(rig_run(&r, 20), VISION_OK);
    vision_crowd_result t = rig_result(&r, "t");
    assert_true(t.occupancy > 95);
    assert_true(t.occupancy <= 100);
    rig_free(&r);
}

static void check_direction(double heading, double offset)
{
    rig r;
    assert_int_equal(rig_init(&r, 480, 360, VISION_PIXEL_FORMAT_BGR, NULL), 0);
    double speed = 1.5, vx = speed * sin(heading * M_PI / 180),
           vy = -speed * cos(heading * M_PI / 180);
    /* Blobs start on the side they come from, so they stay in view. */
    double sx = -vx / speed * 0.15, sy = -vy / speed * 0.15;
    add_blob(&r.s, 0.30 + sx, 0.30 + sy, 0.14, 0.30, vx, vy);
    add_blob(&r.s, 0.55 + sx, 0.40 + sy, 0.12, 0.25, vx, vy);
    add_blob(&r.s, 0.40 + sx, 0.10 + sy, 0.10, 0.20, vx, vy);
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.optical_flow_angle_offset = offset;
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, &c), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 2), VISION_OK);
    double expected = fmod(heading + offset + 360, 360);
    for (int i = 0; i < 20; i++) {
        assert_int_equal(rig_step(&r, 0), VISION_OK);
        vision_crowd_result all = rig_result(&r, "all");
        if (!all.has_direction || angle_difference(all.direction, expected) > 10)
            print_error("heading %g offset %g frame %d: direction %g (has %d), motion %g\n",
                        heading, offset, r.frames, all.direction, all.has_direction, all.motion);
        assert_int_equal(all.has_direction, 1);
        assert_true(all.direction >= 0 && all.direction < 360);
        assert_true(angle_difference(all.direction, expected) <= 10);
        assert_true(fabs(all.motion - speed) < 0.5);
    }
    rig_free(&r);
}

static void test_direction_eight_ways(void **state)
{
    (void)state;
    for (int k = 0; k < 8; k++)
        check_direction(45.0 * k, 0);
}

static void test_direction_with_offset(void **state)
{
    (void)state;
    /* The offset turns the zero axis counterclockwise: reported = measured + offset. */
    check_direction(0, 90);
    check_direction(90, 30);
    check_direction(225, -45);
    check_direction(315, 400);
}

/* A person counts for the region its box centre is in: a tall walker
 * whose feet reach into the region below does not steer that region's
 * direction, which follows the smaller, slower walker that is in it. */
static void test_direction_of_people_in_region(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 480, 360, VISION_PIXEL_FORMAT_BGR, NULL), 0);
    add_blob(&r.s, 0.15, 0.20, 0.12, 0.36, 2.5, 0);  /* top, reaching to 0.56 */
    add_blob(&r.s, 0.70, 0.70, 0.06, 0.12, -1.0, 0); /* bottom, small and slow */
    static const vision_crowd_point top[] = {{0, 0}, {1, 0}, {1, 0.5}, {0, 0.5}};
    static const vision_crowd_point bottom[] = {{0, 0.5}, {1, 0.5}, {1, 1}, {0, 1}};
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    assert_int_equal(vision_crowd_add_region(r.crowd, "top", top, 4, &c), VISION_OK);
    assert_int_equal(vision_crowd_add_region(r.crowd, "bottom", bottom, 4, &c), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 3), VISION_OK);
    int right = 0;
    for (int i = 0; i < 15; i++) {
        assert_int_equal(rig_step(&r, 0), VISION_OK);
        vision_crowd_result t = rig_result(&r, "top"), b = rig_result(&r, "bottom");
        assert_int_equal(t.has_direction, 1);
        assert_true(angle_difference(t.direction, 90) <= 20);
        right += b.has_direction && angle_difference(b.direction, 270) <= 30;
    }
    assert_true(right >= 13);
    rig_free(&r);
}

static void test_fluidity_moving_then_stopped(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    add_blob(&r.s, 0.2, 0.3, 0.15, 0.35, 1.2, 0.3);
    add_blob(&r.s, 0.6, 0.3, 0.12, 0.30, -1.0, 0.5);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 15), VISION_OK);
    vision_crowd_result moving = rig_result(&r, "all");
    assert_true(moving.fluidity > 60);
    assert_int_equal(moving.has_direction, 1);
    for (int i = 0; i < r.s.blob_count; i++)
        r.s.blobs[i].vx = r.s.blobs[i].vy = 0;
    assert_int_equal(rig_run(&r, 3), VISION_OK);
    for (int i = 0; i < 30; i++) {
        assert_int_equal(rig_step(&r, 0), VISION_OK);
        vision_crowd_result stopped = rig_result(&r, "all");
        assert_true(stopped.fluidity < 5);
        assert_true(stopped.occupancy > 0.8 * truth(&r, rig_whole, 4));
        /* "No motion" is its own state, not 0 degrees. */
        assert_int_equal(stopped.has_direction, 0);
        assert_true(stopped.direction == -1);
    }
    rig_free(&r);
}

static void test_empty_region_has_zero_fluidity(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 30), VISION_OK);
    vision_crowd_result all = rig_result(&r, "all");
    assert_true(all.occupancy < 1);
    assert_true(all.fluidity == 0 || all.foreground_pixels > 0);
    assert_int_equal(all.has_direction, 0);
    assert_int_equal(r.event_count, 0);
    rig_free(&r);
}

static void test_brightness_step_fires_no_event(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    add_blob(&r.s, 0.3, 0.3, 0.2, 0.4, 0.5, 0);
    add_blob(&r.s, 0.6, 0.2, 0.15, 0.3, -0.4, 0.2);
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.send_optical_flow_event = 1;
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, &c), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 20), VISION_OK);
    int before = r.event_count;
    assert_true(before > 0); /* the crowd arrived: level events */
    r.s.light += 45;         /* the light is switched on */
    assert_int_equal(rig_step(&r, 0), VISION_OK);
    assert_int_equal(rig_result(&r, "all").warming_up, 1);
    assert_int_equal(rig_run(&r, 40), VISION_OK);
    for (int i = before; i < r.event_count; i++)
        print_error("unexpected event type %u level %d at frame %llu\n", r.events[i].type,
                    r.events[i].level, (unsigned long long)r.events[i].frame_index);
    assert_int_equal(r.event_count, before);
    vision_crowd_result all = rig_result(&r, "all");
    assert_int_equal(all.warming_up, 0);
    assert_true(fabs(all.occupancy - truth(&r, rig_whole, 4)) < 5);
    rig_free(&r);
}

static void test_regions_change_mid_stream(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 640, 480, VISION_PIXEL_FORMAT_I420, NULL), 0);
    add_blob(&r.s, 0.1, 0.3, 0.2, 0.4, 0.4, 0);
    add_blob(&r.s, 0.6, 0.3, 0.15, 0.3, -0.3, 0.1);
    assert_int_equal(vision_crowd_add_region(r.crowd, "a", rig_whole, 4, NULL), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 3), VISION_OK);

    static const vision_crowd_point left[4] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};
    static const vision_crowd_point right[4] = {{0.5, 0}, {1, 0}, {1, 1}, {0.5, 1}};
    assert_int_equal(vision_crowd_add_region(r.crowd, "b", left, 4, NULL), VISION_OK);
    assert_int_equal(rig_result(&r, "b").valid, 0);
    assert_int_equal(rig_step(&r, 0), VISION_OK);
    vision_crowd_result b = rig_result(&r, "b");
    assert_int_equal(b.valid, 1);
    assert_true(fabs(b.occupancy - truth(&r, left, 4)) < 5);

    /* Reshape "a": its figures restart and follow the new shape. */
    assert_int_equal(vision_crowd_update_region(r.crowd, "a", right, 4, NULL), VISION_OK);
    assert_int_equal(rig_result(&r, "a").valid, 0);
    assert_int_equal(rig_step(&r, 0), VISION_OK);
    vision_crowd_result a = rig_result(&r, "a");
    assert_int_equal(a.valid, 1);
    assert_int_equal(a.region_pixels, 160 * 240);
    assert_true(fabs(a.occupancy - truth(&r, right, 4)) < 5);

    /* Config only: the shape and figures stay. */
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.occupancy_level_min = 5;
    assert_int_equal(vision_crowd_update_region(r.crowd, "a", NULL, 0, &c), VISION_OK);
    assert_int_equal(rig_result(&r, "a").valid, 1);

    assert_int_equal(vision_crowd_remove_region(r.crowd, "b"), VISION_OK);
    vision_crowd_result gone;
    vision_crowd_result_init(&gone);
    assert_int_equal(vision_crowd_get_result(&gone, r.crowd, "b"), VISION_E_NOT_FOUND);
    assert_int_equal(rig_run(&r, 3), VISION_OK);
    assert_int_equal(vision_crowd_add_region(r.crowd, "b", left, 4, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 2), VISION_OK);
    size_t count;
    assert_int_equal(vision_crowd_region_count(&count, r.crowd), VISION_OK);
    assert_int_equal(count, 2);
    assert_int_equal(rig_result(&r, "b").valid, 1);
    rig_free(&r);
}

static void test_concave_region(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    /* A U: two arms joined at the top; the notch between them is outside. */
    static const vision_crowd_point u[8] = {{0.1, 0.1}, {0.9, 0.1}, {0.9, 0.9}, {0.7, 0.9},
                                            {0.7, 0.3}, {0.3, 0.3}, {0.3, 0.9}, {0.1, 0.9}};
    assert_int_equal(vision_crowd_add_region(r.crowd, "u", u, 8, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 12), VISION_OK);
    /* A crowd in the notch only. */
    add_blob(&r.s, 0.38, 0.45, 0.24, 0.4, 0.1, 0);
    assert_int_equal(rig_run(&r, 10), VISION_OK);
    vision_crowd_result in_notch = rig_result(&r, "u");
    assert_true(in_notch.occupancy < 2);
    /* And one in the left arm. */
    add_blob(&r.s, 0.12, 0.35, 0.16, 0.5, 0, 0.1);
    assert_int_equal(rig_run(&r, 10), VISION_OK);
    vision_crowd_result in_arm = rig_result(&r, "u");
    double expected = truth(&r, u, 8);
    assert_true(expected > 10);
    assert_true(fabs(in_arm.occupancy - expected) < 5);
    /* Pixels: the U's area (0.8*0.8 - 0.4*0.6 = 0.40 of the frame). */
    assert_true(fabs(in_arm.region_pixels / (320.0 * 240) - 0.40) < 0.01);
    rig_free(&r);
}

static void test_every_format_like_bgr(void **state)
{
    (void)state;
    static const uint32_t formats[] = {
        VISION_PIXEL_FORMAT_BGR,  VISION_PIXEL_FORMAT_GRAY8, VISION_PIXEL_FORMAT_RGB,
        VISION_PIXEL_FORMAT_RGBA, VISION_PIXEL_FORMAT_BGRA,  VISION_PIXEL_FORMAT_ARGB,
        VISION_PIXEL_FORMAT_ABGR, VISION_PIXEL_FORMAT_RGBX,  VISION_PIXEL_FORMAT_BGRX,
        VISION_PIXEL_FORMAT_XRGB, VISION_PIXEL_FORMAT_XBGR,  VISION_PIXEL_FORMAT_I420,
        VISION_PIXEL_FORMAT_YV12, VISION_PIXEL_FORMAT_NV12,  VISION_PIXEL_FORMAT_NV21,
        VISION_PIXEL_FORMAT_YUY2, VISION_PIXEL_FORMAT_UYVY,  VISION_PIXEL_FORMAT_GRAY16_LE};
    vision_crowd_result reference = VISION_CROWD_RESULT_INIT;
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        rig r;
        assert_int_equal(rig_init(&r, 480, 360, formats[f], NULL), 0);
        add_blob(&r.s, 0.2, 0.3, 0.15, 0.35, 1.0, 0.2);
        add_blob(&r.s, 0.6, 0.3, 0.12, 0.30, 0.8, -0.3);
        assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
        learn_empty(&r, 12);
        assert_int_equal(rig_run(&r, 13), VISION_OK);
        vision_crowd_result result = rig_result(&r, "all");
        if (f == 0) {
            reference = result;
        } else {
            if (fabs(result.occupancy - reference.occupancy) >= 2 ||
                fabs(result.fluidity - reference.fluidity) >= 10 ||
                angle_difference(result.direction, reference.direction) > 10)
                print_error("%s: occupancy %g fluidity %g direction %g; BGR %g %g %g\n",
                            vision_pixel_format_name(formats[f]), result.occupancy, result.fluidity,
                            result.direction, reference.occupancy, reference.fluidity,
                            reference.direction);
            assert_true(fabs(result.occupancy - reference.occupancy) < 2);
            assert_true(fabs(result.fluidity - reference.fluidity) < 10);
            assert_int_equal(result.has_direction, reference.has_direction);
            assert_true(angle_difference(result.direction, reference.direction) <= 10);
        }
        rig_free(&r);
    }
}

static void test_size_format_change_and_discontinuity(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 640, 480, VISION_PIXEL_FORMAT_BGR, NULL), 0);
    add_blob(&r.s, 0.05, 0.3, 0.15, 0.4, 2.0, 0);
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.send_optical_flow_event = 1;
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, &c), VISION_OK);
    learn_empty(&r, 12);
    assert_int_equal(rig_run(&r, 8), VISION_OK);
    int before = r.event_count;

    /* The stream continues at another size and format: the background is
     * learnt again, with the crowd in it, and no event fires meanwhile. */
    assert_int_equal(rig_reformat(&r, 352, 288, VISION_PIXEL_FORMAT_NV12), 0);
    assert_int_equal(rig_step(&r, 0), VISION_OK);
    vision_crowd_result all = rig_result(&r, "all");
    assert_int_equal(all.warming_up, 1);
    assert_int_equal(all.region_pixels, 320 * 262);
    assert_int_equal(rig_run(&r, 9), VISION_OK);
    assert_int_equal(r.event_count, before);
    /* Once the crowd has moved off the place it had (48 px at 2 px per
     * frame) the figures follow the truth again. */
    assert_int_equal(rig_run(&r, 30), VISION_OK);
    all = rig_result(&r, "all");
    assert_int_equal(all.warming_up, 0);
    assert_true(fabs(all.occupancy - truth(&r, rig_whole, 4)) < 5);

    /* A discontinuity restarts the learning too. */
    before = r.event_count;
    assert_int_equal(rig_step(&r, VISION_FRAME_FLAG_DISCONTINUITY), VISION_OK);
    assert_int_equal(rig_result(&r, "all").warming_up, 1);
    assert_int_equal(rig_run(&r, 9), VISION_OK);
    assert_int_equal(r.event_count, before);
    rig_free(&r);
}

static void test_crowd_present_at_start(void **state)
{
    (void)state;
    /* People in the first frame: once they have moved off the place they
     * had, the place they left is not counted as crowd (ghosts are eaten). */
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, NULL), 0);
    r.s.blob_count = 0;
    add_blob(&r.s, 0.1, 0.2, 0.1, 0.3, 2.0, 0);
    add_blob(&r.s, 0.7, 0.5, 0.1, 0.3, -2.0, 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 60), VISION_OK);
    vision_crowd_result all = rig_result(&r, "all");
    if (fabs(all.occupancy - truth(&r, rig_whole, 4)) >= 5)
        print_error("occupancy %.2f, truth %.2f\n", all.occupancy, truth(&r, rig_whole, 4));
    assert_true(fabs(all.occupancy - truth(&r, rig_whole, 4)) < 5);
    rig_free(&r);
}

static void test_analyse_every_nth(void **state)
{
    (void)state;
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.analyse_every = 3;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, &o), 0);
    add_blob(&r.s, 0.3, 0.3, 0.2, 0.4, 0.5, 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    assert_int_equal(rig_run(&r, 10), VISION_OK);
    /* Frames 0, 3, 6, 9 were analysed. */
    assert_int_equal(rig_result(&r, "all").frame_index, 9);
    assert_int_equal(rig_run(&r, 2), VISION_OK);
    assert_int_equal(rig_result(&r, "all").frame_index, 9);
    rig_free(&r);
}

/* A walker casting a shadow as large as itself on the ground below it: the
 * shadow darkens the textured ground by one factor (0.7) and is not a
 * person, so occupancy follows the walker alone. */
static void test_shadow_not_counted(void **state)
{
    (void)state;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_BGR, NULL), 0);
    add_blob(&r.s, 0.20, 0.20, 0.14, 0.30, 0.8, 0.0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, NULL), VISION_OK);
    learn_empty(&r, 12);
    double worst = 0;
    for (int i = 0; i < 30; i++) {
        scene_render(&r.s, r.gray, (size_t)r.width, r.mask);
        const scene_blob *b = &r.s.blobs[0];
        int x0 = (int)lround(b->x * r.width), x1 = (int)lround((b->x + b->w) * r.width);
        int y0 = (int)lround((b->y + b->h) * r.height) + 1;
        int y1 = (int)lround((b->y + 1.9 * b->h) * r.height);
        double shadow = 0;
        for (int y = y0; y < y1 && y < r.height; y++)
            for (int x = x0 < 0 ? 0 : x0; x < x1 && x < r.width; x++) {
                uint8_t *p = &r.gray[(size_t)y * r.width + x];
                *p = (uint8_t)lrint(*p * 0.7);
                shadow++;
            }
        vision_frame frame;
        assert_int_equal(scene_frame(&frame, r.buffer, r.size, r.format, r.gray, r.width, r.height),
                         VISION_OK);
        frame.pts_ns = (int64_t)r.frames++ * 40000000;
        assert_int_equal(vision_crowd_process(r.crowd, &frame), VISION_OK);
        scene_step(&r.s);
        vision_crowd_result all = rig_result(&r, "all");
        double want = truth(&r, rig_whole, 4);
        /* The shadow alone is most of the walker's size again. */
        assert_true(100.0 * shadow / (r.width * r.height) > 0.8 * want);
        if (fabs(all.occupancy - want) > worst)
            worst = fabs(all.occupancy - want);
        if (fabs(all.occupancy - want) >= 2)
            print_error("frame %d: occupancy %.2f, walker %.2f, shadow %.2f\n", r.frames,
                        all.occupancy, want, 100.0 * shadow / (r.width * r.height));
        assert_true(fabs(all.occupancy - want) < 2);
    }
    rig_free(&r);
}

static void test_overlay(void **state)
{
    (void)state;
    static const uint32_t formats[] = {VISION_PIXEL_FORMAT_BGR,  VISION_PIXEL_FORMAT_BGRX,
                                       VISION_PIXEL_FORMAT_RGB,  VISION_PIXEL_FORMAT_RGBX,
                                       VISION_PIXEL_FORMAT_I420, VISION_PIXEL_FORMAT_NV12};
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++) {
        rig r;
        assert_int_equal(rig_init(&r, 320, 240, formats[f], NULL), 0);
        r.s.noise = 0;
        add_blob(&r.s, 0.3, 0.3, 0.2, 0.4, 1.0, 0);
        static const vision_crowd_point box[4] = {{0.1, 0.1}, {0.9, 0.1}, {0.9, 0.9}, {0.1, 0.9}};
        assert_int_equal(vision_crowd_add_region(r.crowd, "box", box, 4, NULL), VISION_OK);
        learn_empty(&r, 12);
        assert_int_equal(rig_run(&r, 3), VISION_OK);
        /* Draw into a fresh frame of the last picture. */
        vision_frame frame;
        assert_int_equal(scene_frame(&frame, r.buffer, r.size, r.format, r.gray, r.width, r.height),
                         VISION_OK);
        uint8_t *before = malloc(r.size);
        memcpy(before, r.buffer, r.size);
        assert_int_equal(vision_crowd_draw(r.crowd, &frame), VISION_OK);
        /* The outline's corner (32, 24) is painted; a background pixel far
         * from everything is not. */
        size_t changed = 0;
        for (uint64_t i = 0; i < r.size; i++)
            changed += before[i] != r.buffer[i];
        assert_true(changed > 1000);
        if (formats[f] == VISION_PIXEL_FORMAT_BGR) {
            const uint8_t *corner = r.buffer + (size_t)24 * 320 * 3 + 32 * 3;
            assert_int_equal(corner[1], 255); /* green outline */
            assert_int_equal(corner[0], 0);
            const uint8_t *blob = r.buffer + (size_t)(240 / 2) * 320 * 3 + (size_t)(0.45 * 320) * 3;
            assert_true(blob[0] > blob[2]); /* moving crowd: blue */
            const uint8_t *far = r.buffer + (size_t)200 * 320 * 3 + 280 * 3;
            const uint8_t *far_before = before + (size_t)200 * 320 * 3 + 280 * 3;
            assert_memory_equal(far, far_before, 3);
        }
        free(before);
        rig_free(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_occupancy_matches_truth),
        cmocka_unit_test(test_occupancy_never_over_100),
        cmocka_unit_test(test_direction_eight_ways),
        cmocka_unit_test(test_direction_with_offset),
        cmocka_unit_test(test_direction_of_people_in_region),
        cmocka_unit_test(test_fluidity_moving_then_stopped),
        cmocka_unit_test(test_empty_region_has_zero_fluidity),
        cmocka_unit_test(test_brightness_step_fires_no_event),
        cmocka_unit_test(test_regions_change_mid_stream),
        cmocka_unit_test(test_concave_region),
        cmocka_unit_test(test_every_format_like_bgr),
        cmocka_unit_test(test_size_format_change_and_discontinuity),
        cmocka_unit_test(test_crowd_present_at_start),
        cmocka_unit_test(test_analyse_every_nth),
        cmocka_unit_test(test_shadow_not_counted),
        cmocka_unit_test(test_overlay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
