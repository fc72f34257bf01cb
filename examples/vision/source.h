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
    /* Frames per second of raw input, for timestamps (default 25). Also used
     * for Y4M streams without an F tag and videos that declare no rate. */
    double raw_fps;
    /* How raw planes are laid out in memory: a frame_source_layout. */
    uint32_t raw_layout;
} frame_source_options;

/* Layouts of raw frames. */
typedef enum frame_source_layout {
    /* Planes one after another, rows without padding (ffmpeg -f rawvideo,
     * vision_frame_wrap()). */
    FRAME_SOURCE_LAYOUT_PACKED = 0,
    /* GStreamer's default video layout (what `... ! fdsink` writes): rows of
     * GRAY8, GRAY16, RGB/BGR, YUY2/UYVY and of each plane of I420/YV12/NV12/
     * NV21 padded to a multiple of 4 bytes, and the luma plane of 4:2:0
     * formats an even number of rows. Identical to packed when the width is a
     * multiple of 8 and the height even. */
    FRAME_SOURCE_LAYOUT_GSTREAMER = 1
} frame_source_layout;

/* What kind of input a source turned out to be. */
typedef enum frame_source_kind {
    FRAME_SOURCE_IMAGE = 1, /* one still image */
    FRAME_SOURCE_VIDEO,     /* a video file decoded by OpenCV */
    FRAME_SOURCE_Y4M,       /* YUV4MPEG2, file or stdin */
    FRAME_SOURCE_RAW,       /* raw frames of a given format and size */
    FRAME_SOURCE_GENERATED  /* frames made by the program (frame_source_open_generator) */
} frame_source_kind;

/* Frames per second assumed when nothing says otherwise. */
#define FRAME_SOURCE_DEFAULT_FPS 25.0

/*
 * Open `path` ("-" is stdin: Y4M if it starts with "YUV4MPEG2 ", raw when
 * options->raw_format is set; options may be NULL). What a file is comes from
 * its first bytes, not its name: Y4M, then any image OpenCV reads (PNG, JPEG,
 * BMP, TIFF, WebP, PNM, ...), else a video for OpenCV's videoio.
 *
 * On failure returns a negative VISION_E_* code and writes a message into
 * `error`: VISION_E_IO (cannot open or read, truncated or malformed stream),
 * VISION_E_OPTION (raw format without size, bad fps), VISION_E_PIXEL_FORMAT
 * (unsupported Y4M colourspace or raw format), VISION_E_FRAME_SIZE (size out
 * of range), VISION_E_UNSUPPORTED (nothing can decode the file),
 * VISION_E_NO_MEMORY.
 */
int frame_source_open(frame_source **out, const char *path, const frame_source_options *options,
                      char *error, size_t error_size);

/*
 * Frames made by the program itself (the demo's synthetic scenes, test
 * patterns), handed out through the same interface as files.
 */
typedef struct frame_generator {
    /* Draw frame number `index` (from 0) into `frame` (initialised with
     * vision_frame_init(); the generator sets format, size, planes and
     * strides, and pts_ns if it has its own timestamps). The pixels belong
     * to the generator and stay valid until its next call. Returns 1, 0
     * after the last frame, or a negative VISION_E_* code with a message. */
    int (*render)(void *user, int64_t index, vision_frame *frame, char *error, size_t error_size);
    /* Frees `user`; called by frame_source_close() and when opening fails.
     * May be NULL. */
    void (*release)(void *user);
    /* Name for messages and output ("synthetic:crowd"); must outlive the source. */
    const char *name;
    /* Frames it will make (for progress), or -1 when it does not say. */
    int64_t count;
    /* Rate for timestamps when the generator sets none; 0 gives 25. */
    double fps;
} frame_generator;

/* A source over a generator. `generator` is copied; `user` is handed to its
 * functions and released with the source. Returns VISION_OK,
 * VISION_E_INVALID_ARGUMENT (no render function or bad fps) or
 * VISION_E_NO_MEMORY; `user` is released on failure too. */
int frame_source_open_generator(frame_source **out, const frame_generator *generator, void *user,
                                char *error, size_t error_size);

/* The next frame: 1 and `*frame` filled (valid until the next call or
 * close; pts_ns from the container or frame index / fps; tightly packed
 * planes with strides set), 0 at the end, or a negative VISION_E_* code with
 * a message in `error` (VISION_E_IO for a truncated frame or malformed
 * FRAME line). After an error the source stays at the end. */
int frame_source_read(frame_source *source, vision_frame *frame, char *error, size_t error_size);

frame_source_kind frame_source_get_kind(const frame_source *source);
/* Frames per second if known, else 0. */
double frame_source_fps(const frame_source *source);
/* Index of the frame last read, from 0 (-1 before the first). */
int64_t frame_source_index(const frame_source *source);
/* Number of frames the input holds if known in advance (files of raw or
 * Y4M frames, videos that declare it (an estimate for some containers),
 * 1 for an image), else -1. For progress, not for control. */
int64_t frame_source_count(const frame_source *source);

/* Closes the file it opened (never stdin) and frees everything; NULL is fine. */
void frame_source_close(frame_source *source);

/* The name of a kind: "image", "video", "y4m", "raw", "generated". */
const char *frame_source_kind_name(frame_source_kind kind);

/* Parse "WxH" into width and height (decimal digits only, each 1 ..
 * VISION_FRAME_MAX_DIMENSION, 'x' or 'X'). Returns 0, or -1 when malformed
 * (outputs untouched). */
int parse_size(const char *text, uint32_t *width, uint32_t *height);

/*
 * The source options every subcommand accepts, for its getopt_long table and
 * its help. frame_source_parse_option() handles one of them: `name` is the
 * long name without dashes ("format", "size", "fps"). Returns 1 when taken,
 * 0 when `name` is not a source option, -1 on a bad value (message in
 * `error`).
 */
int frame_source_parse_option(frame_source_options *options, const char *name, const char *value,
                              char *error, size_t error_size);

/* Byte offset and stride of each plane of one raw frame in `layout`, and the
 * frame's total size. Returns VISION_OK or the error of
 * vision_pixel_format_plane_size() for a bad format or size. */
int frame_source_raw_layout(uint64_t offsets[VISION_FRAME_MAX_PLANES],
                            uint32_t strides[VISION_FRAME_MAX_PLANES], uint64_t *frame_bytes,
                            uint32_t layout, uint32_t format, uint32_t width, uint32_t height);
/* Check options once all are parsed (--format without --size, ...): 0 or -1. */
int frame_source_check_options(const frame_source_options *options, char *error, size_t error_size);

/* Entries for a getopt_long() table (include <getopt.h>): when getopt_long
 * returns FRAME_SOURCE_OPTION, pass long_options[index].name and optarg to
 * frame_source_parse_option(). */
#define FRAME_SOURCE_OPTION 0x5F00
/* clang-format off */
#define FRAME_SOURCE_LONG_OPTIONS                                \
    {"format", required_argument, NULL, FRAME_SOURCE_OPTION},    \
    {"size", required_argument, NULL, FRAME_SOURCE_OPTION},      \
    {"fps", required_argument, NULL, FRAME_SOURCE_OPTION},       \
    {"layout", required_argument, NULL, FRAME_SOURCE_OPTION}
/* clang-format on */

#define FRAME_SOURCE_OPTIONS_HELP                                                                  \
    "Input options (for raw frames; Y4M, images and videos describe themselves):\n"                \
    "  --format NAME       read INPUT as raw frames of this pixel format: GRAY8,\n"                \
    "                      GRAY16_LE, RGB, BGR, RGBA, BGRA, ARGB, ABGR, RGBx,\n"                   \
    "                      BGRx, xRGB, xBGR, I420, YV12, NV12, NV21, YUY2, UYVY\n"                 \
    "  --size WxH          size of the raw frames, e.g. 320x240\n"                                 \
    "  --fps RATE          frame rate for timestamps of raw frames (default 25;\n"                 \
    "                      also Y4M without an F tag and videos without a rate)\n"                 \
    "  --layout LAYOUT     rows of raw frames: 'packed' (default: no padding, as\n"                \
    "                      ffmpeg -f rawvideo writes) or 'gstreamer' (rows padded\n"               \
    "                      to 4 bytes, as gst-launch-1.0 ... ! fdsink writes)\n"

#endif
