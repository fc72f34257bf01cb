/*
 * Internal: what the library knows about each pixel format.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CORE_PIXEL_FORMAT_H
#define VIS_CORE_PIXEL_FORMAT_H

#include <stdint.h>

#include "vision/frame.h"

/* How chroma is laid out, which decides the conversion path. */
typedef enum vis_format_family {
    VIS_FAMILY_NONE = 0,
    VIS_FAMILY_GRAY8,
    VIS_FAMILY_GRAY16,
    VIS_FAMILY_PACKED_RGB, /* 3 or 4 bytes per pixel, R, G, B at known offsets */
    VIS_FAMILY_PLANAR_420, /* I420, YV12 */
    VIS_FAMILY_SEMI_PLANAR_420, /* NV12, NV21 */
    VIS_FAMILY_PACKED_422  /* YUY2, UYVY */
} vis_format_family;

typedef struct vis_format_info {
    const char *name;
    vis_format_family family;
    uint8_t planes;
    /* Packed RGB: bytes per pixel and where R, G and B sit in a pixel.
     * Packed 4:2:2: bytes per 2 pixels (4) and offsets of Y0, U, V.
     * Planar 4:2:0: which plane holds U and which V. NV: offset of U in a pair. */
    uint8_t bytes_per_pixel;
    uint8_t r, g, b;
    uint8_t u_plane, v_plane;
    uint8_t y0, u, v;
} vis_format_info;

/* The entry for a format, or NULL for an unknown one. */
const vis_format_info *vis_format_info_get(uint32_t format);

#endif
