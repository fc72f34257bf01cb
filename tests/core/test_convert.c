/*
 * Conversion of every pixel format to analysis images, against a reference
 * written here from the formats' definitions (not from the library's code):
 * gray and BGR, full size and scaled, with padded strides, odd sizes, 1x1
 * and large frames.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/image.h"
#include <vision/vision.h>

/* A frame whose planes are separate allocations with padded strides, so a
 * reader that assumes tight or contiguous planes fails. */
typedef struct test_frame {
    vision_frame frame;
    uint8_t *storage[VISION_FRAME_MAX_PLANES];
} test_frame;

static uint32_t random_state = 12345;
static uint8_t random_byte(void)
{
    random_state = random_state * 1103515245u + 12345u;
    return (uint8_t)(random_state >> 16);
}

static void make_frame(test_frame *t, uint32_t format, uint32_t width, uint32_t height)
{
    memset(t, 0, sizeof *t);
    vision_frame_init(&t->frame);
    t->frame.format = format;
    t->frame.width = width;
    t->frame.height = height;
    int planes = vision_pixel_format_plane_count(format);
    assert_true(planes > 0);
    for (int p = 0; p < planes; p++) {
        uint64_t row;
        uint32_t rows;
        assert_int_equal(vision_pixel_format_plane_size(&row, &rows, format, width, height,
                                                        (uint32_t)p),
                         VISION_OK);
        uint32_t stride = (uint32_t)row + 7 + (uint32_t)p * 5; /* odd padding */
        t->storage[p] = malloc((size_t)stride * rows);
        assert_non_null(t->storage[p]);
        for (size_t i = 0; i < (size_t)stride * rows; i++)
            t->storage[p][i] = random_byte();
        t->frame.planes[p] = t->storage[p];
        t->frame.strides[p] = stride;
    }
    assert_int_equal(vision_frame_validate(&t->frame, NULL, 0), VISION_OK);
}

static void free_frame(test_frame *t)
{
    for (int p = 0; p < VISION_FRAME_MAX_PLANES; p++)
        free(t->storage[p]);
}

/* --- the reference ------------------------------------------------------ */

typedef struct ref_pixel {
    double b, g, r; /* 0..255 */
    double gray;
} ref_pixel;

static const uint8_t *at(const vision_frame *f, int plane, uint32_t x_bytes, uint32_t y)
{
    return f->planes[plane] + (size_t)y * f->strides[plane] + x_bytes;
}

static double clamp255(double v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static ref_pixel from_yuv(int y, int u, int v)
{
    /* BT.601 limited range. */
    double luma = 1.164 * (y - 16 < 0 ? 0 : y - 16);
    ref_pixel p;
    p.r = clamp255(luma + 1.596 * (v - 128));
    p.g = clamp255(luma - 0.391 * (u - 128) - 0.813 * (v - 128));
    p.b = clamp255(luma + 2.018 * (u - 128));
    p.gray = y; /* for YUV frames the analysis gray is the luma itself */
    return p;
}

static ref_pixel from_rgb(int r, int g, int b)
{
    ref_pixel p = {b, g, r, 0};
    /* BT.601 luma with the usual 14-bit fixed point and rounding. */
    p.gray = (r * 4899 + g * 9617 + b * 1868 + 8192) >> 14;
    return p;
}

static ref_pixel reference(const vision_frame *f, uint32_t x, uint32_t y)
{
    const uint8_t *p;
    switch (f->format) {
    case VISION_PIXEL_FORMAT_GRAY8: {
        int v = *at(f, 0, x, y);
        ref_pixel out = {v, v, v, v};
        return out;
    }
    case VISION_PIXEL_FORMAT_GRAY16_LE: {
        int v = at(f, 0, 2 * x, y)[1];
        ref_pixel out = {v, v, v, v};
        return out;
    }
    case VISION_PIXEL_FORMAT_RGB:
        p = at(f, 0, 3 * x, y);
        return from_rgb(p[0], p[1], p[2]);
    case VISION_PIXEL_FORMAT_BGR:
        p = at(f, 0, 3 * x, y);
        return from_rgb(p[2], p[1], p[0]);
    case VISION_PIXEL_FORMAT_RGBA:
    case VISION_PIXEL_FORMAT_RGBX:
        p = at(f, 0, 4 * x, y);
        return from_rgb(p[0], p[1], p[2]);
    case VISION_PIXEL_FORMAT_BGRA:
    case VISION_PIXEL_FORMAT_BGRX:
        p = at(f, 0, 4 * x, y);
        return from_rgb(p[2], p[1], p[0]);
    case VISION_PIXEL_FORMAT_ARGB:
    case VISION_PIXEL_FORMAT_XRGB:
        p = at(f, 0, 4 * x, y);
        return from_rgb(p[1], p[2], p[3]);
    case VISION_PIXEL_FORMAT_ABGR:
    case VISION_PIXEL_FORMAT_XBGR:
        p = at(f, 0, 4 * x, y);
        return from_rgb(p[3], p[2], p[1]);
    case VISION_PIXEL_FORMAT_I420:
        return from_yuv(*at(f, 0, x, y), *at(f, 1, x / 2, y / 2), *at(f, 2, x / 2, y / 2));
    case VISION_PIXEL_FORMAT_YV12:
        return from_yuv(*at(f, 0, x, y), *at(f, 2, x / 2, y / 2), *at(f, 1, x / 2, y / 2));
    case VISION_PIXEL_FORMAT_NV12:
        return from_yuv(*at(f, 0, x, y), at(f, 1, x / 2 * 2, y / 2)[0],
                        at(f, 1, x / 2 * 2, y / 2)[1]);
    case VISION_PIXEL_FORMAT_NV21:
        return from_yuv(*at(f, 0, x, y), at(f, 1, x / 2 * 2, y / 2)[1],
                        at(f, 1, x / 2 * 2, y / 2)[0]);
    case VISION_PIXEL_FORMAT_YUY2:
        p = at(f, 0, x / 2 * 4, y);
        return from_yuv(p[(x & 1) ? 2 : 0], p[1], p[3]);
    case VISION_PIXEL_FORMAT_UYVY:
        p = at(f, 0, x / 2 * 4, y);
        return from_yuv(p[(x & 1) ? 3 : 1], p[0], p[2]);
    default:
        fail_msg("no reference for format %u", f->format);
        return from_rgb(0, 0, 0);
    }
}

/* Channel c (0..2 = B, G, R; 3 = gray) of the reference. */
static double channel(const ref_pixel *p, int c)
{
    return c == 0 ? p->b : c == 1 ? p->g : c == 2 ? p->r : p->gray;
}

/* Area-averaged reference for output pixel (ox, oy) of an ow x oh image:
 * each source pixel weighted by how much of it the output pixel covers. */
static double area_reference(const vision_frame *f, int ow, int oh, int ox, int oy, int c)
{
    double sx = (double)f->width / ow, sy = (double)f->height / oh;
    double x0 = ox * sx, x1 = (ox + 1) * sx, y0 = oy * sy, y1 = (oy + 1) * sy;
    double total = 0, weight = 0;
    for (uint32_t y = (uint32_t)y0; y < f->height && y < y1; y++) {
        double wy = fmin(y + 1, y1) - fmax(y, y0);
        for (uint32_t x = (uint32_t)x0; x < f->width && x < x1; x++) {
            double wx = fmin(x + 1, x1) - fmax(x, x0);
            ref_pixel p = reference(f, x, y);
            total += channel(&p, c) * wx * wy;
            weight += wx * wy;
        }
    }
    return total / weight;
}

/* Compare the library's image with the reference; return the largest
 * difference seen. */
static double max_difference(const vision_frame *f, const vis_image *img)
{
    double worst = 0;
    int scaled = (uint32_t)img->width != f->width || (uint32_t)img->height != f->height;
    for (int y = 0; y < img->height; y++)
        for (int x = 0; x < img->width; x++)
            for (int c = 0; c < img->channels; c++) {
                int ref_channel = img->channels == 1 ? 3 : c;
                double expected;
                if (scaled) {
                    expected = area_reference(f, img->width, img->height, x, y, ref_channel);
                } else {
                    ref_pixel p = reference(f, (uint32_t)x, (uint32_t)y);
                    expected = channel(&p, ref_channel);
                }
                double got = img->data[(size_t)y * img->stride + (size_t)x * img->channels + c];
                double diff = fabs(got - expected);
                if (diff > worst)
                    worst = diff;
            }
    return worst;
}

/* Tolerances: luma and gray are exact; gray from RGB is within 1 (OpenCV's
 * vector path rounds its 14-bit sums slightly differently); YUV to BGR is
 * within the rounding of 8-bit fixed point; scaling adds up to half a level
 * of rounding, one more when the full-size image was itself rounded. */
static double tolerance(uint32_t format, int channels, int scaled)
{
    int yuv = format >= VISION_PIXEL_FORMAT_I420 && format <= VISION_PIXEL_FORMAT_UYVY;
    int gray_source = format == VISION_PIXEL_FORMAT_GRAY8 || format == VISION_PIXEL_FORMAT_GRAY16_LE;
    double base;
    if (channels == 3)
        base = yuv ? 2.0 : 0.0;
    else
        base = (yuv || gray_source) ? 0.0 : 1.0;
    if (scaled)
        base += base > 0 ? 1.0 : 0.51;
    return base;
}

static void check_conversion(uint32_t format, uint32_t width, uint32_t height, int channels,
                             int out_width, int out_height)
{
    test_frame t;
    make_frame(&t, format, width, height);
    vis_image_buffer buffer = {0};
    vis_image image;
    vis_error_buffer errors = {{0}};
    int rc = vis_image_from_frame(&image, &buffer, &t.frame, channels, out_width, out_height,
                                  &errors);
    if (rc != VISION_OK)
        fail_msg("%s %ux%u -> %dx%dx%d: %d %s", vision_pixel_format_name(format), width, height,
                 out_width, out_height, channels, rc, errors.message);
    assert_int_equal(image.width, out_width);
    assert_int_equal(image.height, out_height);
    assert_int_equal(image.channels, channels);
    int scaled = (uint32_t)out_width != width || (uint32_t)out_height != height;
    double worst = max_difference(&t.frame, &image);
    double allowed = tolerance(format, channels, scaled);
    if (worst > allowed)
        fail_msg("%s %ux%u -> %dx%d, %d channel(s): off by %.2f (allowed %.2f)",
                 vision_pixel_format_name(format), width, height, out_width, out_height, channels,
                 worst, allowed);
    vis_image_buffer_release(&buffer);
    free_frame(&t);
}

static void test_every_format_full_size(void **state)
{
    (void)state;
    static const uint32_t sizes[][2] = {{1, 1}, {2, 2}, {3, 5}, {17, 9}, {64, 48}, {161, 91}};
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++)
        for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++)
            for (int channels = 1; channels <= 3; channels += 2)
                check_conversion(f, sizes[s][0], sizes[s][1], channels, (int)sizes[s][0],
                                 (int)sizes[s][1]);
}

static void test_every_format_scaled(void **state)
{
    (void)state;
    /* Whole factors 2, 4 and 6 (the fast paths) and fractional ones. */
    static const int targets[][4] = {
        {128, 72, 64, 36}, {128, 72, 32, 18}, {192, 108, 32, 18}, {160, 90, 107, 60},
        {99, 67, 40, 27},  {7, 3, 2, 1},
    };
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++)
        for (size_t s = 0; s < sizeof targets / sizeof targets[0]; s++)
            for (int channels = 1; channels <= 3; channels += 2)
                check_conversion(f, (uint32_t)targets[s][0], (uint32_t)targets[s][1], channels,
                                 targets[s][2], targets[s][3]);
}

static void test_large_odd_frame(void **state)
{
    (void)state;
    check_conversion(VISION_PIXEL_FORMAT_I420, 1921, 1081, 1, 1921, 1081);
    check_conversion(VISION_PIXEL_FORMAT_NV21, 1921, 1081, 3, 1921, 1081);
    check_conversion(VISION_PIXEL_FORMAT_BGRX, 1920, 1080, 1, 480, 270);
    check_conversion(VISION_PIXEL_FORMAT_YUY2, 1279, 719, 3, 1279, 719);
}

static void test_zero_copy_where_the_frame_is_the_image(void **state)
{
    (void)state;
    static const uint32_t gray_views[] = {VISION_PIXEL_FORMAT_GRAY8, VISION_PIXEL_FORMAT_I420,
                                          VISION_PIXEL_FORMAT_YV12, VISION_PIXEL_FORMAT_NV12,
                                          VISION_PIXEL_FORMAT_NV21};
    for (size_t i = 0; i < sizeof gray_views / sizeof gray_views[0]; i++) {
        test_frame t;
        make_frame(&t, gray_views[i], 33, 17);
        vis_image_buffer buffer = {0};
        vis_image image;
        assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 1, 33, 17, NULL), VISION_OK);
        assert_ptr_equal(image.data, t.frame.planes[0]);
        assert_int_equal(image.stride, t.frame.strides[0]);
        assert_null(buffer.data); /* nothing allocated */
        free_frame(&t);
    }
    test_frame t;
    make_frame(&t, VISION_PIXEL_FORMAT_BGR, 33, 17);
    vis_image_buffer buffer = {0};
    vis_image image;
    assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 3, 33, 17, NULL), VISION_OK);
    assert_ptr_equal(image.data, t.frame.planes[0]);
    free_frame(&t);
}

static void test_buffer_is_reused(void **state)
{
    (void)state;
    test_frame t;
    make_frame(&t, VISION_PIXEL_FORMAT_BGRX, 64, 48);
    vis_image_buffer buffer = {0};
    vis_image image;
    assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 1, 32, 24, NULL), VISION_OK);
    uint8_t *first = buffer.data;
    for (int i = 0; i < 5; i++)
        assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 1, 32, 24, NULL), VISION_OK);
    assert_ptr_equal(buffer.data, first);
    vis_image_buffer_release(&buffer);
    vis_image_buffer_release(&buffer); /* twice is harmless */
    free_frame(&t);
}

static void test_bad_requests(void **state)
{
    (void)state;
    test_frame t;
    make_frame(&t, VISION_PIXEL_FORMAT_GRAY8, 16, 16);
    vis_image_buffer buffer = {0};
    vis_image image;
    vis_error_buffer errors = {{0}};
    assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 2, 8, 8, &errors),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 1, 17, 8, &errors),
                     VISION_E_INVALID_ARGUMENT);
    assert_non_null(strstr(errors.message, "17x8"));
    assert_int_equal(vis_image_from_frame(&image, &buffer, &t.frame, 1, 0, 8, &errors),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(vis_image_from_frame(&image, &buffer, NULL, 1, 8, 8, &errors),
                     VISION_E_INVALID_ARGUMENT);
    free_frame(&t);
}

static void test_scaled_size_keeps_aspect(void **state)
{
    (void)state;
    int w, h;
    vis_scaled_size(1920, 1080, 320, &w, &h);
    assert_int_equal(w, 320);
    assert_int_equal(h, 180);
    vis_scaled_size(480, 360, 320, &w, &h);
    assert_int_equal(h, 240);
    vis_scaled_size(1000, 333, 320, &w, &h); /* 106.56 rounds to 107 */
    assert_int_equal(h, 107);
    vis_scaled_size(200, 100, 320, &w, &h); /* never enlarges */
    assert_int_equal(w, 200);
    assert_int_equal(h, 100);
    vis_scaled_size(10000, 1, 320, &w, &h); /* at least one row */
    assert_int_equal(h, 1);
    vis_scaled_size(640, 480, 0, &w, &h);
    assert_int_equal(w, 640);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_format_full_size),
        cmocka_unit_test(test_every_format_scaled),
        cmocka_unit_test(test_large_odd_frame),
        cmocka_unit_test(test_zero_copy_where_the_frame_is_the_image),
        cmocka_unit_test(test_buffer_is_reused),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_scaled_size_keeps_aspect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
