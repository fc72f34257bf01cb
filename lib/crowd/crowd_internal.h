/*
 * Internal: the crowd analyser's state, shared by the files of lib/crowd/.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CROWD_INTERNAL_H
#define VIS_CROWD_INTERNAL_H

#include <stdint.h>

#include "core/error.h"
#include "core/image.h"
#include "vision/crowd.h"

/* Side of the square blocks whose motion is measured, in processing pixels. */
#define CROWD_BLOCK 8
/* Distance between the blocks, in processing pixels (they overlap). */
#ifndef CROWD_BLOCK_STEP
#define CROWD_BLOCK_STEP 4
#endif
/* Search range of block matching, in processing pixels each way. */
#define CROWD_SEARCH 4

/* Blocks with fewer moving pixels than this are not matched. */
#define CROWD_MIN_MOVING_IN_BLOCK 12

/* Analysed frames the direction's motion is summed over. */
#define CROWD_HISTORY 3

/* One horizontal run of a region's pixels: row y, columns [x0, x1). */
typedef struct crowd_span {
    int32_t y, x0, x1;
} crowd_span;

/* Hysteresis of one level (occupancy or fluidity). */
typedef struct crowd_level_state {
    int32_t reported; /* last reported level, 0..3 */
    int32_t count;    /* consecutive analysed frames the level differed */
    int32_t cooldown; /* analysed frames left before another event may fire */
} crowd_level_state;

/* Hysteresis of the direction. */
typedef struct crowd_direction_state {
    int32_t has_reported;
    double reported; /* last reported (quantised) direction */
    int32_t has_candidate;
    double candidate; /* direction currently holding */
    int32_t count;    /* analysed frames it has held */
    int32_t still;    /* consecutive analysed frames without motion */
    int32_t cooldown;
} crowd_direction_state;

typedef struct crowd_region {
    char id[VISION_CROWD_REGION_ID_MAX + 1];
    vision_crowd_point *points;
    size_t point_count;
    vision_crowd_region_config config;
    /* Raster at the current processing size (empty until it is known). */
    crowd_span *spans;
    size_t span_count;
    uint32_t *row_spans; /* first span of each row; height + 1 entries */
    int rows;            /* height of the raster */
    uint32_t pixel_count;
    uint32_t *blocks; /* indices of the blocks whose centre is inside */
    size_t block_count;
    crowd_level_state occupancy, fluidity;
    crowd_direction_state direction;
    /* The last analysed frames' motion sums (dx, dy, weight), newest at
     * history_next - 1: the direction rests on a short window. */
    double history[CROWD_HISTORY][3];
    int history_next;
    vision_crowd_result result;
} crowd_region;

/* One run of foreground pixels: row y, columns [x0, x1). */
typedef struct crowd_run {
    int16_t y, x0, x1;
} crowd_run;

/* Bounding box (inclusive) and size of a foreground blob. */
typedef struct crowd_blob_box {
    int16_t x0, y0, x1, y1;
    uint32_t pixels;
} crowd_blob_box;

/* The foreground cut into 8-connected blobs, and the blob each matched
 * block belongs to (crowd_blobs.c). */
typedef struct crowd_blobs {
    int valid; /* 0 when the last mask had too many runs to label */
    crowd_run *runs;
    size_t run_count, run_capacity;
    uint32_t *row_first; /* first run of each row; height + 1 entries */
    uint32_t *parent;    /* union-find over runs */
    uint32_t *blob_of;   /* blob of each run */
    crowd_blob_box *boxes;
    uint32_t blob_count;
    int32_t *block_blob; /* per block: owning blob, or -1 (count where it lies) */
    uint32_t *owned;     /* the blocks with an owner */
    size_t owned_count;
    uint8_t *inside; /* per blob, scratch of crowd_region_measure */
} crowd_blobs;

/* The background model and motion at processing size. */
typedef struct crowd_model {
    int width, height; /* processing size; 0 before the first frame */
    int frame_width, frame_height;
    uint32_t frame_format;
    uint16_t *background;     /* 8.7 fixed point */
    uint16_t *deviation;      /* mean absolute deviation, 8.7 fixed point */
    uint8_t *previous;        /* previous analysed gray image */
    uint8_t *foreground;      /* 1 = foreground */
    uint8_t *moving;          /* 1 = moving foreground */
    uint8_t *occupied;        /* foreground grown by one pixel: what the regions count */
    uint8_t *occupied_moving; /* moving foreground grown by one pixel */
    uint8_t *scratch;         /* raw foreground before cleaning */
    double luma_scale;        /* contrast of the input's luma: 219/255 for YUV, else 1 */
    int blocks_x, blocks_y;
    float *block_dx, *block_dy; /* motion of each block, processing px per analysed frame */
    uint16_t *block_weight;     /* moving pixels of a block that was matched; 0 = none */
    /* Of each matched block, once per frame for every region: the length
     * of its motion and its angle, atan2(dx, -dy) in radians. */
    double *block_length, *block_angle;
    uint32_t learnt;    /* analysed frames since the last restart */
    uint32_t fast_left; /* analysed frames of fast learning still to go */
    double last_foreground_share;
    crowd_blobs blobs;
} crowd_model;

struct vision_crowd {
    vision_crowd_options options;
    vis_error_buffer errors;
    vis_image_buffer image_buffer;
    crowd_model model;
    crowd_region **regions;
    size_t region_count, region_capacity;
    vision_crowd_event_fn event_fn;
    void *event_user_data;
    int in_callback;
    uint64_t frame_index; /* frames given to process so far */
    uint32_t warmup_left; /* analysed frames of warm-up still to go */
};

/* crowd_model.c */
void crowd_model_release(crowd_model *model);
/* Allocate for a new processing size (the contents are reset). */
int crowd_model_resize(crowd_model *model, int width, int height);
/* Restart learning from `gray` (start, discontinuity, new size, scene
 * change), with `fast_frames` analysed frames of fast learning. */
void crowd_model_restart(crowd_model *model, const vis_image *gray, uint32_t fast_frames);

/* What crowd_model_update() saw. */
enum {
    CROWD_MODEL_STEADY = 0,
    CROWD_MODEL_RESTARTED = 1,  /* a scene change: the model restarted from this image */
    CROWD_MODEL_COMPENSATED = 2 /* a change of light, compensated */
};

/* Analyse one gray image at processing size. */
int crowd_model_update(crowd_model *model, const vis_image *gray,
                       const vision_crowd_options *options);

/* crowd_blobs.c */
void crowd_blobs_release(crowd_blobs *blobs);
int crowd_blobs_resize(crowd_blobs *blobs, int width, int height, size_t block_count);
/* Label the model's foreground and give its matched blocks to blobs. */
void crowd_blobs_update(crowd_model *model);

/* crowd_region.c */
int crowd_region_validate(vis_error_buffer *errors, const vision_crowd_point *points,
                          size_t point_count);
int crowd_region_config_validate(vis_error_buffer *errors,
                                 const vision_crowd_region_config *config);
/* Build spans and block list at the model's size; frees the old raster. */
int crowd_region_rasterise(crowd_region *region, const crowd_model *model);
void crowd_region_free_raster(crowd_region *region);
/* Measure a region on the model's latest analysis into region->result. */
void crowd_region_measure(crowd_region *region, crowd_model *model);

/* crowd_overlay.c */
int crowd_overlay_draw(vision_crowd *crowd, vision_frame *frame);

#endif
