/*
 * Plate detection (white-box): plates drawn by the test on busy backgrounds
 * are found with a tight box at several sizes and slants; blank images give
 * nothing; bad input gives clear errors and leaves the detector usable.
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

#include "core/alloc.h"
#include "plate/plate_detect.h"

/* --- drawing ------------------------------------------------------------- */

/* Block glyphs on a 5x7 grid, drawn with 4-connected strokes (as printed
 * plate characters are: one blob each). */
static const char *const GLYPHS[][7] = {
    {"#####", "#...#", "#...#", "#...#", "#...#", "#...#", "#####"}, /* 0 */
    {"..##.", "...#.", "...#.", "...#.", "...#.", "...#.", "..###"}, /* 1 */
    {"#####", "....#", "....#", "#####", "#....", "#....", "#####"}, /* 2 */
    {"#####", "....#", "....#", ".####", "....#", "....#", "#####"}, /* 3 */
    {"#...#", "#...#", "#...#", "#####", "....#", "....#", "....#"}, /* 4 */
    {"#####", "#....", "#....", "#####", "....#", "....#", "#####"}, /* 5 */
    {"#####", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}, /* A */
    {"#####", "#....", "#....", "####.", "#....", "#....", "#####"}, /* E */
    {"#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#"}, /* H */
    {"#####", "#...#", "#...#", "#####", "#....", "#....", "#...."}, /* P */
};
#define GLYPH_COUNT (sizeof(GLYPHS) / sizeof(GLYPHS[0]))

typedef struct plate_spec {
    double cx, cy;     /* centre in the image */
    double width;      /* plate width; height is half of it (US shape) */
    double angle;      /* degrees, clockwise in image coordinates */
    const int *glyphs; /* six glyph indices */
} plate_spec;

static uint32_t rng_state;

static uint32_t rng(void) {
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* The plate's gray at plate coordinates (u, v), or -1 outside it: a light
 * plate with a dark border and six dark characters whose height is 46% of
 * the plate's, centred. */
static int plate_gray(const plate_spec *p, double u, double v) {
    double w = p->width, h = p->width / 2;
    if (u < 0 || v < 0 || u >= w || v >= h)
        return -1;
    double border = h * 0.04 < 1 ? 1 : h * 0.04;
    if (u < border || v < border || u >= w - border || v >= h - border)
        return 40;
    double ch = h * 0.46, cw = ch * 0.5, gap = ch * 0.17;
    double row_w = 6 * cw + 5 * gap;
    double x0 = (w - row_w) / 2, y0 = (h - ch) / 2;
    if (v < y0 || v >= y0 + ch || u < x0 || u >= x0 + row_w)
        return 215;
    int cell = (int)((u - x0) / (cw + gap));
    double cu = u - x0 - cell * (cw + gap);
    if (cell > 5 || cu >= cw)
        return 215;
    int col = (int)(cu / cw * 5), row = (int)((v - y0) / ch * 7);
    return GLYPHS[p->glyphs[cell]][row][col] == '#' ? 35 : 215;
}

/* A busy scene: overlapping rectangles of random grays, thin lines and
 * noise. */
static void draw_background(uint8_t *img, int width, int height, uint32_t seed) {
    rng_state = seed;
    for (int i = 0; i < width * height; i++)
        img[i] = 110;
    for (int r = 0; r < 60; r++) {
        int w = 10 + (int)(rng() % (unsigned)(width / 4)),
            h = 10 + (int)(rng() % (unsigned)(height / 4));
        int x = (int)(rng() % (unsigned)width), y = (int)(rng() % (unsigned)height);
        uint8_t g = (uint8_t)(rng() % 256);
        for (int yy = y; yy < y + h && yy < height; yy++)
            memset(img + (size_t)yy * width + x, g, (size_t)((x + w < width ? x + w : width) - x));
    }
    for (int l = 0; l < 20; l++) {
        int y = (int)(rng() % (unsigned)height), x = (int)(rng() % (unsigned)width);
        int len = (int)(rng() % (unsigned)(width / 2));
        uint8_t g = (uint8_t)(rng() % 256);
        for (int k = x; k < x + len && k < width; k++)
            img[(size_t)y * width + k] = g;
    }
    for (int i = 0; i < width * height; i++) {
        int v = img[i] + (int)(rng() % 21) - 10;
        img[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

/* Draw the plate (2x2 supersampled) and return its axis-aligned box. */
static void draw_plate(uint8_t *img, int width, int height, const plate_spec *p, int box[4]) {
    double a = p->angle * M_PI / 180.0, c = cos(a), s = sin(a);
    double w = p->width, h = p->width / 2;
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    const double corner[4][2] = {
        {-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
    for (int i = 0; i < 4; i++) {
        double x = p->cx + corner[i][0] * c - corner[i][1] * s;
        double y = p->cy + corner[i][0] * s + corner[i][1] * c;
        x0 = fmin(x0, x);
        y0 = fmin(y0, y);
        x1 = fmax(x1, x);
        y1 = fmax(y1, y);
    }
    for (int y = (int)floor(y0); y <= (int)ceil(y1); y++) {
        for (int x = (int)floor(x0); x <= (int)ceil(x1); x++) {
            if (x < 0 || y < 0 || x >= width || y >= height)
                continue;
            int sum = 0, inside = 0;
            for (int sy = 0; sy < 2; sy++)
                for (int sx = 0; sx < 2; sx++) {
                    double dx = x + 0.25 + 0.5 * sx - p->cx, dy = y + 0.25 + 0.5 * sy - p->cy;
                    double u = dx * c + dy * s + w / 2, v = -dx * s + dy * c + h / 2;
                    int g = plate_gray(p, u, v);
                    if (g >= 0) {
                        sum += g;
                        inside++;
                    } else {
                        sum += img[(size_t)y * width + x];
                    }
                }
            if (inside)
                img[(size_t)y * width + x] = (uint8_t)(sum / 4);
        }
    }
    box[0] = (int)lround(x0);
    box[1] = (int)lround(y0);
    box[2] = (int)lround(x1 - x0);
    box[3] = (int)lround(y1 - y0);
}

static double iou(const int *a, const int *b) {
    int ix = (a[0] + a[2] < b[0] + b[2] ? a[0] + a[2] : b[0] + b[2]) - (a[0] > b[0] ? a[0] : b[0]);
    int iy = (a[1] + a[3] < b[1] + b[3] ? a[1] + a[3] : b[1] + b[3]) - (a[1] > b[1] ? a[1] : b[1]);
    if (ix <= 0 || iy <= 0)
        return 0;
    double inter = (double)ix * iy;
    return inter / ((double)a[2] * a[3] + (double)b[2] * b[3] - inter);
}

/* --- helpers ------------------------------------------------------------- */

static const int TEXT_A[6] = {6, 8, 9, 1, 2, 3};
static const int TEXT_B[6] = {7, 0, 4, 5, 6, 9};

static plate_detector *new_detector(uint32_t countries) {
    plate_reader_config config = {countries, 0, 0, 5, NULL};
    plate_detector *detector = NULL;
    assert_int_equal(plate_detector_new(&detector, &config, NULL), VISION_OK);
    assert_non_null(detector);
    return detector;
}

static vis_image image_of(uint8_t *data, int width, int height) {
    vis_image img = {data, (size_t)width, width, height, 1};
    return img;
}

/* Best IoU of the returned regions with `truth`. */
static double best_iou(plate_detector *detector, const vis_image *img, const int *search,
                       const int truth[4], int *count_out) {
    plate_region regions[8];
    int count = -1;
    assert_int_equal(plate_detector_detect(detector, img, search, regions, 8, &count, NULL),
                     VISION_OK);
    assert_true(count >= 0 && count <= 8);
    double best = 0;
    for (int i = 0; i < count; i++) {
        assert_true(regions[i].score >= 0 && regions[i].score <= 1);
        double v = iou(regions[i].box, truth);
        if (v > best)
            best = v;
    }
    if (count_out)
        *count_out = count;
    return best;
}

static double detect_drawn(plate_detector *detector, int width, int height, const plate_spec *p,
                           uint32_t seed) {
    uint8_t *data = malloc((size_t)width * height);
    assert_non_null(data);
    draw_background(data, width, height, seed);
    int truth[4];
    draw_plate(data, width, height, p, truth);
    vis_image img = image_of(data, width, height);
    double v = best_iou(detector, &img, NULL, truth, NULL);
    free(data);
    return v;
}

/* --- tests --------------------------------------------------------------- */

static void test_found_at_several_sizes(void **state) {
    (void)state;
    plate_detector *detector = new_detector(PLATE_COUNTRY_US);
    const double widths[] = {70, 110, 180, 280};
    for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
        plate_spec p = {420, 300, widths[i], 0, i % 2 ? TEXT_A : TEXT_B};
        double v = detect_drawn(detector, 800, 600, &p, 11u + (uint32_t)i);
        print_message("plate width %.0f: best IoU %.2f\n", widths[i], v);
        assert_true(v > 0.5);
    }
    /* A 720p frame, plate ~90 px wide as in traffic footage. */
    plate_spec p = {900, 500, 90, 0, TEXT_A};
    assert_true(detect_drawn(detector, 1280, 720, &p, 99u) > 0.5);
    plate_detector_free(detector);
}

static void test_found_at_slants(void **state) {
    (void)state;
    plate_detector *detector = new_detector(PLATE_COUNTRY_US);
    const double angles[] = {-12, -8, -4, 4, 8, 12};
    for (size_t i = 0; i < sizeof(angles) / sizeof(angles[0]); i++) {
        plate_spec p = {330, 260, 150, angles[i], TEXT_B};
        double v = detect_drawn(detector, 640, 480, &p, 21u + (uint32_t)i);
        print_message("angle %.0f: best IoU %.2f\n", angles[i], v);
        assert_true(v > 0.5);
    }
    plate_detector_free(detector);
}

static void test_found_for_every_country_set(void **state) {
    (void)state;
    const uint32_t sets[] = {PLATE_COUNTRY_US, PLATE_COUNTRY_EU, PLATE_COUNTRY_BR,
                             PLATE_COUNTRY_US | PLATE_COUNTRY_EU | PLATE_COUNTRY_BR};
    for (size_t i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
        plate_detector *detector = new_detector(sets[i]);
        plate_spec p = {300, 200, 140, 0, TEXT_A};
        assert_true(detect_drawn(detector, 640, 400, &p, 31u) > 0.4);
        plate_detector_free(detector);
    }
}

static void test_blank_images_give_nothing(void **state) {
    (void)state;
    plate_detector *detector = new_detector(PLATE_COUNTRY_US);
    const int w = 640, h = 480;
    uint8_t *data = malloc((size_t)w * h);
    assert_non_null(data);
    plate_region regions[8];
    int count = -1;
    vis_image img = image_of(data, w, h);

    memset(data, 128, (size_t)w * h);
    assert_int_equal(plate_detector_detect(detector, &img, NULL, regions, 8, &count, NULL),
                     VISION_OK);
    assert_int_equal(count, 0);

    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            data[(size_t)y * w + x] = (uint8_t)((x + y) * 255 / (w + h));
    count = -1;
    assert_int_equal(plate_detector_detect(detector, &img, NULL, regions, 8, &count, NULL),
                     VISION_OK);
    assert_int_equal(count, 0);
    free(data);
    plate_detector_free(detector);
}

static void test_search_box(void **state) {
    (void)state;
    plate_detector *detector = new_detector(PLATE_COUNTRY_US);
    const int w = 800, h = 600;
    uint8_t *data = malloc((size_t)w * h);
    assert_non_null(data);
    draw_background(data, w, h, 41u);
    int truth[4];
    plate_spec p = {600, 420, 120, 0, TEXT_A};
    draw_plate(data, w, h, &p, truth);
    vis_image img = image_of(data, w, h);

    /* Around the plate: found, in whole-image coordinates. */
    const int around[4] = {450, 330, 300, 180};
    assert_true(best_iou(detector, &img, around, truth, NULL) > 0.5);
    /* Reaching past the image's edge: clipped, still found. */
    const int past[4] = {500, 300, 1000, 1000};
    assert_true(best_iou(detector, &img, past, truth, NULL) > 0.5);
    /* Elsewhere: not reported. */
    const int elsewhere[4] = {0, 0, 300, 200};
    assert_true(best_iou(detector, &img, elsewhere, truth, NULL) == 0);
    /* Too small for a plate, or outside the image: nothing, no error. */
    const int sliver[4] = {10, 10, 6, 4};
    int count = -1;
    best_iou(detector, &img, sliver, truth, &count);
    assert_int_equal(count, 0);
    const int outside[4] = {5000, 5000, 100, 100};
    best_iou(detector, &img, outside, truth, &count);
    assert_int_equal(count, 0);
    free(data);
    plate_detector_free(detector);
}

static void test_bad_arguments(void **state) {
    (void)state;
    plate_detector *detector = new_detector(PLATE_COUNTRY_US);
    uint8_t pixels[64 * 32];
    memset(pixels, 100, sizeof(pixels));
    vis_image img = image_of(pixels, 64, 32);
    plate_region regions[4];
    int count = 7;

    assert_int_equal(plate_detector_detect(NULL, &img, NULL, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(count, 0);
    assert_int_equal(plate_detector_detect(detector, NULL, NULL, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(plate_detector_detect(detector, &img, NULL, regions, 4, NULL, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(plate_detector_detect(detector, &img, NULL, NULL, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(plate_detector_detect(detector, &img, NULL, regions, -1, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_non_null(strstr(vision_last_error(), "plate detect"));

    vis_image bgr = img;
    bgr.channels = 3;
    assert_int_equal(plate_detector_detect(detector, &bgr, NULL, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    vis_image narrow = img;
    narrow.stride = 10;
    assert_int_equal(plate_detector_detect(detector, &narrow, NULL, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    vis_image no_data = img;
    no_data.data = NULL;
    assert_int_equal(plate_detector_detect(detector, &no_data, NULL, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    const int empty_box[4] = {0, 0, 0, 10};
    assert_int_equal(plate_detector_detect(detector, &img, empty_box, regions, 4, &count, NULL),
                     VISION_E_INVALID_ARGUMENT);
    assert_non_null(strstr(vision_last_error(), "search box"));

    /* Tiny and huge images: a size error that says why. */
    vis_image tiny = image_of(pixels, 8, 4);
    assert_int_equal(plate_detector_detect(detector, &tiny, NULL, regions, 4, &count, NULL),
                     VISION_E_FRAME_SIZE);
    assert_non_null(strstr(vision_last_error(), "too small"));
    vis_image huge = {pixels, 20000, 20000, 16, 1}; /* refused before any pixel is read */
    assert_int_equal(plate_detector_detect(detector, &huge, NULL, regions, 4, &count, NULL),
                     VISION_E_FRAME_SIZE);
    assert_non_null(strstr(vision_last_error(), "too large"));

    /* Capacity 0 is a valid question with no room for answers. */
    count = 7;
    assert_int_equal(plate_detector_detect(detector, &img, NULL, NULL, 0, &count, NULL), VISION_OK);
    assert_int_equal(count, 0);

    /* Still usable after all that. */
    plate_spec p = {320, 240, 140, 0, TEXT_A};
    assert_true(detect_drawn(detector, 640, 480, &p, 51u) > 0.5);
    plate_detector_free(detector);
}

static void test_bad_config(void **state) {
    (void)state;
    plate_detector *detector = (plate_detector *)&detector;
    plate_reader_config config = {PLATE_COUNTRY_US, 200, 100, 5, NULL};
    assert_int_equal(plate_detector_new(&detector, &config, NULL), VISION_E_OPTION);
    assert_null(detector);
    config.min_plate_width = -1;
    config.max_plate_width = 0;
    assert_int_equal(plate_detector_new(&detector, &config, NULL), VISION_E_OPTION);
    assert_int_equal(plate_detector_new(&detector, NULL, NULL), VISION_E_INVALID_ARGUMENT);
    assert_int_equal(plate_detector_new(NULL, &config, NULL), VISION_E_INVALID_ARGUMENT);
    plate_detector_free(NULL);
}

static void test_width_limits(void **state) {
    (void)state;
    /* Plates at most 100 px wide: no region much wider is reported, even
     * where a 200 px plate is; a 90 px plate is still found. */
    plate_reader_config config = {PLATE_COUNTRY_US, 0, 100, 5, NULL};
    plate_detector *detector = NULL;
    assert_int_equal(plate_detector_new(&detector, &config, NULL), VISION_OK);
    const int w = 800, h = 600;
    uint8_t *data = malloc((size_t)w * h);
    assert_non_null(data);
    draw_background(data, w, h, 61u);
    int big[4], small[4];
    plate_spec p_big = {250, 200, 200, 0, TEXT_B}, p_small = {600, 450, 90, 0, TEXT_A};
    draw_plate(data, w, h, &p_big, big);
    draw_plate(data, w, h, &p_small, small);
    vis_image img = image_of(data, w, h);
    plate_region regions[8];
    int count = 0;
    assert_int_equal(plate_detector_detect(detector, &img, NULL, regions, 8, &count, NULL),
                     VISION_OK);
    int found_small = 0;
    for (int i = 0; i < count; i++) {
        assert_true(regions[i].box[2] <= 125);
        found_small |= iou(regions[i].box, small) > 0.5;
    }
    assert_true(found_small);
    free(data);
    plate_detector_free(detector);
}

static void test_allocation_failures(void **state) {
    (void)state;
    const int w = 640, h = 480;
    uint8_t *data = malloc((size_t)w * h);
    assert_non_null(data);
    draw_background(data, w, h, 71u);
    int truth[4];
    plate_spec p = {320, 240, 140, 0, TEXT_A};
    draw_plate(data, w, h, &p, truth);
    vis_image img = image_of(data, w, h);
    plate_reader_config config = {PLATE_COUNTRY_US, 0, 0, 5, NULL};
    for (long n = 0; n < 40; n++) {
        plate_detector *detector = NULL;
        vis_alloc_fail_after(n);
        int rc = plate_detector_new(&detector, &config, NULL);
        if (rc == VISION_OK) {
            plate_region regions[8];
            int count = 0;
            rc = plate_detector_detect(detector, &img, NULL, regions, 8, &count, NULL);
            assert_true(rc == VISION_OK || rc == VISION_E_NO_MEMORY);
            vis_alloc_fail_after(-1);
            /* Usable once memory is back. */
            assert_true(best_iou(detector, &img, NULL, truth, NULL) > 0.5);
        } else {
            assert_int_equal(rc, VISION_E_NO_MEMORY);
            assert_null(detector);
        }
        vis_alloc_fail_after(-1);
        plate_detector_free(detector);
    }
    free(data);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_found_at_several_sizes),
        cmocka_unit_test(test_found_at_slants),
        cmocka_unit_test(test_found_for_every_country_set),
        cmocka_unit_test(test_blank_images_give_nothing),
        cmocka_unit_test(test_search_box),
        cmocka_unit_test(test_bad_arguments),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_width_limits),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests_name("plate_detect", tests, NULL, NULL);
}
