/*
 * The plate reader (white-box): synthetic plates rendered by the test with
 * known text are read right from their box and from a box a detector might
 * give (shifted, too large); OCR data problems and bad input give clear
 * errors and leave the reader usable.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <math.h>

#include "plate/plate_ocr.h"
#include "plate/plate_reader.h"
#include "plate_synth.h"

#define SCENE_W 640
#define SCENE_H 360

static plate_reader *make_reader(uint32_t countries)
{
    plate_reader_config config = {.countries = countries, .max_candidates = 5};
    plate_reader *reader = NULL;
    vis_error_buffer errors = {{0}};
    int rc = plate_reader_new(&reader, &config, &errors);
    if (rc != VISION_OK)
        print_error("plate_reader_new: %s\n", errors.message);
    assert_int_equal(rc, VISION_OK);
    return reader;
}

static void region_from_box(plate_region *r, float x, float y, float w, float h)
{
    memset(r, 0, sizeof *r);
    r->box[0] = (int)x;
    r->box[1] = (int)y;
    r->box[2] = (int)w;
    r->box[3] = (int)h;
    const float q[4][2] = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    memcpy(r->corners, q, sizeof q);
    r->score = 1;
}

/* A scene with one plate, as gray. */
static void render(uint8_t *gray, int layout, const char *text, double width, double rotation,
                   int busy, uint32_t seed, int *box)
{
    static uint8_t bgr[SCENE_W * SCENE_H * 3];
    synth_background(bgr, SCENE_W, SCENE_H, SCENE_W * 3, busy, seed);
    synth_plate p = {.layout = layout,
                     .text = text,
                     .cx = SCENE_W / 2.0,
                     .cy = SCENE_H / 2.0,
                     .width = width,
                     .rotation = rotation,
                     .car = 1,
                     .seed = seed};
    assert_int_equal(synth_draw_plate(bgr, SCENE_W, SCENE_H, SCENE_W * 3, &p, box), 0);
    for (int i = 0; i < SCENE_W * SCENE_H; i++) {
        const uint8_t *px = bgr + 3 * i;
        gray[i] = (uint8_t)((px[0] * 1868 + px[1] * 9617 + px[2] * 4899 + 8192) >> 14);
    }
}

typedef struct sample {
    int layout;
    uint32_t country;
    const char *text;
} sample;

static const sample samples[] = {
    {SYNTH_EU, PLATE_COUNTRY_EU, "RK 755AJ"}, {SYNTH_EU, PLATE_COUNTRY_EU, "BA 302OZ"},
    {SYNTH_EU, PLATE_COUNTRY_EU, "LM 169AM"}, {SYNTH_EU, PLATE_COUNTRY_EU, "BB 751BH"},
    {SYNTH_EU, PLATE_COUNTRY_EU, "KE 480CX"}, {SYNTH_EU, PLATE_COUNTRY_EU, "TT 912DV"},
    {SYNTH_BR, PLATE_COUNTRY_BR, "JRV-1942"}, {SYNTH_BR, PLATE_COUNTRY_BR, "OKM-2371"},
    {SYNTH_BR, PLATE_COUNTRY_BR, "NZF-0384"}, {SYNTH_BR, PLATE_COUNTRY_BR, "PWC-0633"},
    {SYNTH_BR, PLATE_COUNTRY_BR, "HPM-9362"}, {SYNTH_BR, PLATE_COUNTRY_BR, "QXT-5820"},
    {SYNTH_US, PLATE_COUNTRY_US, "5UVR090"},  {SYNTH_US, PLATE_COUNTRY_US, "ASC 7399"},
    {SYNTH_US, PLATE_COUNTRY_US, "7AWV401"},  {SYNTH_US, PLATE_COUNTRY_US, "EAZ 6913"},
    {SYNTH_US, PLATE_COUNTRY_US, "4PCJ264"},  {SYNTH_US, PLATE_COUNTRY_US, "KTM 3850"},
};

static void test_reads_synthetic_plates(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    static uint8_t gray[SCENE_W * SCENE_H];
    vis_image img = {gray, SCENE_W, SCENE_W, SCENE_H, 1};
    plate_reader *readers[3] = {make_reader(PLATE_COUNTRY_US), make_reader(PLATE_COUNTRY_EU),
                                make_reader(PLATE_COUNTRY_BR)};
    int n = (int)(sizeof samples / sizeof samples[0]), right = 0, right_jittered = 0;
    for (int i = 0; i < n; i++) {
        const sample *s = &samples[i];
        plate_reader *reader = readers[s->country == PLATE_COUNTRY_US   ? 0
                                       : s->country == PLATE_COUNTRY_EU ? 1
                                                                        : 2];
        char expected[32];
        synth_expected(expected, s->text);
        int box[4];
        render(gray, s->layout, s->text, 200 + 10 * (i % 5), (i % 3) - 1.0, i % 2, 77u + i, box);
        for (int pass = 0; pass < 2; pass++) {
            plate_region region;
            float x = (float)box[0], y = (float)box[1], w = (float)box[2], h = (float)box[3];
            if (pass) /* shifted and a little too large, as detections are */
                region_from_box(&region, x - 0.06f * w, y + 0.1f * h, w * 1.1f, h * 1.05f);
            else
                region_from_box(&region, x, y, w, h);
            plate_reading reading;
            vis_error_buffer errors = {{0}};
            assert_int_equal(plate_reader_read(reader, &img, NULL, &region, &reading, &errors),
                             VISION_OK);
            const char *got = reading.candidate_count ? reading.candidates[0].text : "";
            if (!strcmp(got, expected)) {
                if (pass)
                    right_jittered++;
                else
                    right++;
                assert_true(reading.candidates[0].confidence > 0);
                assert_true(reading.candidates[0].confidence <= 1);
                for (size_t k = 0; k < strlen(got); k++)
                    assert_true(reading.char_confidence[k] > 0 &&
                                reading.char_confidence[k] <= 1);
                assert_true(reading.candidates[0].pattern[0] != '\0');
                /* the refined region lies around the plate */
                assert_true(reading.region.box[0] >= box[0] - w * 0.3f);
                assert_true(reading.region.box[0] + reading.region.box[2] <=
                            box[0] + w * 1.3f);
            } else
                print_message("synthetic %s read as %s (%s box)\n", expected, got,
                              pass ? "jittered" : "exact");
        }
    }
    print_message("synthetic plates read right: %d/%d from the box, %d/%d jittered\n", right, n,
                  right_jittered, n);
    assert_true(right * 100 >= n * 80);
    assert_true(right_jittered * 100 >= n * 80);
    for (int i = 0; i < 3; i++)
        plate_reader_free(readers[i]);
}

static void test_missing_ocr_data(void **state)
{
    (void)state;
    plate_reader_config config = {.countries = PLATE_COUNTRY_EU,
                                  .max_candidates = 3,
                                  .ocr_data_path = "/nonexistent/libvision-tessdata"};
    plate_reader *reader = (plate_reader *)1;
    vis_error_buffer errors = {{0}};
    assert_int_equal(plate_reader_new(&reader, &config, &errors), VISION_E_OCR_DATA);
    assert_null(reader);
    assert_non_null(strstr(errors.message, "/nonexistent/libvision-tessdata"));
}

static void test_corrupt_ocr_data(void **state)
{
    (void)state;
    char dir[] = "/tmp/vision-ocr-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char file[256];
    snprintf(file, sizeof file, "%s/eng.traineddata", dir);
    FILE *f = fopen(file, "wb");
    assert_non_null(f);
    for (int i = 0; i < 4096; i++)
        fputc((i * 7919) & 0xFF, f);
    fclose(f);
    plate_reader_config config = {
        .countries = PLATE_COUNTRY_US, .max_candidates = 3, .ocr_data_path = dir};
    plate_reader *reader = NULL;
    vis_error_buffer errors = {{0}};
    int rc = plate_reader_new(&reader, &config, &errors);
    unlink(file);
    rmdir(dir);
    assert_int_equal(rc, VISION_E_OCR_DATA);
    assert_null(reader);
    assert_true(strlen(errors.message) > 0);
}

static void test_bad_config(void **state)
{
    (void)state;
    plate_reader *reader = NULL;
    vis_error_buffer errors = {{0}};
    plate_reader_config config = {.countries = 0, .max_candidates = 3};
    assert_int_equal(plate_reader_new(&reader, &config, &errors), VISION_E_OPTION);
    config.countries = PLATE_COUNTRY_BR;
    config.max_candidates = 0;
    assert_int_equal(plate_reader_new(&reader, &config, &errors), VISION_E_OPTION);
    config.max_candidates = PLATE_MAX_CANDIDATES + 1;
    assert_int_equal(plate_reader_new(&reader, &config, &errors), VISION_E_OPTION);
    assert_int_equal(plate_reader_new(NULL, &config, &errors), VISION_E_INVALID_ARGUMENT);
    plate_reader_free(NULL);
}

static void test_bad_input_keeps_reader_usable(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    plate_reader *reader = make_reader(PLATE_COUNTRY_BR);
    static uint8_t gray[SCENE_W * SCENE_H];
    vis_image img = {gray, SCENE_W, SCENE_W, SCENE_H, 1};
    int box[4];
    render(gray, SYNTH_BR, "JRV-1942", 220, 0, 0, 5, box);
    plate_reading reading;
    plate_region region;
    vis_error_buffer errors = {{0}};
    region_from_box(&region, (float)box[0], (float)box[1], (float)box[2], (float)box[3]);

    assert_int_equal(plate_reader_read(reader, NULL, NULL, &region, &reading, &errors),
                     VISION_E_INVALID_ARGUMENT);
    assert_int_equal(plate_reader_read(reader, &img, NULL, NULL, &reading, &errors),
                     VISION_E_INVALID_ARGUMENT);
    vis_image bgr = img;
    bgr.channels = 3;
    assert_int_equal(plate_reader_read(reader, &bgr, NULL, &region, &reading, &errors),
                     VISION_E_INVALID_ARGUMENT);
    plate_region bad = region;
    bad.corners[1][0] = NAN;
    assert_int_equal(plate_reader_read(reader, &img, NULL, &bad, &reading, &errors),
                     VISION_E_INVALID_ARGUMENT);
    /* far outside the image, tiny, huge: no crash, nothing (or something) read */
    region_from_box(&bad, -5000, 9000, 300, 100);
    assert_int_equal(plate_reader_read(reader, &img, NULL, &bad, &reading, &errors), VISION_OK);
    region_from_box(&bad, 10, 10, 1, 1);
    assert_int_equal(plate_reader_read(reader, &img, NULL, &bad, &reading, &errors), VISION_OK);
    assert_int_equal(reading.candidate_count, 0);
    region_from_box(&bad, -1e6f, -1e6f, 2e6f, 2e6f);
    assert_int_equal(plate_reader_read(reader, &img, NULL, &bad, &reading, &errors), VISION_OK);

    /* still reads */
    assert_int_equal(plate_reader_read(reader, &img, NULL, &region, &reading, &errors), VISION_OK);
    assert_true(reading.candidate_count >= 1);
    assert_string_equal(reading.candidates[0].text, "JRV1942");
    plate_reader_free(reader);
}

/* A letter drawn as thick strokes (ends in units of the box, 0..1), dark
 * on light, slightly blurred by drawing with a soft edge, in a box of the
 * narrow proportions of plate fonts. */
#define GLYPH_W 14
#define GLYPH_H 30
static void draw_strokes(uint8_t *patch, const float (*seg)[4], int count, float thickness)
{
    for (int y = 0; y < GLYPH_H; y++)
        for (int x = 0; x < GLYPH_W; x++) {
            float px = (x + 0.5f) / GLYPH_W, py = (y + 0.5f) / GLYPH_H, best = 1e9f;
            for (int k = 0; k < count; k++) {
                /* distance in pixels from the segment */
                float ax = seg[k][0] * GLYPH_W, ay = seg[k][1] * GLYPH_H;
                float bx = seg[k][2] * GLYPH_W, by = seg[k][3] * GLYPH_H;
                float qx = px * GLYPH_W - ax, qy = py * GLYPH_H - ay;
                float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
                float t = len2 > 0 ? (qx * dx + qy * dy) / len2 : 0;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                float d = hypotf(qx - t * dx, qy - t * dy);
                if (d < best)
                    best = d;
            }
            float ink = best < thickness / 2 ? 1.0f : best < thickness / 2 + 1 ? 0.5f : 0.0f;
            patch[y * GLYPH_W + x] = (uint8_t)(210 - 160 * ink);
        }
}

static void test_check_n(void **state)
{
    (void)state;
    /* stems at 0.1 and 0.9 of the width */
    static const float glyph_n[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.05f, 0.88f, 0.95f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    static const float glyph_m[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.05f, 0.5f, 0.6f},
                                       {0.5f, 0.6f, 0.88f, 0.05f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    static const float glyph_h[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.5f, 0.88f, 0.5f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    static const float glyph_w[][4] = {{0.08f, 0.05f, 0.3f, 0.95f},
                                       {0.3f, 0.95f, 0.5f, 0.4f},
                                       {0.5f, 0.4f, 0.7f, 0.95f},
                                       {0.7f, 0.95f, 0.92f, 0.05f}};
    const struct {
        const float (*seg)[4];
        int count, second; /* class of the second reading, H M or W */
        int stays; /* N stays first: the glyph is an N, or an H (both symmetries) */
    } cases[] = {{glyph_n, 3, 17, 1}, {glyph_n, 3, 22, 1}, {glyph_m, 4, 22, 0},
                 {glyph_m, 4, 17, 0}, {glyph_h, 3, 17, 1}, {glyph_w, 4, 32, 0}};
    const int N = 23;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int thick = 3; thick <= 4; thick++) {
            uint8_t patch[GLYPH_W * GLYPH_H];
            float features[PLATE_OCR_INPUTS], probs[PLATE_OCR_CLASSES];
            draw_strokes(patch, cases[i].seg, cases[i].count, (float)thick);
            assert_int_equal(plate_ocr_glyph_features(patch, GLYPH_W, GLYPH_W, GLYPH_H, features),
                             VISION_OK);
            /* a close call: N first, the other letter second */
            for (int c = 0; c < PLATE_OCR_CLASSES; c++)
                probs[c] = 0.001f;
            probs[N] = 0.55f;
            probs[cases[i].second] = 0.35f;
            plate_ocr_check_n(features, probs);
            int best = 0;
            for (int c = 1; c < PLATE_OCR_CLASSES; c++)
                if (probs[c] > probs[best])
                    best = c;
            if (cases[i].stays)
                assert_int_equal(best, N);
            else
                assert_int_equal(best, cases[i].second);
            /* a sure N is left alone, whatever the shape */
            for (int c = 0; c < PLATE_OCR_CLASSES; c++)
                probs[c] = 0.001f;
            probs[N] = 0.95f;
            probs[cases[i].second] = 0.02f;
            plate_ocr_check_n(features, probs);
            assert_true(probs[N] > 0.9f);
        }
}

static void test_check_t(void **state)
{
    (void)state;
    static const float glyph_i[][4] = {{0.5f, 0.05f, 0.5f, 0.95f},
                                       {0.1f, 0.06f, 0.9f, 0.06f},
                                       {0.1f, 0.94f, 0.9f, 0.94f}};
    static const float glyph_1[][4] = {{0.6f, 0.05f, 0.6f, 0.95f},
                                       {0.6f, 0.05f, 0.2f, 0.3f},
                                       {0.1f, 0.94f, 0.9f, 0.94f}};
    static const float glyph_t[][4] = {{0.5f, 0.05f, 0.5f, 0.95f},
                                       {0.06f, 0.06f, 0.94f, 0.06f}};
    const struct {
        const float (*seg)[4];
        int count, stands_on_stem;
    } cases[] = {{glyph_i, 3, 0}, {glyph_1, 3, 0}, {glyph_t, 2, 1}};
    const int ONE = 1, T = 29;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int thick = 3; thick <= 4; thick++) {
            uint8_t patch[GLYPH_W * GLYPH_H];
            float features[PLATE_OCR_INPUTS], probs[PLATE_OCR_CLASSES];
            draw_strokes(patch, cases[i].seg, cases[i].count, (float)thick);
            assert_int_equal(plate_ocr_glyph_features(patch, GLYPH_W, GLYPH_W, GLYPH_H, features),
                             VISION_OK);
            for (int c = 0; c < PLATE_OCR_CLASSES; c++)
                probs[c] = 0.001f;
            probs[ONE] = 0.55f;
            probs[T] = 0.35f;
            plate_ocr_check_t(features, probs);
            if (cases[i].stands_on_stem)
                assert_true(probs[T] > 0.3f);
            else
                assert_true(probs[T] < 0.1f && probs[ONE] > 0.8f);
        }
}

static void test_check_7(void **state)
{
    (void)state;
    /* a 1: flag on the left, stem in the right half down to the bottom */
    static const float glyph_1[][4] = {{0.75f, 0.05f, 0.75f, 0.95f},
                                       {0.75f, 0.05f, 0.1f, 0.35f}};
    /* a 7: bar at the top, stroke down to the bottom left */
    static const float glyph_7[][4] = {{0.06f, 0.06f, 0.92f, 0.06f},
                                       {0.92f, 0.06f, 0.25f, 0.95f}};
    const struct {
        const float (*seg)[4];
        int count, is_one;
    } cases[] = {{glyph_1, 2, 1}, {glyph_7, 2, 0}};
    const int ONE = 1, SEVEN = 7;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int thick = 3; thick <= 4; thick++) {
            uint8_t patch[GLYPH_W * GLYPH_H];
            float features[PLATE_OCR_INPUTS], probs[PLATE_OCR_CLASSES];
            draw_strokes(patch, cases[i].seg, cases[i].count, (float)thick);
            assert_int_equal(plate_ocr_glyph_features(patch, GLYPH_W, GLYPH_W, GLYPH_H, features),
                             VISION_OK);
            for (int c = 0; c < PLATE_OCR_CLASSES; c++)
                probs[c] = 0.001f;
            probs[SEVEN] = 0.55f;
            probs[ONE] = 0.35f;
            plate_ocr_check_7(features, probs);
            if (cases[i].is_one)
                assert_true(probs[ONE] > probs[SEVEN]);
            else
                assert_true(probs[SEVEN] > 0.5f);
        }
}

static void test_check_w_feet(void **state)
{
    (void)state;
    /* a narrow monospaced W: thick strokes, inner vertex at mid height */
    static const float glyph_w[][4] = {{0.1f, 0.05f, 0.3f, 0.95f},
                                       {0.3f, 0.95f, 0.5f, 0.45f},
                                       {0.5f, 0.45f, 0.7f, 0.95f},
                                       {0.7f, 0.95f, 0.9f, 0.05f}};
    static const float glyph_h[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.5f, 0.88f, 0.5f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    static const float glyph_n[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.05f, 0.88f, 0.95f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    static const float glyph_m[][4] = {{0.12f, 0.05f, 0.12f, 0.95f},
                                       {0.12f, 0.05f, 0.5f, 0.6f},
                                       {0.5f, 0.6f, 0.88f, 0.05f},
                                       {0.88f, 0.05f, 0.88f, 0.95f}};
    const struct {
        const float (*seg)[4];
        int count, is_w;
    } cases[] = {{glyph_w, 4, 1}, {glyph_h, 3, 0}, {glyph_n, 3, 0}, {glyph_m, 4, 0}};
    const int H = 17, N = 23, W = 32;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        for (int thick = 3; thick <= 4; thick++)
            for (int first = 0; first < 2; first++) {
                uint8_t patch[GLYPH_W * GLYPH_H];
                float features[PLATE_OCR_INPUTS], probs[PLATE_OCR_CLASSES];
                draw_strokes(patch, cases[i].seg, cases[i].count, (float)thick);
                assert_int_equal(
                    plate_ocr_glyph_features(patch, GLYPH_W, GLYPH_W, GLYPH_H, features),
                    VISION_OK);
                /* read as H, or as N with H close behind; W hardly considered */
                for (int c = 0; c < PLATE_OCR_CLASSES; c++)
                    probs[c] = 0.001f;
                probs[first ? N : H] = 0.6f;
                probs[first ? H : N] = 0.3f;
                plate_ocr_check_w_feet(features, probs);
                int best = 0;
                for (int c = 1; c < PLATE_OCR_CLASSES; c++)
                    if (probs[c] > probs[best])
                        best = c;
                assert_int_equal(best, cases[i].is_w ? W : first ? N : H);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reads_synthetic_plates),
        cmocka_unit_test(test_check_n),
        cmocka_unit_test(test_check_t),
        cmocka_unit_test(test_check_7),
        cmocka_unit_test(test_check_w_feet),
        cmocka_unit_test(test_missing_ocr_data),
        cmocka_unit_test(test_corrupt_ocr_data),
        cmocka_unit_test(test_bad_config),
        cmocka_unit_test(test_bad_input_keeps_reader_usable),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
