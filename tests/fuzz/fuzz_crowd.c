/*
 * Fuzz target: a crowd handle driven by a stream of operations read from
 * the input: frames of any format and size (valid most of the time, ending
 * at guard pages), regions with random polygons (degenerate, NaN, infinite,
 * huge, self-crossing, hundreds of points), config changes by struct and by
 * name mid-stream, removals, overlays and result reads. Every call must
 * return a documented code; the handle must stay usable throughout.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_frames.h"
#include <vision/vision.h>

/* Frames are small so that a run does many inputs; sizes past this follow
 * the same paths. */
#define FUZZ_MAX_DIMENSION 96u
#define FUZZ_MAX_OPS 48
#define FUZZ_MAX_POINTS 300

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int rc)
{
    if (rc > 0 || rc < VISION_E_INTERNAL)
        abort(); /* not a documented code */
    if (rc == VISION_E_INTERNAL)
        abort(); /* a library bug by definition */
}

static double fuzz_coordinate(fuzz_input *in)
{
    uint8_t kind = fuzz_u8(in);
    switch (kind >> 5) {
    case 0:
        return fuzz_double(in); /* anything: NaN, inf, huge, subnormal */
    case 1:
        return (double)(int8_t)fuzz_u8(in) / 64.0; /* around 0..1, some outside */
    default:
        return (double)fuzz_u8(in) / 255.0; /* inside */
    }
}

static void fuzz_config(fuzz_input *in, vision_crowd_region_config *c)
{
    vision_crowd_region_config_init(c);
    uint8_t which = fuzz_u8(in);
    if (which & 1) {
        c->occupancy_level_min = (double)(int8_t)fuzz_u8(in);
        c->occupancy_level_med = (double)(int8_t)fuzz_u8(in);
        c->occupancy_level_max = (double)(int8_t)fuzz_u8(in);
    }
    if (which & 2) {
        c->fluidity_level_min = fuzz_u8(in) / 2.0;
        c->fluidity_level_med = fuzz_u8(in) / 2.0;
        c->fluidity_level_max = fuzz_u8(in) / 2.0;
    }
    if (which & 4) {
        c->occupancy_num_frames_to_event = (int8_t)fuzz_u8(in);
        c->fluidity_num_frames_to_event = (int8_t)fuzz_u8(in);
        c->optical_flow_num_frames_to_event = (int8_t)fuzz_u8(in);
        c->optical_flow_num_frames_to_reset = (int8_t)fuzz_u8(in);
        c->cooldown_frames = (int8_t)fuzz_u8(in);
    }
    if (which & 8) {
        c->send_optical_flow_event = fuzz_u8(in) & 1;
        c->direction_sectors = (int8_t)fuzz_u8(in) % 10;
    }
    if (which & 16)
        c->optical_flow_angle_offset = fuzz_double(in);
    if (which & 32)
        c->dead_band = fuzz_double(in);
    if (which & 64)
        c->min_motion = fuzz_double(in);
    if (which & 128)
        c->version = fuzz_u8(in) % 3;
}

static void on_event(const vision_crowd_event *event, void *user_data)
{
    vision_crowd *crowd = user_data;
    if (!event || !event->region_id || event->type < 1 || event->type > 3)
        abort();
    if (event->type != VISION_CROWD_EVENT_DIRECTION && (event->level < 0 || event->level > 3))
        abort();
    if (event->type == VISION_CROWD_EVENT_DIRECTION && !(event->angle >= 0 && event->angle < 360))
        abort(); /* documented as [0, 360) */
    /* Calls that change the handle are refused from here. */
    if (vision_crowd_process(crowd, NULL) != VISION_E_REENTRANT ||
        vision_crowd_remove_region(crowd, event->region_id) != VISION_E_REENTRANT)
        abort();
    vision_crowd_result result = VISION_CROWD_RESULT_INIT;
    check(vision_crowd_get_result(&result, crowd, event->region_id));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    vision_crowd_options options = VISION_CROWD_OPTIONS_INIT;
    uint8_t o = fuzz_u8(&in);
    options.processing_width = (o & 3) == 0 ? 0 : (o & 3) == 1 ? 16 : (o & 3) == 2 ? 32 : 320;
    options.analyse_every = 1 + ((o >> 2) & 1);
    options.warmup_frames = 1 + ((o >> 3) & 3);
    if (o & 0x20)
        options.foreground_threshold = 1 + fuzz_u8(&in);
    if (o & 0x40)
        options.global_change_fraction = (fuzz_u8(&in) + 1) / 256.0;
    if (o & 0x80)
        options.background_time = 2 + fuzz_u8(&in);
    vision_crowd *crowd = NULL;
    int rc = vision_crowd_new(&crowd, &options);
    check(rc);
    if (rc != VISION_OK)
        return 0;
    check(vision_crowd_set_callback(crowd, on_event, crowd));

    static vision_crowd_point points[FUZZ_MAX_POINTS];
    char id[80], name[64], value[64];
    for (int op = 0; op < FUZZ_MAX_OPS && in.size; op++) {
        uint8_t kind = fuzz_u8(&in);
        switch (kind % 8) {
        case 0:
        case 1: { /* add or update a region */
            snprintf(id, sizeof id, "r%u", fuzz_u8(&in) % 6u);
            if (kind & 0x80)
                fuzz_string(&in, id, sizeof id);
            size_t count = fuzz_u8(&in);
            if (kind & 0x40)
                count = count * 2 % FUZZ_MAX_POINTS;
            else
                count %= 9;
            for (size_t i = 0; i < count; i++) {
                points[i].x = fuzz_coordinate(&in);
                points[i].y = fuzz_coordinate(&in);
            }
            vision_crowd_region_config config;
            fuzz_config(&in, &config);
            const vision_crowd_region_config *c = (kind & 0x20) ? &config : NULL;
            const vision_crowd_point *p = (kind & 0x10) && kind % 8 == 1 ? NULL : points;
            if (kind % 8 == 0)
                check(vision_crowd_add_region(crowd, id, p, count, c));
            else
                check(vision_crowd_update_region(crowd, id, p, count, c));
            break;
        }
        case 2: /* remove */
            snprintf(id, sizeof id, "r%u", fuzz_u8(&in) % 6u);
            check(vision_crowd_remove_region(crowd, id));
            break;
        case 3:
        case 4: { /* process a frame */
            fuzz_frame f;
            if (fuzz_frame_make(&f, &in, FUZZ_MAX_DIMENSION) == 0) {
                if (kind & 0x80)
                    f.frame.flags = VISION_FRAME_FLAG_DISCONTINUITY;
                f.frame.pts_ns = op;
                check(vision_crowd_process(crowd, &f.frame));
            }
            fuzz_frame_release(&f);
            break;
        }
        case 5: { /* overlay */
            fuzz_frame f;
            if (fuzz_frame_make(&f, &in, FUZZ_MAX_DIMENSION) == 0)
                check(vision_crowd_draw(crowd, &f.frame));
            fuzz_frame_release(&f);
            break;
        }
        case 6: { /* a config field by name, then applied */
            vision_crowd_region_config config = VISION_CROWD_REGION_CONFIG_INIT;
            const char *known = vision_crowd_region_config_name(fuzz_u8(&in) % 20u);
            if (known && !(kind & 0x80))
                snprintf(name, sizeof name, "%s", known);
            else
                fuzz_string(&in, name, sizeof name);
            fuzz_string(&in, value, sizeof value);
            check(vision_crowd_region_config_set(&config, name, value));
            snprintf(id, sizeof id, "r%u", fuzz_u8(&in) % 6u);
            check(vision_crowd_update_region(crowd, id, NULL, 0, &config));
            break;
        }
        default: { /* read results */
            size_t count = 0;
            check(vision_crowd_region_count(&count, crowd));
            for (size_t i = 0; i <= count; i++) {
                vision_crowd_result result = VISION_CROWD_RESULT_INIT;
                rc = vision_crowd_get_result_at(&result, crowd, i);
                check(rc);
                if (rc == VISION_OK &&
                    (!(result.occupancy >= 0 && result.occupancy <= 100) ||
                     !(result.fluidity >= 0 && result.fluidity <= 100) ||
                     result.moving_pixels > result.foreground_pixels ||
                     (result.has_direction && !(result.direction >= 0 && result.direction < 360)) ||
                     result.foreground_pixels > result.region_pixels))
                    abort(); /* figures out of their documented range */
            }
            break;
        }
        }
    }
    check(vision_crowd_free(crowd));
    return 0;
}
