/*
 * The C++ shim over OpenCV for reading plates.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "cv_plate_ocr.h"

#include <new>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "vision/common.h"

namespace {

cv::Mat wrap(const uint8_t *data, size_t stride, int width, int height, int type)
{
    return cv::Mat(height, width, type, const_cast<uint8_t *>(data), stride);
}

} // namespace

extern "C" int vis_cv_plate_binarize(const uint8_t *src, size_t src_stride, int width, int height,
                                     int block, double offset, int dark_ink, uint8_t *dst,
                                     size_t dst_stride)
{
    try {
        cv::Mat in = wrap(src, src_stride, width, height, CV_8UC1);
        cv::Mat out = wrap(dst, dst_stride, width, height, CV_8UC1);
        /* THRESH_BINARY_INV keeps src <= mean - offset: dark ink. For light
         * ink, THRESH_BINARY with a negative offset keeps src > mean + offset. */
        if (dark_ink)
            cv::adaptiveThreshold(in, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV,
                                  block, offset);
        else
            cv::adaptiveThreshold(in, out, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY,
                                  block, -offset);
        return VISION_OK;
    } catch (const std::bad_alloc &) {
        return VISION_E_NO_MEMORY;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_plate_components(const uint8_t *bin, size_t bin_stride, int width,
                                       int height, int32_t *labels, size_t labels_stride,
                                       vis_cv_component *out, int capacity, int *count)
{
    try {
        cv::Mat in = wrap(bin, bin_stride, width, height, CV_8UC1);
        cv::Mat lab(height, width, CV_32SC1, labels, labels_stride);
        cv::Mat stats, centroids;
        int n = cv::connectedComponentsWithStats(in, lab, stats, centroids, 8, CV_32S);
        int written = 0;
        for (int i = 1; i < n && written < capacity; i++) {
            const int *s = stats.ptr<int>(i);
            out[written].x = s[cv::CC_STAT_LEFT];
            out[written].y = s[cv::CC_STAT_TOP];
            out[written].width = s[cv::CC_STAT_WIDTH];
            out[written].height = s[cv::CC_STAT_HEIGHT];
            out[written].area = s[cv::CC_STAT_AREA];
            written++;
        }
        *count = n > 0 ? n - 1 : 0;
        return VISION_OK;
    } catch (const std::bad_alloc &) {
        return VISION_E_NO_MEMORY;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_plate_resize_area(const uint8_t *src, size_t src_stride, int src_width,
                                        int src_height, uint8_t *dst, size_t dst_stride,
                                        int dst_width, int dst_height)
{
    try {
        cv::Mat in = wrap(src, src_stride, src_width, src_height, CV_8UC1);
        cv::Mat out = wrap(dst, dst_stride, dst_width, dst_height, CV_8UC1);
        cv::resize(in, out, out.size(), 0, 0, cv::INTER_AREA);
        return VISION_OK;
    } catch (const std::bad_alloc &) {
        return VISION_E_NO_MEMORY;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}
