/*
 * Internal: the C++ shim over OpenCV for plate detection.
 *
 * Thin wrappers around OpenCV's filters and contour tracing; the
 * decisions (scales, scores, grouping) are made in C in lib/plate. Every
 * function wraps borrowed buffers as cv::Mat headers, catches every
 * exception and returns VISION_OK or VISION_E_INTERNAL. Nothing here
 * changes OpenCV's process-wide settings.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CV_PLATE_DETECT_H
#define VIS_CV_PLATE_DETECT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One component of a binary map: its box and its area in pixels. */
typedef struct vis_cv_component {
    int x, y, width, height;
    int area;
} vis_cv_component;

/* Ways of binarising the vertical-edge map, as bits. */
enum {
    /* Otsu's threshold over the whole map: strong, global contrast. */
    VIS_CV_EDGES_GLOBAL = 1 << 0,
    /* Edges over 2.5 times the mean of their neighbourhood (a window of
     * `local_window` pixels) plus 10: finds dim plates in dark or flat
     * scenes, and stands out of evenly textured ones (gravel, foliage). */
    VIS_CV_EDGES_LOCAL = 1 << 1,
    /* With both: one map, their union, instead of two. */
    VIS_CV_EDGES_UNION = 1 << 2,
};

/*
 * Areas dense in vertical edges (rows of characters): |d/dx| of the gray
 * image (3x3 Sobel), binarised each way asked in `modes`, closed with a
 * close_w x close_h rectangle (joins the strokes of a word), opened with
 * open_w x open_h (drops thin lines), and split into components
 * (outer contours). Components smaller than min_width x min_height are
 * skipped. Components of every mode are appended to `out` (at most
 * `capacity`; `*count` says how many were written).
 */
int vis_cv_edge_components(const uint8_t *gray, size_t stride, int width, int height, int modes,
                           int local_window, int close_w, int close_h, int open_w, int open_h,
                           int min_width, int min_height, vis_cv_component *out, int capacity,
                           int *count);

/*
 * Blobs of a small gray image (a candidate region): mean adaptive threshold
 * over `block` x `block` (odd, >= 3) pixels with offset `offset`; dark
 * blobs on a lighter surround when `dark` is 1, light blobs otherwise;
 * outer contours of at least min_height rows and at
 * most max_height. Writes at most `capacity` to `out`, `*count` of them.
 */
int vis_cv_blob_components(const uint8_t *gray, size_t stride, int width, int height, int block,
                           int offset, int dark, int min_height, int max_height,
                           vis_cv_component *out, int capacity, int *count);

/* Shrink a gray image (to at least half its size per step) with bilinear
 * sampling: for an exact half this is the 2x2 mean, and it costs a fifth of
 * area averaging at other scales. */
int vis_cv_plate_shrink(const uint8_t *src, size_t src_stride, int src_width, int src_height,
                        uint8_t *dst, size_t dst_stride, int dst_width, int dst_height);

#ifdef __cplusplus
}
#endif

#endif
