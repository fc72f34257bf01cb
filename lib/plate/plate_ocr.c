/*
 * Reading the characters of one plate region (see plate_ocr.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_ocr.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "cv/cv_plate_ocr.h"

#define OCR_MAX_WIDTH (PLATE_OCR_HEIGHT * 10)
#define OCR_MAX_COMPONENTS 256
#define OCR_MARGIN_X 0.07f /* widening of the region, each side, of its width */
#define OCR_MARGIN_Y 0.18f /* of its height */
#ifndef OCR_STRICT_OFFSET
#define OCR_STRICT_OFFSET 20.0
#endif
#ifndef OCR_STRICT_BLOCK_DIV
#define OCR_STRICT_BLOCK_DIV 4
#endif
/* W against M and H (check_w) */
#define OCR_W_BOTTOM 0.3f /* ink at the bottom centre, at least */
#define OCR_W_CENTRE_MIN 0.50f /* mean height of the middle columns' ink */
#define OCR_W_CENTRE_MAX 0.78f
#define OCR_W_CORNERS 0.72f /* ink in the bottom corners, less than */
#define OCR_W_UPPER 0.15f /* or ink in the upper middle, less than */
/* slant correction (estimate_shear): candidates k * STEP, |k| <= STEPS */
#ifndef OCR_SHEAR_STEPS
#define OCR_SHEAR_STEPS 8
#endif
#ifndef OCR_SHEAR_STEP
#define OCR_SHEAR_STEP 0.05f
#endif
#ifndef OCR_SHEAR_GAIN
#define OCR_SHEAR_GAIN 0.3
#endif
#ifndef OCR_M_FOOT
#define OCR_M_FOOT 0.4f /* M against Y: ink in each bottom corner, more than */
#endif
#ifndef OCR_M_UPPER
#define OCR_M_UPPER 0.45f /* M against H (check_m): ink in the upper middle */
#endif
#ifndef OCR_SPLIT_TRY
#define OCR_SPLIT_TRY 1.5f
#endif
#ifndef OCR_SPLIT_FORCE
#define OCR_SPLIT_FORCE 2.4f
#endif

struct plate_ocr {
    uint8_t *plate; /* warped gray plate, OCR_MAX_WIDTH x PLATE_OCR_HEIGHT */
    uint8_t *inverted;
    uint8_t *binary;
    int32_t *labels;
    vis_cv_component components[OCR_MAX_COMPONENTS];
    int width, height;
    int inverted_ready;    /* `inverted` holds the current plate */
    int binary_attempt_ok; /* `binary` holds the previous attempt's image */
    float quad[4][2]; /* the widened quad the plate image was taken from */
    float shear;      /* columns of the plate image lean by this many pixels a row */
};

int plate_ocr_new(plate_ocr **out, vis_error_buffer *errors)
{
    *out = NULL;
    plate_ocr *ocr = vis_calloc(1, sizeof *ocr);
    size_t pixels = (size_t)OCR_MAX_WIDTH * PLATE_OCR_HEIGHT;
    if (ocr) {
        ocr->plate = vis_malloc(pixels);
        ocr->inverted = vis_malloc(pixels);
        ocr->binary = vis_malloc(pixels);
        ocr->labels = vis_malloc(pixels * sizeof(int32_t));
    }
    if (!ocr || !ocr->plate || !ocr->inverted || !ocr->binary || !ocr->labels) {
        plate_ocr_free(ocr);
        return vis_fail(errors, VISION_E_NO_MEMORY, "out of memory for the plate reader");
    }
    *out = ocr;
    return VISION_OK;
}

void plate_ocr_free(plate_ocr *ocr)
{
    if (!ocr)
        return;
    vis_free(ocr->plate);
    vis_free(ocr->inverted);
    vis_free(ocr->binary);
    vis_free(ocr->labels);
    vis_free(ocr);
}

void plate_ocr_plate_image(const plate_ocr *ocr, const uint8_t **data, size_t *stride, int *width,
                           int *height)
{
    *data = ocr->plate;
    *stride = OCR_MAX_WIDTH;
    *width = ocr->width;
    *height = ocr->height;
}

void plate_ocr_to_image(const plate_ocr *ocr, float u, float v, float *x, float *y)
{
    float s = (u + ocr->shear * (v - 0.5f * ocr->height)) / (float)ocr->width;
    float t = v / (float)ocr->height;
    const float(*q)[2] = ocr->quad;
    *x = (1 - t) * ((1 - s) * q[0][0] + s * q[1][0]) + t * ((1 - s) * q[3][0] + s * q[2][0]);
    *y = (1 - t) * ((1 - s) * q[0][1] + s * q[1][1]) + t * ((1 - s) * q[3][1] + s * q[2][1]);
}

static float dist(const float *a, const float *b)
{
    return hypotf(a[0] - b[0], a[1] - b[1]);
}

/* Widen the quad and sample it into ocr->plate (bilinear, edges clamped),
 * each row shifted by `shear` pixels a row from the middle one. */
static void warp_plate(plate_ocr *ocr, const vis_image *gray, const float quad[4][2], float shear)
{
    ocr->shear = shear;
    float top = dist(quad[0], quad[1]), bottom = dist(quad[3], quad[2]);
    float left = dist(quad[0], quad[3]), right = dist(quad[1], quad[2]);
    float qw = 0.5f * (top + bottom), qh = 0.5f * (left + right);
    if (qh < 1)
        qh = 1;
    /* widen along the quad's own axes */
    float ax = 1 + 2 * OCR_MARGIN_X, ay = 1 + 2 * OCR_MARGIN_Y;
    /* half-axes of the quad: left-to-right and top-to-bottom */
    float hu[2], hv[2];
    for (int k = 0; k < 2; k++) {
        hu[k] = 0.25f * (quad[1][k] + quad[2][k] - quad[0][k] - quad[3][k]);
        hv[k] = 0.25f * (quad[3][k] + quad[2][k] - quad[0][k] - quad[1][k]);
    }
    static const float su[4] = {-1, 1, 1, -1}, sv[4] = {-1, -1, 1, 1};
    for (int i = 0; i < 4; i++)
        for (int k = 0; k < 2; k++)
            ocr->quad[i][k] = quad[i][k] + su[i] * hu[k] * (ax - 1) + sv[i] * hv[k] * (ay - 1);
    int H = PLATE_OCR_HEIGHT;
    int W = (int)lroundf(H * (qw * ax) / (qh * ay));
    if (W < H * 3 / 2)
        W = H * 3 / 2;
    if (W > OCR_MAX_WIDTH)
        W = OCR_MAX_WIDTH;
    ocr->width = W;
    ocr->height = H;
    const float(*q)[2] = ocr->quad;
    int gw = gray->width, gh = gray->height;
    for (int v = 0; v < H; v++) {
        float t = (v + 0.5f) / H;
        float lx = q[0][0] + t * (q[3][0] - q[0][0]), ly = q[0][1] + t * (q[3][1] - q[0][1]);
        float rx = q[1][0] + t * (q[2][0] - q[1][0]), ry = q[1][1] + t * (q[2][1] - q[1][1]);
        uint8_t *row = ocr->plate + (size_t)v * OCR_MAX_WIDTH;
        float lean = shear * (v + 0.5f - 0.5f * H);
        for (int u = 0; u < W; u++) {
            float s = (u + 0.5f + lean) / W;
            float x = lx + s * (rx - lx) - 0.5f, y = ly + s * (ry - ly) - 0.5f;
            if (x < 0)
                x = 0;
            if (y < 0)
                y = 0;
            if (x > gw - 1)
                x = (float)(gw - 1);
            if (y > gh - 1)
                y = (float)(gh - 1);
            int x0 = (int)x, y0 = (int)y;
            int x1 = x0 + 1 < gw ? x0 + 1 : x0, y1 = y0 + 1 < gh ? y0 + 1 : y0;
            float fx = x - x0, fy = y - y0;
            const uint8_t *r0 = gray->data + (size_t)y0 * gray->stride;
            const uint8_t *r1 = gray->data + (size_t)y1 * gray->stride;
            float a = r0[x0] + fx * (r0[x1] - r0[x0]);
            float b = r1[x0] + fx * (r1[x1] - r1[x0]);
            row[u] = (uint8_t)(a + fy * (b - a) + 0.5f);
        }
    }
}

int plate_ocr_glyph_features(const uint8_t *patch, size_t stride, int width, int height,
                             float *features)
{
    uint8_t small[PLATE_GLYPH_W * PLATE_GLYPH_H];
    int rc = vis_cv_plate_resize_area(patch, stride, width, height, small, PLATE_GLYPH_W,
                                      PLATE_GLYPH_W, PLATE_GLYPH_H);
    if (rc != VISION_OK)
        return rc;
    int lo = 255, hi = 0;
    for (int i = 0; i < PLATE_GLYPH_W * PLATE_GLYPH_H; i++) {
        if (small[i] < lo)
            lo = small[i];
        if (small[i] > hi)
            hi = small[i];
    }
    float range = (float)(hi - lo);
    float scale = 1.0f / (range > 8.0f ? range : 8.0f);
    for (int i = 0; i < PLATE_GLYPH_W * PLATE_GLYPH_H; i++)
        features[i] = (float)(hi - small[i]) * scale;
    features[PLATE_GLYPH_W * PLATE_GLYPH_H] = (float)width / (float)height;

#if PLATE_OCR_HOG
    /* histograms of gradient orientation per cell, as the generator's
     * gradient_histograms() */
    const float *v = features;
    float *hist = features + PLATE_GLYPH_W * PLATE_GLYPH_H + 1;
    const int cells_x = PLATE_GLYPH_W / PLATE_GLYPH_CELL;
    const int nhist = cells_x * (PLATE_GLYPH_H / PLATE_GLYPH_CELL) * PLATE_GLYPH_BINS;
    memset(hist, 0, sizeof(float) * (size_t)nhist);
    for (int y = 0; y < PLATE_GLYPH_H; y++)
        for (int x = 0; x < PLATE_GLYPH_W; x++) {
            float gx = (x > 0 && x < PLATE_GLYPH_W - 1)
                           ? v[y * PLATE_GLYPH_W + x + 1] - v[y * PLATE_GLYPH_W + x - 1]
                           : 0.0f;
            float gy = (y > 0 && y < PLATE_GLYPH_H - 1)
                           ? v[(y + 1) * PLATE_GLYPH_W + x] - v[(y - 1) * PLATE_GLYPH_W + x]
                           : 0.0f;
            float mag = sqrtf(gx * gx + gy * gy);
            float ang = atan2f(gy, gx);
            if (ang < 0)
                ang += (float)M_PI;
            if (ang >= (float)M_PI)
                ang -= (float)M_PI;
            int bin = (int)(ang / (float)M_PI * PLATE_GLYPH_BINS);
            if (bin > PLATE_GLYPH_BINS - 1)
                bin = PLATE_GLYPH_BINS - 1;
            int cell = (y / PLATE_GLYPH_CELL) * cells_x + x / PLATE_GLYPH_CELL;
            hist[cell * PLATE_GLYPH_BINS + bin] += mag;
        }
    float norm = 0;
    for (int i = 0; i < nhist; i++)
        norm += hist[i] * hist[i];
    norm = 4.0f / (sqrtf(norm) + 1e-3f);
    for (int i = 0; i < nhist; i++)
        hist[i] *= norm;
#endif
    return VISION_OK;
}

void plate_ocr_classify(const float *features, float *probs)
{
    float hidden[PLATE_OCR_HIDDEN];
    for (int h = 0; h < PLATE_OCR_HIDDEN; h++) {
        const float *w = plate_ocr_w1 + (size_t)h * PLATE_OCR_INPUTS;
        float s = plate_ocr_b1[h];
        for (int i = 0; i < PLATE_OCR_INPUTS; i++)
            s += w[i] * features[i];
        hidden[h] = s > 0 ? s : 0;
    }
    float top = -INFINITY;
    for (int c = 0; c < PLATE_OCR_CLASSES; c++) {
        const float *w = plate_ocr_w2 + (size_t)c * PLATE_OCR_HIDDEN;
        float s = plate_ocr_b2[c];
        for (int h = 0; h < PLATE_OCR_HIDDEN; h++)
            s += w[h] * hidden[h];
        probs[c] = s;
        if (s > top)
            top = s;
    }
    float sum = 0;
    for (int c = 0; c < PLATE_OCR_CLASSES; c++) {
        probs[c] = expf(probs[c] - top);
        sum += probs[c];
    }
    for (int c = 0; c < PLATE_OCR_CLASSES; c++)
        probs[c] /= sum;
}

typedef struct glyph_box {
    int x, y, w, h;
    int label;
} glyph_box;

static int compare_int(const void *a, const void *b)
{
    int p = *(const int *)a, q = *(const int *)b;
    return (p > q) - (p < q);
}

static int compare_x(const void *a, const void *b)
{
    const glyph_box *p = a, *q = b;
    return (p->x > q->x) - (p->x < q->x);
}

/* Columns where a wide component (several characters touching) is cut:
 * the emptiest column near each equal division. */
static int split_box(const plate_ocr *ocr, const glyph_box *g, int parts, glyph_box *out)
{
    int cols[OCR_MAX_WIDTH];
    for (int u = 0; u < g->w; u++) {
        int n = 0;
        for (int v = g->y; v < g->y + g->h; v++)
            n += ocr->labels[(size_t)v * OCR_MAX_WIDTH + g->x + u] == g->label;
        cols[u] = n;
    }
    int start = 0;
    for (int k = 0; k < parts; k++) {
        int end = g->w;
        if (k < parts - 1) {
            int guess = g->w * (k + 1) / parts;
            int reach = g->w / (parts * 4);
            end = guess;
            for (int u = guess - reach; u <= guess + reach; u++)
                if (u > start + 1 && u < g->w - 1 && cols[u] < cols[end])
                    end = u;
        }
        out[k] = *g;
        out[k].x = g->x + start;
        out[k].w = end - start;
        start = end;
    }
    return parts;
}

/* The best line of similar components in the binary image; writes glyph
 * boxes sorted left to right, returns their number. */
static int find_line(plate_ocr *ocr, int n, glyph_box *line, int capacity, float *line_height)
{
    const int H = ocr->height, W = ocr->width;
    glyph_box cand[OCR_MAX_COMPONENTS];
    int m = 0;
    for (int i = 0; i < n; i++) {
        const vis_cv_component *c = &ocr->components[i];
        if (c->height < H * 0.16f || c->height > H * 0.92f)
            continue;
        if (c->width > 3 * c->height || c->width < 2)
            continue;
        if (c->y <= 0 || c->y + c->height >= H)
            continue;
        if (c->x <= 0 && c->width > c->height / 2)
            continue;
        if (c->x + c->width >= W && c->width > c->height / 2)
            continue;
        float fill = (float)c->area / (float)(c->width * c->height);
        if (fill < 0.12f || fill > 0.95f)
            continue;
        cand[m].x = c->x;
        cand[m].y = c->y;
        cand[m].w = c->width;
        cand[m].h = c->height;
        cand[m].label = i + 1;
        m++;
    }
    float best_score = 0;
    int best_a = -1, best_b = -1;
    for (int a = 0; a < m; a++) {
        if (cand[a].w > 1.2f * cand[a].h)
            continue;
        for (int b = 0; b < m; b++) {
            if (cand[b].x <= cand[a].x || cand[b].w > 1.2f * cand[b].h)
                continue;
            float ha = (float)cand[a].h, hb = (float)cand[b].h;
            if (fabsf(ha - hb) > 0.2f * fmaxf(ha, hb))
                continue;
            float ax = cand[a].x + cand[a].w * 0.5f, ay = cand[a].y + ha * 0.5f;
            float bx = cand[b].x + cand[b].w * 0.5f, by = cand[b].y + hb * 0.5f;
            float slope = (by - ay) / (bx - ax);
            if (fabsf(slope) > 0.25f)
                continue;
            float href = 0.5f * (ha + hb);
            float score = 0;
            for (int c = 0; c < m; c++) {
                float cx = cand[c].x + cand[c].w * 0.5f, cy = cand[c].y + cand[c].h * 0.5f;
                if (fabsf(cy - (ay + slope * (cx - ax))) > 0.15f * href)
                    continue;
                if (fabsf(cand[c].h - href) > 0.2f * href)
                    continue;
                float chars = cand[c].w / (0.62f * href);
                score += chars < 1 ? 1 : floorf(chars + 0.5f);
            }
            score += -0.01f * fabsf(ha - hb);
            if (score > best_score) {
                best_score = score;
                best_a = a;
                best_b = b;
            }
        }
    }
    if (best_a < 0)
        return 0;
    float ha = (float)cand[best_a].h, hb = (float)cand[best_b].h, href = 0.5f * (ha + hb);
    float ax = cand[best_a].x + cand[best_a].w * 0.5f, ay = cand[best_a].y + ha * 0.5f;
    float bx = cand[best_b].x + cand[best_b].w * 0.5f, by = cand[best_b].y + hb * 0.5f;
    float slope = (by - ay) / (bx - ax);
    glyph_box members[OCR_MAX_COMPONENTS];
    int k = 0;
    for (int c = 0; c < m; c++) {
        float cx = cand[c].x + cand[c].w * 0.5f, cy = cand[c].y + cand[c].h * 0.5f;
        if (fabsf(cy - (ay + slope * (cx - ax))) > 0.15f * href)
            continue;
        if (fabsf(cand[c].h - href) > 0.2f * href)
            continue;
        members[k++] = cand[c];
    }
    qsort(members, (size_t)k, sizeof *members, compare_x);
    /* Every glyph spans the line's height (median top and bottom, following
     * its slope): pieces of broken characters and characters cut by the band
     * are then taken whole. */
    if (k >= 3) {
        int tops[OCR_MAX_COMPONENTS], bottoms[OCR_MAX_COMPONENTS];
        for (int i = 0; i < k; i++) {
            float cx = members[i].x + members[i].w * 0.5f;
            float shift = slope * (cx - ax);
            tops[i] = (int)lroundf(members[i].y - shift);
            bottoms[i] = (int)lroundf(members[i].y + members[i].h - shift);
        }
        qsort(tops, (size_t)k, sizeof(int), compare_int);
        qsort(bottoms, (size_t)k, sizeof(int), compare_int);
        int top = tops[k / 2], bottom = bottoms[k / 2];
        for (int i = 0; i < k; i++) {
            float cx = members[i].x + members[i].w * 0.5f;
            int shift = (int)lroundf(slope * (cx - ax));
            int y0 = top + shift, y1 = bottom + shift;
            if (y0 < 0)
                y0 = 0;
            if (y1 > H)
                y1 = H;
            if (y1 - y0 >= 4) {
                members[i].y = y0;
                members[i].h = y1 - y0;
            }
        }
    }
    int out = 0;
    for (int i = 0; i < k && out < capacity; i++) {
        const glyph_box *g = &members[i];
        /* drop a component nested in the previous one */
        if (out > 0) {
            const glyph_box *p = &line[out - 1];
            if (g->x >= p->x && g->x + g->w <= p->x + p->w)
                continue;
        }
        line[out++] = *g;
    }
    *line_height = href;
    return out;
}

/* Clear horizontal ink runs longer than `max_run`: frame edges, bars and
 * underlines that join characters. */
static void clear_long_runs(plate_ocr *ocr, int max_run)
{
    const int W = ocr->width, H = ocr->height;
    for (int v = 0; v < H; v++) {
        uint8_t *row = ocr->binary + (size_t)v * OCR_MAX_WIDTH;
        int u = 0;
        while (u < W) {
            if (!row[u]) {
                u++;
                continue;
            }
            int a = u;
            while (u < W && row[u])
                u++;
            if (u - a > max_run)
                memset(row + a, 0, (size_t)(u - a));
        }
    }
}

/*
 * Characters touching the plate's frame (or a sticker, or the state name)
 * join one big component. The rows of the text band are those crossed by
 * many ink edges; clearing the rows above and below it cuts characters
 * loose. Returns 0 when no band stands out (nothing to retry).
 */
static int clear_outside_band(plate_ocr *ocr)
{
    const int W = ocr->width, H = ocr->height;
    int edges[PLATE_OCR_HEIGHT], top_edges = 0;
    for (int v = 0; v < H; v++) {
        const uint8_t *row = ocr->binary + (size_t)v * OCR_MAX_WIDTH;
        int n = 0;
        for (int u = 1; u < W; u++)
            n += (row[u] != 0) != (row[u - 1] != 0);
        edges[v] = n;
        if (n > top_edges)
            top_edges = n;
    }
    if (top_edges < 8)
        return 0;
    int limit = top_edges * 2 / 5;
    /* the tallest run of busy rows, gaps of one row bridged */
    int best_a = 0, best_b = -1;
    for (int v = 0; v < H;) {
        if (edges[v] < limit) {
            v++;
            continue;
        }
        int a = v, b = v;
        while (b + 1 < H && (edges[b + 1] >= limit || (b + 2 < H && edges[b + 2] >= limit)))
            b++;
        if (b - a > best_b - best_a)
            best_a = a, best_b = b;
        v = b + 1;
    }
    if (best_b - best_a + 1 < H * 0.16f)
        return 0;
    int a = best_a - 1, b = best_b + 1;
    if (a <= 0 && b >= H - 1)
        return 0;
    for (int v = 0; v < H; v++)
        if (v < a || v > b)
            memset(ocr->binary + (size_t)v * OCR_MAX_WIDTH, 0, (size_t)W);
    clear_long_runs(ocr, (b - a + 1) * 9 / 10);
    return 1;
}


#define OCR_CLASS_H 17
#define OCR_CLASS_M 22
#define OCR_CLASS_N 23
#define OCR_CLASS_W 32
#define OCR_CLASS_Y 34
/* N against H, M and W (check_n): mirror minus half-turn asymmetry, below */
#ifndef OCR_N_SKEW
#define OCR_N_SKEW -0.02f
#endif
/* and the second reading's probability, at least this share of N's */
#ifndef OCR_N_CLOSE
#define OCR_N_CLOSE 0.1f
#endif
/*
 * N read for H, M or W (see plate_ocr.h). Of the four, N alone is not its own mirror image
 * but is its own half-turn image (its diagonal runs corner to corner); H,
 * M and W are their own mirror images, and M and W are not their own
 * half-turn images. A glyph that matches its mirror image better than its
 * half-turned image is no N but an M or a W (an H has both symmetries and
 * is left to the classifier), seen blurred or squeezed. Measured on the classifier's own input (the
 * glyph scaled to PLATE_GLYPH_W x PLATE_GLYPH_H, ink 1), so blur, which
 * keeps both symmetries, does not matter; only close calls are revisited.
 */
/* How much better the glyph of features `f` matches its mirror image than
 * its half-turned image (negative: better), in shares of its ink. */
static float mirror_skew(const float *f)
{
    const int GW = PLATE_GLYPH_W, GH = PLATE_GLYPH_H;
    float dm = 0, sm = 0, dr = 0, sr = 0;
    for (int y = 0; y < GH; y++)
        for (int x = 0; x < GW; x++) {
            float v = f[y * GW + x];
            float m = f[y * GW + GW - 1 - x], r = f[(GH - 1 - y) * GW + GW - 1 - x];
            dm += fabsf(v - m);
            sm += v + m;
            dr += fabsf(v - r);
            sr += v + r;
        }
    if (sm <= 0 || sr <= 0)
        return 0.0f;
    return dm / sm - dr / sr;
}

/* The most and the second most probable character classes of a glyph. */
static void top_two(const float *probs, int *best, int *second)
{
    int b = 0, s = -1;
    for (int c = 1; c < PLATE_SYNTAX_CLASSES; c++)
        if (probs[c] > probs[b])
            b = c;
    for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++)
        if (c != b && (s < 0 || probs[c] > probs[s]))
            s = c;
    *best = b;
    *second = s;
}

/* Mean ink of a glyph's bottom-left and bottom-right corners (a quarter of
 * its width by a sixth of its height) in the classifier's input. */
static void bottom_corner_ink(const float *f, float *left, float *right)
{
    const int GW = PLATE_GLYPH_W, GH = PLATE_GLYPH_H, cw = GW / 4, ch = GH / 6;
    float l = 0, r = 0;
    for (int y = GH - ch; y < GH; y++)
        for (int x = 0; x < cw; x++) {
            l += f[y * GW + x];
            r += f[y * GW + GW - 1 - x];
        }
    *left = l / (float)(cw * ch);
    *right = r / (float)(cw * ch);
}

void plate_ocr_check_n(const float *f, float *probs)
{
    int best, second;
    top_two(probs, &best, &second);
    if (best != OCR_CLASS_N)
        return;
    /* only between close readings: a sure N stays an N */
    if ((second != OCR_CLASS_H && second != OCR_CLASS_M && second != OCR_CLASS_W) ||
        probs[second] < OCR_N_CLOSE * probs[best])
        return;
    if (mirror_skew(f) < OCR_N_SKEW) {
        float moved = 0.9f * probs[best];
        probs[best] *= 0.1f;
        probs[second] += moved;
    }
}

/* W read as H or N (plate_ocr_check_w_feet): ink between the stems and the
 * centre, in the bottom quarter and in the middle of the height, more than */
#ifndef OCR_WF_BOTTOM
#define OCR_WF_BOTTOM 0.7f
#endif
#ifndef OCR_WF_MIDDLE
#define OCR_WF_MIDDLE 0.8f
#endif
/*
 * A W read as H (or as N, H second): in narrow monospaced plate fonts the
 * four are as wide as each other. Between a stem and the centre (columns 3
 * to 5 and 10 to 12 of the classifier's 16) an H has ink only at its bar,
 * an N only along its diagonal, an M only near the top; a W has its
 * strokes run through there from top to bottom and its two bottom vertices
 * there. A glyph with ink over most of those columns in the middle band
 * and in the bottom quarter, and mirror- rather than half-turn-symmetric
 * (as for plate_ocr_check_n: a bold N's diagonal and stems fill those
 * columns too), gives most of H's (N's) probability to W. Of the glyphs
 * the classifier is sure of on the development photos, no H or M and 5 of
 * 194 N pass the ink test alone, 12 of 25 W.
 */
void plate_ocr_check_w_feet(const float *f, float *probs)
{
    int best, second;
    top_two(probs, &best, &second);
    /* an N only in a close call with H or M: a few sure Ns pass the test */
    if (best != OCR_CLASS_H &&
        !(best == OCR_CLASS_N && (second == OCR_CLASS_H || second == OCR_CLASS_M) &&
          probs[second] >= OCR_N_CLOSE * probs[best]))
        return;
    const int GW = PLATE_GLYPH_W, GH = PLATE_GLYPH_H;
    const int q0 = GW * 3 / 16, q1 = GW * 6 / 16; /* columns 3..5, mirrored */
    float middle = 0, bottom = 0;
    int nm = 0, nb = 0;
    for (int y = 0; y < GH; y++) {
        int in_middle = y >= GH * 3 / 8 && y < GH * 5 / 8, in_bottom = y >= GH * 3 / 4;
        if (!in_middle && !in_bottom)
            continue;
        for (int x = q0; x < q1; x++) {
            float v = f[y * GW + x] + f[y * GW + GW - 1 - x];
            if (in_middle) {
                middle += v;
                nm += 2;
            } else {
                bottom += v;
                nb += 2;
            }
        }
    }
    /* and, unlike an N, a W is its own mirror image */
    if (middle > OCR_WF_MIDDLE * (float)nm && bottom > OCR_WF_BOTTOM * (float)nb &&
        mirror_skew(f) < OCR_N_SKEW) {
        float moved = 0.9f * probs[best];
        probs[best] *= 0.1f;
        probs[OCR_CLASS_W] += moved;
    }
}

/* 1 or I against T (check_t): ink in each bottom corner, more than */
#ifndef OCR_T_FOOT
#define OCR_T_FOOT 0.4f
#endif
#define OCR_CLASS_1 1
#define OCR_CLASS_I 18
#define OCR_CLASS_T 29
/*
 * A 1 or a serifed I read as T (see plate_ocr.h): the three are a stem with
 * something on top, but a T stands on its stem alone while a 1 with a base
 * and a serifed I have ink in both bottom corners of their box. In a close
 * call with T second, a glyph with both bottom corners inked gives most of
 * T's probability to the first reading.
 */
/* 7 against 1 (check_7): ink in the bottom right corner, more than */
#ifndef OCR_7_FOOT
#define OCR_7_FOOT 0.4f
#endif
/* and in the bottom left corner, less than */
#ifndef OCR_7_BARE
#define OCR_7_BARE 0.2f
#endif
#define OCR_CLASS_7 7
/*
 * A 1 read as 7: both have a stroke at the top, but a 7's stroke goes down
 * to the left from its top right corner, leaving the bottom right corner of
 * its box empty, while a 1's stem comes down in the right half of its box
 * (its flag is on the left) and fills that corner. The 7's stroke ends
 * at the bottom left or centre, so a glyph with ink in its bottom right
 * corner and little in the bottom left one is the 1. In a close call of 7
 * against 1, such a glyph gives most of the 7's probability to the 1 (a 1
 * on a base is left to the classifier).
 */
void plate_ocr_check_7(const float *f, float *probs)
{
    int best, second;
    top_two(probs, &best, &second);
    if (best != OCR_CLASS_7)
        return;
    if (second != OCR_CLASS_1 || probs[second] < OCR_N_CLOSE * probs[best])
        return;
    float left, right;
    bottom_corner_ink(f, &left, &right);
    if (right > OCR_7_FOOT && left < OCR_7_BARE) {
        float moved = 0.9f * probs[best];
        probs[best] *= 0.1f;
        probs[second] += moved;
    }
}

void plate_ocr_check_t(const float *f, float *probs)
{
    int best, second;
    top_two(probs, &best, &second);
    if (best != OCR_CLASS_1 && best != OCR_CLASS_I)
        return;
    if (second != OCR_CLASS_T || probs[second] < OCR_N_CLOSE * probs[best])
        return;
    float left, right;
    bottom_corner_ink(f, &left, &right);
    if (left > OCR_T_FOOT && right > OCR_T_FOOT) {
        float moved = 0.9f * probs[second];
        probs[second] *= 0.1f;
        probs[best] += moved;
    }
}

static int classify_box(plate_ocr *ocr, const uint8_t *src, const glyph_box *g,
                        plate_glyph_probs *out)
{
    (void)ocr;
    float features[PLATE_OCR_INPUTS], probs[PLATE_OCR_CLASSES];
    if (g->w < 2 || g->h < 4) { /* a sliver: not a character */
        memset(out, 0, sizeof *out);
        out->noise = 1;
        return VISION_OK;
    }
    int rc = plate_ocr_glyph_features(src + (size_t)g->y * OCR_MAX_WIDTH + g->x, OCR_MAX_WIDTH,
                                      g->w, g->h, features);
    if (rc != VISION_OK)
        return rc;
    plate_ocr_classify(features, probs);
    plate_ocr_check_w_feet(features, probs);
    plate_ocr_check_n(features, probs);
    plate_ocr_check_t(features, probs);
    plate_ocr_check_7(features, probs);
    memcpy(out->prob, probs, sizeof(float) * PLATE_SYNTAX_CLASSES);
    out->noise = probs[PLATE_OCR_NOISE];
    return VISION_OK;
}

/* How much a glyph looks like one character: its best character's
 * probability. */
static float glyph_quality(const plate_glyph_probs *g)
{
    float best = 0;
    for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++)
        if (g->prob[c] > best)
            best = g->prob[c];
    return best;
}

/* Ink of the binary image in a part of a glyph's box (fractions of it). */
static float box_ink(const plate_ocr *ocr, const int *b, float x0, float x1, float y0, float y1)
{
    int u0 = b[0] + (int)floorf(b[2] * x0), u1 = b[0] + (int)ceilf(b[2] * x1);
    int v0 = b[1] + (int)floorf(b[3] * y0), v1 = b[1] + (int)ceilf(b[3] * y1);
    if (u1 <= u0)
        u1 = u0 + 1;
    if (v1 <= v0)
        v1 = v0 + 1;
    int n = 0, ink = 0;
    for (int v = v0; v < v1 && v < ocr->height; v++)
        for (int u = u0; u < u1 && u < ocr->width; u++, n++)
            ink += ocr->binary[(size_t)v * OCR_MAX_WIDTH + u] != 0;
    return n ? (float)ink / (float)n : 0.0f;
}

/* Mean height (0 top .. 1 bottom) of the ink in a band of columns of a
 * glyph's box; -1 without ink. */
static float ink_mean_y(const plate_ocr *ocr, const int *b, float x0, float x1)
{
    int u0 = b[0] + (int)floorf(b[2] * x0), u1 = b[0] + (int)ceilf(b[2] * x1);
    if (u1 <= u0)
        u1 = u0 + 1;
    double sum = 0;
    int n = 0;
    for (int v = b[1]; v < b[1] + b[3] && v < ocr->height; v++)
        for (int u = u0; u < u1 && u < ocr->width; u++)
            if (ocr->binary[(size_t)v * OCR_MAX_WIDTH + u]) {
                sum += v - b[1] + 0.5;
                n++;
            }
    return n ? (float)(sum / n / b[3]) : -1.0f;
}

/*
 * W read as M or H. Plate fonts are narrow and monospaced, so a W is no
 * wider than an M or an H and, a few pixels wide, the classifier mixes them
 * up (Texan and Californian plates). Their shapes differ at the bottom: M
 * and H have their stems in the bottom corners and, in narrow fonts, no ink
 * at the bottom centre (M's vertex stops above it); W slants in from the
 * corners and has its middle stroke or vertices at the bottom centre. An M
 * whose vertex reaches the bottom (broad fonts) has the ink of its middle
 * columns low; a W's middle stroke spreads it higher. When all three say W,
 * most of the probability of M and H goes to W.
 */
static void check_w(const plate_ocr *ocr, plate_ocr_line *line)
{
    for (int i = 0; i < line->count; i++) {
        plate_glyph_probs *g = &line->glyphs[i];
        int best, second;
        top_two(g->prob, &best, &second);
        if (best != OCR_CLASS_H && best != OCR_CLASS_M)
            continue;
        const int *b = line->box[i];
        float bottom = box_ink(ocr, b, 0.35f, 0.65f, 0.8f, 1.0f);
        float centre = ink_mean_y(ocr, b, 0.4f, 0.6f);
        float corners = 0.5f * (box_ink(ocr, b, 0.0f, 0.15f, 0.85f, 1.0f) +
                                box_ink(ocr, b, 0.85f, 1.0f, 0.85f, 1.0f));
        /* or: ink at the bottom centre and none in the upper middle, where
         * an M has its diagonals (and an H has no ink at the bottom) */
        float upper = box_ink(ocr, b, 0.3f, 0.7f, 0.08f, 0.3f);
        if (bottom >= OCR_W_BOTTOM &&
            ((centre > OCR_W_CENTRE_MIN && centre < OCR_W_CENTRE_MAX && corners < OCR_W_CORNERS) ||
             upper < OCR_W_UPPER)) {
            float moved = 0.9f * (g->prob[OCR_CLASS_H] + g->prob[OCR_CLASS_M]);
            g->prob[OCR_CLASS_H] *= 0.1f;
            g->prob[OCR_CLASS_M] *= 0.1f;
            g->prob[OCR_CLASS_W] += moved;
        }
    }
}

/*
 * The slant of the characters: plates seen from the side, and slanted plate
 * fonts, have the vertical strokes of their characters lean, which joins
 * neighbours in their boxes. The lean that makes the columns' sums of
 * horizontal gradient the most peaked (strokes stacked in one column) over
 * the middle rows; 0 unless clearly better than upright.
 */
static float estimate_shear(const plate_ocr *ocr)
{
    const int W = ocr->width, H = ocr->height;
    const int v0 = H * 3 / 10, v1 = H * 7 / 10;
    int32_t *grad = ocr->labels; /* free until the components are labelled */
    for (int v = v0; v < v1; v++) {
        const uint8_t *row = ocr->plate + (size_t)v * OCR_MAX_WIDTH;
        int32_t *g = grad + (size_t)v * OCR_MAX_WIDTH;
        g[0] = g[W - 1] = 0;
        const uint8_t *up = row - OCR_MAX_WIDTH, *down = row + OCR_MAX_WIDTH;
        for (int u = 1; u < W - 1; u++) {
            /* edges of near-vertical strokes only: diagonals (Z, 7, X)
             * would pull the estimate their way */
            int gx = abs((int)row[u + 1] - (int)row[u - 1]);
            int gy = abs((int)down[u] - (int)up[u]);
            g[u] = gx > 2 * gy ? gx : 0;
        }
    }
    float best = 0;
    double best_score = -1, upright = 0;
    int32_t proj[OCR_MAX_WIDTH];
    for (int k = -OCR_SHEAR_STEPS; k <= OCR_SHEAR_STEPS; k++) {
        float shear = k * OCR_SHEAR_STEP;
        memset(proj, 0, sizeof(int32_t) * (size_t)W);
        for (int v = v0; v < v1; v++) {
            int off = (int)lroundf(shear * (v + 0.5f - 0.5f * H));
            int a = off < 0 ? -off : 0, b = off > 0 ? W - off : W;
            const int32_t *g = grad + (size_t)v * OCR_MAX_WIDTH + off;
            for (int u = a; u < b; u++)
                proj[u] += g[u];
        }
        double score = 0;
        for (int u = 0; u < W; u++)
            score += (double)proj[u] * proj[u];
        if (k == 0)
            upright = score;
        if (score > best_score) {
            best_score = score;
            best = shear;
        }
    }
    return best_score > upright * (1 + OCR_SHEAR_GAIN) ? best : 0.0f;
}

/*
 * M read as H: narrow, blurred, the two differ inside, between the stems.
 * An H is empty there above its bar; an M's diagonals run from the top
 * corners down to its middle, so the upper middle has ink.
 */
static void check_m(const plate_ocr *ocr, plate_ocr_line *line)
{
    for (int i = 0; i < line->count; i++) {
        plate_glyph_probs *g = &line->glyphs[i];
        int best, second;
        top_two(g->prob, &best, &second);
        if (best != OCR_CLASS_H && best != OCR_CLASS_Y)
            continue;
        const int *b = line->box[i];
        if (best == OCR_CLASS_Y) {
            /* a Y stands on one stem at the bottom centre; an M on two in
             * the bottom corners */
            float left = box_ink(ocr, b, 0.0f, 0.2f, 0.8f, 1.0f);
            float right = box_ink(ocr, b, 0.8f, 1.0f, 0.8f, 1.0f);
            float centre = box_ink(ocr, b, 0.35f, 0.65f, 0.8f, 1.0f);
            if (left > OCR_M_FOOT && right > OCR_M_FOOT && centre < OCR_W_BOTTOM) {
                float moved = 0.9f * g->prob[OCR_CLASS_Y];
                g->prob[OCR_CLASS_Y] *= 0.1f;
                g->prob[OCR_CLASS_M] += moved;
            }
            continue;
        }
        float upper = box_ink(ocr, b, 0.3f, 0.7f, 0.08f, 0.3f);
        if (upper > OCR_M_UPPER) {
            float moved = 0.9f * g->prob[OCR_CLASS_H];
            g->prob[OCR_CLASS_H] *= 0.1f;
            g->prob[OCR_CLASS_M] += moved;
        }
    }
}

void plate_ocr_prepare(plate_ocr *ocr, const vis_image *gray, const float quad[4][2])
{
    warp_plate(ocr, gray, quad, 0.0f);
    if (OCR_SHEAR_STEPS > 0) {
        float shear = estimate_shear(ocr);
        if (shear != 0.0f)
            warp_plate(ocr, gray, quad, shear);
    }
    ocr->inverted_ready = 0;
}

int plate_ocr_read_line(plate_ocr *ocr, int attempt, plate_ocr_line *line, int *found,
                        vis_error_buffer *errors)
{
    *found = 0;
    const int W = ocr->width, H = ocr->height;
    {
        int dark = (attempt & 3) < 2; /* dark ink on light first */
        int band = attempt & 1; /* then with rows outside the text band cleared */
        /* then all four again with a stricter threshold: thinner strokes
         * part characters that blur into each other */
        int strict = attempt >= 4;
        int block = strict ? (H * OCR_STRICT_BLOCK_DIV / 12) | 1 : (H / 3) | 1;
        double offset = strict ? OCR_STRICT_OFFSET : 6.0;
        int rc = VISION_OK;
        if (!dark && !ocr->inverted_ready) {
            for (size_t i = 0; i < (size_t)H * OCR_MAX_WIDTH; i++)
                ocr->inverted[i] = (uint8_t)(255 - ocr->plate[i]);
            ocr->inverted_ready = 1;
        }
        if (!band)
            rc = vis_cv_plate_binarize(ocr->plate, OCR_MAX_WIDTH, W, H, block, offset, dark,
                                       ocr->binary, OCR_MAX_WIDTH);
        else if (!ocr->binary_attempt_ok || !clear_outside_band(ocr))
            return VISION_OK;
        if (!band && rc == VISION_OK)
            clear_long_runs(ocr, H * 6 / 10);
        int n = 0;
        if (rc == VISION_OK)
            rc = vis_cv_plate_components(ocr->binary, OCR_MAX_WIDTH, W, H, ocr->labels,
                                         OCR_MAX_WIDTH * sizeof(int32_t), ocr->components,
                                         OCR_MAX_COMPONENTS, &n);
        ocr->binary_attempt_ok = 0;
        if (rc != VISION_OK)
            return vis_fail(errors, rc, "plate reader: image processing failed");
        if (n > OCR_MAX_COMPONENTS)
            n = OCR_MAX_COMPONENTS;
        glyph_box boxes[PLATE_SYNTAX_MAX_GLYPHS];
        float href = 0;
        int k = find_line(ocr, n, boxes, PLATE_SYNTAX_MAX_GLYPHS, &href);
        ocr->binary_attempt_ok = 1;
        if (k == 0)
            return VISION_OK;
        *found = 1;
        line->count = 0;
        line->dark_ink = dark;
        const uint8_t *src = dark ? ocr->plate : ocr->inverted;
        /* The width of one character: from the line's height, or, in narrow
         * fonts, from the median glyph of the line (touching pairs are then
         * still wider than the median). */
        float unit = 0.6f * href;
        if (k >= 4) {
            int widths[PLATE_SYNTAX_MAX_GLYPHS];
            for (int i = 0; i < k; i++)
                widths[i] = boxes[i].w;
            qsort(widths, (size_t)k, sizeof(int), compare_int);
            float median = (float)widths[k / 2];
            if (median > 2 && median < unit)
                unit = median;
        }
        for (int i = 0; i < k && line->count < PLATE_SYNTAX_MAX_GLYPHS; i++) {
            const glyph_box *g = &boxes[i];
            glyph_box pieces[8];
            plate_glyph_probs probs[8];
            int parts = 1;
            pieces[0] = *g;
            rc = classify_box(ocr, src, g, &probs[0]);
            if (rc != VISION_OK)
                return vis_fail(errors, rc, "plate reader: glyph scaling failed");
            /* Touching characters: split a wide component when the pieces
             * read better than the whole (or always when far too wide). */
            if (g->w > OCR_SPLIT_TRY * unit) {
                int want = (int)lroundf(g->w / unit);
                if (want < 2)
                    want = 2;
                if (want > 8)
                    want = 8;
                glyph_box split[8];
                plate_glyph_probs split_probs[8];
                split_box(ocr, g, want, split);
                float whole = glyph_quality(&probs[0]), pieces_q = 1;
                for (int p = 0; p < want; p++) {
                    rc = classify_box(ocr, src, &split[p], &split_probs[p]);
                    if (rc != VISION_OK)
                        return vis_fail(errors, rc, "plate reader: glyph scaling failed");
                    pieces_q *= glyph_quality(&split_probs[p]);
                }
                pieces_q = powf(pieces_q, 1.0f / (float)want);
                if (g->w > OCR_SPLIT_FORCE * unit || pieces_q > whole) {
                    parts = want;
                    memcpy(pieces, split, sizeof(glyph_box) * (size_t)want);
                    memcpy(probs, split_probs, sizeof(plate_glyph_probs) * (size_t)want);
                }
            }
            for (int p = 0; p < parts && line->count < PLATE_SYNTAX_MAX_GLYPHS; p++) {
                int j = line->count++;
                line->glyphs[j] = probs[p];
                line->box[j][0] = pieces[p].x;
                line->box[j][1] = pieces[p].y;
                line->box[j][2] = pieces[p].w;
                line->box[j][3] = pieces[p].h;
            }
        }
        check_w(ocr, line);
        if (OCR_M_UPPER < 1.0f)
            check_m(ocr, line);
    }
    return VISION_OK;
}

int plate_ocr_find_lines(plate_ocr *ocr, const vis_image *gray, const float quad[4][2],
                         plate_ocr_line *lines, int capacity, int *count, vis_error_buffer *errors)
{
    *count = 0;
    plate_ocr_prepare(ocr, gray, quad);
    for (int attempt = 0; attempt < PLATE_OCR_ATTEMPTS && *count < capacity; attempt++) {
        int found;
        int rc = plate_ocr_read_line(ocr, attempt, &lines[*count], &found, errors);
        if (rc != VISION_OK)
            return rc;
        *count += found;
    }
    return VISION_OK;
}
