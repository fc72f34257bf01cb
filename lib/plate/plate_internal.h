/*
 * Internal: the plate handle's state, shared by plate.c (handle, options,
 * process, results), plate_track.c (video tracking and events) and
 * plate_overlay.c (drawing).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_INTERNAL_H
#define VIS_PLATE_INTERNAL_H

#include <stdint.h>

#include "core/error.h"
#include "core/image.h"
#include "plate_reader.h"
#include "vision/plate.h"

/* Regions asked from the detector per frame, and tracks kept at once. */
#define PLATE_MAX_REGIONS 32
#define PLATE_MAX_TRACKS 32
/* Distinct texts voted over per track. */
#define PLATE_MAX_VOTES 24

typedef struct plate_vote {
    char text[PLATE_TEXT_MAX + 1];
    char pattern[PLATE_PATTERN_MAX + 1];
    float weight;    /* sum of confidences of readings that gave this text */
    float best_conf; /* highest single confidence for it */
    int top_count;   /* readings where it was the first candidate */
    float char_conf[PLATE_TEXT_MAX];
} plate_vote;

/* A still-mode result and how likely it is the picture's plate. */
typedef struct plate_ranked {
    float rank;
    vision_plate_result result;
} plate_ranked;

typedef struct plate_track {
    int32_t id;
    plate_region region; /* last known position, frame pixels */
    float vx, vy;        /* motion of the box centre, pixels per frame */
    float det_score;
    int64_t first_frame, last_frame, first_pts, last_pts;
    int64_t last_read_frame;
    int reads;       /* readings voted over (legible ones) */
    int attempts;    /* readings tried */
    float last_conf; /* confidence of the last reading's best candidate */
    int agreeing;    /* consecutive readings agreeing with the best text */
    plate_vote votes[PLATE_MAX_VOTES];
    int vote_count;
    int announced;
    char announced_text[PLATE_TEXT_MAX + 1];
    float announced_conf;
    int seen;          /* matched a detection in the current frame */
    int pending_event; /* VISION_PLATE_EVENT_NEW/UPDATE to fire at the end of the frame, or 0 */
    char previous_text[PLATE_TEXT_MAX + 1]; /* announced text before a pending UPDATE */
} plate_track;

typedef struct plate_tracker {
    plate_track tracks[PLATE_MAX_TRACKS];
    int count;
    int32_t next_id;
} plate_tracker;

struct vision_plate {
    vis_error_buffer errors;
    vision_plate_options options;
    char *ocr_data_path;
    plate_reader *reader;

    vision_plate_event_fn callback;
    void *user_data;
    int in_callback;

    vis_image_buffer gray_buffer;
    vis_image_buffer small_buffer;
    vis_image_buffer bgr_buffer;
    plate_region regions[PLATE_MAX_REGIONS];
    plate_reading reading;

    vision_plate_result results[PLATE_MAX_REGIONS];
    /* Still mode: results with their rank, before ordering (plate.c). */
    plate_ranked ranked[PLATE_MAX_REGIONS];
    uint32_t result_count;
    int result_width, result_height; /* size of the frame the results belong to */

    plate_tracker tracker;
    int64_t frame_index; /* index of the frame being processed */
    int64_t pts_ns;
};

/* Geometry helpers (plate.c). A box nested in another: the smaller lies
 * more than PLATE_NESTED_SHARE of its area inside the larger. */
#define PLATE_NESTED_SHARE 0.5
float plate_box_iou(const int *a, const int *b);
int plate_box_nested(const int *a, const int *b);

/* Fill a result from one reading (plate.c). */
void plate_result_from_reading(vision_plate_result *result, const plate_reading *reading,
                               const plate_region *where, int top_n);

/* Video mode (plate_track.c): match the frame's regions (frame pixels) to
 * tracks, read the tracks that need it, vote, fire events and write the
 * frame's results. `gray`/`bgr` are full-resolution images of the frame. */
int plate_track_frame(vision_plate *plate, const vis_image *gray, const vis_image *bgr,
                      const plate_region *regions, int region_count);

/* Whether a track is worth searching for between full scans: announced,
 * new, or read almost confidently lately (plate_track.c). */
int plate_track_worth_following(const vision_plate *plate, const plate_track *track);

/* End every track, firing END for those announced (plate_track.c). */
void plate_track_end_all(vision_plate *plate);

#endif
