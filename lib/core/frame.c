/*
 * Frame descriptors: formats, plane geometry and validation.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "pixel_format.h"
#include "vision/frame.h"

/* One row per format, indexed by its enum value. */
static const vis_format_info format_table[VISION_PIXEL_FORMAT_COUNT] = {
    [VISION_PIXEL_FORMAT_GRAY8] = {"GRAY8", VIS_FAMILY_GRAY8, 1, 1},
    [VISION_PIXEL_FORMAT_RGB] = {"RGB", VIS_FAMILY_PACKED_RGB, 1, 3, 0, 1, 2},
    [VISION_PIXEL_FORMAT_BGR] = {"BGR", VIS_FAMILY_PACKED_RGB, 1, 3, 2, 1, 0},
    [VISION_PIXEL_FORMAT_RGBA] = {"RGBA", VIS_FAMILY_PACKED_RGB, 1, 4, 0, 1, 2},
    [VISION_PIXEL_FORMAT_BGRA] = {"BGRA", VIS_FAMILY_PACKED_RGB, 1, 4, 2, 1, 0},
    [VISION_PIXEL_FORMAT_ARGB] = {"ARGB", VIS_FAMILY_PACKED_RGB, 1, 4, 1, 2, 3},
    [VISION_PIXEL_FORMAT_ABGR] = {"ABGR", VIS_FAMILY_PACKED_RGB, 1, 4, 3, 2, 1},
    [VISION_PIXEL_FORMAT_RGBX] = {"RGBx", VIS_FAMILY_PACKED_RGB, 1, 4, 0, 1, 2},
    [VISION_PIXEL_FORMAT_BGRX] = {"BGRx", VIS_FAMILY_PACKED_RGB, 1, 4, 2, 1, 0},
    [VISION_PIXEL_FORMAT_XRGB] = {"xRGB", VIS_FAMILY_PACKED_RGB, 1, 4, 1, 2, 3},
    [VISION_PIXEL_FORMAT_XBGR] = {"xBGR", VIS_FAMILY_PACKED_RGB, 1, 4, 3, 2, 1},
    [VISION_PIXEL_FORMAT_I420] = {"I420", VIS_FAMILY_PLANAR_420, 3, 1, 0, 0, 0, 1, 2},
    [VISION_PIXEL_FORMAT_YV12] = {"YV12", VIS_FAMILY_PLANAR_420, 3, 1, 0, 0, 0, 2, 1},
    [VISION_PIXEL_FORMAT_NV12] = {"NV12", VIS_FAMILY_SEMI_PLANAR_420, 2, 1, 0, 0, 0, 1, 1, 0, 0, 1},
    [VISION_PIXEL_FORMAT_NV21] = {"NV21", VIS_FAMILY_SEMI_PLANAR_420, 2, 1, 0, 0, 0, 1, 1, 0, 1, 0},
    [VISION_PIXEL_FORMAT_YUY2] = {"YUY2", VIS_FAMILY_PACKED_422, 1, 4, 0, 0, 0, 0, 0, 0, 1, 3},
    [VISION_PIXEL_FORMAT_UYVY] = {"UYVY", VIS_FAMILY_PACKED_422, 1, 4, 0, 0, 0, 0, 0, 1, 0, 2},
    [VISION_PIXEL_FORMAT_GRAY16_LE] = {"GRAY16_LE", VIS_FAMILY_GRAY16, 1, 2},
};

const vis_format_info *vis_format_info_get(uint32_t format)
{
    if (format >= VISION_PIXEL_FORMAT_COUNT || format_table[format].family == VIS_FAMILY_NONE)
        return NULL;
    return &format_table[format];
}

VISION_API void vision_frame_init(vision_frame *frame)
{
    if (!frame)
        return;
    static const vision_frame defaults = VISION_FRAME_INIT;
    memset(frame, 0, sizeof *frame);
    *frame = defaults;
}

VISION_API int vision_pixel_format_plane_count(uint32_t format)
{
    const vis_format_info *info = vis_format_info_get(format);
    return info ? info->planes : VISION_E_PIXEL_FORMAT;
}

VISION_API const char *vision_pixel_format_name(uint32_t format)
{
    const vis_format_info *info = vis_format_info_get(format);
    return info ? info->name : NULL;
}

VISION_API uint32_t vision_pixel_format_from_name(const char *name)
{
    static const struct {
        const char *alias;
        uint32_t format;
    } aliases[] = {
        {"GRAY", VISION_PIXEL_FORMAT_GRAY8},     {"Y8", VISION_PIXEL_FORMAT_GRAY8},
        {"BGR24", VISION_PIXEL_FORMAT_BGR},      {"RGB24", VISION_PIXEL_FORMAT_RGB},
        {"YUYV", VISION_PIXEL_FORMAT_YUY2},      {"YUV420P", VISION_PIXEL_FORMAT_I420},
        {"GRAY16", VISION_PIXEL_FORMAT_GRAY16_LE}, {"GRAY16LE", VISION_PIXEL_FORMAT_GRAY16_LE},
    };
    if (!name)
        return VISION_PIXEL_FORMAT_UNKNOWN;
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++)
        if (strcasecmp(name, format_table[f].name) == 0)
            return f;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcasecmp(name, aliases[i].alias) == 0)
            return aliases[i].format;
    return VISION_PIXEL_FORMAT_UNKNOWN;
}

static int dimensions_valid(uint32_t width, uint32_t height)
{
    return width >= 1 && height >= 1 && width <= VISION_FRAME_MAX_DIMENSION &&
           height <= VISION_FRAME_MAX_DIMENSION;
}

/* Geometry of one plane; `info` and the dimensions are already checked. */
static void plane_geometry(const vis_format_info *info, uint32_t width, uint32_t height,
                           uint32_t plane, uint64_t *row_bytes, uint32_t *rows)
{
    uint64_t half_width = ((uint64_t)width + 1) / 2;
    uint32_t half_height = (height + 1) / 2;
    switch (info->family) {
    case VIS_FAMILY_PLANAR_420:
        *row_bytes = plane == 0 ? width : half_width;
        *rows = plane == 0 ? height : half_height;
        break;
    case VIS_FAMILY_SEMI_PLANAR_420:
        *row_bytes = plane == 0 ? width : 2 * half_width;
        *rows = plane == 0 ? height : half_height;
        break;
    case VIS_FAMILY_PACKED_422:
        *row_bytes = 4 * half_width;
        *rows = height;
        break;
    default:
        *row_bytes = (uint64_t)width * info->bytes_per_pixel;
        *rows = height;
        break;
    }
}

VISION_API int vision_pixel_format_plane_size(uint64_t *row_bytes, uint32_t *rows, uint32_t format,
                                              uint32_t width, uint32_t height, uint32_t plane)
{
    const vis_format_info *info = vis_format_info_get(format);
    if (!info)
        return VISION_E_PIXEL_FORMAT;
    if (!dimensions_valid(width, height))
        return VISION_E_FRAME_SIZE;
    if (plane >= info->planes)
        return VISION_E_INVALID_ARGUMENT;
    uint64_t bytes;
    uint32_t count;
    plane_geometry(info, width, height, plane, &bytes, &count);
    if (row_bytes)
        *row_bytes = bytes;
    if (rows)
        *rows = count;
    return VISION_OK;
}

VISION_API int vision_pixel_format_buffer_size(uint64_t *size, uint32_t format, uint32_t width,
                                               uint32_t height)
{
    if (!size)
        return VISION_E_INVALID_ARGUMENT;
    const vis_format_info *info = vis_format_info_get(format);
    if (!info)
        return VISION_E_PIXEL_FORMAT;
    if (!dimensions_valid(width, height))
        return VISION_E_FRAME_SIZE;
    uint64_t total = 0;
    for (uint32_t p = 0; p < info->planes; p++) {
        uint64_t bytes;
        uint32_t rows;
        plane_geometry(info, width, height, p, &bytes, &rows);
        total += bytes * rows; /* at most 16384 * 4 * 16384 per plane: no overflow */
    }
    *size = total;
    return VISION_OK;
}

VISION_API int vision_frame_wrap(vision_frame *frame, uint32_t format, uint32_t width,
                                 uint32_t height, void *data, uint64_t size)
{
    if (!frame || !data)
        return VISION_E_INVALID_ARGUMENT;
    uint64_t needed;
    int rc = vision_pixel_format_buffer_size(&needed, format, width, height);
    if (rc != VISION_OK)
        return rc;
    if (size < needed)
        return VISION_E_INVALID_ARGUMENT;
    const vis_format_info *info = vis_format_info_get(format);
    frame->format = format;
    frame->width = width;
    frame->height = height;
    uint8_t *next = data;
    for (uint32_t p = 0; p < VISION_FRAME_MAX_PLANES; p++) {
        if (p >= info->planes) {
            frame->planes[p] = NULL;
            frame->strides[p] = 0;
            continue;
        }
        uint64_t bytes;
        uint32_t rows;
        plane_geometry(info, width, height, p, &bytes, &rows);
        frame->planes[p] = next;
        frame->strides[p] = (uint32_t)bytes;
        next += bytes * rows;
    }
    return VISION_OK;
}

static int fail(char *detail, size_t detail_size, int code, const char *message, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *detail, size_t detail_size, int code, const char *message, ...)
{
    /* The thread's message too: every failing call leaves one (common.h). */
    va_list args;
    va_start(args, message);
    vis_failv(NULL, code, message, args);
    va_end(args);
    if (detail && detail_size)
        snprintf(detail, detail_size, "%s", vision_last_error());
    return code;
}

VISION_API int vision_frame_validate(const vision_frame *frame, char *detail, size_t detail_size)
{
    if (detail && detail_size)
        detail[0] = '\0';
    if (!frame)
        return fail(detail, detail_size, VISION_E_INVALID_ARGUMENT, "frame is NULL");
    if (frame->version != VISION_FRAME_VERSION)
        return fail(detail, detail_size, VISION_E_STRUCT_VERSION,
                    "frame version %u is not supported (expected %u)", frame->version,
                    VISION_FRAME_VERSION);
    const vis_format_info *info = vis_format_info_get(frame->format);
    if (!info)
        return fail(detail, detail_size, VISION_E_PIXEL_FORMAT, "unknown pixel format %u",
                    frame->format);
    if (!dimensions_valid(frame->width, frame->height))
        return fail(detail, detail_size, VISION_E_FRAME_SIZE,
                    "frame size %ux%u is outside 1x1 .. %ux%u", frame->width, frame->height,
                    VISION_FRAME_MAX_DIMENSION, VISION_FRAME_MAX_DIMENSION);
    for (uint32_t p = 0; p < VISION_FRAME_MAX_PLANES; p++) {
        if (p >= info->planes) {
            if (frame->planes[p])
                return fail(detail, detail_size, VISION_E_FRAME_PLANE,
                            "plane %u must be NULL: %s has %u plane(s)", p, info->name,
                            info->planes);
            continue;
        }
        if (!frame->planes[p])
            return fail(detail, detail_size, VISION_E_FRAME_PLANE, "plane %u of %s is NULL", p,
                        info->name);
        uint64_t row_bytes;
        uint32_t rows;
        plane_geometry(info, frame->width, frame->height, p, &row_bytes, &rows);
        if (frame->strides[p] < row_bytes)
            return fail(detail, detail_size, VISION_E_FRAME_STRIDE,
                        "plane %u stride %u is shorter than its row of %llu bytes", p,
                        frame->strides[p], (unsigned long long)row_bytes);
        if ((uint64_t)frame->strides[p] * rows > VISION_FRAME_MAX_BYTES)
            return fail(detail, detail_size, VISION_E_FRAME_STRIDE,
                        "plane %u spans %llu bytes, over the %llu-byte limit", p,
                        (unsigned long long)frame->strides[p] * rows,
                        (unsigned long long)VISION_FRAME_MAX_BYTES);
    }
    if (frame->reserved != 0)
        return fail(detail, detail_size, VISION_E_INVALID_ARGUMENT, "reserved field is not zero");
    return VISION_OK;
}
