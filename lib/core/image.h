/*
 * Internal: analysis images, the pictures the analyses work on.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CORE_IMAGE_H
#define VIS_CORE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "vision/frame.h"

/* An 8-bit image: gray (channels = 1) or BGR (channels = 3). It may point
 * into a borrowed frame (then it is read-only and valid during that call
 * only) or into a vis_image_buffer. */
typedef struct vis_image {
    uint8_t *data;
    size_t stride;
    int width;
    int height;
    int channels;
} vis_image;

/* Storage that conversions reuse from frame to frame, so that a steady
 * stream allocates nothing after its first frame. Zero-initialise it; free
 * it with vis_image_buffer_release(). */
typedef struct vis_image_buffer {
    uint8_t *data;
    size_t size;
} vis_image_buffer;

void vis_image_buffer_release(vis_image_buffer *buffer);

/* Grow `buffer` to at least `size` bytes (contents are not kept). */
int vis_image_buffer_reserve(vis_image_buffer *buffer, size_t size);

/* The output size for a frame scaled to `target_width` with its aspect
 * ratio kept (rounded to nearest, at least 1x1). A target of 0, or one
 * at least the frame's width, keeps the frame's size. */
void vis_scaled_size(int frame_width, int frame_height, int target_width, int *out_width,
                     int *out_height);

/*
 * Convert a frame to an analysis image of `out_width` x `out_height` (at
 * most the frame's size) with `channels` 1 (gray: BT.601 luma; for YUV
 * frames the Y plane itself) or 3 (BGR).
 *
 * No copy is made when the frame already is that image (GRAY8 or the luma
 * plane of a YUV frame at full size, BGR at full size): `out` then points
 * into the frame. Otherwise the pixels are written into `buffer`.
 *
 * The frame must have passed vision_frame_validate(). Returns VISION_OK,
 * VISION_E_INVALID_ARGUMENT, VISION_E_NO_MEMORY or VISION_E_INTERNAL, with
 * the detail recorded through vis_fail(errors, ...).
 */
int vis_image_from_frame(vis_image *out, vis_image_buffer *buffer, const vision_frame *frame,
                         int channels, int out_width, int out_height, vis_error_buffer *errors);

#endif
