/*
 * Internal: the C++ shim over OpenCV for reading plates (plate_ocr.c).
 *
 * Every function wraps borrowed buffers as cv::Mat headers, catches every
 * exception and returns VISION_OK or VISION_E_INTERNAL (VISION_E_NO_MEMORY
 * for std::bad_alloc). Nothing here changes OpenCV's process-wide settings.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CV_PLATE_OCR_H
#define VIS_CV_PLATE_OCR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Local-mean binarisation: dst = 255 where the pixel is darker (dark_ink)
 * or lighter (!dark_ink) than the mean of its block x block neighbourhood
 * by more than `offset`, else 0. `block` is odd, >= 3. */
int vis_cv_plate_binarize(const uint8_t *src, size_t src_stride, int width, int height, int block,
                          double offset, int dark_ink, uint8_t *dst, size_t dst_stride);

/* One connected component of a binary image: its box and pixel count. */
typedef struct vis_cv_component {
    int x, y, width, height, area;
} vis_cv_component;

/* 8-connected components of the non-zero pixels. `labels` is scratch space
 * of width * height int32 the caller provides; `labels_stride` in bytes.
 * Writes at most `capacity` components (background excluded) and their
 * total number (possibly larger) to *count. */
int vis_cv_plate_components(const uint8_t *bin, size_t bin_stride, int width, int height,
                            int32_t *labels, size_t labels_stride, vis_cv_component *out,
                            int capacity, int *count);

/* Resize with INTER_AREA (the interpolation the character classifier was
 * trained with, see lib/plate/gen_plate_ocr_model.py). */
int vis_cv_plate_resize_area(const uint8_t *src, size_t src_stride, int src_width,
                             int src_height, uint8_t *dst, size_t dst_stride, int dst_width,
                             int dst_height);

#ifdef __cplusplus
}
#endif

#endif
