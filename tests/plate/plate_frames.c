/*
 * Test helper: BGR pictures in every pixel format (see plate_frames.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_frames.h"

#include <stdlib.h>
#include <string.h>

static uint8_t clamp8(int v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* BT.601 limited range, integer approximation. */
static void bgr_to_yuv(const uint8_t *p, int *y, int *u, int *v)
{
    int b = p[0], g = p[1], r = p[2];
    *y = clamp8(((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
    *u = clamp8(((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
    *v = clamp8(((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
}

static int luma_full(const uint8_t *p)
{
    return (299 * p[2] + 587 * p[1] + 114 * p[0] + 500) / 1000;
}

int test_frame_from_bgr(test_frame *out, uint32_t format, const uint8_t *bgr, size_t bgr_stride,
                        int width, int height)
{
    memset(out, 0, sizeof *out);
    vision_frame_init(&out->frame);
    int planes = vision_pixel_format_plane_count(format);
    if (planes < 1)
        return -1;
    uint64_t rows_bytes[4] = {0};
    uint32_t rows[4] = {0};
    size_t total = 0;
    for (int i = 0; i < planes; i++) {
        if (vision_pixel_format_plane_size(&rows_bytes[i], &rows[i], format, (uint32_t)width,
                                           (uint32_t)height, (uint32_t)i))
            return -1;
        total += (size_t)(rows_bytes[i] + TEST_FRAME_PADDING) * rows[i];
    }
    out->data = malloc(total);
    if (!out->data)
        return -1;
    out->size = total;
    memset(out->data, TEST_FRAME_PAD_BYTE, total);
    vision_frame *f = &out->frame;
    f->format = format;
    f->width = (uint32_t)width;
    f->height = (uint32_t)height;
    size_t offset = 0;
    for (int i = 0; i < planes; i++) {
        f->planes[i] = out->data + offset;
        f->strides[i] = (uint32_t)(rows_bytes[i] + TEST_FRAME_PADDING);
        offset += (size_t)f->strides[i] * rows[i];
    }
    const char *name = vision_pixel_format_name(format);
    for (int y = 0; y < height; y++) {
        const uint8_t *src = bgr + (size_t)y * bgr_stride;
        uint8_t *row0 = f->planes[0] + (size_t)y * f->strides[0];
        for (int x = 0; x < width; x++) {
            const uint8_t *p = src + 3 * x;
            int yy, uu, vv;
            bgr_to_yuv(p, &yy, &uu, &vv);
            switch (format) {
            case VISION_PIXEL_FORMAT_GRAY8:
                row0[x] = (uint8_t)luma_full(p);
                break;
            case VISION_PIXEL_FORMAT_GRAY16_LE: {
                int l = luma_full(p) * 257;
                row0[2 * x] = (uint8_t)(l & 0xff);
                row0[2 * x + 1] = (uint8_t)(l >> 8);
                break;
            }
            case VISION_PIXEL_FORMAT_I420:
            case VISION_PIXEL_FORMAT_YV12:
            case VISION_PIXEL_FORMAT_NV12:
            case VISION_PIXEL_FORMAT_NV21:
                row0[x] = (uint8_t)yy;
                if (!(x & 1) && !(y & 1)) {
                    size_t cx = (size_t)x / 2, cy = (size_t)y / 2;
                    if (format == VISION_PIXEL_FORMAT_I420 || format == VISION_PIXEL_FORMAT_YV12) {
                        int up = format == VISION_PIXEL_FORMAT_I420 ? 1 : 2;
                        f->planes[up][cy * f->strides[up] + cx] = (uint8_t)uu;
                        f->planes[3 - up][cy * f->strides[3 - up] + cx] = (uint8_t)vv;
                    } else {
                        uint8_t *pair = f->planes[1] + cy * f->strides[1] + 2 * cx;
                        pair[format == VISION_PIXEL_FORMAT_NV12 ? 0 : 1] = (uint8_t)uu;
                        pair[format == VISION_PIXEL_FORMAT_NV12 ? 1 : 0] = (uint8_t)vv;
                    }
                }
                break;
            case VISION_PIXEL_FORMAT_YUY2:
            case VISION_PIXEL_FORMAT_UYVY: {
                uint8_t *pair = row0 + (size_t)(x / 2) * 4;
                int yuy2 = format == VISION_PIXEL_FORMAT_YUY2;
                pair[(yuy2 ? 0 : 1) + 2 * (x & 1)] = (uint8_t)yy;
                if (!(x & 1)) {
                    pair[yuy2 ? 1 : 0] = (uint8_t)uu;
                    pair[yuy2 ? 3 : 2] = (uint8_t)vv;
                }
                break;
            }
            default: { /* packed RGB family, by the name's letter order */
                int bpp = (int)strlen(name) == 3 ? 3 : 4;
                uint8_t *q = row0 + (size_t)x * bpp;
                for (int k = 0; k < bpp; k++) {
                    char c = name[k];
                    q[k] = c == 'R' ? p[2] : c == 'G' ? p[1] : c == 'B' ? p[0] : 255;
                }
                break;
            }
            }
        }
    }
    return 0;
}

int test_frame_padding_intact(const test_frame *t)
{
    const vision_frame *f = &t->frame;
    int planes = vision_pixel_format_plane_count(f->format);
    for (int i = 0; i < planes; i++) {
        uint64_t row_bytes;
        uint32_t rows;
        vision_pixel_format_plane_size(&row_bytes, &rows, f->format, f->width, f->height,
                                       (uint32_t)i);
        for (uint32_t y = 0; y < rows; y++) {
            const uint8_t *pad = f->planes[i] + (size_t)y * f->strides[i] + row_bytes;
            for (int k = 0; k < TEST_FRAME_PADDING; k++)
                if (pad[k] != TEST_FRAME_PAD_BYTE)
                    return 0;
        }
    }
    return 1;
}

void test_frame_release(test_frame *frame)
{
    free(frame->data);
    frame->data = NULL;
}
