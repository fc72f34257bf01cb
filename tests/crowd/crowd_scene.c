/*
 * Synthetic crowd scenes with known truth (see crowd_scene.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_scene.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static uint32_t hash3(int32_t x, int32_t y, uint32_t seed)
{
    uint32_t h = (uint32_t)x * 0x8da6b343u ^ (uint32_t)y * 0xd8163841u ^ seed * 0xcb1ab31fu;
    h ^= h >> 13;
    h *= 0x5bd1e995u;
    h ^= h >> 15;
    return h;
}

/* Smooth value noise in 0..1 at a point given in lattice cells. */
static double value_noise(double u, double v, uint32_t seed)
{
    double fu = floor(u), fv = floor(v);
    int32_t iu = (int32_t)fu, iv = (int32_t)fv;
    double a = u - fu, b = v - fv;
    double c00 = (hash3(iu, iv, seed) & 0xffff) / 65535.0;
    double c10 = (hash3(iu + 1, iv, seed) & 0xffff) / 65535.0;
    double c01 = (hash3(iu, iv + 1, seed) & 0xffff) / 65535.0;
    double c11 = (hash3(iu + 1, iv + 1, seed) & 0xffff) / 65535.0;
    return (c00 * (1 - a) + c10 * a) * (1 - b) + (c01 * (1 - a) + c11 * a) * b;
}

int scene_init(scene *s, int width, int height, uint32_t seed)
{
    memset(s, 0, sizeof *s);
    s->width = width;
    s->height = height;
    s->seed = seed;
    s->noise = 3;
    s->random = seed * 2654435761u + 1;
    s->background = malloc((size_t)width * height);
    if (!s->background)
        return -1;
    double cell = width / 80.0; /* about 4 pixels at 320 wide */
    for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
            s->background[(size_t)y * width + x] =
                (uint8_t)(120 + 100 * value_noise((x + 0.5) / cell, (y + 0.5) / cell, seed));
    return 0;
}

void scene_release(scene *s)
{
    free(s->background);
    s->background = NULL;
}

static int inside_blob(const scene_blob *b, double u, double v)
{
    if (u < b->x || u >= b->x + b->w || v < b->y || v >= b->y + b->h)
        return 0;
    if (!b->ellipse)
        return 1;
    double du = (u - (b->x + b->w / 2)) / (b->w / 2), dv = (v - (b->y + b->h / 2)) / (b->h / 2);
    return du * du + dv * dv <= 1;
}

void scene_render(scene *s, uint8_t *gray, size_t stride, uint8_t *mask)
{
    int width = s->width, height = s->height;
    double cell = width / 100.0;
    for (int y = 0; y < height; y++)
        memcpy(gray + (size_t)y * stride, s->background + (size_t)y * width, (size_t)width);
    if (mask)
        memset(mask, 0, (size_t)width * height);
    for (int i = 0; i < s->blob_count; i++) {
        const scene_blob *b = &s->blobs[i];
        int x0 = (int)floor(b->x * width), x1 = (int)ceil((b->x + b->w) * width);
        int y0 = (int)floor(b->y * height), y1 = (int)ceil((b->y + b->h) * height);
        if (x0 < 0)
            x0 = 0;
        if (y0 < 0)
            y0 = 0;
        if (x1 > width)
            x1 = width;
        if (y1 > height)
            y1 = height;
        for (int y = y0; y < y1; y++) {
            double v = (y + 0.5) / height;
            for (int x = x0; x < x1; x++) {
                double u = (x + 0.5) / width;
                if (!inside_blob(b, u, v))
                    continue;
                double t = value_noise((x + 0.5 - b->x * width) / cell,
                                       (y + 0.5 - b->y * height) / cell, b->seed);
                gray[(size_t)y * stride + x] = (uint8_t)(10 + 70 * t);
                if (mask)
                    mask[(size_t)y * width + x] = 1;
            }
        }
    }
    for (int y = 0; y < height; y++) {
        uint8_t *line = gray + (size_t)y * stride;
        for (int x = 0; x < width; x++) {
            s->random = s->random * 1664525u + 1013904223u;
            double n = s->noise > 0 ? ((s->random >> 8) / 16777216.0 * 2 - 1) * s->noise : 0;
            double value = line[x] + s->light + n;
            line[x] = (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : lrint(value));
        }
    }
}

void scene_step(scene *s)
{
    double scale_y = 320.0 * s->height / s->width;
    for (int i = 0; i < s->blob_count; i++) {
        s->blobs[i].x += s->blobs[i].vx / 320.0;
        s->blobs[i].y += s->blobs[i].vy / scale_y;
    }
    s->light += s->drift;
}

double scene_mask_share(const uint8_t *mask, int width, int height, const vision_crowd_point *points,
                        size_t count)
{
    size_t inside_count = 0, covered = 0;
    for (int y = 0; y < height; y++) {
        double v = (y + 0.5) / height;
        for (int x = 0; x < width; x++) {
            double u = (x + 0.5) / width;
            int in = 0;
            for (size_t i = 0, j = count - 1; i < count; j = i++) {
                if ((points[i].y > v) != (points[j].y > v) &&
                    u < (points[j].x - points[i].x) * (v - points[i].y) /
                                (points[j].y - points[i].y) +
                            points[i].x)
                    in = !in;
            }
            if (in) {
                inside_count++;
                covered += mask[(size_t)y * width + x];
            }
        }
    }
    return inside_count ? (double)covered / inside_count : 0;
}

static uint8_t limited_luma(uint8_t gray)
{
    return (uint8_t)(16 + (gray * 219 + 127) / 255);
}

int scene_frame(vision_frame *frame, uint8_t *buffer, uint64_t buffer_size, uint32_t format,
                const uint8_t *gray, int width, int height)
{
    vision_frame_init(frame);
    int rc = vision_frame_wrap(frame, format, (uint32_t)width, (uint32_t)height, buffer,
                               buffer_size);
    if (rc != VISION_OK)
        return rc;
    int planes = vision_pixel_format_plane_count(format);
    for (int y = 0; y < height; y++) {
        const uint8_t *in = gray + (size_t)y * width;
        uint8_t *out = frame->planes[0] + (size_t)y * frame->strides[0];
        switch (format) {
        case VISION_PIXEL_FORMAT_GRAY8:
            memcpy(out, in, (size_t)width);
            break;
        case VISION_PIXEL_FORMAT_GRAY16_LE:
            for (int x = 0; x < width; x++) {
                out[2 * x] = in[x];
                out[2 * x + 1] = in[x];
            }
            break;
        case VISION_PIXEL_FORMAT_RGB:
        case VISION_PIXEL_FORMAT_BGR:
            for (int x = 0; x < width; x++)
                out[3 * x] = out[3 * x + 1] = out[3 * x + 2] = in[x];
            break;
        case VISION_PIXEL_FORMAT_YUY2:
        case VISION_PIXEL_FORMAT_UYVY: {
            int luma_first = format == VISION_PIXEL_FORMAT_YUY2;
            for (int x = 0; x < width; x++) {
                out[2 * x + (luma_first ? 0 : 1)] = limited_luma(in[x]);
                out[2 * x + (luma_first ? 1 : 0)] = 128;
            }
            break;
        }
        default:
            if (planes == 1) { /* 4-byte RGB orders: every byte the gray value */
                memset(out, 0, (size_t)width * 4);
                for (int x = 0; x < width; x++)
                    out[4 * x] = out[4 * x + 1] = out[4 * x + 2] = out[4 * x + 3] = in[x];
            } else {
                for (int x = 0; x < width; x++)
                    out[x] = limited_luma(in[x]);
            }
        }
    }
    for (int p = 1; p < planes; p++) {
        uint64_t row_bytes;
        uint32_t rows;
        vision_pixel_format_plane_size(&row_bytes, &rows, format, (uint32_t)width,
                                       (uint32_t)height, (uint32_t)p);
        for (uint32_t y = 0; y < rows; y++)
            memset(frame->planes[p] + (size_t)y * frame->strides[p], 128, (size_t)row_bytes);
    }
    return VISION_OK;
}
