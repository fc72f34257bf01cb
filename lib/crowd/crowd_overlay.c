/*
 * The overlay: region outlines, static crowd in red, moving crowd in blue,
 * drawn into the host's frame as Kurento's filter drew them.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <stdlib.h>

#include "core/pixel_format.h"

typedef struct colour {
    uint8_t r, g, b; /* for RGB formats */
    uint8_t y, u, v; /* BT.601 limited range, for YUV formats */
} colour;

static const colour RED = {255, 0, 0, 81, 90, 240};
static const colour BLUE = {0, 0, 255, 41, 240, 110};
static const colour GREEN = {0, 255, 0, 145, 54, 34};

typedef struct canvas {
    vision_frame *frame;
    const vis_format_info *info;
} canvas;

static inline uint8_t mix(uint8_t under, uint8_t over, int opaque)
{
    return opaque ? over : (uint8_t)((under + over + 1) >> 1);
}

/* Paint one pixel; `opaque` 0 blends half and half. Chroma of 4:2:0 frames
 * is written for the even pixel of each 2x2 group only. */
static void paint(const canvas *c, int x, int y, const colour *col, int opaque)
{
    vision_frame *f = c->frame;
    if (x < 0 || y < 0 || (uint32_t)x >= f->width || (uint32_t)y >= f->height)
        return;
    const vis_format_info *info = c->info;
    if (info->family == VIS_FAMILY_PACKED_RGB) {
        uint8_t *p = f->planes[0] + (size_t)y * f->strides[0] + (size_t)x * info->bytes_per_pixel;
        p[info->r] = mix(p[info->r], col->r, opaque);
        p[info->g] = mix(p[info->g], col->g, opaque);
        p[info->b] = mix(p[info->b], col->b, opaque);
        return;
    }
    uint8_t *luma = f->planes[0] + (size_t)y * f->strides[0] + x;
    *luma = mix(*luma, col->y, opaque);
    if ((x & 1) || (y & 1))
        return;
    if (info->family == VIS_FAMILY_PLANAR_420) {
        uint8_t *u = f->planes[info->u_plane] + (size_t)(y / 2) * f->strides[info->u_plane] + x / 2;
        uint8_t *v = f->planes[info->v_plane] + (size_t)(y / 2) * f->strides[info->v_plane] + x / 2;
        *u = mix(*u, col->u, opaque);
        *v = mix(*v, col->v, opaque);
    } else {
        uint8_t *pair = f->planes[1] + (size_t)(y / 2) * f->strides[1] + (size_t)(x / 2) * 2;
        pair[info->u] = mix(pair[info->u], col->u, opaque);
        pair[info->v] = mix(pair[info->v], col->v, opaque);
    }
}

static void line(const canvas *c, int x0, int y0, int x1, int y1, int thickness)
{
    int dx = abs(x1 - x0), dy = -abs(y1 - y0);
    int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
    int error = dx + dy;
    for (;;) {
        for (int ty = 0; ty < thickness; ty++)
            for (int tx = 0; tx < thickness; tx++)
                paint(c, x0 + tx - thickness / 2, y0 + ty - thickness / 2, &GREEN, 1);
        if (x0 == x1 && y0 == y1)
            break;
        int twice = 2 * error;
        if (twice >= dy) {
            error += dy;
            x0 += sx;
        }
        if (twice <= dx) {
            error += dx;
            y0 += sy;
        }
    }
}

int crowd_overlay_draw(vision_crowd *crowd, vision_frame *frame)
{
    uint32_t format = frame->format;
    if (format != VISION_PIXEL_FORMAT_BGR && format != VISION_PIXEL_FORMAT_BGRX &&
        format != VISION_PIXEL_FORMAT_RGB && format != VISION_PIXEL_FORMAT_RGBX &&
        format != VISION_PIXEL_FORMAT_I420 && format != VISION_PIXEL_FORMAT_NV12)
        return vis_fail(&crowd->errors, VISION_E_PIXEL_FORMAT,
                        "the overlay draws into BGR, BGRx, RGB, RGBx, I420 or NV12, not %s",
                        vision_pixel_format_name(format));
    canvas c = {frame, vis_format_info_get(format)};
    const crowd_model *model = &crowd->model;
    int fw = (int)frame->width, fh = (int)frame->height;
    if (model->width > 0 && model->learnt > 0) {
        for (int y = 0; y < fh; y++) {
            int my = (int)((int64_t)y * model->height / fh);
            const uint8_t *fg = model->foreground + (size_t)my * model->width;
            const uint8_t *mv = model->moving + (size_t)my * model->width;
            for (int x = 0; x < fw; x++) {
                int mx = (int)((int64_t)x * model->width / fw);
                if (!fg[mx])
                    continue;
                /* Chroma is taken from the even pixel of each pair, so the
                 * tint decision for it must not depend on the odd one. */
                paint(&c, x, y, mv[mx] ? &BLUE : &RED, 0);
            }
        }
    }
    int thickness = fw / 480 + 1;
    for (size_t i = 0; i < crowd->region_count; i++) {
        const crowd_region *region = crowd->regions[i];
        for (size_t p = 0; p < region->point_count; p++) {
            const vision_crowd_point *a = &region->points[p];
            const vision_crowd_point *b = &region->points[(p + 1) % region->point_count];
            line(&c, (int)(a->x * (fw - 1) + 0.5), (int)(a->y * (fh - 1) + 0.5),
                 (int)(b->x * (fw - 1) + 0.5), (int)(b->y * (fh - 1) + 0.5), thickness);
        }
    }
    return VISION_OK;
}
