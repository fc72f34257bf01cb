/*
 * Internal: finding and reading plates in one analysis image.
 *
 * This is the seam between the plate handle (lib/plate/plate.c: options,
 * tracking, events, overlay) and the reader (detection, OCR, region
 * syntax). The handle converts each frame to a gray (and, when the reader
 * asks, BGR) analysis image, calls plate_reader_detect() to find plate
 * regions, and plate_reader_read() on the regions it wants read (in video
 * mode, not every region on every frame: a track already read well is read
 * again only now and then).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_READER_H
#define VIS_PLATE_READER_H

#include <stdint.h>

#include "core/error.h"
#include "core/image.h"

/* Countries/regions whose syntax is known, as a bit set. */
enum {
    PLATE_COUNTRY_US = 1u << 0,
    PLATE_COUNTRY_EU = 1u << 1,
    PLATE_COUNTRY_BR = 1u << 2,
};

#define PLATE_TEXT_MAX 16       /* characters of a plate text, NUL excluded */
#define PLATE_PATTERN_MAX 24    /* length of a pattern name such as "eu-sk" */
#define PLATE_MAX_CANDIDATES 10 /* candidates kept per reading */

typedef struct plate_reader plate_reader;

typedef struct plate_reader_config {
    uint32_t countries;     /* PLATE_COUNTRY_* bits, at least one */
    int min_plate_width;    /* pixels in the analysis image; 0 = reader's default */
    int max_plate_width;    /* pixels; 0 = no limit */
    int max_candidates;     /* 1 .. PLATE_MAX_CANDIDATES */
    const char *ocr_data_path; /* directory holding the OCR data; NULL = the system's */
} plate_reader_config;

/* Where a plate is: its four corners (top-left, top-right, bottom-right,
 * bottom-left, in analysis-image pixels) and the axis-aligned box around
 * them, with how sure the detector is that this is a plate (0..1). */
typedef struct plate_region {
    float corners[4][2];
    int box[4]; /* x, y, width, height */
    float score;
} plate_region;

typedef struct plate_candidate {
    char text[PLATE_TEXT_MAX + 1];
    float confidence;                  /* 0..1 */
    char pattern[PLATE_PATTERN_MAX + 1]; /* matched pattern, "" when none */
} plate_candidate;

typedef struct plate_reading {
    /* Best candidate first; count 0 when nothing legible was found. */
    plate_candidate candidates[PLATE_MAX_CANDIDATES];
    int candidate_count;
    /* Per-character confidence (0..1) of candidates[0]. */
    float char_confidence[PLATE_TEXT_MAX];
    /* The region refined by reading (corners fitted to the characters). */
    plate_region region;
    /* 1 when candidates[0] was read as light ink on a dark ground. */
    int light_ink;
} plate_reading;

/* Load the OCR data and tables. VISION_E_OCR_DATA when the data is missing
 * or unreadable, VISION_E_OPTION for bad config, VISION_E_NO_MEMORY. */
int plate_reader_new(plate_reader **out, const plate_reader_config *config,
                     vis_error_buffer *errors);
void plate_reader_free(plate_reader *reader);

/* Find plate regions in a gray image, best first, at most `capacity`.
 * `search` limits the search to a box (x, y, w, h) or is NULL for the whole
 * image. Writes the number found to `*count`. */
int plate_reader_detect(plate_reader *reader, const vis_image *gray, const int *search,
                        plate_region *regions, int capacity, int *count,
                        vis_error_buffer *errors);

/* Whether plate_reader_read() reads harder: a region again, widened, when
 * the characters it read reach the region's side or are few (boxes the
 * detector cut short), and from two more crops when its two best
 * candidates are close (1 or 7, M or H), the crops voting. Better
 * readings at the cost of up to three more reads of such regions. Off by
 * default; the handle turns it on in still mode (in video mode clutter is
 * read frame after frame, and a track votes over many readings anyway). */
void plate_reader_set_thorough(plate_reader *reader, int thorough);

/* Read the plate in one region of the gray image. `bgr` is the same frame
 * in colour at the same size, or NULL (the reader must work without it). */
int plate_reader_read(plate_reader *reader, const vis_image *gray, const vis_image *bgr,
                      const plate_region *region, plate_reading *out, vis_error_buffer *errors);

#endif
