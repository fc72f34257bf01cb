/*
 * Test helper: deterministic frame streams for the reliability tests.
 *
 * Crowd: a textured gray picture in which a bright textured block enters
 * at frame 4 and moves right, so that every region sees occupancy,
 * fluidity and direction events within a few frames (with the options
 * and config below). Plate: a road scene in which one synthetic plate
 * drives across (plate_synth.h), in I420.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef REL_STREAMS_H
#define REL_STREAMS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"

#define REL_CROWD_W 96
#define REL_CROWD_H 64

static inline void rel_crowd_options(vision_crowd_options *o)
{
    vision_crowd_options_init(o);
    o->warmup_frames = 2;
}

static inline void rel_crowd_config(vision_crowd_region_config *c)
{
    vision_crowd_region_config_init(c);
    c->occupancy_num_frames_to_event = 1;
    c->fluidity_num_frames_to_event = 1;
    c->optical_flow_num_frames_to_event = 1;
    c->send_optical_flow_event = 1;
}

/* Frame `index` of the crowd stream into `gray` (REL_CROWD_W x REL_CROWD_H). */
static inline void rel_crowd_picture(uint8_t *gray, int index, uint32_t seed)
{
    for (int y = 0; y < REL_CROWD_H; y++)
        for (int x = 0; x < REL_CROWD_W; x++)
            gray[y * REL_CROWD_W + x] = (uint8_t)(50 + ((x * 37 + y * 11 + (int)seed) % 23));
    if (index < 4)
        return;
    int bx = (index - 4) * 3 % (REL_CROWD_W - 40), by = 12;
    for (int y = by; y < by + 40; y++)
        for (int x = bx; x < bx + 40; x++)
            gray[y * REL_CROWD_W + x] = (uint8_t)(170 + (((x - bx) * 13 + (y - by) * 7) % 60));
}

static inline void rel_crowd_frame(vision_frame *frame, uint8_t *gray, int index, uint32_t seed)
{
    rel_crowd_picture(gray, index, seed);
    vision_frame_init(frame);
    vision_frame_wrap(frame, VISION_PIXEL_FORMAT_GRAY8, REL_CROWD_W, REL_CROWD_H, gray,
                      REL_CROWD_W * REL_CROWD_H);
    frame->pts_ns = (int64_t)index * 40000000;
}

#define REL_PLATE_W 480
#define REL_PLATE_H 272

/* Frame `index` of the plate stream: `text` on a plate driving right.
 * Returns 0, or -1 when out of memory or without the fonts. */
static inline int rel_plate_frame(test_frame *out, int index, const char *text, uint32_t seed)
{
    uint8_t *bgr = malloc((size_t)REL_PLATE_W * REL_PLATE_H * 3);
    if (!bgr)
        return -1;
    synth_background(bgr, REL_PLATE_W, REL_PLATE_H, REL_PLATE_W * 3, 0, seed);
    synth_plate p = {SYNTH_EU, text, 150.0 + 6.0 * index, 150, 190, 0, 0, 1, seed};
    int rc = synth_draw_plate(bgr, REL_PLATE_W, REL_PLATE_H, REL_PLATE_W * 3, &p, NULL);
    if (rc == 0)
        rc = test_frame_from_bgr(out, VISION_PIXEL_FORMAT_I420, bgr, REL_PLATE_W * 3,
                                 REL_PLATE_W, REL_PLATE_H);
    free(bgr);
    if (rc == 0)
        out->frame.pts_ns = (int64_t)index * 40000000;
    return rc;
}

static inline void rel_plate_video_options(vision_plate_options *o)
{
    vision_plate_options_init(o);
    o->mode = VISION_PLATE_MODE_VIDEO;
    o->scan_interval = 1;
    o->reread_interval = 1;
}

#endif
