/*
 * Internal: the C++ shim over OpenCV for image conversion and scaling.
 *
 * Every function wraps borrowed buffers as cv::Mat headers (no copy), catches
 * every exception and returns VISION_OK or VISION_E_INTERNAL. Nothing here
 * changes OpenCV's process-wide settings.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CV_IMAGE_H
#define VIS_CV_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Packed 3- or 4-byte pixels with R, G, B at byte offsets r, g, b (a
 * permutation of 0..2 or 1..3) to gray (BT.601 luma, OpenCV's rounding) or
 * to BGR. */
int vis_cv_packed_to_gray(const uint8_t *src, size_t src_stride, int width, int height,
                          int bytes_per_pixel, int r, int g, int b, uint8_t *dst,
                          size_t dst_stride);
int vis_cv_packed_to_bgr(const uint8_t *src, size_t src_stride, int width, int height,
                         int bytes_per_pixel, int r, int g, int b, uint8_t *dst,
                         size_t dst_stride);

/* Gray to BGR (the three channels equal). */
int vis_cv_gray_to_bgr(const uint8_t *src, size_t src_stride, int width, int height, uint8_t *dst,
                       size_t dst_stride);

/* Scale an image of `channels` 8-bit channels; area averaging when
 * shrinking, bilinear when growing. */
int vis_cv_resize(const uint8_t *src, size_t src_stride, int src_width, int src_height,
                  int channels, uint8_t *dst, size_t dst_stride, int dst_width, int dst_height);

/* Semi-planar 4:2:0 (Y plane + interleaved chroma pairs, U first unless
 * `v_first`) to BGR. Width and height must be even. */
int vis_cv_nv_to_bgr(const uint8_t *luma, size_t luma_stride, const uint8_t *chroma,
                     size_t chroma_stride, int width, int height, int v_first, uint8_t *dst,
                     size_t dst_stride);

/* Packed 4:2:2 (YUY2, or UYVY when `uyvy`) to BGR. Width must be even. */
int vis_cv_packed_422_to_bgr(const uint8_t *src, size_t src_stride, int width, int height,
                             int uyvy, uint8_t *dst, size_t dst_stride);

#ifdef __cplusplus
}
#endif

#endif
