/*
 * vision command: the small C++ shim over OpenCV's image and video decoders
 * (imgcodecs, videoio). Plain C interface; every function catches every
 * exception and turns it into a VISION_E_* code with a message.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_DECODE_H
#define VISION_CLI_DECODE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cv_decoder cv_decoder;

/* One decoded picture, owned by the decoder and valid until its next call. */
typedef struct decoded_picture {
    const uint8_t *data;
    uint32_t width;
    uint32_t height;
    size_t stride; /* bytes from one row to the next */
    int channels;  /* 1 (gray) or 3 (B, G, R); 8 bits each */
    double pts_ms; /* the container's timestamp, or a negative value when unknown */
} decoded_picture;

/* Whether OpenCV has a reader for the image at `path` (it looks at the
 * file's first bytes, not its name). Never throws; 0 on any failure. */
int decoder_is_image(const char *path);

/* Decode a still image with imread(IMREAD_COLOR or IMREAD_GRAYSCALE as the
 * file is: IMREAD_ANYCOLOR), EXIF orientation applied. */
int decoder_open_image(cv_decoder **out, const char *path, char *error, size_t error_size);

/* Open a video file with cv::VideoCapture (any backend). */
int decoder_open_video(cv_decoder **out, const char *path, char *error, size_t error_size);

/* The next picture: 1 with `*picture` set, 0 at the end, or a negative
 * VISION_E_* code with a message. An image yields exactly one picture. */
int decoder_next(cv_decoder *decoder, decoded_picture *picture, char *error, size_t error_size);

/* Frames the container declares (an estimate for some formats), or -1. */
int64_t decoder_frame_count(const cv_decoder *decoder);

/* Frames per second the container declares, or 0. */
double decoder_fps(const cv_decoder *decoder);

void decoder_close(cv_decoder *decoder);

/* Keep OpenCV's own log lines (warnings from probing backends) and FFmpeg's
 * off stderr unless OPENCV_LOG_LEVEL / OPENCV_FFMPEG_LOGLEVEL are set. A
 * program-wide setting: the command calls it once from main(), never the
 * library. */
void decoder_quiet_logs(void);

#ifdef __cplusplus
}
#endif

#endif
