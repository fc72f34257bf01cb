/*
 * Internal (plate detection): blobs of a small gray image, by a local mean
 * threshold and 4-connected labelling, in plain C. The character check runs
 * this on dozens of small regions per frame, where OpenCV's per-call costs
 * (allocation, filter set-up) outweigh the work itself.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_DETECT_BLOBS_H
#define VIS_PLATE_DETECT_BLOBS_H

#include <stddef.h>
#include <stdint.h>

/* A blob's box and pixel count. */
typedef struct plate_blob {
    int x, y, width, height;
    int area;
} plate_blob;

/* Scratch memory reused from call to call; zero-initialise, release with
 * plate_blob_scratch_release(). */
typedef struct plate_blob_scratch {
    uint32_t *integral;
    int32_t *labels;
    int32_t *parent;
    plate_blob *stats;
    uint8_t *map;      /* PLATE_BLOB_DARK / _LIGHT / 0 per pixel */
    size_t pixels;     /* capacity, in pixels */
    int width, height; /* of the last classified image */
} plate_blob_scratch;

void plate_blob_scratch_release(plate_blob_scratch *scratch);

enum { PLATE_BLOB_DARK = 1, PLATE_BLOB_LIGHT = 2 };

/*
 * Classify each pixel of the w x h image at `data`: PLATE_BLOB_DARK when
 * darker than the mean of the block x block window around it by more than
 * `offset`, PLATE_BLOB_LIGHT when lighter by as much, else 0; then clear
 * horizontal runs of one class longer than `max_run` (borders and frames,
 * which would otherwise join the characters touching them). Returns 0, or
 * -1 when scratch memory cannot be had.
 */
int plate_blob_classify(plate_blob_scratch *scratch, const uint8_t *data, size_t stride, int width,
                        int height, int block, int offset, int max_run);

/* The 4-connected blobs of one class (PLATE_BLOB_DARK or _LIGHT) of the
 * last classified image whose height is in [min_height, max_height]: up to
 * `capacity` written to `out`; returns how many. */
int plate_find_blobs(plate_blob_scratch *scratch, int polarity, int min_height, int max_height,
                     plate_blob *out, int capacity);

#endif
