/*
 * The plate reader: owns the detector, the character reader, the syntax
 * tables and the Tesseract engine of one plate handle (see plate_reader.h).
 *
 * Reading a region: the region is warped to a fixed height, its characters
 * found as a line of similar connected components (dark and light ink both
 * tried) and classified one by one by a small generated network; the
 * country syntax tables then align patterns with the glyphs, which ranks
 * the candidates and settles the letter/digit confusions by position.
 * Read thoroughly (still mode), a reading whose characters reach the
 * region's side, or that is short, is read again from a widened region,
 * and a reading whose two best candidates are close is read from two more
 * crops that vote.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_reader.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/alloc.h"
#include "plate_detect.h"
#include "plate_ocr.h"
#include "plate_ocr_tess.h"
#include "plate_syntax.h"

struct plate_reader {
    plate_reader_config config;
    plate_detector *detector;
    plate_syntax *syntax;
    plate_ocr *ocr;
    int thorough; /* see plate_reader_set_thorough() */
};

int plate_reader_new(plate_reader **out, const plate_reader_config *config,
                     vis_error_buffer *errors)
{
    if (!out || !config)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate reader: NULL argument");
    *out = NULL;
    const uint32_t known = PLATE_COUNTRY_US | PLATE_COUNTRY_EU | PLATE_COUNTRY_BR;
    if (!(config->countries & known) || (config->countries & ~known))
        return vis_fail(errors, VISION_E_OPTION, "plate reader: unknown country set 0x%x",
                        config->countries);
    if (config->max_candidates < 1 || config->max_candidates > PLATE_MAX_CANDIDATES)
        return vis_fail(errors, VISION_E_OPTION,
                        "plate reader: max_candidates %d is outside 1..%d", config->max_candidates,
                        PLATE_MAX_CANDIDATES);
    if (config->min_plate_width < 0 || config->max_plate_width < 0 ||
        (config->max_plate_width && config->max_plate_width < config->min_plate_width))
        return vis_fail(errors, VISION_E_OPTION, "plate reader: bad plate width limits %d..%d",
                        config->min_plate_width, config->max_plate_width);
    plate_reader *reader = vis_calloc(1, sizeof *reader);
    if (!reader)
        return vis_fail(errors, VISION_E_NO_MEMORY, "out of memory for the plate reader");
    reader->config = *config;
    reader->config.ocr_data_path = NULL; /* not kept: the caller owns the string */
    /* Plates are read by the classifier alone: Tesseract's engine, measured
     * in the same place, read fewer of them (docs/plates.md, "How plates
     * are read"), so its data is only checked, not loaded (~350 ms and
     * ~15 MB a handle). */
    int rc = plate_tess_check_data(config->ocr_data_path, errors);
    if (rc == VISION_OK)
        rc = plate_syntax_new(&reader->syntax, config->countries, errors);
    if (rc == VISION_OK)
        rc = plate_ocr_new(&reader->ocr, errors);
    if (rc == VISION_OK)
        rc = plate_detector_new(&reader->detector, config, errors);
    if (rc != VISION_OK) {
        plate_reader_free(reader);
        return rc;
    }
    *out = reader;
    return VISION_OK;
}

void plate_reader_free(plate_reader *reader)
{
    if (!reader)
        return;
    plate_detector_free(reader->detector);
    plate_ocr_free(reader->ocr);
    plate_syntax_free(reader->syntax);
    vis_free(reader);
}

void plate_reader_set_thorough(plate_reader *reader, int thorough)
{
    if (reader)
        reader->thorough = thorough != 0;
}

plate_detector *plate_reader_detector(plate_reader *reader)
{
    return reader ? reader->detector : NULL;
}

static int region_valid(const plate_region *r)
{
    for (int i = 0; i < 4; i++)
        if (!isfinite(r->corners[i][0]) || !isfinite(r->corners[i][1]))
            return 0;
    return 1;
}

/* The corners of a region, or of its box when the corners are degenerate. */
static void region_quad(const plate_region *r, float quad[4][2])
{
    float area = 0;
    for (int i = 0; i < 4; i++) {
        const float *a = r->corners[i], *b = r->corners[(i + 1) % 4];
        area += a[0] * b[1] - b[0] * a[1];
    }
    if (fabsf(area) >= 4.0f) {
        memcpy(quad, r->corners, sizeof(float) * 8);
        return;
    }
    float x = (float)r->box[0], y = (float)r->box[1];
    float w = (float)r->box[2], h = (float)r->box[3];
    const float q[4][2] = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    memcpy(quad, q, sizeof q);
}

/* A national reading this sure (confidences summed over the lines that
 * read it) ends the search for other lines. */
#define PLATE_READ_SURE 0.9f

/* Sides of the warped plate the winning reading's characters reach. */
enum { EDGE_LEFT = 1, EDGE_RIGHT = 2 };

/* A character whose box comes this close (share of the character height)
 * to a side of the warped plate may have neighbours beyond it. */
#define PLATE_EDGE_GAP 0.3f

/* Read the plate whose corners are `quad`; `*edges` tells which sides of
 * the warped plate the winning reading's characters touch, `*pitch` the
 * distance between its characters as a share of the quad's width. */
static int read_quad(plate_reader *reader, const vis_image *gray, const float quad[4][2],
                     plate_reading *out, int *edges, float *pitch, vis_error_buffer *errors)
{
    *edges = 0;
    *pitch = 0;
    plate_ocr_line lines[PLATE_OCR_ATTEMPTS];
    int line_count = 0;
    plate_ocr_prepare(reader->ocr, gray, quad);

    /* Each line (ink polarity, frame cut or not) proposes candidates; a
     * text several lines agree on gains: candidates are ranked by the sum of
     * their confidences over the lines. The next way of finding the line is
     * tried only while no national reading is sure enough. */
    int capacity = reader->config.max_candidates;
    typedef struct pooled {
        plate_candidate c;
        float sum;
    } pooled;
    pooled pool[PLATE_OCR_ATTEMPTS * PLATE_MAX_CANDIDATES];
    int pooled_count = 0;
    float char_conf[PLATE_OCR_ATTEMPTS][PLATE_TEXT_MAX];
    int glyph_of[PLATE_OCR_ATTEMPTS][PLATE_TEXT_MAX];
    plate_candidate top[PLATE_OCR_ATTEMPTS];
    for (int attempt = 0; attempt < PLATE_OCR_ATTEMPTS; attempt++) {
        int found = 0;
        int rc = plate_ocr_read_line(reader->ocr, attempt, &lines[line_count], &found, errors);
        if (rc != VISION_OK)
            return rc;
        if (!found)
            continue;
        int l = line_count++;
        plate_candidate cands[PLATE_MAX_CANDIDATES];
        int n = plate_syntax_rank(reader->syntax, lines[l].glyphs, lines[l].count, cands,
                                  capacity, char_conf[l], glyph_of[l]);
        top[l].text[0] = '\0';
        if (n == 0)
            continue;
        /* A line of few glyphs reads confidently what little it saw: rank
         * lines by confidence discounted for characters short of a plate. */
        int short_by = 6 - (int)strlen(cands[0].text);
        float discount = short_by > 0 ? 1.0f - 0.1f * (float)short_by : 1.0f;
        for (int i = 0; i < n; i++)
            cands[i].confidence *= discount;
        top[l] = cands[0];
        float best_sum = 0;
        const char *best_pattern = "";
        for (int i = 0; i < n; i++) {
            int j = 0;
            while (j < pooled_count && strcmp(pool[j].c.text, cands[i].text))
                j++;
            if (j == pooled_count) {
                pool[pooled_count].c = cands[i];
                pool[pooled_count++].sum = 0;
            } else if (cands[i].confidence > pool[j].c.confidence)
                pool[j].c = cands[i];
            pool[j].sum += cands[i].confidence;
            if (pool[j].sum > best_sum) {
                best_sum = pool[j].sum;
                best_pattern = pool[j].c.pattern;
            }
        }
        if (best_sum >= PLATE_READ_SURE && best_pattern[0])
            break;
    }
    /* best first by summed confidence */
    for (int i = 1; i < pooled_count; i++)
        for (int j = i; j > 0 && pool[j].sum > pool[j - 1].sum; j--) {
            pooled t = pool[j];
            pool[j] = pool[j - 1];
            pool[j - 1] = t;
        }
    out->candidate_count = pooled_count < capacity ? pooled_count : capacity;
    for (int i = 0; i < out->candidate_count; i++) {
        out->candidates[i] = pool[i].c;
        if (i > 0 && out->candidates[i].confidence > out->candidates[i - 1].confidence)
            out->candidates[i].confidence = out->candidates[i - 1].confidence;
    }
    if (out->candidate_count > 0) {
        /* per-character confidence and region from the line that read the
         * winner best */
        const char *text = out->candidates[0].text;
        size_t len = strlen(text);
        int best = -1;
        for (int l = 0; l < line_count; l++)
            if (!strcmp(top[l].text, text) &&
                (best < 0 || top[l].confidence > top[best].confidence))
                best = l;
        if (best < 0) {
            for (size_t k = 0; k < len; k++)
                out->char_confidence[k] = out->candidates[0].confidence;
        } else {
            memcpy(out->char_confidence, char_conf[best], sizeof(float) * len);
            out->light_ink = !lines[best].dark_ink;
            const uint8_t *data;
            size_t stride;
            int pw, ph;
            plate_ocr_plate_image(reader->ocr, &data, &stride, &pw, &ph);
            const int *first = lines[best].box[glyph_of[best][0]];
            const int *last = lines[best].box[glyph_of[best][len - 1]];
            if (first[0] < PLATE_EDGE_GAP * first[3])
                *edges |= EDGE_LEFT;
            if (pw - (last[0] + last[2]) < PLATE_EDGE_GAP * last[3])
                *edges |= EDGE_RIGHT;
            /* the characters' span, mapped back to the image, per
             * character and over the quad's width */
            float ax, ay, bx, by;
            float v = (float)first[1] + 0.5f * (float)first[3];
            plate_ocr_to_image(reader->ocr, (float)first[0], v, &ax, &ay);
            plate_ocr_to_image(reader->ocr, (float)(last[0] + last[2]), v, &bx, &by);
            float quad_width = hypotf(quad[1][0] - quad[0][0], quad[1][1] - quad[0][1]);
            if (quad_width > 0)
                *pitch = hypotf(bx - ax, by - ay) / (float)len / quad_width;
            int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1;
            for (size_t k = 0; k < len; k++) {
                const int *b = lines[best].box[glyph_of[best][k]];
                if (b[0] < x0)
                    x0 = b[0];
                if (b[1] < y0)
                    y0 = b[1];
                if (b[0] + b[2] > x1)
                    x1 = b[0] + b[2];
                if (b[1] + b[3] > y1)
                    y1 = b[1] + b[3];
            }
            plate_region *r = &out->region;
            const float uv[4][2] = {{(float)x0, (float)y0},
                                    {(float)x1, (float)y0},
                                    {(float)x1, (float)y1},
                                    {(float)x0, (float)y1}};
            float minx = 1e30f, miny = 1e30f, maxx = -1e30f, maxy = -1e30f;
            for (int c = 0; c < 4; c++) {
                plate_ocr_to_image(reader->ocr, uv[c][0], uv[c][1], &r->corners[c][0],
                                   &r->corners[c][1]);
                minx = fminf(minx, r->corners[c][0]);
                miny = fminf(miny, r->corners[c][1]);
                maxx = fmaxf(maxx, r->corners[c][0]);
                maxy = fmaxf(maxy, r->corners[c][1]);
            }
            r->box[0] = (int)floorf(minx);
            r->box[1] = (int)floorf(miny);
            r->box[2] = (int)ceilf(maxx) - r->box[0];
            r->box[3] = (int)ceilf(maxy) - r->box[1];
        }
    }
    return VISION_OK;
}

/* How far a region is widened on a side its reading's characters reach:
 * detector boxes often stop a character or more short of the plate's end
 * (a thin 1 or I, a character joined to the frame, the characters past a
 * gap). At least PLATE_EXTEND of its width, or room for the characters
 * the reading lacks to PLATE_FULL_LENGTH, at most PLATE_EXTEND_MAX. */
#define PLATE_EXTEND 0.3f
#define PLATE_EXTEND_MAX 1.0f
#define PLATE_FULL_LENGTH 7
#define PLATE_SHORT_READING 4

/* Widen a quad by `share` of its width on the sides in `edges`. */
static void extend_quad(const float quad[4][2], int edges, float share, float out[4][2])
{
    memcpy(out, quad, sizeof(float) * 8);
    for (int k = 0; k < 2; k++) {
        float top = quad[1][k] - quad[0][k], bottom = quad[2][k] - quad[3][k];
        if (edges & EDGE_LEFT) {
            out[0][k] -= share * top;
            out[3][k] -= share * bottom;
        }
        if (edges & EDGE_RIGHT) {
            out[1][k] += share * top;
            out[2][k] += share * bottom;
        }
    }
}

/* A reading whose second candidate is this close (share of the first's
 * confidence) is read from PLATE_VOTE_CROPS more crops of the plate. */
#define PLATE_AMBIGUOUS 0.75f
#define PLATE_VOTE_CROPS 2
/* Only regions the detector found this plate-like (a row of five or more
 * characters, plate_detect.h) are worth the extra reads. */
#define PLATE_VOTE_MIN_SCORE 0.5f

/* Grow (or shrink, for a negative share) a quad's height by `share` of it
 * on each of the top and bottom. */
static void grow_quad_height(const float quad[4][2], float share, float out[4][2])
{
    for (int k = 0; k < 2; k++) {
        float left = quad[3][k] - quad[0][k], right = quad[2][k] - quad[1][k];
        out[0][k] = quad[0][k] - share * left;
        out[3][k] = quad[3][k] + share * left;
        out[1][k] = quad[1][k] - share * right;
        out[2][k] = quad[2][k] + share * right;
    }
}

/* The confidence a reading gives a text, 0 when it is not a candidate. */
static float reading_confidence(const plate_reading *r, const char *text)
{
    for (int i = 0; i < r->candidate_count; i++)
        if (!strcmp(r->candidates[i].text, text))
            return r->candidates[i].confidence;
    return 0;
}

/* Thorough reading, first step: when the characters of `out` reach a side
 * of its region, or it is short, read again from the region widened there
 * and keep the more confident reading (`quad` follows it). */
static int read_widened(plate_reader *reader, const vis_image *gray, const plate_region *region,
                        float quad[4][2], int edges, float pitch, plate_reading *out,
                        vis_error_buffer *errors)
{
    int missing = PLATE_FULL_LENGTH - (int)strlen(out->candidates[0].text);
    /* A reading this short may be the part of a plate beyond a gap (the
     * detector's box ended at the space): widen on both sides. */
    if (!edges && missing >= PLATE_FULL_LENGTH - PLATE_SHORT_READING)
        edges = EDGE_LEFT | EDGE_RIGHT;
    plate_reading again;
    int rc = VISION_OK;
    if (edges) {
        /* The characters reach a side: read again with the region widened
         * there, and keep that reading when it is the more confident. */
        float share = missing > 0 ? (float)missing * pitch : 0;
        share = share < PLATE_EXTEND       ? PLATE_EXTEND
                : share > PLATE_EXTEND_MAX ? PLATE_EXTEND_MAX
                                           : share;
        float wider[4][2];
        extend_quad(quad, edges, share, wider);
        memset(&again, 0, sizeof again);
        again.region = *region;
        int edges_again;
        float pitch_again;
        rc = read_quad(reader, gray, wider, &again, &edges_again, &pitch_again, errors);
        if (rc != VISION_OK)
            return rc;
        if (again.candidate_count > 0 &&
            again.candidates[0].confidence > out->candidates[0].confidence) {
            *out = again;
            memcpy(quad, wider, sizeof wider);
        }
    }
    return rc;
}

/* Thorough reading, second step: two readings almost as likely (a 1 or a
 * 7, an M or an H) are settled by reading the plate again from slightly
 * different crops, which vote. */
static int vote_over_crops(plate_reader *reader, const vis_image *gray,
                           const plate_region *region, const float quad[4][2],
                           plate_reading *out, vis_error_buffer *errors)
{
    if (out->candidate_count < 2 || region->score < PLATE_VOTE_MIN_SCORE ||
        out->candidates[1].confidence < PLATE_AMBIGUOUS * out->candidates[0].confidence)
        return VISION_OK;
    static const float grow[PLATE_VOTE_CROPS] = {0.08f, -0.05f};
    plate_reading *votes[PLATE_VOTE_CROPS + 1];
    plate_reading others[PLATE_VOTE_CROPS];
    votes[0] = out;
    int vote_count = 1;
    for (int v = 0; v < PLATE_VOTE_CROPS; v++) {
        float crop[4][2];
        grow_quad_height(quad, grow[v], crop);
        memset(&others[v], 0, sizeof others[v]);
        others[v].region = *region;
        int e;
        float p;
        int rc = read_quad(reader, gray, crop, &others[v], &e, &p, errors);
        if (rc != VISION_OK)
            return rc;
        if (others[v].candidate_count > 0)
            votes[vote_count++] = &others[v];
    }
    /* A crop whose characters were seen clearly weighs more: each
     * reading's vote is weighed by its winner's mean character confidence. */
    float weight[PLATE_VOTE_CROPS + 1];
    for (int a = 0; a < vote_count; a++) {
        size_t len = strlen(votes[a]->candidates[0].text);
        float sum = 0;
        for (size_t k = 0; k < len; k++)
            sum += votes[a]->char_confidence[k];
        weight[a] = len ? sum / (float)len : 0;
    }
    /* The winner: the text with the largest sum of weighed confidences. */
    const char *winner = NULL;
    float winner_sum = 0;
    for (int a = 0; a < vote_count; a++)
        for (int i = 0; i < votes[a]->candidate_count; i++) {
            const char *text = votes[a]->candidates[i].text;
            float sum = 0;
            for (int b = 0; b < vote_count; b++)
                sum += weight[b] * reading_confidence(votes[b], text);
            if (sum > winner_sum) {
                winner_sum = sum;
                winner = text;
            }
        }
    /* The reading that has the winner first, most confidently. */
    int chosen = -1;
    for (int a = 0; a < vote_count; a++)
        if (winner && !strcmp(votes[a]->candidates[0].text, winner) &&
            (chosen < 0 || votes[a]->candidates[0].confidence >
                               votes[chosen]->candidates[0].confidence))
            chosen = a;
    if (chosen > 0)
        *out = *votes[chosen];
    return VISION_OK;
}

int plate_reader_read(plate_reader *reader, const vis_image *gray, const vis_image *bgr,
                      const plate_region *region, plate_reading *out, vis_error_buffer *errors)
{
    (void)bgr;
    if (!reader || !gray || !region || !out || !gray->data)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate reader: NULL argument");
    if (gray->channels != 1 || gray->width < 1 || gray->height < 1)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate reader: needs a gray image");
    memset(out, 0, sizeof *out);
    out->region = *region;
    if (!region_valid(region))
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate reader: region is not finite");
    if (region->box[2] < 4 || region->box[3] < 2)
        return VISION_OK; /* nothing legible */

    float quad[4][2];
    region_quad(region, quad);
    int edges = 0;
    float pitch = 0;
    int rc = read_quad(reader, gray, quad, out, &edges, &pitch, errors);
    if (rc != VISION_OK || out->candidate_count == 0 || !reader->thorough)
        return rc;
    rc = read_widened(reader, gray, region, quad, edges, pitch, out, errors);
    if (rc != VISION_OK)
        return rc;
    return vote_over_crops(reader, gray, region, quad, out, errors);
}
