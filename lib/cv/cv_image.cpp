/*
 * The C++ shim over OpenCV for image conversion and scaling.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "cv_image.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "vision/common.h"

namespace {

/* A borrowed buffer as a Mat header; OpenCV never writes through const
 * sources, the cast only satisfies its constructor. */
cv::Mat wrap(const uint8_t *data, size_t stride, int width, int height, int channels)
{
    return cv::Mat(height, width, CV_8UC(channels), const_cast<uint8_t *>(data), stride);
}

/* BT.601 luma with OpenCV's 14-bit fixed point, for the one pixel per row
 * that the offset trick below cannot hand to cvtColor. */
uint8_t luma(int r, int g, int b)
{
    return (uint8_t)((r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14);
}

/*
 * cvtColor knows RGB(A) and BGR(A) orders. For xRGB/ARGB and xBGR/ABGR the
 * colour bytes start one byte in: seen from src + 1, the first width - 1
 * pixels are RGBA/BGRA whose "alpha" is the next pixel's padding byte. The
 * last pixel would read one byte past the row, so it is done by hand.
 */
template <typename LastPixel>
int packed_convert(const uint8_t *src, size_t src_stride, int width, int height,
                   int bytes_per_pixel, int r, int g, int b, uint8_t *dst, size_t dst_stride,
                   int dst_channels, int code_rgb3, int code_bgr3, int code_rgba, int code_bgra,
                   LastPixel last_pixel)
{
    try {
        cv::Mat out = wrap(dst, dst_stride, width, height, dst_channels);
        if (bytes_per_pixel == 3) {
            cv::cvtColor(wrap(src, src_stride, width, height, 3), out, r == 0 ? code_rgb3 : code_bgr3);
            return VISION_OK;
        }
        int offset = (r == 0 || b == 0) ? 0 : 1;
        int code = (r == offset) ? code_rgba : code_bgra;
        int bulk = width - offset;
        if (bulk > 0) {
            cv::Mat part = out.colRange(0, bulk);
            cv::cvtColor(wrap(src + offset, src_stride, bulk, height, 4), part, code);
        }
        if (offset)
            for (int y = 0; y < height; y++) {
                const uint8_t *p = src + y * src_stride + 4 * (width - 1);
                last_pixel(p[r], p[g], p[b], dst + y * dst_stride + dst_channels * (width - 1));
            }
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

} // namespace

extern "C" int vis_cv_packed_to_gray(const uint8_t *src, size_t src_stride, int width, int height,
                                     int bytes_per_pixel, int r, int g, int b, uint8_t *dst,
                                     size_t dst_stride)
{
    return packed_convert(src, src_stride, width, height, bytes_per_pixel, r, g, b, dst, dst_stride,
                          1, cv::COLOR_RGB2GRAY, cv::COLOR_BGR2GRAY, cv::COLOR_RGBA2GRAY,
                          cv::COLOR_BGRA2GRAY, [](int rv, int gv, int bv, uint8_t *out) {
                              out[0] = luma(rv, gv, bv);
                          });
}

extern "C" int vis_cv_packed_to_bgr(const uint8_t *src, size_t src_stride, int width, int height,
                                    int bytes_per_pixel, int r, int g, int b, uint8_t *dst,
                                    size_t dst_stride)
{
    if (bytes_per_pixel == 3 && b == 0) {
        try {
            wrap(src, src_stride, width, height, 3).copyTo(wrap(dst, dst_stride, width, height, 3));
            return VISION_OK;
        } catch (...) {
            return VISION_E_INTERNAL;
        }
    }
    return packed_convert(src, src_stride, width, height, bytes_per_pixel, r, g, b, dst,
                          dst_stride, 3, cv::COLOR_RGB2BGR, cv::COLOR_BGR2RGB /* unused */, cv::COLOR_RGBA2BGR,
                          cv::COLOR_BGRA2BGR, [](int rv, int gv, int bv, uint8_t *out) {
                              out[0] = (uint8_t)bv;
                              out[1] = (uint8_t)gv;
                              out[2] = (uint8_t)rv;
                          });
}

extern "C" int vis_cv_gray_to_bgr(const uint8_t *src, size_t src_stride, int width, int height,
                                  uint8_t *dst, size_t dst_stride)
{
    try {
        cv::Mat out = wrap(dst, dst_stride, width, height, 3);
        cv::cvtColor(wrap(src, src_stride, width, height, 1), out, cv::COLOR_GRAY2BGR);
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_resize(const uint8_t *src, size_t src_stride, int src_width, int src_height,
                             int channels, uint8_t *dst, size_t dst_stride, int dst_width,
                             int dst_height)
{
    try {
        cv::Mat out = wrap(dst, dst_stride, dst_width, dst_height, channels);
        bool shrinking = dst_width <= src_width && dst_height <= src_height;
        cv::resize(wrap(src, src_stride, src_width, src_height, channels), out,
                   cv::Size(dst_width, dst_height), 0, 0,
                   shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_nv_to_bgr(const uint8_t *luma, size_t luma_stride, const uint8_t *chroma,
                                size_t chroma_stride, int width, int height, int v_first,
                                uint8_t *dst, size_t dst_stride)
{
    try {
        cv::Mat out = wrap(dst, dst_stride, width, height, 3);
        cv::cvtColorTwoPlane(wrap(luma, luma_stride, width, height, 1),
                             wrap(chroma, chroma_stride, width / 2, height / 2, 2), out,
                             v_first ? cv::COLOR_YUV2BGR_NV21 : cv::COLOR_YUV2BGR_NV12);
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}

extern "C" int vis_cv_packed_422_to_bgr(const uint8_t *src, size_t src_stride, int width,
                                        int height, int uyvy, uint8_t *dst, size_t dst_stride)
{
    try {
        cv::Mat out = wrap(dst, dst_stride, width, height, 3);
        cv::cvtColor(wrap(src, src_stride, width, height, 2), out,
                     uyvy ? cv::COLOR_YUV2BGR_UYVY : cv::COLOR_YUV2BGR_YUY2);
        return VISION_OK;
    } catch (...) {
        return VISION_E_INTERNAL;
    }
}
