/*
 * Test helper: images and videos written through OpenCV.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "cv_write.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

extern "C" int test_write_image(const char *path, const uint8_t *pixels, int width, int height,
                                size_t stride, int channels)
{
    try {
        cv::Mat m(height, width, CV_8UC(channels), const_cast<uint8_t *>(pixels), stride);
        return cv::imwrite(path, m) ? 0 : -1;
    } catch (...) {
        return -1;
    }
}

extern "C" int test_write_video(const char *path, const char *fourcc, double fps, int width,
                                int height, const uint8_t *levels, int count)
{
    try {
        cv::VideoWriter writer(path,
                               cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]),
                               fps, cv::Size(width, height), true);
        if (!writer.isOpened())
            return -1;
        for (int i = 0; i < count; i++)
            writer.write(
                cv::Mat(height, width, CV_8UC3, cv::Scalar(levels[i], levels[i], levels[i])));
        writer.release();
        return 0;
    } catch (...) {
        return -1;
    }
}
