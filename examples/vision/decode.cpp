/*
 * vision command: the C++ shim over OpenCV's decoders. Nothing else in the
 * command includes OpenCV. No exception leaves this file.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "decode.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>

#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>
#include <opencv2/videoio/registry.hpp>

#include <vision/common.h>

struct cv_decoder {
    bool is_video = false;
    bool image_done = false;
    cv::VideoCapture capture;
    cv::Mat picture; /* the last decoded picture, as handed out */
    cv::Mat scratch; /* conversion target when the decoder's output is not 8-bit gray/BGR */
    double fps = 0;
    int64_t frame_count = -1;
};

namespace
{

void set_error(char *error, size_t error_size, const char *format, ...)
{
    if (!error || error_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
}

/* Bring any Mat to 8-bit gray or BGR, the two formats the command hands on. */
int normalise(cv_decoder *d, const cv::Mat &in, char *error, size_t error_size)
{
    cv::Mat m = in;
    if (m.depth() != CV_8U) {
        double scale = m.depth() == CV_16U                            ? 1.0 / 257.0
                       : (m.depth() == CV_32F || m.depth() == CV_64F) ? 255.0
                                                                      : 1.0;
        m.convertTo(d->scratch, CV_8U, scale);
        m = d->scratch;
    }
    switch (m.channels()) {
    case 1:
    case 3:
        break;
    case 4:
        cv::cvtColor(m, d->scratch, cv::COLOR_BGRA2BGR);
        m = d->scratch;
        break;
    default:
        set_error(error, error_size, "decoded picture has %d channels; expected 1, 3 or 4",
                  m.channels());
        return VISION_E_UNSUPPORTED;
    }
    d->picture = m;
    return VISION_OK;
}

void fill(const cv_decoder *d, decoded_picture *p, double pts_ms)
{
    p->data = d->picture.data;
    p->width = (uint32_t)d->picture.cols;
    p->height = (uint32_t)d->picture.rows;
    p->stride = d->picture.step[0];
    p->channels = d->picture.channels();
    p->pts_ms = pts_ms;
}

} // namespace

extern "C" int decoder_is_image(const char *path)
{
    try {
        return path && cv::haveImageReader(path) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" int decoder_open_image(cv_decoder **out, const char *path, char *error,
                                  size_t error_size)
{
    if (!out || !path) {
        set_error(error, error_size, "no path");
        return VISION_E_INVALID_ARGUMENT;
    }
    *out = nullptr;
    cv_decoder *d = nullptr;
    try {
        d = new cv_decoder();
        cv::Mat m = cv::imread(path, cv::IMREAD_ANYCOLOR);
        if (m.empty()) {
            set_error(error, error_size, "%s: cannot decode this image", path);
            delete d;
            return VISION_E_UNSUPPORTED;
        }
        int rc = normalise(d, m, error, error_size);
        if (rc != VISION_OK) {
            delete d;
            return rc;
        }
        *out = d;
        return VISION_OK;
    } catch (const std::bad_alloc &) {
        delete d;
        set_error(error, error_size, "%s: out of memory decoding the image", path);
        return VISION_E_NO_MEMORY;
    } catch (const std::exception &e) {
        delete d;
        set_error(error, error_size, "%s: OpenCV failed to decode the image: %s", path, e.what());
        return VISION_E_UNSUPPORTED;
    } catch (...) {
        delete d;
        set_error(error, error_size, "%s: OpenCV failed to decode the image", path);
        return VISION_E_INTERNAL;
    }
}

extern "C" int decoder_open_video(cv_decoder **out, const char *path, char *error,
                                  size_t error_size)
{
    if (!out || !path) {
        set_error(error, error_size, "no path");
        return VISION_E_INVALID_ARGUMENT;
    }
    *out = nullptr;
    cv_decoder *d = nullptr;
    try {
        d = new cv_decoder();
        d->is_video = true;
        /* FFmpeg reads nearly every container and codec; OpenCV's own
         * MJPEG reader is the fallback when it is missing. Other backends
         * (GStreamer, camera SDKs) are not probed: they are slow to start
         * and some leak at start-up, which sanitizer builds report. */
        bool opened = false;
        for (int api : {(int)cv::CAP_FFMPEG, (int)cv::CAP_OPENCV_MJPEG}) {
            if (cv::videoio_registry::hasBackend((cv::VideoCaptureAPIs)api) &&
                d->capture.open(path, api) && d->capture.isOpened()) {
                opened = true;
                break;
            }
        }
        if (!opened) {
            set_error(error, error_size,
                      "%s: not an image, Y4M stream or video that OpenCV can decode "
                      "(raw frames need --format NAME and --size WxH)",
                      path);
            delete d;
            return VISION_E_UNSUPPORTED;
        }
        double fps = d->capture.get(cv::CAP_PROP_FPS);
        d->fps = (fps > 0 && fps < 1e6) ? fps : 0;
        double count = d->capture.get(cv::CAP_PROP_FRAME_COUNT);
        d->frame_count = (count >= 1 && count < 1e12) ? (int64_t)count : -1;
        *out = d;
        return VISION_OK;
    } catch (const std::bad_alloc &) {
        delete d;
        set_error(error, error_size, "%s: out of memory opening the video", path);
        return VISION_E_NO_MEMORY;
    } catch (const std::exception &e) {
        delete d;
        set_error(error, error_size, "%s: OpenCV failed to open the video: %s", path, e.what());
        return VISION_E_UNSUPPORTED;
    } catch (...) {
        delete d;
        set_error(error, error_size, "%s: OpenCV failed to open the video", path);
        return VISION_E_INTERNAL;
    }
}

extern "C" int decoder_next(cv_decoder *d, decoded_picture *picture, char *error, size_t error_size)
{
    if (!d || !picture) {
        set_error(error, error_size, "no decoder");
        return VISION_E_INVALID_ARGUMENT;
    }
    try {
        if (!d->is_video) {
            if (d->image_done)
                return 0;
            d->image_done = true;
            fill(d, picture, 0.0);
            return 1;
        }
        cv::Mat m;
        if (!d->capture.read(m) || m.empty())
            return 0;
        double pts_ms = d->capture.get(cv::CAP_PROP_POS_MSEC);
        int rc = normalise(d, m, error, error_size);
        if (rc != VISION_OK)
            return rc;
        fill(d, picture, pts_ms >= 0 ? pts_ms : -1.0);
        return 1;
    } catch (const std::bad_alloc &) {
        set_error(error, error_size, "out of memory decoding a video frame");
        return VISION_E_NO_MEMORY;
    } catch (const std::exception &e) {
        set_error(error, error_size, "OpenCV failed to decode a video frame: %s", e.what());
        return VISION_E_IO;
    } catch (...) {
        set_error(error, error_size, "OpenCV failed to decode a video frame");
        return VISION_E_INTERNAL;
    }
}

extern "C" int64_t decoder_frame_count(const cv_decoder *d)
{
    return d ? d->frame_count : -1;
}

extern "C" double decoder_fps(const cv_decoder *d)
{
    return d ? d->fps : 0;
}

extern "C" void decoder_close(cv_decoder *d)
{
    try {
        delete d;
    } catch (...) {
    }
}

extern "C" void decoder_quiet_logs(void)
{
    try {
        if (!getenv("OPENCV_LOG_LEVEL"))
            cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        /* FFmpeg's own messages ("moov atom not found"): the command says
         * what failed itself. 0 is AV_LOG_PANIC. */
        setenv("OPENCV_FFMPEG_LOGLEVEL", "0", 0);
    } catch (...) {
    }
}
