/*
 * Overlay: the plates of the last frame drawn into a writable frame, in any
 * pixel format: the plate's outline in green and its text, black on a
 * green label above it, in a small built-in 5x7 font (no font files, no
 * OpenCV: the pixels are written straight into the frame's planes).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <string.h>

#include "core/error.h"
#include "core/pixel_format.h"
#include "plate_internal.h"

typedef struct colour {
    uint8_t r, g, b;
    uint8_t luma;    /* full range, for GRAY8/GRAY16 */
    uint8_t y, u, v; /* BT.601 limited range, for YUV formats */
} colour;

static const colour GREEN = {0, 230, 0, 135, 132, 61, 43};
static const colour BLACK = {0, 0, 0, 0, 16, 128, 128};

typedef struct canvas {
    vision_frame *frame;
    const vis_format_info *info;
    int width, height;
} canvas;

static void put_pixel(const canvas *c, int x, int y, const colour *col)
{
    if (x < 0 || y < 0 || x >= c->width || y >= c->height)
        return;
    const vis_format_info *info = c->info;
    vision_frame *f = c->frame;
    uint8_t *row = f->planes[0] + (size_t)y * f->strides[0];
    switch (info->family) {
    case VIS_FAMILY_GRAY8:
        row[x] = col->luma;
        break;
    case VIS_FAMILY_GRAY16:
        row[2 * x] = col->luma;
        row[2 * x + 1] = col->luma;
        break;
    case VIS_FAMILY_PACKED_RGB: {
        uint8_t *p = row + (size_t)x * info->bytes_per_pixel;
        p[info->r] = col->r;
        p[info->g] = col->g;
        p[info->b] = col->b;
        break;
    }
    case VIS_FAMILY_PLANAR_420: {
        row[x] = col->y;
        size_t cy = (size_t)(y / 2), cx = (size_t)(x / 2);
        f->planes[info->u_plane][cy * f->strides[info->u_plane] + cx] = col->u;
        f->planes[info->v_plane][cy * f->strides[info->v_plane] + cx] = col->v;
        break;
    }
    case VIS_FAMILY_SEMI_PLANAR_420: {
        row[x] = col->y;
        uint8_t *pair = f->planes[1] + (size_t)(y / 2) * f->strides[1] + (size_t)(x / 2) * 2;
        pair[info->u] = col->u;
        pair[info->v] = col->v;
        break;
    }
    case VIS_FAMILY_PACKED_422: {
        uint8_t *pair = row + (size_t)(x / 2) * 4;
        pair[info->y0 + 2 * (x & 1)] = col->y;
        pair[info->u] = col->u;
        pair[info->v] = col->v;
        break;
    }
    default:
        break;
    }
}

static void fill_rect(const canvas *c, int x0, int y0, int w, int h, const colour *col)
{
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            put_pixel(c, x, y, col);
}

/* A line `thickness` pixels wide (Bresenham with a square brush). */
static void draw_line(const canvas *c, int x0, int y0, int x1, int y1, int thickness,
                      const colour *col)
{
    int dx = x1 > x0 ? x1 - x0 : x0 - x1, sx = x0 < x1 ? 1 : -1;
    int dy = y1 > y0 ? y0 - y1 : y1 - y0, sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, half = thickness / 2;
    /* Corners far outside the frame would make the walk long: a plate's
     * corners are near the frame, anything else is clipped by put_pixel. */
    for (int steps = 0; steps < 4 * ((int)VISION_FRAME_MAX_DIMENSION + 1); steps++) {
        fill_rect(c, x0 - half, y0 - half, thickness, thickness, col);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

/* 5x7 glyphs, one byte per row, bit 4 = leftmost column. */
static const uint8_t *glyph(char ch)
{
    static const uint8_t digits[10][7] = {
        {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E},
        {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F}, {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E},
        {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
        {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08},
        {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E}, {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C},
    };
    static const uint8_t letters[26][7] = {
        {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, /* A */
        {0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E}, /* B */
        {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}, /* C */
        {0x1C, 0x12, 0x11, 0x11, 0x11, 0x12, 0x1C}, /* D */
        {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F}, /* E */
        {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10}, /* F */
        {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F}, /* G */
        {0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, /* H */
        {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, /* I */
        {0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C}, /* J */
        {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11}, /* K */
        {0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F}, /* L */
        {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}, /* M */
        {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11}, /* N */
        {0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, /* O */
        {0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10}, /* P */
        {0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D}, /* Q */
        {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11}, /* R */
        {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}, /* S */
        {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}, /* T */
        {0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E}, /* U */
        {0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04}, /* V */
        {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}, /* W */
        {0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11}, /* X */
        {0x11, 0x11, 0x11, 0x0A, 0x04, 0x04, 0x04}, /* Y */
        {0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F}, /* Z */
    };
    static const uint8_t dash[7] = {0, 0, 0, 0x1F, 0, 0, 0};
    static const uint8_t hash[7] = {0x0A, 0x0A, 0x1F, 0x0A, 0x1F, 0x0A, 0x0A};
    static const uint8_t blank[7] = {0};
    if (ch >= '0' && ch <= '9')
        return digits[ch - '0'];
    if (ch >= 'A' && ch <= 'Z')
        return letters[ch - 'A'];
    if (ch >= 'a' && ch <= 'z')
        return letters[ch - 'a'];
    if (ch == '-')
        return dash;
    if (ch == '#')
        return hash;
    return blank;
}

static void draw_text(const canvas *c, int x, int y, int scale, const char *text, const colour *col)
{
    for (; *text; text++, x += 6 * scale) {
        const uint8_t *rows = glyph(*text);
        for (int gy = 0; gy < 7; gy++)
            for (int gx = 0; gx < 5; gx++)
                if (rows[gy] & (0x10 >> gx))
                    fill_rect(c, x + gx * scale, y + gy * scale, scale, scale, col);
    }
}

static int clamp_coord(double v)
{
    if (!(v > -32768.0))
        return -32768;
    if (v > 32767.0)
        return 32767;
    return (int)lround(v);
}

static void draw_result(const canvas *c, const vision_plate_result *r, double sx, double sy)
{
    int thickness = c->height >= 480 ? 3 : 2;
    int px[4], py[4];
    for (int i = 0; i < 4; i++) {
        px[i] = clamp_coord(r->corners[2 * i] * sx);
        py[i] = clamp_coord(r->corners[2 * i + 1] * sy);
    }
    int have_corners = 0;
    for (int i = 0; i < 8; i++)
        have_corners |= r->corners[i] != 0.0;
    if (!have_corners) {
        int x0 = clamp_coord(r->box[0] * sx), y0 = clamp_coord(r->box[1] * sy);
        int x1 = clamp_coord((r->box[0] + r->box[2]) * sx);
        int y1 = clamp_coord((r->box[1] + r->box[3]) * sy);
        px[0] = px[3] = x0;
        px[1] = px[2] = x1;
        py[0] = py[1] = y0;
        py[2] = py[3] = y1;
    }
    for (int i = 0; i < 4; i++)
        draw_line(c, px[i], py[i], px[(i + 1) % 4], py[(i + 1) % 4], thickness, &GREEN);

    char label[VISION_PLATE_TEXT_SIZE + 16];
    size_t n = strnlen(r->text, VISION_PLATE_TEXT_SIZE - 1);
    memcpy(label, r->text, n);
    label[n] = '\0';
    if (r->track_id >= 0 && n + 12 < sizeof label) {
        /* "#id " before the text in video mode */
        char prefix[16];
        int id = r->track_id, k = 0;
        char digits[12];
        do {
            digits[k++] = (char)('0' + id % 10);
            id /= 10;
        } while (id && k < 11);
        int p = 0;
        prefix[p++] = '#';
        while (k)
            prefix[p++] = digits[--k];
        prefix[p++] = ' ';
        memmove(label + p, label, n + 1);
        memcpy(label, prefix, (size_t)p);
    }
    int scale = c->height / 200;
    scale = scale < 2 ? 2 : scale > 6 ? 6 : scale;
    if (c->height < 100)
        scale = 1;
    int text_w = (int)strlen(label) * 6 * scale + 2 * scale;
    int text_h = 9 * scale;
    int lx = px[0] < px[3] ? px[0] : px[3];
    int ly = (py[0] < py[1] ? py[0] : py[1]) - text_h - thickness;
    if (ly < 0) /* no room above: below the plate */
        ly = (py[2] > py[3] ? py[2] : py[3]) + thickness;
    fill_rect(c, lx, ly, text_w, text_h, &GREEN);
    draw_text(c, lx + 2 * scale, ly + scale, scale, label, &BLACK);
}

int vision_plate_draw(vision_plate *plate, vision_frame *frame)
{
    if (!plate || !frame)
        return vis_fail(plate ? &plate->errors : NULL, VISION_E_INVALID_ARGUMENT,
                        "plate or frame is NULL");
    char detail[VIS_ERROR_MESSAGE_SIZE];
    int rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc)
        return vis_fail_detail(&plate->errors, rc, detail);
    if (plate->result_count == 0 || plate->result_width <= 0)
        return VISION_OK;
    canvas c = {frame, vis_format_info_get(frame->format), (int)frame->width, (int)frame->height};
    double sx = (double)frame->width / plate->result_width;
    double sy = (double)frame->height / plate->result_height;
    for (uint32_t i = 0; i < plate->result_count; i++)
        draw_result(&c, &plate->results[i], sx, sy);
    return VISION_OK;
}
