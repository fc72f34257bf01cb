/*
 * Crowd events: exact hysteresis counts, the dead band, cooldown, direction
 * events and their reset, timestamps and frame indices.
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

/* The left half of the frame; a still blob as wide as it and `share` of its
 * height gives occupancy `share` x 100. */
static const vision_crowd_point left[4] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};

static void set_block(rig *r, double share)
{
    r->s.blob_count = 1;
    scene_blob *b = &r->s.blobs[0];
    *b = (scene_blob){0, 0, 0.5, share, 0, 0, 77, 0};
}

static rig *new_rig(const vision_crowd_region_config *config)
{
    static rig r;
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.warmup_frames = 3;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, &o), 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "left", left, 4, config), VISION_OK);
    return &r;
}

static void dump(const rig *r)
{
    for (int i = 0; i < r->event_count; i++)
        print_message("event type %u level %d value %.2f angle %.1f frame %llu\n",
                      r->events[i].type, r->events[i].level, r->events[i].value,
                      r->events[i].angle, (unsigned long long)r->events[i].frame_index);
}

static void test_hysteresis_exact_counts(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c); /* occupancyNumFramesToEvent 5 */
    rig *r = new_rig(&c);
    assert_int_equal(rig_run(r, 10), VISION_OK);
    assert_int_equal(r->event_count, 0);
    set_block(r, 0.5); /* frame 10: occupancy 50 -> level 2 */
    assert_int_equal(rig_run(r, 20), VISION_OK);
    r->s.blob_count = 0; /* frame 30: empty again -> level 0 */
    assert_int_equal(rig_run(r, 20), VISION_OK);
    dump(r);
    assert_int_equal(rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, "left"), 2);
    /* The level differed for 5 analysed frames: 10, 11, 12, 13, 14. */
    const rig_event *up = &r->events[0], *down = &r->events[r->event_count - 1];
    assert_int_equal(up->type, VISION_CROWD_EVENT_OCCUPANCY);
    assert_int_equal(up->level, 2);
    assert_int_equal(up->frame_index, 14);
    assert_int_equal(up->pts_ns, 14 * 40000000LL);
    assert_true(fabs(up->value - 50) < 3);
    assert_string_equal(up->region, "left");
    assert_true(up->angle == -1);
    assert_int_equal(down->type, VISION_CROWD_EVENT_OCCUPANCY);
    assert_int_equal(down->level, 0);
    assert_int_equal(down->frame_index, 34);
    vision_crowd_result result = rig_result(r, "left");
    assert_int_equal(result.occupancy_level, 0);
    rig_free(r);

    /* With 1 frame to event, the level changes on the frame itself. */
    c.occupancy_num_frames_to_event = 1;
    r = new_rig(&c);
    assert_int_equal(rig_run(r, 10), VISION_OK);
    set_block(r, 0.66); /* level 3 */
    assert_int_equal(rig_run(r, 3), VISION_OK);
    assert_int_equal(rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, NULL), 1);
    assert_int_equal(r->events[0].frame_index, 10);
    assert_int_equal(r->events[0].level, 3);
    assert_int_equal(rig_result(r, "left").occupancy_level, 3);
    rig_free(r);
}

static void test_short_blip_fires_nothing(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    rig *r = new_rig(&c);
    assert_int_equal(rig_run(r, 10), VISION_OK);
    set_block(r, 0.5);
    assert_int_equal(rig_run(r, 4), VISION_OK); /* one frame short of 5 */
    r->s.blob_count = 0;
    assert_int_equal(rig_run(r, 20), VISION_OK);
    dump(r);
    assert_int_equal(rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, NULL), 0);
    rig_free(r);
}

/* A value oscillating around the med threshold (35) between 33.5 and 37. */
static int oscillate(double dead_band)
{
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.occupancy_num_frames_to_event = 1;
    c.dead_band = dead_band;
    rig *r = new_rig(&c);
    assert_int_equal(rig_run(r, 6), VISION_OK);
    set_block(r, 0.40);
    assert_int_equal(rig_run(r, 5), VISION_OK);
    assert_int_equal(rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, NULL), 1);
    for (int i = 0; i < 30; i++) {
        set_block(r, i % 2 ? 0.37 : 0.335);
        assert_int_equal(rig_step(r, 0), VISION_OK);
    }
    int events = rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, NULL);
    rig_free(r);
    return events;
}

static void test_dead_band_stops_flicker(void **state)
{
    (void)state;
    /* Without a dead band every frame changes the level... */
    assert_true(oscillate(0) >= 25);
    /* ...with 3 points it stays at level 2: only the first event. */
    assert_int_equal(oscillate(3), 1);
}

static void test_cooldown(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    c.occupancy_num_frames_to_event = 1;
    c.dead_band = 0;
    c.cooldown_frames = 6;
    rig *r = new_rig(&c);
    assert_int_equal(rig_run(r, 6), VISION_OK);
    for (int i = 0; i < 30; i++) {
        set_block(r, i % 2 ? 0.5 : 0.2);
        assert_int_equal(rig_step(r, 0), VISION_OK);
    }
    int events = rig_count(r, VISION_CROWD_EVENT_OCCUPANCY, NULL);
    for (int i = 1; i < r->event_count; i++)
        assert_true(r->events[i].frame_index - r->events[i - 1].frame_index >= 6);
    assert_true(events >= 4 && events <= 6);
    rig_free(r);
}

static void move_all(rig *r, double vx, double vy)
{
    for (int i = 0; i < r->s.blob_count; i++) {
        r->s.blobs[i].vx = vx;
        r->s.blobs[i].vy = vy;
    }
}

static void test_direction_events(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c); /* 3 frames to event, 3 to reset, 8 sectors */
    c.send_optical_flow_event = 1;
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.warmup_frames = 3;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, &o), 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, &c), VISION_OK);
    r.s.blobs[0] = (scene_blob){0.2, 0.2, 0.2, 0.4, 0, 0, 5, 0};
    r.s.blobs[1] = (scene_blob){0.5, 0.3, 0.15, 0.3, 0, 0, 6, 1};
    r.s.blob_count = 2;
    assert_int_equal(rig_run(&r, 8), VISION_OK);
    move_all(&r, 1.2, 0); /* right: 90 */
    assert_int_equal(rig_run(&r, 12), VISION_OK);
    move_all(&r, 0, 1.2); /* down: 180 */
    assert_int_equal(rig_run(&r, 12), VISION_OK);
    move_all(&r, 0, 0); /* stop: the state resets after 3 frames */
    assert_int_equal(rig_run(&r, 8), VISION_OK);
    move_all(&r, 0, -1.2); /* up: 0 */
    assert_int_equal(rig_run(&r, 10), VISION_OK);
    move_all(&r, 0, 0);
    assert_int_equal(rig_run(&r, 8), VISION_OK);
    move_all(&r, 0, -1.2); /* up again after a reset: reported again */
    assert_int_equal(rig_run(&r, 10), VISION_OK);
    dump(&r);
    double expected[] = {90, 180, 0, 0};
    int seen = 0;
    for (int i = 0; i < r.event_count; i++) {
        if (r.events[i].type != VISION_CROWD_EVENT_DIRECTION)
            continue;
        assert_true(seen < 4);
        assert_true(r.events[i].angle == expected[seen]);
        assert_int_equal(r.events[i].level, -1);
        assert_true(r.events[i].value > 0.8); /* the motion, px per frame */
        seen++;
    }
    assert_int_equal(seen, 4);
    /* The first right-moving frame is 8; it holds for frames 9, 10, 11
     * (the motion is seen from frame 9, the first frame that moved). */
    int first = -1;
    for (int i = 0; i < r.event_count && first < 0; i++)
        if (r.events[i].type == VISION_CROWD_EVENT_DIRECTION)
            first = (int)r.events[i].frame_index;
    assert_true(first >= 10 && first <= 11);
    rig_free(&r);
}

static void test_direction_events_off_and_offset(void **state)
{
    (void)state;
    vision_crowd_region_config quiet, turned;
    vision_crowd_region_config_init(&quiet); /* sendOpticalFlowEvent false */
    vision_crowd_region_config_init(&turned);
    turned.send_optical_flow_event = 1;
    turned.optical_flow_angle_offset = 90;
    turned.direction_sectors = 4;
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.warmup_frames = 3;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, &o), 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "quiet", rig_whole, 4, &quiet), VISION_OK);
    assert_int_equal(vision_crowd_add_region(r.crowd, "turned", rig_whole, 4, &turned), VISION_OK);
    r.s.blobs[0] = (scene_blob){0.2, 0.2, 0.2, 0.4, 1.2, 0, 5, 0};
    r.s.blob_count = 1;
    assert_int_equal(rig_run(&r, 20), VISION_OK);
    dump(&r);
    assert_int_equal(rig_count(&r, VISION_CROWD_EVENT_DIRECTION, "quiet"), 0);
    assert_int_equal(rig_count(&r, VISION_CROWD_EVENT_DIRECTION, "turned"), 1);
    for (int i = 0; i < r.event_count; i++)
        if (r.events[i].type == VISION_CROWD_EVENT_DIRECTION)
            assert_true(r.events[i].angle == 180); /* right (90) + 90 */
    /* The figures of the quiet region still carry the direction. */
    vision_crowd_result q = rig_result(&r, "quiet");
    assert_int_equal(q.has_direction, 1);
    assert_true(angle_difference(q.direction, 90) < 10);
    rig_free(&r);
}

static void test_fluidity_events(void **state)
{
    (void)state;
    vision_crowd_region_config c;
    vision_crowd_region_config_init(&c);
    vision_crowd_options o;
    vision_crowd_options_init(&o);
    o.warmup_frames = 3;
    rig r;
    assert_int_equal(rig_init(&r, 320, 240, VISION_PIXEL_FORMAT_GRAY8, &o), 0);
    assert_int_equal(vision_crowd_add_region(r.crowd, "all", rig_whole, 4, &c), VISION_OK);
    r.s.blobs[0] = (scene_blob){0.2, 0.2, 0.2, 0.4, 1.2, 0.3, 5, 1};
    r.s.blob_count = 1;
    assert_int_equal(rig_run(&r, 20), VISION_OK);
    r.s.blobs[0].vx = r.s.blobs[0].vy = 0;
    assert_int_equal(rig_run(&r, 20), VISION_OK);
    dump(&r);
    /* Up to a high level while it moves, back to 0 once it stops. */
    assert_true(rig_count(&r, VISION_CROWD_EVENT_FLUIDITY, "all") >= 2);
    const rig_event *last = NULL;
    for (int i = 0; i < r.event_count; i++)
        if (r.events[i].type == VISION_CROWD_EVENT_FLUIDITY)
            last = &r.events[i];
    assert_non_null(last);
    assert_int_equal(last->level, 0);
    rig_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hysteresis_exact_counts),
        cmocka_unit_test(test_short_blip_fires_nothing),
        cmocka_unit_test(test_dead_band_stops_flicker),
        cmocka_unit_test(test_cooldown),
        cmocka_unit_test(test_direction_events),
        cmocka_unit_test(test_direction_events_off_and_offset),
        cmocka_unit_test(test_fluidity_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
