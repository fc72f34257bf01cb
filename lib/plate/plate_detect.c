/*
 * Finding plate regions in a gray analysis image.
 *
 * Two cues, cheap one first:
 *
 * 1. Proposals. A plate is a short row of characters: an area dense in
 *    vertical edges, a few times wider than tall. On a small pyramid
 *    (the first level scaled so that the smallest plate wanted is about
 *    PROPOSAL_MIN_WIDTH pixels wide, each next level half the size) the
 *    |d/dx| map is binarised twice (Otsu over the image for contrasted
 *    plates, a local rule for dim ones), closed horizontally to join the
 *    strokes, opened to drop thin lines; its components of a plate's
 *    shape are the proposals (lib/cv/cv_plate_detect.cpp).
 *
 * 2. Characters. Each proposal, with a margin, is looked at on the finest
 *    level where it is at most CHAR_ROI_HEIGHT rows tall, thresholded
 *    against its local mean (plate_detect_blobs.c; long horizontal runs,
 *    frames and borders, are cleared so characters touching them come
 *    free); a plate shows a horizontal chain of dark blobs of one height,
 *    on one (possibly slanted) line, a few characters long. The longest
 *    chain scores the proposal and gives the plate's outline (from the
 *    characters' box, their height and where each region's plates carry
 *    their characters) and slant (from the line through the blobs' feet).
 *
 * Proposals are ranked by score, overlapping ones suppressed, and the best
 * few returned.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_detect.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../cv/cv_image.h"
#include "../cv/cv_plate_detect.h"
#include "core/alloc.h"
#include "plate_detect_blobs.h"

/* Smallest and largest images (or search areas) the detector accepts. */
#define DETECT_MIN_SIDE 16
#define DETECT_MAX_SIDE 16384
#define DETECT_MAX_PIXELS (64 * 1024 * 1024)

/* Plate width (full-resolution pixels) assumed when the config gives none. */
#define DEFAULT_MIN_PLATE_WIDTH 48

/* Width in pixels, on the first pyramid level, of the smallest plate
 * wanted; each level covers plates up to about PROPOSAL_LEVEL_SPAN times
 * wider before the next, half-size level takes over. */
#define PROPOSAL_MIN_WIDTH 24
#define PROPOSAL_LEVEL_SPAN 4
#define PROPOSAL_MAX_LEVELS 6
#define PROPOSAL_SMALLEST_LEVEL 32

/* Proposal shape limits on the pyramid level. */
#define PROPOSAL_MIN_W 14
#define PROPOSAL_MIN_H 5
#define PROPOSAL_MIN_ASPECT 1.4f
#define PROPOSAL_MAX_ASPECT 10.0f
#define PROPOSAL_MIN_FILL 0.4f

#define MAX_PROPOSALS 512
#define MAX_VERIFIED 96
#define MAX_BLOBS 256

/* Character check. */
#define CHAR_ROI_HEIGHT 64
/* Horizontal runs of one class longer than this share of the region's
 * height are frames and borders (see plate_blob_classify). */
#define CHAR_MAX_RUN 0.4f
/* Light characters on a dark plate are looked for only when dark ones are
 * not found, and only when this is 1: on the dev data the second pass
 * found one more US plate and cost 15% more time and 6 points of top-1
 * (dark text elsewhere in the scene becomes candidates). */
#define LIGHT_CHARACTERS 0
#define CHAR_OFFSET 7

/* Regions returned at most, and the least score worth returning; when
 * one region is STRONG_SCORE sure, others below WEAK_SCORE are dropped
 * (each region costs the OCR a reading). */
#define MAX_REGIONS 5
#define MIN_SCORE 0.1f
#define STRONG_SCORE 0.85f
#define WEAK_SCORE 0.5f
#define NMS_IOU 0.3f

typedef struct detect_box {
    float x, y, w, h;
} detect_box;

typedef struct proposal {
    detect_box box; /* full-resolution pixels, relative to the search area */
    float prior;    /* edge-shape goodness, to order the character checks */
    float score;
    plate_region region;
} proposal;

/* The longest character chain found in a proposal. */
typedef struct char_chain {
    int count;
    detect_box box;    /* around the characters, full-resolution pixels */
    float char_height; /* mean, full-resolution pixels */
    float slope;       /* dy/dx of the line through the characters' feet */
    float fill;        /* mean share of a character's box its blob covers */
    float aspect;      /* mean width over height of the characters */
} char_chain;

struct plate_detector {
    uint32_t countries;
    int min_width;
    int max_width;
    vis_image_buffer level_buffers[PROPOSAL_MAX_LEVELS];
    vis_image levels[PROPOSAL_MAX_LEVELS]; /* this call's pyramid */
    float level_scales[PROPOSAL_MAX_LEVELS];
    int level_count;
    vis_cv_component components[MAX_PROPOSALS];
    plate_blob blobs[MAX_BLOBS];
    plate_blob_scratch blob_scratch;
    proposal proposals[MAX_PROPOSALS];
};

int plate_detector_new(plate_detector **out, const plate_reader_config *config,
                       vis_error_buffer *errors) {
    if (!out)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate detector: out is NULL");
    *out = NULL;
    if (!config)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate detector: config is NULL");
    if (config->min_plate_width < 0 || config->max_plate_width < 0)
        return vis_fail(errors, VISION_E_OPTION,
                        "plate detector: plate width limits must not be negative (min %d, max %d)",
                        config->min_plate_width, config->max_plate_width);
    if (config->max_plate_width > 0 && config->min_plate_width > config->max_plate_width)
        return vis_fail(errors, VISION_E_OPTION,
                        "plate detector: minimum plate width %d exceeds the maximum %d",
                        config->min_plate_width, config->max_plate_width);
    plate_detector *detector = vis_calloc(1, sizeof(*detector));
    if (!detector)
        return vis_fail(errors, VISION_E_NO_MEMORY, "plate detector: out of memory");
    detector->countries = config->countries;
    detector->min_width =
        config->min_plate_width > 0 ? config->min_plate_width : DEFAULT_MIN_PLATE_WIDTH;
    if (detector->min_width < PROPOSAL_MIN_WIDTH)
        detector->min_width = PROPOSAL_MIN_WIDTH;
    detector->max_width = config->max_plate_width;
    *out = detector;
    return VISION_OK;
}

void plate_detector_free(plate_detector *detector) {
    if (!detector)
        return;
    for (int i = 0; i < PROPOSAL_MAX_LEVELS; i++)
        vis_image_buffer_release(&detector->level_buffers[i]);
    plate_blob_scratch_release(&detector->blob_scratch);
    vis_free(detector);
}

/* --- geometry ------------------------------------------------------------ */

static float box_iou(const detect_box *a, const detect_box *b) {
    float ix = fminf(a->x + a->w, b->x + b->w) - fmaxf(a->x, b->x);
    float iy = fminf(a->y + a->h, b->y + b->h) - fmaxf(a->y, b->y);
    if (ix <= 0 || iy <= 0)
        return 0;
    float inter = ix * iy;
    return inter / (a->w * a->h + b->w * b->h - inter);
}

/* Share of `inner` that lies inside `outer`. */
static float box_inside(const detect_box *inner, const detect_box *outer) {
    float ix = fminf(inner->x + inner->w, outer->x + outer->w) - fmaxf(inner->x, outer->x);
    float iy = fminf(inner->y + inner->h, outer->y + outer->h) - fmaxf(inner->y, outer->y);
    if (ix <= 0 || iy <= 0 || inner->w <= 0 || inner->h <= 0)
        return 0;
    return ix * iy / (inner->w * inner->h);
}

static detect_box region_box(const plate_region *r) {
    detect_box b = {(float)r->box[0], (float)r->box[1], (float)r->box[2], (float)r->box[3]};
    return b;
}

/* A small row of text lying inside a larger region that holds a strong
 * row of characters is part of that plate (a Brazilian city line, a US
 * state name, a dealer's slogan under the registration): rank it below. */
static void demote_inner_text(proposal *proposals, int n) {
    for (int i = 0; i < n; i++) {
        detect_box inner = region_box(&proposals[i].region);
        for (int k = 0; k < n; k++) {
            if (k == i || proposals[k].score < STRONG_SCORE)
                continue;
            detect_box outer = region_box(&proposals[k].region);
            if (outer.w * outer.h > 2 * inner.w * inner.h && box_inside(&inner, &outer) > 0.8f) {
                proposals[i].score *= 0.5f;
                break;
            }
        }
    }
}

static void box_clip(detect_box *box, int width, int height) {
    float x0 = fmaxf(box->x, 0), y0 = fmaxf(box->y, 0);
    float x1 = fminf(box->x + box->w, (float)width), y1 = fminf(box->y + box->h, (float)height);
    box->x = x0;
    box->y = y0;
    box->w = fmaxf(x1 - x0, 0);
    box->h = fmaxf(y1 - y0, 0);
}

/* --- proposals ----------------------------------------------------------- */

static int proposals_from_level(plate_detector *detector, const uint8_t *data, size_t stride,
                                int width, int height, float scale, int area_width,
                                int *proposal_count) {
    int found = 0;
    int free_slots = MAX_PROPOSALS - *proposal_count;
    if (free_slots <= 0)
        return VISION_OK;
    int rc = vis_cv_edge_components(
        data, stride, width, height, VIS_CV_EDGES_GLOBAL | VIS_CV_EDGES_LOCAL, 31, 9, 3, 5, 5,
        PROPOSAL_MIN_W, PROPOSAL_MIN_H, detector->components, free_slots, &found);
    if (rc != VISION_OK)
        return rc;
    float max_width = detector->max_width > 0 ? detector->max_width * 1.3f : (float)area_width;
    for (int i = 0; i < found; i++) {
        const vis_cv_component *c = &detector->components[i];
        float aspect = (float)c->width / (float)c->height;
        float fill = (float)c->area / ((float)c->width * (float)c->height);
        if (aspect < PROPOSAL_MIN_ASPECT || aspect > PROPOSAL_MAX_ASPECT ||
            fill < PROPOSAL_MIN_FILL)
            continue;
        if (c->width > PROPOSAL_MIN_WIDTH * PROPOSAL_LEVEL_SPAN * 2)
            continue; /* the next level sees it at a better size */
        detect_box box = {(float)c->x / scale, (float)c->y / scale, (float)c->width / scale,
                          (float)c->height / scale};
        if (box.w < detector->min_width * 0.6f || box.w > max_width)
            continue;
        /* Both binarisations often find the very same area: check it once
         * (only near-identical boxes: a slightly different box may be the
         * one whose character check succeeds). */
        int seen = 0;
        for (int k = 0; k < *proposal_count && !seen; k++)
            seen = box_iou(&box, &detector->proposals[k].box) > 0.9f;
        if (seen)
            continue;
        proposal *p = &detector->proposals[(*proposal_count)++];
        memset(p, 0, sizeof(*p));
        p->box = box;
        p->prior = fill;
    }
    return VISION_OK;
}

/* Shrink `src` into `buffer` at w x h, by halving first while the
 * remaining factor is under one half (bilinear sampling would alias). */
static int shrink(const vis_image *src, vis_image_buffer *buffer, int w, int h, vis_image *out) {
    size_t need = (size_t)w * h;
    vis_image cur = *src;
    /* Halving steps go to the buffer's tail, the last step to its head. */
    size_t tail_need = 0;
    int tw = src->width, th = src->height;
    while (tw / 2 > w && th / 2 > h) { /* the same steps as below */
        tw /= 2;
        th /= 2;
        tail_need += (size_t)tw * th;
    }
    if (vis_image_buffer_reserve(buffer, need + tail_need) != VISION_OK)
        return VISION_E_NO_MEMORY;
    uint8_t *tail = buffer->data + need;
    while (cur.width / 2 > w && cur.height / 2 > h) {
        int hw = cur.width / 2, hh = cur.height / 2;
        int rc = vis_cv_plate_shrink(cur.data, cur.stride, cur.width, cur.height, tail, (size_t)hw,
                                     hw, hh);
        if (rc != VISION_OK)
            return rc;
        cur.data = tail;
        cur.stride = (size_t)hw;
        cur.width = hw;
        cur.height = hh;
        tail += (size_t)hw * hh;
    }
    int rc = vis_cv_plate_shrink(cur.data, cur.stride, cur.width, cur.height, buffer->data,
                                 (size_t)w, w, h);
    if (rc != VISION_OK)
        return rc;
    out->data = buffer->data;
    out->stride = (size_t)w;
    out->width = w;
    out->height = h;
    out->channels = 1;
    return VISION_OK;
}

static int make_proposals(plate_detector *detector, const vis_image *area, int *proposal_count) {
    *proposal_count = 0;
    detector->level_count = 0;
    float scale = (float)PROPOSAL_MIN_WIDTH / (float)detector->min_width;
    if (scale > 1)
        scale = 1;
    float widest = detector->max_width > 0 ? (float)detector->max_width : (float)area->width;
    vis_image prev = *area;
    for (int level = 0; level < PROPOSAL_MAX_LEVELS; level++) {
        int w = (int)lroundf(area->width * scale), h = (int)lroundf(area->height * scale);
        if (w < PROPOSAL_SMALLEST_LEVEL || h < PROPOSAL_MIN_H * 2)
            break;
        vis_image img = prev;
        if (w != prev.width || h != prev.height) {
            int rc = shrink(&prev, &detector->level_buffers[level], w, h, &img);
            if (rc != VISION_OK)
                return rc;
        }
        /* The real scale of this level, after rounding. */
        float real_scale = (float)w / (float)area->width;
        detector->levels[level] = img;
        detector->level_scales[level] = real_scale;
        detector->level_count = level + 1;
        int rc = proposals_from_level(detector, img.data, img.stride, w, h, real_scale, area->width,
                                      proposal_count);
        if (rc != VISION_OK)
            return rc;
        prev = img;
        if (widest * scale <= PROPOSAL_MIN_WIDTH * PROPOSAL_LEVEL_SPAN)
            break;
        scale *= 0.5f;
    }
    return VISION_OK;
}

/* --- characters ---------------------------------------------------------- */

static int blob_by_x(const void *a, const void *b) {
    const plate_blob *p = a, *q = b;
    return p->x - q->x;
}

/* The longest chain of blobs of one height on one line, in ROI pixels. */
static void longest_chain(plate_blob *blobs, int n, char_chain *best, float to_full_x,
                          float to_full_y, float offset_x, float offset_y) {
    qsort(blobs, (size_t)n, sizeof(*blobs), blob_by_x);
    for (int seed = 0; seed < n; seed++) {
        const plate_blob *s = &blobs[seed];
        float sh = (float)s->height, scy = s->y + sh * 0.5f;
        /* Walk left and right from the seed, allowing gaps up to a
         * character height (spaces, dashes, the EU band). */
        int members[MAX_BLOBS];
        int count = 0;
        int last_right = s->x + s->width;
        int first_left = s->x;
        /* Each next character is compared with its neighbour in the
         * chain, so a slanted row (up to about 15 degrees) still chains. */
        float left_cy = scy, right_cy = scy;
        for (int j = seed; j >= 0; j--) {
            const plate_blob *b = &blobs[j];
            float cy = b->y + b->height * 0.5f;
            if (fabsf(b->height - sh) > 0.15f * sh || fabsf(cy - left_cy) > 0.2f * sh)
                continue;
            if (j != seed && b->x + b->width > first_left + 1)
                continue; /* overlaps the chain: a part or a duplicate */
            if (first_left - (b->x + b->width) > 1.2f * sh)
                break;
            members[count++] = j;
            first_left = b->x;
            left_cy = cy;
        }
        for (int j = seed + 1; j < n; j++) {
            const plate_blob *b = &blobs[j];
            float cy = b->y + b->height * 0.5f;
            if (fabsf(b->height - sh) > 0.15f * sh || fabsf(cy - right_cy) > 0.2f * sh)
                continue;
            if (b->x < last_right - 1)
                continue;
            if (b->x - last_right > 1.2f * sh)
                break;
            members[count++] = j;
            last_right = b->x + b->width;
            right_cy = cy;
        }
        /* More characters wins, up to a plate's seven; past that the
         * taller row (a plate's registration under a line of small print). */
        int capped = count < 7 ? count : 7, best_capped = best->count < 7 ? best->count : 7;
        if (capped < best_capped ||
            (capped == best_capped && sh * to_full_y <= best->char_height * 1.1f))
            continue;
        /* Box, mean height and the line through the feet (least squares). */
        float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f, hsum = 0;
        float sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int m = 0; m < count; m++) {
            const plate_blob *b = &blobs[members[m]];
            x0 = fminf(x0, (float)b->x);
            y0 = fminf(y0, (float)b->y);
            x1 = fmaxf(x1, (float)(b->x + b->width));
            y1 = fmaxf(y1, (float)(b->y + b->height));
            hsum += (float)b->height;
            float fx = (b->x + b->width * 0.5f) * to_full_x, fy = (b->y + b->height) * to_full_y;
            sx += fx;
            sy += fy;
            sxx += fx * fx;
            sxy += fx * fy;
        }
        /* Shape statistics: a plate's characters are alike. */
        float fsum = 0, asum = 0;
        for (int m = 0; m < count; m++) {
            const plate_blob *b = &blobs[members[m]];
            fsum += (float)b->area / ((float)b->width * (float)b->height);
            asum += (float)b->width / (float)b->height;
        }
        best->fill = fsum / count;
        best->aspect = asum / count;
        best->count = count;
        best->box.x = offset_x + x0 * to_full_x;
        best->box.y = offset_y + y0 * to_full_y;
        best->box.w = (x1 - x0) * to_full_x;
        best->box.h = (y1 - y0) * to_full_y;
        best->char_height = hsum / count * to_full_y;
        float den = count * sxx - sx * sx;
        best->slope = (count >= 3 && den > 1e-3f) ? (count * sxy - sx * sy) / den : 0;
        if (best->slope > 0.5f)
            best->slope = 0.5f;
        if (best->slope < -0.5f)
            best->slope = -0.5f;
    }
}

static int find_chars(plate_detector *detector, const vis_image *area, const detect_box *box,
                      char_chain *chain) {
    memset(chain, 0, sizeof(*chain));
    detect_box roi = {box->x - box->w * 0.25f, box->y - box->h * 0.2f, box->w * 1.5f,
                      box->h * 1.4f};
    box_clip(&roi, area->width, area->height);
    /* Look at the proposal on the finest image where it is at most
     * CHAR_ROI_HEIGHT rows tall: no resampling, and characters are still
     * a dozen pixels high. */
    const vis_image *src = area;
    float scale = 1;
    for (int i = 0; i < detector->level_count && roi.h * scale > CHAR_ROI_HEIGHT; i++) {
        src = &detector->levels[i];
        scale = detector->level_scales[i];
    }
    int rx = (int)(roi.x * scale), ry = (int)(roi.y * scale);
    int rw = (int)((roi.x + roi.w) * scale) - rx, rh = (int)((roi.y + roi.h) * scale) - ry;
    if (rx + rw > src->width)
        rw = src->width - rx;
    if (ry + rh > src->height)
        rh = src->height - ry;
    if (rw < 8 || rh < 8)
        return VISION_OK;
    int block = (rh / 2) | 1;
    if (block < 3)
        block = 3;
    if (rw < block)
        return VISION_OK;
    const uint8_t *data = src->data + (size_t)ry * src->stride + rx;
    int min_h = rh / 5 > 4 ? rh / 5 : 4;
    if (plate_blob_classify(&detector->blob_scratch, data, src->stride, rw, rh, block, CHAR_OFFSET,
                            (int)(rh * CHAR_MAX_RUN)) != 0)
        return VISION_E_NO_MEMORY;
    /* Dark characters on a light plate first; light on dark only when
     * that finds no row of characters. */
    for (int polarity = PLATE_BLOB_DARK; polarity <= PLATE_BLOB_LIGHT; polarity++) {
        if (polarity == PLATE_BLOB_LIGHT && (!LIGHT_CHARACTERS || chain->count >= 3))
            break;
        int n = plate_find_blobs(&detector->blob_scratch, polarity, min_h, rh * 9 / 10,
                                 detector->blobs, MAX_BLOBS);
        int kept = 0;
        for (int i = 0; i < n; i++) {
            plate_blob b = detector->blobs[i];
            if (b.width < 2 || b.width > b.height)
                continue;
            if (b.y == 0 || b.y + b.height >= rh)
                continue;
            float fill = (float)b.area / ((float)b.width * (float)b.height);
            if (fill < 0.2f || fill > 0.95f)
                continue;
            detector->blobs[kept++] = b;
        }
        longest_chain(detector->blobs, kept, chain, 1.0f / scale, 1.0f / scale, (float)rx / scale,
                      (float)ry / scale);
    }
    return VISION_OK;
}

/* --- scoring and the plate's outline ------------------------------------- */

/* Character height over plate height for the countries read: EU plates are
 * filled by their characters, US and Brazilian ones have about half. */
static float char_height_ratio(uint32_t countries) {
    if (countries == PLATE_COUNTRY_EU)
        return 0.68f;
    if (countries & PLATE_COUNTRY_EU)
        return 0.58f;
    return 0.5f;
}

/* Where the characters sit: how far (in plate heights) the plate's centre
 * is above the characters' centre. US plates carry the state's name above
 * the registration, Brazilian ones a city line (grey plates) or a band
 * (Mercosur); EU plates centre their characters. */
static float char_row_offset(uint32_t countries) {
    if (countries == PLATE_COUNTRY_BR)
        return 0.1f;
    if (countries == PLATE_COUNTRY_US)
        return 0.04f;
    return 0;
}

/* How plate-like a chain is: mostly how many characters it has (a plate
 * has 5 to 8; two or three may be a plate seen badly), lowered when it
 * covers little of its proposal (a word inside a larger textured area),
 * when its blobs are solid or wide (lamps, grille holes) and when it is
 * too long (a text block, a grille). */
static float chain_score(const char_chain *chain, const detect_box *box) {
    static const float by_count[8] = {0, 0, 0.15f, 0.35f, 0.55f, 0.75f, 0.9f, 1.0f};
    if (chain->count < 2)
        return 0.02f;
    float score = by_count[chain->count < 7 ? chain->count : 7];
    if (chain->count > 9)
        score -= 0.1f * (float)(chain->count - 9);
    float cover = chain->box.w / box->w / 0.5f;
    if (cover < 1)
        score *= cover;
    if (chain->fill > 0.7f)
        score *= 0.6f;
    if (chain->aspect > 0.8f)
        score *= 0.6f;
    return score;
}

static void set_region(plate_region *region, float cx, float cy, float w, float h, float slope,
                       float offset_x, float offset_y, int area_width, int area_height) {
    float c = 1.0f / sqrtf(1 + slope * slope), s = slope * c;
    float hx = w * 0.5f, hy = h * 0.5f;
    const float sign[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (int i = 0; i < 4; i++) {
        float dx = sign[i][0] * hx, dy = sign[i][1] * hy;
        float x = cx + dx * c - dy * s, y = cy + dx * s + dy * c;
        x = fminf(fmaxf(x, 0), (float)area_width);
        y = fminf(fmaxf(y, 0), (float)area_height);
        region->corners[i][0] = x + offset_x;
        region->corners[i][1] = y + offset_y;
        x0 = fminf(x0, x);
        y0 = fminf(y0, y);
        x1 = fmaxf(x1, x);
        y1 = fmaxf(y1, y);
    }
    region->box[0] = (int)lroundf(x0 + offset_x);
    region->box[1] = (int)lroundf(y0 + offset_y);
    region->box[2] = (int)lroundf(x1 - x0);
    region->box[3] = (int)lroundf(y1 - y0);
}

static void outline(const plate_detector *detector, proposal *p, const char_chain *chain,
                    const vis_image *area, int offset_x, int offset_y) {
    if (chain->count >= 3) {
        float ch = chain->char_height;
        float h = ch / char_height_ratio(detector->countries);
        float w = chain->box.w + 0.8f * ch;
        float cx = chain->box.x + chain->box.w * 0.5f;
        float cy = chain->box.y + chain->box.h * 0.5f - h * char_row_offset(detector->countries);
        set_region(&p->region, cx, cy, w, h, chain->slope, (float)offset_x, (float)offset_y,
                   area->width, area->height);
    } else {
        set_region(&p->region, p->box.x + p->box.w * 0.5f, p->box.y + p->box.h * 0.5f, p->box.w,
                   p->box.h, 0, (float)offset_x, (float)offset_y, area->width, area->height);
    }
    p->region.score = p->score < 1 ? p->score : 1; /* the seam promises 0..1 */
}

static int by_prior(const void *a, const void *b) {
    const proposal *p = a, *q = b;
    return (p->prior < q->prior) - (p->prior > q->prior);
}

static int by_score(const void *a, const void *b) {
    const proposal *p = a, *q = b;
    return (p->score < q->score) - (p->score > q->score);
}

/* --- entry points -------------------------------------------------------- */

int plate_detector_detect(plate_detector *detector, const vis_image *gray, const int *search,
                          plate_region *regions, int capacity, int *count,
                          vis_error_buffer *errors) {
    if (count)
        *count = 0;
    if (!detector || !gray || !count || (capacity > 0 && !regions) || capacity < 0)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT,
                        "plate detect: NULL detector, image, regions or count, or negative "
                        "capacity");
    if (!gray->data || gray->channels != 1 || gray->width <= 0 || gray->height <= 0 ||
        gray->stride < (size_t)gray->width)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT,
                        "plate detect: need a gray image with data and stride >= width "
                        "(got %dx%d, %d channels)",
                        gray->width, gray->height, gray->channels);
    if (gray->width > DETECT_MAX_SIDE || gray->height > DETECT_MAX_SIDE ||
        (long long)gray->width * gray->height > DETECT_MAX_PIXELS)
        return vis_fail(errors, VISION_E_FRAME_SIZE,
                        "plate detect: image %dx%d too large (at most %d pixels a side, %d in all)",
                        gray->width, gray->height, DETECT_MAX_SIDE, DETECT_MAX_PIXELS);
    vis_image area = *gray;
    int ox = 0, oy = 0;
    if (search) {
        if (search[2] <= 0 || search[3] <= 0)
            return vis_fail(errors, VISION_E_INVALID_ARGUMENT,
                            "plate detect: search box %dx%d is empty", search[2], search[3]);
        long long x0 = search[0] < 0 ? 0 : search[0], y0 = search[1] < 0 ? 0 : search[1];
        long long x1 = (long long)search[0] + search[2], y1 = (long long)search[1] + search[3];
        if (x1 > gray->width)
            x1 = gray->width;
        if (y1 > gray->height)
            y1 = gray->height;
        if (x1 - x0 < DETECT_MIN_SIDE || y1 - y0 < DETECT_MIN_SIDE / 2)
            return VISION_OK; /* nothing of a plate's size fits there */
        ox = (int)x0;
        oy = (int)y0;
        area.data = gray->data + (size_t)oy * gray->stride + ox;
        area.width = (int)(x1 - x0);
        area.height = (int)(y1 - y0);
    } else if (gray->width < DETECT_MIN_SIDE || gray->height < DETECT_MIN_SIDE / 2) {
        return vis_fail(errors, VISION_E_FRAME_SIZE,
                        "plate detect: image %dx%d too small (at least %dx%d)", gray->width,
                        gray->height, DETECT_MIN_SIDE, DETECT_MIN_SIDE / 2);
    }

    int n = 0;
    int rc = make_proposals(detector, &area, &n);
    if (rc == VISION_OK && n > MAX_VERIFIED) {
        qsort(detector->proposals, (size_t)n, sizeof(proposal), by_prior);
        n = MAX_VERIFIED;
    }
    for (int i = 0; rc == VISION_OK && i < n; i++) {
        proposal *p = &detector->proposals[i];
        char_chain chain;
        rc = find_chars(detector, &area, &p->box, &chain);
        p->score = chain_score(&chain, &p->box) + 0.05f * p->prior;
        outline(detector, p, &chain, &area, ox, oy);
    }
    if (rc != VISION_OK)
        return vis_fail(errors, rc,
                        rc == VISION_E_NO_MEMORY ? "plate detect: out of memory"
                                                 : "plate detect: image processing failed");

    demote_inner_text(detector->proposals, n);
    qsort(detector->proposals, (size_t)n, sizeof(proposal), by_score);
    int limit = capacity < MAX_REGIONS ? capacity : MAX_REGIONS;
    int kept = 0;
    float best = n > 0 ? detector->proposals[0].score : 0;
    for (int i = 0; i < n && kept < limit; i++) {
        const proposal *p = &detector->proposals[i];
        if (p->score < MIN_SCORE || (best >= STRONG_SCORE && p->score < WEAK_SCORE))
            break;
        detect_box b = {(float)p->region.box[0], (float)p->region.box[1], (float)p->region.box[2],
                        (float)p->region.box[3]};
        if (b.w < 1 || b.h < 1 || b.w < detector->min_width * 0.6f ||
            (detector->max_width > 0 && b.w > detector->max_width * 1.25f))
            continue; /* outside the plate widths asked for */
        int overlaps = 0;
        for (int k = 0; k < kept && !overlaps; k++) {
            detect_box o = {(float)regions[k].box[0], (float)regions[k].box[1],
                            (float)regions[k].box[2], (float)regions[k].box[3]};
            overlaps = box_iou(&b, &o) > NMS_IOU;
        }
        if (!overlaps)
            regions[kept++] = p->region;
    }
    *count = kept;
    return VISION_OK;
}

int plate_reader_detect(plate_reader *reader, const vis_image *gray, const int *search,
                        plate_region *regions, int capacity, int *count, vis_error_buffer *errors) {
    if (count)
        *count = 0;
    if (!reader)
        return vis_fail(errors, VISION_E_INVALID_ARGUMENT, "plate detect: reader is NULL");
    return plate_detector_detect(plate_reader_detector(reader), gray, search, regions, capacity,
                                 count, errors);
}
