/*
 * Benchmark only: MOG2 + DIS baseline (see bench_cv_baseline.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "bench_cv_baseline.h"

#include <opencv2/core.hpp>
#include <opencv2/video.hpp>

struct bench_baseline {
    cv::Ptr<cv::BackgroundSubtractorMOG2> mog;
    cv::Ptr<cv::DISOpticalFlow> dis;
    cv::Mat previous, foreground, flow;
};

extern "C" bench_baseline *bench_baseline_new(void)
{
    try {
        bench_baseline *b = new bench_baseline;
        b->mog = cv::createBackgroundSubtractorMOG2();
        b->dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_ULTRAFAST);
        return b;
    } catch (...) {
        return nullptr;
    }
}

extern "C" long bench_baseline_process(bench_baseline *b, const uint8_t *gray, size_t stride,
                                       int width, int height)
{
    try {
        cv::Mat image(height, width, CV_8UC1, const_cast<uint8_t *>(gray), stride);
        b->mog->apply(image, b->foreground);
        if (!b->previous.empty())
            b->dis->calc(b->previous, image, b->flow);
        image.copyTo(b->previous);
        return (long)cv::countNonZero(b->foreground == 255);
    } catch (...) {
        return -1;
    }
}

extern "C" void bench_baseline_free(bench_baseline *b)
{
    delete b;
}
