/*
 * Test rig: a synthetic scene feeding a crowd handle, with an event log.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef CROWD_RIG_H
#define CROWD_RIG_H

#include <stdlib.h>
#include <string.h>

#include <vision/vision.h>

#include "crowd_scene.h"

#define RIG_MAX_EVENTS 256

typedef struct rig_event {
    uint32_t type;
    char region[VISION_CROWD_REGION_ID_MAX + 1];
    double value, angle;
    int level;
    int64_t pts_ns;
    uint64_t frame_index;
} rig_event;

typedef struct rig {
    scene s;
    int width, height;
    uint32_t format;
    uint8_t *gray, *mask, *buffer;
    uint64_t size;
    vision_crowd *crowd;
    int frames;
    int event_count;
    rig_event events[RIG_MAX_EVENTS];
} rig;

static inline void rig_on_event(const vision_crowd_event *event, void *user_data)
{
    rig *r = user_data;
    if (r->event_count >= RIG_MAX_EVENTS)
        return;
    rig_event *e = &r->events[r->event_count++];
    e->type = event->type;
    strncpy(e->region, event->region_id, sizeof e->region - 1);
    e->region[sizeof e->region - 1] = '\0';
    e->value = event->value;
    e->angle = event->angle;
    e->level = event->level;
    e->pts_ns = event->pts_ns;
    e->frame_index = event->frame_index;
}

/* A rig with a scene of width x height (seed 1, noise 3) and a handle
 * (options may be NULL). Returns 0 on success. */
static inline int rig_init(rig *r, int width, int height, uint32_t format,
                           const vision_crowd_options *options)
{
    memset(r, 0, sizeof *r);
    r->width = width;
    r->height = height;
    r->format = format;
    if (scene_init(&r->s, width, height, 1) != 0)
        return -1;
    if (vision_pixel_format_buffer_size(&r->size, format, (uint32_t)width, (uint32_t)height) !=
        VISION_OK)
        return -1;
    r->gray = malloc((size_t)width * height);
    r->mask = malloc((size_t)width * height);
    r->buffer = malloc(r->size);
    if (!r->gray || !r->mask || !r->buffer)
        return -1;
    if (vision_crowd_new(&r->crowd, options) != VISION_OK)
        return -1;
    return vision_crowd_set_callback(r->crowd, rig_on_event, r);
}

/* Change the frame format (and size) mid-stream; the scene is rebuilt at
 * the new size with the same blobs. */
static inline int rig_reformat(rig *r, int width, int height, uint32_t format)
{
    scene old = r->s;
    if (scene_init(&r->s, width, height, 1) != 0)
        return -1;
    r->s.noise = old.noise;
    r->s.light = old.light;
    r->s.drift = old.drift;
    r->s.blob_count = old.blob_count;
    memcpy(r->s.blobs, old.blobs, sizeof old.blobs);
    scene_release(&old);
    r->width = width;
    r->height = height;
    r->format = format;
    free(r->gray);
    free(r->mask);
    free(r->buffer);
    vision_pixel_format_buffer_size(&r->size, format, (uint32_t)width, (uint32_t)height);
    r->gray = malloc((size_t)width * height);
    r->mask = malloc((size_t)width * height);
    r->buffer = malloc(r->size);
    return r->gray && r->mask && r->buffer ? 0 : -1;
}

/* Render the scene as it is (the mask then holds the truth of this frame),
 * process it, and move the scene on. Returns process()'s code. */
static inline int rig_step(rig *r, uint32_t flags)
{
    scene_render(&r->s, r->gray, (size_t)r->width, r->mask);
    vision_frame frame;
    if (scene_frame(&frame, r->buffer, r->size, r->format, r->gray, r->width, r->height) !=
        VISION_OK)
        return VISION_E_INTERNAL;
    frame.pts_ns = (int64_t)r->frames * 40000000;
    frame.flags = flags;
    r->frames++;
    int rc = vision_crowd_process(r->crowd, &frame);
    scene_step(&r->s);
    return rc;
}

static inline int rig_run(rig *r, int frames)
{
    for (int i = 0; i < frames; i++) {
        int rc = rig_step(r, 0);
        if (rc != VISION_OK)
            return rc;
    }
    return VISION_OK;
}

static inline vision_crowd_result rig_result(rig *r, const char *id)
{
    vision_crowd_result result;
    vision_crowd_result_init(&result);
    vision_crowd_get_result(&result, r->crowd, id);
    return result;
}

static inline int rig_count(const rig *r, uint32_t type, const char *region)
{
    int n = 0;
    for (int i = 0; i < r->event_count; i++)
        n += r->events[i].type == type && (!region || strcmp(r->events[i].region, region) == 0);
    return n;
}

static inline void rig_free(rig *r)
{
    vision_crowd_free(r->crowd);
    scene_release(&r->s);
    free(r->gray);
    free(r->mask);
    free(r->buffer);
}

/* Smallest difference between two angles, degrees. */
static inline double angle_difference(double a, double b)
{
    double d = a - b;
    while (d > 180)
        d -= 360;
    while (d < -180)
        d += 360;
    return d < 0 ? -d : d;
}

static const vision_crowd_point rig_whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};

#endif
