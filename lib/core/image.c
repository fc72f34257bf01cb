/*
 * Frames to analysis images: gray or BGR, full size or scaled down.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "image.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "../cv/cv_image.h"
#include "alloc.h"
#include "downscale.h"
#include "pixel_format.h"

void vis_image_buffer_release(vis_image_buffer *buffer)
{
    if (!buffer)
        return;
    vis_free(buffer->data);
    buffer->data = NULL;
    buffer->size = 0;
}

int vis_image_buffer_reserve(vis_image_buffer *buffer, size_t size)
{
    if (buffer->size >= size)
        return VISION_OK;
    uint8_t *grown = vis_malloc(size);
    if (!grown)
        return VISION_E_NO_MEMORY;
    vis_free(buffer->data);
    buffer->data = grown;
    buffer->size = size;
    return VISION_OK;
}

void vis_scaled_size(int frame_width, int frame_height, int target_width, int *out_width,
                     int *out_height)
{
    if (target_width <= 0 || target_width >= frame_width) {
        *out_width = frame_width;
        *out_height = frame_height;
        return;
    }
    /* Round to nearest rather than truncate, so the aspect ratio is kept as
     * well as whole pixels allow. */
    long long height = ((long long)frame_height * target_width * 2 + frame_width) /
                       (2LL * frame_width);
    *out_width = target_width;
    *out_height = height < 1 ? 1 : (int)height;
}

/* --- YUV to BGR, BT.601 limited range, the fixed point OpenCV uses ------- */

enum { YUV_SHIFT = 20, YUV_CY = 1220542, YUV_CUB = 2116026, YUV_CUG = -409993, YUV_CVG = -852492,
       YUV_CVR = 1673527 };

static inline uint8_t clamp_u8(int value)
{
    return (uint8_t)(value < 0 ? 0 : value > 255 ? 255 : value);
}

static inline void yuv_to_bgr(int y, int u, int v, uint8_t *out)
{
    int luma = (y > 16 ? y - 16 : 0) * YUV_CY;
    u -= 128;
    v -= 128;
    const int round = 1 << (YUV_SHIFT - 1);
    out[0] = clamp_u8((luma + round + YUV_CUB * u) >> YUV_SHIFT);
    out[1] = clamp_u8((luma + round + YUV_CVG * v + YUV_CUG * u) >> YUV_SHIFT);
    out[2] = clamp_u8((luma + round + YUV_CVR * v) >> YUV_SHIFT);
}

/* Where the U and V samples of a row are, for the three YUV families:
 * sample of column x is at u_row[(x >> x_shift) * step]. */
typedef struct chroma_rows {
    const uint8_t *u_row;
    const uint8_t *v_row;
    int step;
} chroma_rows;

static chroma_rows chroma_for_row(const vision_frame *frame, const vis_format_info *info, int y)
{
    chroma_rows rows;
    if (info->family == VIS_FAMILY_PLANAR_420) {
        rows.u_row = frame->planes[info->u_plane] + (size_t)(y / 2) * frame->strides[info->u_plane];
        rows.v_row = frame->planes[info->v_plane] + (size_t)(y / 2) * frame->strides[info->v_plane];
        rows.step = 1;
    } else if (info->family == VIS_FAMILY_SEMI_PLANAR_420) {
        const uint8_t *pairs = frame->planes[1] + (size_t)(y / 2) * frame->strides[1];
        rows.u_row = pairs + info->u;
        rows.v_row = pairs + info->v;
        rows.step = 2;
    } else { /* packed 4:2:2: one U and one V per 4-byte group */
        const uint8_t *line = frame->planes[0] + (size_t)y * frame->strides[0];
        rows.u_row = line + info->u;
        rows.v_row = line + info->v;
        rows.step = 4;
    }
    return rows;
}

static void yuv_frame_to_bgr(const vision_frame *frame, const vis_format_info *info, uint8_t *dst,
                             size_t dst_stride)
{
    for (uint32_t y = 0; y < frame->height; y++) {
        chroma_rows chroma = chroma_for_row(frame, info, (int)y);
        uint8_t *out = dst + y * dst_stride;
        if (info->family == VIS_FAMILY_PACKED_422) {
            const uint8_t *line = frame->planes[0] + (size_t)y * frame->strides[0];
            for (uint32_t x = 0; x < frame->width; x++) {
                size_t group = (size_t)(x >> 1) * 4;
                yuv_to_bgr(line[group + info->y0 + 2 * (x & 1)], chroma.u_row[group],
                           chroma.v_row[group], out + 3 * x);
            }
        } else {
            const uint8_t *luma = frame->planes[0] + (size_t)y * frame->strides[0];
            for (uint32_t x = 0; x < frame->width; x++) {
                size_t c = (size_t)(x >> 1) * chroma.step;
                yuv_to_bgr(luma[x], chroma.u_row[c], chroma.v_row[c], out + 3 * x);
            }
        }
    }
}

/* BGR from YUV through OpenCV's vectorised converters when the sizes are
 * even (planar chroma is first interleaved into the scratch after the BGR
 * pixels, which vis_image_from_frame reserves); the portable loop
 * otherwise. */
static int yuv_to_bgr_fast(const vision_frame *frame, const vis_format_info *info, uint8_t *dst,
                           size_t dst_stride)
{
    const int width = (int)frame->width, height = (int)frame->height;
    const int even = width % 2 == 0 && height % 2 == 0;
    if (info->family == VIS_FAMILY_PACKED_422 && width % 2 == 0)
        return vis_cv_packed_422_to_bgr(frame->planes[0], frame->strides[0], width, height,
                                        info->y0 == 1, dst, dst_stride);
    if (info->family == VIS_FAMILY_SEMI_PLANAR_420 && even)
        return vis_cv_nv_to_bgr(frame->planes[0], frame->strides[0], frame->planes[1],
                                frame->strides[1], width, height, info->v == 0, dst, dst_stride);
    if (info->family == VIS_FAMILY_PLANAR_420 && even) {
        uint8_t *pairs = dst + (size_t)height * dst_stride;
        const int chroma_width = width / 2;
        for (int y = 0; y < height / 2; y++) {
            const uint8_t *u = frame->planes[info->u_plane] + (size_t)y * frame->strides[info->u_plane];
            const uint8_t *v = frame->planes[info->v_plane] + (size_t)y * frame->strides[info->v_plane];
            uint8_t *out = pairs + (size_t)y * width;
            for (int x = 0; x < chroma_width; x++) {
                out[2 * x] = u[x];
                out[2 * x + 1] = v[x];
            }
        }
        return vis_cv_nv_to_bgr(frame->planes[0], frame->strides[0], pairs, (size_t)width, width,
                                height, 0, dst, dst_stride);
    }
    yuv_frame_to_bgr(frame, info, dst, dst_stride);
    return VISION_OK;
}

/* --- gray from formats that are not already gray ------------------------ */

/* Every other byte of a plane, starting at byte `first` (0 or 1): the luma
 * of YUY2 (0) and UYVY (1), the high bytes of GRAY16_LE (1). */
static void pick_alternate_bytes(const vision_frame *frame, int first, uint8_t *dst,
                                 size_t dst_stride)
{
    const uint32_t width = frame->width;
    for (uint32_t y = 0; y < frame->height; y++) {
        const uint8_t *line = frame->planes[0] + (size_t)y * frame->strides[0];
        uint8_t *out = dst + y * dst_stride;
        uint32_t x = 0;
#if defined(__SSE2__)
        const __m128i low_bytes = _mm_set1_epi16(0x00ff);
        for (; x + 16 <= width; x += 16) {
            __m128i a = _mm_loadu_si128((const __m128i *)(line + 2 * x));
            __m128i b = _mm_loadu_si128((const __m128i *)(line + 2 * x + 16));
            if (first) {
                a = _mm_srli_epi16(a, 8);
                b = _mm_srli_epi16(b, 8);
            } else {
                a = _mm_and_si128(a, low_bytes);
                b = _mm_and_si128(b, low_bytes);
            }
            _mm_storeu_si128((__m128i *)(out + x), _mm_packus_epi16(a, b));
        }
#endif
        for (; x < width; x++)
            out[x] = line[2 * x + first];
    }
}

/* The frame as a full-size gray image: a view into the frame when it holds
 * one, otherwise converted into `scratch`. */
static int full_gray(vis_image *out, uint8_t *scratch, const vision_frame *frame,
                     const vis_format_info *info)
{
    out->width = (int)frame->width;
    out->height = (int)frame->height;
    out->channels = 1;
    switch (info->family) {
    case VIS_FAMILY_GRAY8:
    case VIS_FAMILY_PLANAR_420:
    case VIS_FAMILY_SEMI_PLANAR_420:
        out->data = frame->planes[0];
        out->stride = frame->strides[0];
        return VISION_OK;
    case VIS_FAMILY_GRAY16:
        out->data = scratch;
        out->stride = frame->width;
        pick_alternate_bytes(frame, 1, scratch, out->stride); /* little-endian high bytes */
        return VISION_OK;
    case VIS_FAMILY_PACKED_422:
        out->data = scratch;
        out->stride = frame->width;
        pick_alternate_bytes(frame, info->y0, scratch, out->stride);
        return VISION_OK;
    case VIS_FAMILY_PACKED_RGB:
        out->data = scratch;
        out->stride = frame->width;
        return vis_cv_packed_to_gray(frame->planes[0], frame->strides[0], out->width, out->height,
                                     info->bytes_per_pixel, info->r, info->g, info->b, scratch,
                                     out->stride);
    default:
        return VISION_E_INTERNAL;
    }
}

/* The frame as a full-size BGR image, likewise. */
static int full_bgr(vis_image *out, uint8_t *scratch, const vision_frame *frame,
                    const vis_format_info *info)
{
    out->width = (int)frame->width;
    out->height = (int)frame->height;
    out->channels = 3;
    if (frame->format == VISION_PIXEL_FORMAT_BGR) {
        out->data = frame->planes[0];
        out->stride = frame->strides[0];
        return VISION_OK;
    }
    out->data = scratch;
    out->stride = (size_t)frame->width * 3;
    switch (info->family) {
    case VIS_FAMILY_PACKED_RGB:
        return vis_cv_packed_to_bgr(frame->planes[0], frame->strides[0], out->width, out->height,
                                    info->bytes_per_pixel, info->r, info->g, info->b, scratch,
                                    out->stride);
    case VIS_FAMILY_PLANAR_420:
    case VIS_FAMILY_SEMI_PLANAR_420:
    case VIS_FAMILY_PACKED_422:
        return yuv_to_bgr_fast(frame, info, scratch, out->stride);
    case VIS_FAMILY_GRAY8:
        return vis_cv_gray_to_bgr(frame->planes[0], frame->strides[0], out->width, out->height,
                                  scratch, out->stride);
    case VIS_FAMILY_GRAY16: {
        /* High bytes after the BGR part of the scratch, then spread. */
        uint8_t *gray = scratch + (size_t)out->width * out->height * 3;
        pick_alternate_bytes(frame, 1, gray, frame->width);
        return vis_cv_gray_to_bgr(gray, frame->width, out->width, out->height, scratch,
                                  out->stride);
    }
    default:
        return VISION_E_INTERNAL;
    }
}

/* Whether the full-size image of this kind is a view into the frame. */
static int is_view(const vis_format_info *info, uint32_t format, int channels)
{
    if (channels == 3)
        return format == VISION_PIXEL_FORMAT_BGR;
    return info->family == VIS_FAMILY_GRAY8 || info->family == VIS_FAMILY_PLANAR_420 ||
           info->family == VIS_FAMILY_SEMI_PLANAR_420;
}

int vis_image_from_frame(vis_image *out, vis_image_buffer *buffer, const vision_frame *frame,
                         int channels, int out_width, int out_height, vis_error_buffer *errors)
{
    const vis_format_info *info = frame ? vis_format_info_get(frame->format) : NULL;
    if (!out || !buffer || !info || (channels != 1 && channels != 3))
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "bad analysis image request");
    if (out_width < 1 || out_height < 1 || (uint32_t)out_width > frame->width ||
        (uint32_t)out_height > frame->height)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT,
                        "analysis size %dx%d must be within the frame's %ux%u", out_width,
                        out_height, frame->width, frame->height);

    int scaled = (uint32_t)out_width != frame->width || (uint32_t)out_height != frame->height;
    /* Layout of the buffer: [full-size conversion][scaled result]. The full
     * part is skipped when the frame already is the image; a GRAY16 frame
     * converted to BGR also needs room for its gray bytes. */
    size_t full_bytes = 0;
    if (!is_view(info, frame->format, channels)) {
        full_bytes = (size_t)frame->width * frame->height * (size_t)channels;
        /* GRAY16 to BGR keeps its gray bytes after the BGR pixels, planar
         * 4:2:0 its interleaved chroma. */
        if (channels == 3 && (info->family == VIS_FAMILY_GRAY16 ||
                              info->family == VIS_FAMILY_PLANAR_420))
            full_bytes += (size_t)frame->width * frame->height;
    }
    size_t scaled_bytes = scaled ? (size_t)out_width * out_height * (size_t)channels : 0;
    /* Then 16-bit row sums for whole-factor gray shrinking, 2-byte aligned. */
    size_t sums_offset = (full_bytes + scaled_bytes + 1) & ~(size_t)1;
    size_t sums_bytes = scaled && channels == 1 ? (size_t)frame->width * sizeof(uint16_t) : 0;
    if (vis_image_buffer_reserve(buffer, sums_offset + sums_bytes) != VISION_OK)
        return vis_fail(errors, VISION_E_NO_MEMORY, "no memory for a %ux%u analysis image",
                        frame->width, frame->height);

    vis_image full;
    int rc = channels == 1 ? full_gray(&full, buffer->data, frame, info)
                           : full_bgr(&full, buffer->data, frame, info);
    if (rc != VISION_OK)
        return vis_fail(errors, rc, "converting %s to %s failed inside OpenCV", info->name,
                        channels == 1 ? "gray" : "BGR");
    if (!scaled) {
        *out = full;
        return VISION_OK;
    }
    vis_image small = {buffer->data + full_bytes, (size_t)out_width * (size_t)channels, out_width,
                       out_height, channels};
    if (channels == 1 &&
        vis_downscale_gray_box(full.data, full.stride, full.width, full.height, small.data,
                               small.stride, small.width, small.height,
                               (uint16_t *)(void *)(buffer->data + sums_offset))) {
        *out = small;
        return VISION_OK;
    }
    rc = vis_cv_resize(full.data, full.stride, full.width, full.height, channels, small.data,
                       small.stride, small.width, small.height);
    if (rc != VISION_OK)
        return vis_fail(errors, rc, "scaling to %dx%d failed inside OpenCV", out_width,
                        out_height);
    *out = small;
    return VISION_OK;
}
