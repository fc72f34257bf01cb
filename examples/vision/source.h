/*
 * vision command: frame sources. A source hands out borrowed vision_frames,
 * one at a time, from a still image, a video file, a Y4M stream or raw
 * frames (file or stdin).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_SOURCE_H
#define VISION_CLI_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include <vision/vision.h>

typedef struct frame_source frame_source;

/* How to read a path. Zero-initialise, then set what you know. */
typedef struct frame_source_options {
    /* For raw input: the pixel format (vision_pixel_format) and size. When
     * format is set the input is read as raw frames, whatever its name. */
    uint32_t raw_format;
    uint32_t raw_width;
    uint32_t raw_height;
    /* Frames per second of raw input, for timestamps (default 25). */
    double raw_fps;
} frame_source_options;

/* What kind of input a source turned out to be. */
typedef enum frame_source_kind {
    FRAME_SOURCE_IMAGE = 1, /* one still image */
    FRAME_SOURCE_VIDEO,     /* a video file decoded by OpenCV */
    FRAME_SOURCE_Y4M,       /* YUV4MPEG2, file or stdin */
    FRAME_SOURCE_RAW        /* raw frames of a given format and size */
} frame_source_kind;

/* Open `path` ("-" is stdin: Y4M if it starts with "YUV4MPEG2 ", raw when
 * options->raw_format is set). On failure returns a negative VISION_E_*
 * code and writes a message into `error`. */
int frame_source_open(frame_source **out, const char *path, const frame_source_options *options,
                      char *error, size_t error_size);

/* The next frame: 1 and `*frame` filled (valid until the next call or
 * close; pts_ns from the container or frame index / fps), 0 at the end, or a
 * negative VISION_E_* code with a message in `error`. */
int frame_source_read(frame_source *source, vision_frame *frame, char *error, size_t error_size);

frame_source_kind frame_source_get_kind(const frame_source *source);
/* Frames per second if known, else 0. */
double frame_source_fps(const frame_source *source);
/* Index of the frame last read, from 0. */
int64_t frame_source_index(const frame_source *source);

void frame_source_close(frame_source *source);

/* Parse "WxH" into width and height. Returns 0, or -1 when malformed. */
int parse_size(const char *text, uint32_t *width, uint32_t *height);

#endif
