/*
 * The C++ shim over OpenCV for plate detection.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "cv_plate_detect.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

#include "vision/common.h"

namespace {

cv::Mat wrap(const uint8_t *data, size_t stride, int width, int height) {
    return cv::Mat(height, width, CV_8UC1, const_cast<uint8_t *>(data), stride);
}

/* Append the outer contours' boxes of a binary image that pass the size
 * limits: of the outermost components only, or (nested) also of
 * components lying inside another one's hole (characters inside a plate's
 * frame); `area` is the contour's polygon area (holes included), which is
 * what the callers' fill ratios want. findContours costs a fraction of a
 * full labelling on these sparse maps. */
void collect(cv::Mat &binary, bool nested, int min_width, int min_height, int max_height,
             vis_cv_component *out, int capacity, int *count) {
    std::vector<std::vector<cv::Point>> contours;
    std::vector<cv::Vec4i> hierarchy;
    cv::findContours(binary, contours, hierarchy, nested ? cv::RETR_CCOMP : cv::RETR_EXTERNAL,
                     cv::CHAIN_APPROX_SIMPLE);
    for (size_t i = 0; i < contours.size(); i++) {
        const auto &contour = contours[i];
        if (*count >= capacity)
            break;
        if (hierarchy[i][3] >= 0)
            continue; /* a hole's boundary */
        cv::Rect r = cv::boundingRect(contour);
        if (r.width < min_width || r.height < min_height || r.height > max_height)
            continue;
        vis_cv_component *c = &out[(*count)++];
        c->x = r.x;
        c->y = r.y;
        c->width = r.width;
        c->height = r.height;
        /* The polygon runs through pixel centres: add half the perimeter
         * back so that a solid w x h box has area w * h. */
        double area = cv::contourArea(contour) + 0.5 * cv::arcLength(contour, true) + 1.0;
        c->area = (int)std::min(area, (double)r.width * r.height);
    }
}

} // namespace

extern "C" int vis_cv_edge_components(const uint8_t *gray, size_t stride, int width, int height,
                                      int modes, int local_window, int close_w, int close_h,
                                      int open_w, int open_h, int min_width, int min_height,
                                      vis_cv_component *out, int capacity, int *count) {
    *count = 0;
    try {
        cv::Mat src = wrap(gray, stride, width, height);
        cv::Mat dx, edges, binary;
        cv::Sobel(src, dx, CV_16S, 1, 0, 3);
        cv::convertScaleAbs(dx, edges);
        cv::Mat close_kernel =
            cv::getStructuringElement(cv::MORPH_RECT, cv::Size(close_w, close_h));
        cv::Mat open_kernel = cv::getStructuringElement(cv::MORPH_RECT, cv::Size(open_w, open_h));
        cv::Mat global, local;
        if (modes & VIS_CV_EDGES_GLOBAL)
            cv::threshold(edges, global, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
        if (modes & VIS_CV_EDGES_LOCAL) {
            cv::Mat mean, limit;
            cv::blur(edges, mean, cv::Size(local_window, local_window));
            mean.convertTo(limit, CV_8U, 2.5, 10.0); /* saturates at 255 */
            cv::compare(edges, limit, local, cv::CMP_GT);
        }
        cv::Mat maps[2];
        int map_count = 0;
        if ((modes & VIS_CV_EDGES_UNION) && !global.empty() && !local.empty()) {
            cv::bitwise_or(global, local, maps[map_count++]);
        } else {
            if (!global.empty())
                maps[map_count++] = global;
            if (!local.empty())
                maps[map_count++] = local;
        }
        for (int i = 0; i < map_count; i++) {
            cv::morphologyEx(maps[i], binary, cv::MORPH_CLOSE, close_kernel);
            cv::morphologyEx(binary, binary, cv::MORPH_OPEN, open_kernel);
            collect(binary, false, min_width, min_height, height, out, capacity, count);
        }
        return VISION_OK;
    } catch (...) {
        *count = 0;
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_blob_components(const uint8_t *gray, size_t stride, int width, int height,
                                      int block, int offset, int dark, int min_height,
                                      int max_height, vis_cv_component *out, int capacity,
                                      int *count) {
    *count = 0;
    try {
        cv::Mat binary;
        cv::adaptiveThreshold(wrap(gray, stride, width, height), binary, 255,
                              cv::ADAPTIVE_THRESH_MEAN_C,
                              dark ? cv::THRESH_BINARY_INV : cv::THRESH_BINARY, block, offset);
        collect(binary, true, 1, min_height, max_height, out, capacity, count);
        return VISION_OK;
    } catch (...) {
        *count = 0;
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_plate_shrink(const uint8_t *src, size_t src_stride, int src_width,
                                   int src_height, uint8_t *dst, size_t dst_stride, int dst_width,
                                   int dst_height) {
    try {
        cv::Mat out = wrap(dst, dst_stride, dst_width, dst_height);
        cv::resize(wrap(src, src_stride, src_width, src_height), out,
                   cv::Size(dst_width, dst_height), 0, 0, cv::INTER_LINEAR);
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}
