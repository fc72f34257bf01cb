/*
 * Internal: reading the characters of one plate region: the region is
 * warped to a fixed height, binarised (dark and light ink), the characters
 * are found as a line of similar connected components and each is
 * classified by a small generated network (plate_ocr_model.c).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_OCR_H
#define VIS_PLATE_OCR_H

#include <stdint.h>

#include "core/error.h"
#include "core/image.h"
#include "plate_ocr_model.h"
#include "plate_syntax.h"

#define PLATE_OCR_HEIGHT 72 /* height of the warped plate image */

typedef struct plate_ocr plate_ocr;

/* One line of glyphs found in the warped plate, left to right. */
typedef struct plate_ocr_line {
    plate_glyph_probs glyphs[PLATE_SYNTAX_MAX_GLYPHS];
    int box[PLATE_SYNTAX_MAX_GLYPHS][4]; /* x, y, w, h in the warped plate */
    int count;
    int dark_ink;
} plate_ocr_line;

int plate_ocr_new(plate_ocr **out, vis_error_buffer *errors);
void plate_ocr_free(plate_ocr *ocr);

/*
 * Find the character lines of the plate whose corners are `quad`
 * (top-left, top-right, bottom-right, bottom-left, image pixels); the quad
 * is widened a little first, since detection boxes are not exact. Writes
 * one line per ink polarity that has one (dark on light first), at most
 * `capacity`, and their number to *count.
 */
int plate_ocr_find_lines(plate_ocr *ocr, const vis_image *gray, const float quad[4][2],
                         plate_ocr_line *lines, int capacity, int *count, vis_error_buffer *errors);

/* The last warped plate (gray, dark ink on light as in the picture). */
void plate_ocr_plate_image(const plate_ocr *ocr, const uint8_t **data, size_t *stride, int *width,
                           int *height);

#define PLATE_OCR_ATTEMPTS 8

/* Warp the plate (as plate_ocr_find_lines() does) for plate_ocr_read_line(). */
void plate_ocr_prepare(plate_ocr *ocr, const vis_image *gray, const float quad[4][2]);

/* One of the PLATE_OCR_ATTEMPTS ways to find the line in the prepared
 * plate, in order (0: dark ink, 1: dark ink with the frame cut off, 2 and
 * 3: the same for light ink; 1 and 3 build on 0 and 2, so call them in
 * order). *found is 1 when `line` was filled. */
int plate_ocr_read_line(plate_ocr *ocr, int attempt, plate_ocr_line *line, int *found,
                        vis_error_buffer *errors);

/* Map a point of the last warped plate back to image pixels. */
void plate_ocr_to_image(const plate_ocr *ocr, float u, float v, float *x, float *y);

/* The classifier's input for a glyph: `patch` is the gray crop of the
 * glyph's box (ink dark); `features` holds PLATE_OCR_INPUTS floats.
 * VISION_OK or the shim's error. */
int plate_ocr_glyph_features(const uint8_t *patch, size_t stride, int width, int height,
                             float *features);

/* Class probabilities (PLATE_OCR_CLASSES: 0-9, A-Z, not-a-character). */
void plate_ocr_classify(const float *features, float *probs);

/* Revisit a close call of N against H, M or W (the classifier's best and
 * second readings) by the glyph's symmetry: an N is its own half-turn image
 * but not its own mirror image, M and W the other way round (H is both).
 * Moves most of N's probability to the second reading when the glyph of
 * `features` (plate_ocr_glyph_features()) is mirror- rather than
 * half-turn-symmetric; classify_box() applies it to every glyph. */
void plate_ocr_check_n(const float *features, float *probs);

/* A W read as H (or as N in a close call with H or M second): a W has ink
 * between its stems and its centre both in the middle band and at the
 * bottom (its strokes and bottom vertices), an H, N or M has not; for such
 * a glyph, if its own mirror image (no N), most of the best reading's
 * probability goes to W. classify_box()
 * applies it to every glyph. */
void plate_ocr_check_w_feet(const float *features, float *probs);

/* Revisit a close call of 1 or I (best) against T (second): a T stands on
 * its stem alone, a 1 with a base and a serifed I have ink in both bottom
 * corners; for such a glyph most of T's probability goes to the best
 * reading. classify_box() applies it to every glyph. */
void plate_ocr_check_t(const float *features, float *probs);

/* Revisit a close call of 7 (best) against 1 (second): a 7's stroke leaves
 * the bottom right corner of its box empty and ends left of it, a 1's stem
 * fills that corner; for a glyph with ink there and little in the
 * bottom left corner, most of the 7's probability goes to the 1. classify_box()
 * applies it to every glyph. */
void plate_ocr_check_7(const float *features, float *probs);

#endif
