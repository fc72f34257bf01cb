/*
 * Test helper: write images and videos through OpenCV, independently of the
 * vision command's own decoder shim. Plain C interface; no exception leaves.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_TEST_CV_WRITE_H
#define VISION_TEST_CV_WRITE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Write an 8-bit image of 1 (gray) or 3 (B, G, R) channels with imwrite;
 * the format comes from the extension (.png, .jpg, .bmp, ...). 0 or -1. */
int test_write_image(const char *path, const uint8_t *pixels, int width, int height, size_t stride,
                     int channels);

/* Write a video of `count` BGR frames where frame i is uniformly gray with
 * level levels[i], with the given FourCC ("MJPG") and rate. 0 or -1 (codec
 * or container not available). */
int test_write_video(const char *path, const char *fourcc, double fps, int width, int height,
                     const uint8_t *levels, int count);

#ifdef __cplusplus
}
#endif

#endif
