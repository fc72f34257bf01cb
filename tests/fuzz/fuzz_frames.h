/*
 * Fuzzing helper: a frame of any pixel format built from fuzz input, each
 * plane ending at an inaccessible page (see fuzz_input.h). Shared by the
 * crowd, plate and parser targets.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_FUZZ_FRAMES_H
#define VISION_FUZZ_FRAMES_H

#include "fuzz_input.h"
#include <vision/vision.h>

typedef struct fuzz_frame {
    vision_frame frame;
    guarded_buffer planes[VISION_FRAME_MAX_PLANES];
} fuzz_frame;

/*
 * Reads: format (1 byte), width and height (2 bytes each, 1..max_dimension
 * or 0 now and then), a layout byte, then per plane a padding byte and the
 * pixels. Layout bits: 0x80 an arbitrary struct version, 0x40 a nonzero
 * reserved field, 0x20 drop plane 1, 0x10 add an unused plane, 0x08 a
 * stride shorter than the row. Other values give a valid frame, which is
 * what most inputs should be so that the analysis itself gets fuzzed.
 * Returns 0, or -1 when memory could not be mapped (skip the input).
 */
static inline int fuzz_frame_make(fuzz_frame *f, fuzz_input *in, uint32_t max_dimension)
{
    memset(f, 0, sizeof *f);
    vision_frame_init(&f->frame);
    vision_frame *frame = &f->frame;
    frame->format = fuzz_u8(in) % (VISION_PIXEL_FORMAT_COUNT + 1);
    uint32_t w = (uint32_t)fuzz_u8(in) << 8 | fuzz_u8(in);
    uint32_t h = (uint32_t)fuzz_u8(in) << 8 | fuzz_u8(in);
    frame->width = w % (max_dimension + 1);
    frame->height = h % (max_dimension + 1);
    uint8_t layout = fuzz_u8(in);
    if (layout & 0x80)
        frame->version = fuzz_u8(in) % 3;
    if (layout & 0x40)
        frame->reserved = 1;
    int used_planes = vision_pixel_format_plane_count(frame->format);
    for (int p = 0; p < VISION_FRAME_MAX_PLANES; p++) {
        uint64_t row = 1;
        uint32_t rows = 1;
        int used = p < used_planes;
        if (used && vision_pixel_format_plane_size(&row, &rows, frame->format, frame->width,
                                                   frame->height, (uint32_t)p) != VISION_OK)
            used = 0;
        int present = used ? !(p == 1 && (layout & 0x20)) : (p == 3 && (layout & 0x10));
        if (!present)
            continue;
        uint8_t padding = fuzz_u8(in);
        int64_t stride = (int64_t)row + (padding & 31);
        if ((layout & 0x08) && p == 0)
            stride = (int64_t)row - 1 - (padding & 7);
        if (stride < 0)
            stride = 0;
        frame->strides[p] = (uint32_t)stride;
        uint64_t last_row = row < (uint64_t)stride ? row : (uint64_t)stride;
        size_t extent = rows ? (size_t)stride * (rows - 1) + (size_t)last_row : 0;
        if (extent == 0)
            extent = 1;
        if (guarded_alloc(&f->planes[p], extent, in) != 0)
            return -1;
        frame->planes[p] = f->planes[p].data;
    }
    return 0;
}

static inline void fuzz_frame_release(fuzz_frame *f)
{
    for (int p = 0; p < VISION_FRAME_MAX_PLANES; p++)
        guarded_free(&f->planes[p]);
}

/* A NUL-terminated string of up to size - 1 bytes from the input: a length
 * byte, then the bytes (which may hold anything but NUL). */
static inline void fuzz_string(fuzz_input *in, char *out, size_t size)
{
    size_t n = fuzz_u8(in) % size;
    size_t i = 0;
    for (; i < n && in->size; i++) {
        out[i] = (char)fuzz_u8(in);
        if (out[i] == '\0')
            break;
    }
    out[i] = '\0';
}

#endif
