/*
 * Synthetic crowd scenes with known truth, for the crowd tests and benchmark:
 * textured blobs moving at known velocities over a textured background, with
 * sensor noise and lighting drift. Everything is defined in relative
 * coordinates (0..1 of width and height), so one scene renders alike at any
 * resolution.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef CROWD_SCENE_H
#define CROWD_SCENE_H

#include <stddef.h>
#include <stdint.h>

#include <vision/vision.h>

#define SCENE_MAX_BLOBS 32

typedef struct scene_blob {
    double x, y, w, h; /* top-left corner and size, relative */
    double vx, vy;     /* pixels of a 320-wide image per frame (converted to relative) */
    uint32_t seed;     /* its texture */
    int ellipse;       /* 1: an ellipse inscribed in the box */
} scene_blob;

typedef struct scene {
    int width, height;
    uint32_t seed;
    double noise;  /* amplitude of uniform noise, gray levels */
    double light;  /* offset added to every pixel, gray levels */
    double drift;  /* added to light at every step */
    int blob_count;
    scene_blob blobs[SCENE_MAX_BLOBS];
    /* private */
    uint8_t *background;
    uint32_t random;
} scene;

/* Prepare a scene of width x height; blobs are added by the caller. */
int scene_init(scene *s, int width, int height, uint32_t seed);
void scene_release(scene *s);

/* Render the current state into an 8-bit gray image; `mask` (optional,
 * width x height) gets 1 where a blob is. */
void scene_render(scene *s, uint8_t *gray, size_t stride, uint8_t *mask);

/* Advance one frame: move blobs and drift the light. */
void scene_step(scene *s);

/* Share of the pixels whose centre lies in the relative polygon that the
 * mask covers (even-odd rule, as the library fills). */
double scene_mask_share(const uint8_t *mask, int width, int height, const vision_crowd_point *points,
                        size_t count);

/* A neutral-colour frame of `format` from a gray image (R = G = B = gray;
 * YUV formats get the limited-range luma and neutral chroma). `buffer`
 * must hold vision_pixel_format_buffer_size() bytes. */
int scene_frame(vision_frame *frame, uint8_t *buffer, uint64_t buffer_size, uint32_t format,
                const uint8_t *gray, int width, int height);

#endif
