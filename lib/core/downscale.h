/*
 * Internal: fast gray downscaling by whole factors.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CORE_DOWNSCALE_H
#define VIS_CORE_DOWNSCALE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Shrink an 8-bit gray image by the same whole factor k >= 2 in both
 * directions (dst = src / k exactly), each output pixel the rounded mean of
 * its k x k block: the same result as area interpolation, in one pass over
 * the source. Returns 1 when done, 0 when the sizes are not an exact whole
 * factor apart (the caller then uses general area scaling).
 *
 * `row_sums` must hold src_width 16-bit values.
 */
int vis_downscale_gray_box(const uint8_t *src, size_t src_stride, int src_width, int src_height,
                           uint8_t *dst, size_t dst_stride, int dst_width, int dst_height,
                           uint16_t *row_sums);

#endif
