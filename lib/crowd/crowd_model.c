/*
 * The crowd analyser's background model and motion, on the small gray image.
 *
 * Background: a running average per pixel (8.7 fixed point, so that every
 * step fits 16-bit SIMD lanes) with a running mean absolute deviation as its
 * noise estimate. A pixel is foreground when
 * it differs from the background by more than the larger of the threshold
 * and three deviations; a 3x3 majority vote removes speckle. What the
 * regions count leaves out cast shadows (ground darkened by a uniform
 * ratio, see remove_shadows()). Background
 * pixels adapt quickly, foreground ones slowly, so a crowd that stops stays
 * foreground for a while.
 *
 * Motion: a foreground pixel moves when the 3x3 neighbourhood holds at least
 * two pixels that changed since the previous analysed frame. The direction
 * comes from block matching (8x8 blocks every 4 pixels, sum of absolute
 * differences, a search of +-4 pixels, parabolic sub-pixel refinement) on the blocks that
 * hold enough moving pixels: cheap on a 320-pixel-wide image and far from
 * the cost of a dense optical flow.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/alloc.h"

/* A matched block that moved at least this far (px per analysed frame)
 * counts all its foreground as moving. */
#define BLOCK_MOVED 0.3f
/* Deviation a fresh model assumes, gray levels. */
#define INITIAL_DEVIATION 3
/* Largest deviation kept, gray levels: the threshold stays meaningful in
 * pixels that flicker. */
#define MAX_DEVIATION 24
/* Fraction bits of the background and deviation. */
#define FIXED 7

void crowd_model_release(crowd_model *model)
{
    vis_free(model->background);
    vis_free(model->deviation);
    vis_free(model->previous);
    vis_free(model->foreground);
    vis_free(model->moving);
    vis_free(model->occupied);
    vis_free(model->occupied_moving);
    vis_free(model->scratch);
    vis_free(model->block_dx);
    vis_free(model->block_dy);
    vis_free(model->block_weight);
    vis_free(model->block_length);
    vis_free(model->block_angle);
    crowd_blobs_release(&model->blobs);
    memset(model, 0, sizeof *model);
}

int crowd_model_resize(crowd_model *model, int width, int height)
{
    size_t pixels = (size_t)width * (size_t)height;
    int blocks_x = width >= CROWD_BLOCK ? (width - CROWD_BLOCK) / CROWD_BLOCK_STEP + 1 : 0;
    int blocks_y = height >= CROWD_BLOCK ? (height - CROWD_BLOCK) / CROWD_BLOCK_STEP + 1 : 0;
    size_t blocks = (size_t)(blocks_x > 0 ? blocks_x : 1) * (size_t)(blocks_y > 0 ? blocks_y : 1);
    crowd_model grown = {0};
    grown.background = vis_malloc(pixels * sizeof *grown.background);
    grown.deviation = vis_malloc(pixels * sizeof *grown.deviation);
    grown.previous = vis_malloc(pixels);
    grown.foreground = vis_calloc(pixels, 1);
    grown.moving = vis_calloc(pixels, 1);
    grown.occupied = vis_calloc(pixels, 1);
    grown.occupied_moving = vis_calloc(pixels, 1);
    grown.scratch = vis_malloc(pixels * 2 + 2 * (size_t)width);
    grown.block_dx = vis_calloc(blocks, sizeof *grown.block_dx);
    grown.block_dy = vis_calloc(blocks, sizeof *grown.block_dy);
    grown.block_weight = vis_calloc(blocks, sizeof *grown.block_weight);
    grown.block_length = vis_calloc(blocks, sizeof *grown.block_length);
    grown.block_angle = vis_calloc(blocks, sizeof *grown.block_angle);
    if (!grown.background || !grown.deviation || !grown.previous || !grown.foreground ||
        !grown.moving || !grown.occupied || !grown.occupied_moving || !grown.scratch ||
        !grown.block_dx || !grown.block_dy || !grown.block_weight || !grown.block_length ||
        !grown.block_angle ||
        crowd_blobs_resize(&grown.blobs, width, height, blocks) != VISION_OK) {
        crowd_model_release(&grown);
        return VISION_E_NO_MEMORY;
    }
    crowd_model_release(model);
    *model = grown;
    model->width = width;
    model->height = height;
    model->blocks_x = blocks_x;
    model->blocks_y = blocks_y;
    return VISION_OK;
}

void crowd_model_restart(crowd_model *model, const vis_image *gray, uint32_t fast_frames)
{
    for (int y = 0; y < model->height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        size_t row = (size_t)y * (size_t)model->width;
        for (int x = 0; x < model->width; x++) {
            model->background[row + x] = (uint16_t)(in[x] << FIXED);
            model->deviation[row + x] = INITIAL_DEVIATION << FIXED;
            model->previous[row + x] = in[x];
        }
    }
    size_t pixels = (size_t)model->width * (size_t)model->height;
    memset(model->foreground, 0, pixels);
    memset(model->moving, 0, pixels);
    memset(model->occupied, 0, pixels);
    memset(model->occupied_moving, 0, pixels);
    size_t blocks = (size_t)model->blocks_x * (size_t)model->blocks_y;
    memset(model->block_weight, 0, blocks * sizeof *model->block_weight);
    model->blobs.valid = 0;
    model->blobs.owned_count = 0;
    for (size_t i = 0; i < blocks; i++)
        model->blobs.block_blob[i] = -1;
    model->learnt = 1;
    model->fast_left = fast_frames;
    model->last_foreground_share = 0;
}

/*
 * A time constant in frames as an update "add 1/2^shift of the difference
 * every `period` frames": shifts stay small enough for 8.7 fixed point to
 * move the background at all, and long times come from updating less often.
 */
typedef struct crowd_rate {
    int shift;
    uint32_t period;
} crowd_rate;

static crowd_rate rate_for(double frames)
{
    crowd_rate rate;
    int shift = (int)lrint(log2(frames));
    rate.shift = shift < 1 ? 1 : shift > 6 ? 6 : shift;
    double period = frames / (double)(1 << rate.shift);
    rate.period = period < 1 ? 1 : (uint32_t)lrint(period);
    return rate;
}

/* --- per-row kernels: SSE2 where available, the same arithmetic in C ---- */

/* Classify a row: foreground against the background, changed against the
 * previous image. Returns the number of foreground pixels. */
static size_t classify_row(const uint8_t *in, const uint16_t *bg, const uint16_t *dev,
                           const uint8_t *prev, uint8_t *fg, uint8_t *changed, int n,
                           int16_t threshold, uint8_t motion)
{
    size_t count = 0;
    int x = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi8(1);
    const __m128i limit_floor = _mm_set1_epi16(threshold);
    const __m128i motion_v = _mm_set1_epi8((char)motion);
    __m128i total = zero;
    for (; x + 16 <= n; x += 16) {
        __m128i pixels = _mm_loadu_si128((const __m128i *)(in + x));
        __m128i halves[2] = {_mm_unpacklo_epi8(pixels, zero), _mm_unpackhi_epi8(pixels, zero)};
        __m128i is_fg[2];
        for (int h = 0; h < 2; h++) {
            __m128i value = _mm_slli_epi16(halves[h], FIXED);
            __m128i diff = _mm_sub_epi16(value, _mm_loadu_si128((const __m128i *)(bg + x + 8 * h)));
            __m128i distance = _mm_max_epi16(diff, _mm_sub_epi16(zero, diff));
            __m128i d = _mm_loadu_si128((const __m128i *)(dev + x + 8 * h));
            __m128i limit = _mm_max_epi16(limit_floor, _mm_add_epi16(_mm_add_epi16(d, d), d));
            is_fg[h] = _mm_cmpgt_epi16(distance, limit);
        }
        __m128i fg_bytes = _mm_and_si128(_mm_packs_epi16(is_fg[0], is_fg[1]), one);
        _mm_storeu_si128((__m128i *)(fg + x), fg_bytes);
        total = _mm_add_epi64(total, _mm_sad_epu8(fg_bytes, zero));
        __m128i before = _mm_loadu_si128((const __m128i *)(prev + x));
        __m128i change = _mm_or_si128(_mm_subs_epu8(pixels, before), _mm_subs_epu8(before, pixels));
        __m128i big = _mm_cmpeq_epi8(_mm_max_epu8(change, motion_v), change);
        _mm_storeu_si128((__m128i *)(changed + x), _mm_and_si128(big, one));
    }
    count = (size_t)_mm_cvtsi128_si32(total) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(total, 8));
#endif
    for (; x < n; x++) {
        int diff = (in[x] << FIXED) - bg[x];
        int distance = diff < 0 ? -diff : diff;
        int limit = 3 * dev[x];
        if (limit < threshold)
            limit = threshold;
        fg[x] = distance > limit;
        count += fg[x];
        int change = in[x] - prev[x];
        changed[x] = (change < 0 ? -change : change) >= motion;
    }
    return count;
}

/* out[x] = (3x3 sum of the mask around x >= need) & gate[x]. `above` and
 * `below` are the neighbouring rows (a row of zeros at the borders). */
static void vote_row(const uint8_t *above, const uint8_t *here, const uint8_t *below,
                     const uint8_t *gate, uint8_t *out, uint8_t *sums, int n, int need)
{
    int x = 0;
#if defined(__SSE2__)
    for (; x + 16 <= n; x += 16) {
        __m128i s = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(above + x)),
                                 _mm_loadu_si128((const __m128i *)(here + x)));
        _mm_storeu_si128((__m128i *)(sums + x),
                         _mm_add_epi8(s, _mm_loadu_si128((const __m128i *)(below + x))));
    }
#endif
    for (; x < n; x++)
        sums[x] = (uint8_t)(above[x] + here[x] + below[x]);
    if (n == 1) {
        out[0] = (uint8_t)((sums[0] >= need) & (gate ? gate[0] : 1));
        return;
    }
    out[0] = (uint8_t)((sums[0] + sums[1] >= need) & (gate ? gate[0] : 1));
    x = 1;
#if defined(__SSE2__)
    const __m128i one = _mm_set1_epi8(1), floor_v = _mm_set1_epi8((char)(need - 1));
    for (; x + 17 <= n; x += 16) {
        __m128i s = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(sums + x - 1)),
                                 _mm_loadu_si128((const __m128i *)(sums + x)));
        s = _mm_add_epi8(s, _mm_loadu_si128((const __m128i *)(sums + x + 1)));
        __m128i on = _mm_and_si128(_mm_cmpgt_epi8(s, floor_v), one);
        if (gate)
            on = _mm_and_si128(on, _mm_loadu_si128((const __m128i *)(gate + x)));
        _mm_storeu_si128((__m128i *)(out + x), on);
    }
#endif
    for (; x < n - 1; x++)
        out[x] = (uint8_t)((sums[x - 1] + sums[x] + sums[x + 1] >= need) & (gate ? gate[x] : 1));
    out[n - 1] = (uint8_t)((sums[n - 2] + sums[n - 1] >= need) & (gate ? gate[n - 1] : 1));
}

static void vote(const uint8_t *mask, const uint8_t *gate, uint8_t *out, uint8_t *sums,
                 const uint8_t *zeros, int width, int height, int need)
{
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)y * width;
        vote_row(y > 0 ? mask + row - width : zeros, mask + row,
                 y + 1 < height ? mask + row + width : zeros, gate ? gate + row : NULL, out + row,
                 sums, width, need);
    }
}

/* How each class of pixel learns this frame: the shift of its update, or -1
 * for none. */
typedef struct learn_params {
    int warming;
    int background_shift, still_shift, moving_shift;
} learn_params;

static inline int step_scalar(int diff, int shift)
{
    if (shift < 0)
        return 0;
    int sum = diff + (1 << (shift - 1));
    if (sum > INT16_MAX)
        sum = INT16_MAX;
    return sum >> shift;
}

static void learn_row(const uint8_t *in, uint16_t *bg, uint16_t *dev, const uint8_t *fg,
                      const uint8_t *changed, uint8_t *prev, int n, const learn_params *p)
{
    /* Classes: background holding still, background changed, foreground
     * holding still, foreground moving. Warming: follow the picture where
     * it holds still, leave the rest. */
    const int shifts[4] = {p->warming ? 1 : p->background_shift,
                           p->warming ? -1 : p->background_shift, p->warming ? 1 : p->still_shift,
                           p->warming ? -1 : p->moving_shift};
    int x = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128(), all = _mm_set1_epi16(-1);
    const __m128i cap = _mm_set1_epi16(MAX_DEVIATION << FIXED), sixteen = _mm_set1_epi16(16);
    __m128i half[4], count[4], enabled[4];
    for (int k = 0; k < 4; k++) {
        int s = shifts[k] < 0 ? 1 : shifts[k];
        half[k] = _mm_set1_epi16((int16_t)(1 << (s - 1)));
        count[k] = _mm_cvtsi32_si128(s);
        enabled[k] = shifts[k] < 0 ? zero : all;
    }
    for (; x + 8 <= n; x += 8) {
        __m128i value = _mm_slli_epi16(
            _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(in + x)), zero), FIXED);
        __m128i b = _mm_loadu_si128((const __m128i *)(bg + x));
        __m128i diff = _mm_sub_epi16(value, b);
        __m128i is_fg = _mm_cmpgt_epi16(
            _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(fg + x)), zero), zero);
        __m128i is_changed = _mm_cmpgt_epi16(
            _mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(changed + x)), zero), zero);
        __m128i step[4];
        for (int k = 0; k < 4; k++)
            step[k] =
                _mm_and_si128(_mm_sra_epi16(_mm_adds_epi16(diff, half[k]), count[k]), enabled[k]);
        __m128i bg_step =
            _mm_or_si128(_mm_and_si128(is_changed, step[1]), _mm_andnot_si128(is_changed, step[0]));
        __m128i fg_step =
            _mm_or_si128(_mm_and_si128(is_changed, step[3]), _mm_andnot_si128(is_changed, step[2]));
        __m128i chosen =
            _mm_or_si128(_mm_and_si128(is_fg, fg_step), _mm_andnot_si128(is_fg, bg_step));
        _mm_storeu_si128((__m128i *)(bg + x), _mm_add_epi16(b, chosen));
        /* The noise estimate learns from background pixels (while warming,
         * only from those that hold still). */
        __m128i learn = p->warming ? _mm_andnot_si128(_mm_or_si128(is_fg, is_changed), all)
                                   : _mm_andnot_si128(is_fg, all);
        __m128i distance = _mm_min_epi16(_mm_max_epi16(diff, _mm_sub_epi16(zero, diff)), cap);
        __m128i d = _mm_loadu_si128((const __m128i *)(dev + x));
        __m128i dstep = _mm_srai_epi16(_mm_add_epi16(_mm_sub_epi16(distance, d), sixteen), 5);
        _mm_storeu_si128((__m128i *)(dev + x), _mm_add_epi16(d, _mm_and_si128(dstep, learn)));
    }
#endif
    for (; x < n; x++) {
        int diff = (in[x] << FIXED) - bg[x];
        int shift = shifts[(fg[x] ? 2 : 0) + (changed[x] ? 1 : 0)];
        bg[x] = (uint16_t)(bg[x] + step_scalar(diff, shift));
        int learn = p->warming ? !fg[x] && !changed[x] : !fg[x];
        if (learn) {
            int distance = diff < 0 ? -diff : diff;
            if (distance > MAX_DEVIATION << FIXED)
                distance = MAX_DEVIATION << FIXED;
            dev[x] = (uint16_t)(dev[x] + ((distance - dev[x] + 16) >> 5));
        }
    }
    memcpy(prev, in, (size_t)n);
}

/* Sum of absolute differences of the 8x8 block at `a` and at `b`. */
static uint32_t block_sad(const uint8_t *a, size_t a_stride, const uint8_t *b, size_t b_stride)
{
#if defined(__SSE2__)
    __m128i total = _mm_setzero_si128();
    for (int row = 0; row < CROWD_BLOCK; row += 2) {
        __m128i va =
            _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(a + row * a_stride)),
                               _mm_loadl_epi64((const __m128i *)(a + (row + 1) * a_stride)));
        __m128i vb =
            _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(b + row * b_stride)),
                               _mm_loadl_epi64((const __m128i *)(b + (row + 1) * b_stride)));
        total = _mm_add_epi64(total, _mm_sad_epu8(va, vb));
    }
    return (uint32_t)(_mm_cvtsi128_si32(total) + _mm_cvtsi128_si32(_mm_srli_si128(total, 8)));
#else
    uint32_t sum = 0;
    for (int row = 0; row < CROWD_BLOCK; row++)
        for (int col = 0; col < CROWD_BLOCK; col++)
            sum += (uint32_t)abs(a[row * a_stride + col] - b[row * b_stride + col]);
    return sum;
#endif
}

/* Sub-pixel offset of a parabola's minimum through (-1, l), (0, c), (1, r). */
static double parabola(uint32_t l, uint32_t c, uint32_t r)
{
    double denominator = (double)l - 2.0 * c + r;
    if (denominator <= 0)
        return 0;
    double offset = 0.5 * ((double)l - (double)r) / denominator;
    return offset < -0.5 ? -0.5 : offset > 0.5 ? 0.5 : offset;
}

/* Match one block of the current image in the previous one. Returns 1 and
 * the block's motion (where its content went, px per analysed frame), or 0
 * when the match is not trustworthy (flat texture, no clear minimum). */
/* The SADs of one block against shifted places of the previous image,
 * computed on demand: most shifts are never looked at. */
typedef struct sad_table {
    const crowd_model *model;
    const uint8_t *block;
    size_t stride;
    int x0, y0;
    uint32_t value[2 * CROWD_SEARCH + 1][2 * CROWD_SEARCH + 1];
    uint8_t known[2 * CROWD_SEARCH + 1][2 * CROWD_SEARCH + 1];
    uint64_t total;
    int tried;
} sad_table;

/* SAD at shift (sx, sy), or UINT32_MAX outside the image or the range. */
static inline uint32_t sad_at(sad_table *t, int sx, int sy)
{
    if (sx < -CROWD_SEARCH || sx > CROWD_SEARCH || sy < -CROWD_SEARCH || sy > CROWD_SEARCH)
        return UINT32_MAX;
    int i = sy + CROWD_SEARCH, j = sx + CROWD_SEARCH;
    if (t->known[i][j])
        return t->value[i][j];
    int px = t->x0 + sx, py = t->y0 + sy;
    uint32_t value = UINT32_MAX;
    if (px >= 0 && py >= 0 && px + CROWD_BLOCK <= t->model->width &&
        py + CROWD_BLOCK <= t->model->height) {
        size_t width = (size_t)t->model->width;
        value = block_sad(t->block, t->stride, t->model->previous + (size_t)py * width + px, width);
        t->total += value;
        t->tried++;
    }
    t->known[i][j] = 1;
    t->value[i][j] = value;
    return value;
}

/* Prefer the smaller shift on ties, so flat blocks say "still". */
static int better(uint32_t value, int sx, int sy, uint32_t best, int bx, int by)
{
    return value < best || (value == best && abs(sx) + abs(sy) < abs(bx) + abs(by));
}

/* Match one block of the current image in the previous one: the shifts
 * within 1 pixel and every second shift of the whole range first, then
 * the neighbours of the best until it stays put. Returns 1 and the block's
 * motion (where its content went, px per analysed frame), or 0 when the
 * match is not trustworthy (flat texture, no clear minimum). */
static int match_block(const crowd_model *model, const uint8_t *current, size_t stride, int x0,
                       int y0, float *dx, float *dy)
{
    sad_table t;
    t.model = model;
    t.block = current + (size_t)y0 * stride + x0;
    t.stride = stride;
    t.x0 = x0;
    t.y0 = y0;
    t.total = 0;
    t.tried = 0;
    memset(t.known, 0, sizeof t.known);
    uint32_t best = UINT32_MAX;
    int best_x = 0, best_y = 0;
    for (int sy = -CROWD_SEARCH; sy <= CROWD_SEARCH; sy++)
        for (int sx = -CROWD_SEARCH; sx <= CROWD_SEARCH; sx++) {
            int near = abs(sx) <= 1 && abs(sy) <= 1;
            if (!near && ((sx | sy) & 1))
                continue;
            uint32_t value = sad_at(&t, sx, sy);
            if (better(value, sx, sy, best, best_x, best_y)) {
                best = value;
                best_x = sx;
                best_y = sy;
            }
        }
    for (int step = 0; step < 4; step++) {
        int moved = 0, cx = best_x, cy = best_y;
        for (int sy = cy - 1; sy <= cy + 1; sy++)
            for (int sx = cx - 1; sx <= cx + 1; sx++) {
                uint32_t value = sad_at(&t, sx, sy);
                if (better(value, sx, sy, best, best_x, best_y)) {
                    best = value;
                    best_x = sx;
                    best_y = sy;
                    moved = 1;
                }
            }
        if (!moved)
            break;
    }
    if (t.tried < 9 || best == UINT32_MAX)
        return 0;
    double mean = (double)t.total / t.tried;
    /* A flat or repetitive block has no clear minimum. */
    if (mean < 2.0 * CROWD_BLOCK * CROWD_BLOCK || best > 0.6 * mean)
        return 0;
    double fx = best_x, fy = best_y;
    uint32_t left = sad_at(&t, best_x - 1, best_y), right = sad_at(&t, best_x + 1, best_y);
    uint32_t up = sad_at(&t, best_x, best_y - 1), down = sad_at(&t, best_x, best_y + 1);
    if (left != UINT32_MAX && right != UINT32_MAX)
        fx += parabola(left, best, right);
    if (up != UINT32_MAX && down != UINT32_MAX)
        fy += parabola(up, best, down);
    /* The block's content was at block + shift in the previous image. */
    *dx = (float)-fx;
    *dy = (float)-fy;
    return 1;
}

static void measure_blocks(crowd_model *model, const vis_image *gray)
{
    /* The SAD against zeros counts the ones of a block of the 0/1 mask. */
    static const uint8_t zeros[CROWD_BLOCK] = {0};
    for (int by = 0; by < model->blocks_y; by++) {
        for (int bx = 0; bx < model->blocks_x; bx++) {
            size_t index = (size_t)by * model->blocks_x + bx;
            int x0 = bx * CROWD_BLOCK_STEP, y0 = by * CROWD_BLOCK_STEP;
            int moving = (int)block_sad(model->moving + (size_t)y0 * model->width + x0,
                                        (size_t)model->width, zeros, 0);
            model->block_weight[index] = 0;
            if (moving < CROWD_MIN_MOVING_IN_BLOCK)
                continue;
            float dx, dy;
            if (!match_block(model, gray->data, gray->stride, x0, y0, &dx, &dy))
                continue;
            model->block_dx[index] = dx;
            model->block_dy[index] = dy;
            model->block_weight[index] = (uint16_t)moving;
            double x = dx, y = dy;
            model->block_length[index] = sqrt(x * x + y * y);
            model->block_angle[index] = atan2(x, -y);
        }
    }
    /* A block that moved as a whole moves all its foreground, also where
     * its texture is too flat to change from frame to frame. */
    for (int by = 0; by < model->blocks_y; by++)
        for (int bx = 0; bx < model->blocks_x; bx++) {
            size_t index = (size_t)by * model->blocks_x + bx;
            float dx = model->block_dx[index], dy = model->block_dy[index];
            if (!model->block_weight[index] || dx * dx + dy * dy < BLOCK_MOVED * BLOCK_MOVED)
                continue;
            for (int row = 0; row < CROWD_BLOCK; row++) {
                size_t at = (size_t)(by * CROWD_BLOCK_STEP + row) * model->width +
                            (size_t)bx * CROWD_BLOCK_STEP;
                memcpy(model->moving + at, model->foreground + at, CROWD_BLOCK);
            }
        }
}

/*
 * Ghosts: when something that was part of the background leaves (people in
 * the first frame, a crowd that stood long enough to be learnt), the place
 * it left differs from the background and shows as foreground that holds
 * still. Such a pixel looks like its background neighbours in the current
 * picture, which a real object at its edge does not (if it did, it would
 * not differ from the background there either). Those pixels are learnt
 * fast, so a ghost is eaten from its edge inwards within a few frames while
 * real objects, moving or stopped, stay.
 */
static void eat_ghosts(crowd_model *model, const vis_image *gray, const uint8_t *changed,
                       int similar)
{
    const int width = model->width, height = model->height;
    for (int y = 1; y + 1 < height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        const uint8_t *up = in - gray->stride, *down = in + gray->stride;
        size_t row = (size_t)y * width;
        const uint8_t *fg = model->foreground + row;
        for (int x = 1; x + 1 < width; x++) {
            /* Foreground is sparse: skip empty stretches 8 pixels at a time. */
            uint64_t eight;
            if (x + 8 < width && (memcpy(&eight, fg + x, 8), eight == 0)) {
                x += 7;
                continue;
            }
            if (!fg[x] || changed[row + x])
                continue;
            int v = in[x];
            int edge = (!fg[x - 1] && abs(v - in[x - 1]) <= similar) ||
                       (!fg[x + 1] && abs(v - in[x + 1]) <= similar) ||
                       (!fg[x - width] && abs(v - up[x]) <= similar) ||
                       (!fg[x + width] && abs(v - down[x]) <= similar);
            if (!edge)
                continue;
            uint16_t *bg = model->background + row + x;
            *bg = (uint16_t)(v << FIXED);
        }
    }
}

/*
 * A whole-frame change of the light: fit current = gain x background +
 * offset over the pixels that were background in the last frame, and apply
 * it to the model, so that the crowd stays foreground across the change.
 * Returns 0 when no plausible fit exists.
 */
static int compensate_light(crowd_model *model, const vis_image *gray)
{
    double n = 0, sum_i = 0, sum_b = 0, sum_ii = 0, sum_bb = 0;
    for (int y = 0; y < model->height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        size_t row = (size_t)y * model->width;
        for (int x = 0; x < model->width; x++) {
            if (model->foreground[row + x])
                continue;
            double i = in[x], b = model->background[row + x] / (double)(1 << FIXED);
            n++;
            sum_i += i;
            sum_b += b;
            sum_ii += i * i;
            sum_bb += b * b;
        }
    }
    if (n < 0.2 * model->width * model->height)
        return 0;
    double mean_i = sum_i / n, mean_b = sum_b / n;
    double var_i = sum_ii / n - mean_i * mean_i, var_b = sum_bb / n - mean_b * mean_b;
    if (var_b < 1 || var_i < 1)
        return 0;
    double gain = sqrt(var_i / var_b), offset = mean_i - gain * mean_b;
    if (gain < 0.3 || gain > 3)
        return 0;
    size_t pixels = (size_t)model->width * model->height;
    for (size_t i = 0; i < pixels; i++) {
        double b = gain * model->background[i] + offset * (1 << FIXED);
        model->background[i] = (uint16_t)(b < 0 ? 0 : b > (255 << FIXED) ? (255 << FIXED) : b);
        double d = gain * model->deviation[i];
        model->deviation[i] =
            (uint16_t)(d > (MAX_DEVIATION << FIXED) ? (MAX_DEVIATION << FIXED) : d);
    }
    return 1;
}

/*
 * Cast shadows: a person's shadow on the ground darkens it by a similar
 * factor over a small area and keeps its texture, which a person's body or
 * clothes seldom do. A pixel of `mask` whose gray level is SHADOW_LOW to
 * SHADOW_HIGH times its background's, with that ratio uniform over the
 * pixel and its four neighbours, is cleared: the occupancy counts people,
 * not the ground they darken. Uniform: the five pixels fit current = k x
 * background with a spread of the ratio (its standard deviation, each pixel
 * weighted by its background squared, which needs no division) under
 * SHADOW_SPREAD.
 */
#define SHADOW_LOW 0.6f
#define SHADOW_HIGH 0.95f
#define SHADOW_SPREAD 0.07f
/* Backgrounds darker than this (gray levels above black) hold no shadow. */
#define SHADOW_DARKEST 8

/* Whether the pixel and its four neighbours darken the background by a
 * uniform ratio. */
static int uniform_ratio(const uint8_t *in, ptrdiff_t stride, const uint16_t *bg, ptrdiff_t width,
                         float black)
{
    const float to_gray = 1.0f / (1 << FIXED);
    const ptrdiff_t in_at[5] = {0, -1, 1, -stride, stride}, bg_at[5] = {0, -1, 1, -width, width};
    float ii = 0, ib = 0, bb = 0;
    for (int k = 0; k < 5; k++) {
        float i = (float)in[in_at[k]] - black;
        float b = bg[bg_at[k]] * to_gray - black;
        ii += i * i;
        ib += i * b;
        bb += b * b;
    }
    /* Weighted variance of i / b around k = ib / bb: (ii bb - ib^2) / bb^2. */
    return ii * bb - ib * ib < SHADOW_SPREAD * SHADOW_SPREAD * bb * bb;
}

static void remove_shadows(const crowd_model *model, const vis_image *gray, uint8_t *mask)
{
    const int width = model->width, height = model->height;
    /* Limited-range luma (YUV input) starts at 16: ratios are of the light
     * above black. */
    const int black = model->luma_scale > 0 && model->luma_scale < 1 ? 16 : 0;
    const int darkest = (black + SHADOW_DARKEST) << FIXED;
    const uint16_t low = (uint16_t)(SHADOW_LOW * 65536), high = (uint16_t)(SHADOW_HIGH * 65536);
    for (int y = 1; y + 1 < height; y++) {
        uint8_t *m = mask + (size_t)y * width;
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        const uint16_t *bg = model->background + (size_t)y * width;
        int x = 1;
#if defined(__SSE2__)
        /* Eight pixels at a time: skip those outside the mask or not darker
         * than their background by a shadow's factor (most of a person). */
        const __m128i zero = _mm_setzero_si128(),
                      black_v = _mm_set1_epi16((int16_t)(black << FIXED));
        const __m128i low_v = _mm_set1_epi16((int16_t)low), high_v = _mm_set1_epi16((int16_t)high);
        const __m128i darkest_v = _mm_set1_epi16((int16_t)(darkest - 1));
        for (; x + 8 < width; x += 8) {
            if (x + 17 < width && _mm_movemask_epi8(_mm_cmpeq_epi8(
                                      _mm_loadu_si128((const __m128i *)(m + x)), zero)) == 0xffff) {
                x += 8;
                continue;
            }
            __m128i on = _mm_loadl_epi64((const __m128i *)(m + x));
            __m128i b_raw = _mm_loadu_si128((const __m128i *)(bg + x));
            __m128i v = _mm_subs_epu16(
                _mm_slli_epi16(_mm_unpacklo_epi8(_mm_loadl_epi64((const __m128i *)(in + x)), zero),
                               FIXED),
                black_v);
            __m128i b = _mm_subs_epu16(b_raw, black_v);
            /* 15-bit values: signed comparisons are safe. */
            __m128i candidate = _mm_andnot_si128(_mm_cmplt_epi16(v, _mm_mulhi_epu16(b, low_v)),
                                                 _mm_cmplt_epi16(v, _mm_mulhi_epu16(b, high_v)));
            candidate = _mm_and_si128(candidate, _mm_cmpgt_epi16(b_raw, darkest_v));
            candidate =
                _mm_andnot_si128(_mm_cmpeq_epi16(_mm_unpacklo_epi8(on, zero), zero), candidate);
            int bits = _mm_movemask_epi8(_mm_packs_epi16(candidate, zero)) & 0xff;
            while (bits) {
                int k = __builtin_ctz((unsigned)bits);
                bits &= bits - 1;
                if (uniform_ratio(in + x + k, (ptrdiff_t)gray->stride, bg + x + k, width,
                                  (float)black))
                    m[x + k] = 0;
            }
        }
#endif
        for (; x + 1 < width; x++) {
            if (!m[x] || bg[x] < darkest)
                continue;
            /* below black counts as black, as the saturating SSE2 path does */
            int v = in[x] > black ? (in[x] - black) << FIXED : 0;
            int b = bg[x] - (black << FIXED);
            if (v < (int)((b * (uint32_t)low) >> 16) || v >= (int)((b * (uint32_t)high) >> 16))
                continue;
            if (uniform_ratio(in + x, (ptrdiff_t)gray->stride, bg + x, width, (float)black))
                m[x] = 0;
        }
    }
}

static size_t classify(crowd_model *model, const vis_image *gray,
                       const vision_crowd_options *options)
{
    const int width = model->width, height = model->height;
    const size_t pixels = (size_t)width * height;
    const double scale = model->luma_scale > 0 ? model->luma_scale : 1.0;
    double threshold = options->foreground_threshold * scale * (1 << FIXED);
    const int16_t fg_threshold = (int16_t)(threshold > INT16_MAX ? INT16_MAX : lrint(threshold));
    double motion = ceil(options->motion_threshold * scale);
    const uint8_t motion_threshold = (uint8_t)(motion < 1 ? 1 : motion);
    uint8_t *raw_fg = model->scratch;
    uint8_t *raw_changed = raw_fg + pixels;
    size_t count = 0;
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)y * width;
        count += classify_row(gray->data + (size_t)y * gray->stride, model->background + row,
                              model->deviation + row, model->previous + row, raw_fg + row,
                              raw_changed + row, width, fg_threshold, motion_threshold);
    }
    return count;
}

int crowd_model_update(crowd_model *model, const vis_image *gray,
                       const vision_crowd_options *options)
{
    const int width = model->width, height = model->height;
    const size_t pixels = (size_t)width * height;
    uint8_t *raw_fg = model->scratch;
    uint8_t *raw_changed = raw_fg + pixels;
    uint8_t *sums = raw_changed + pixels;
    uint8_t *zeros = sums + width;
    const int warming = model->fast_left > 0;
    int outcome = CROWD_MODEL_STEADY;

    /* Pass 1: classify against the background and the previous image. A
     * sudden jump of the foreground over the whole frame is a change of
     * the scene, not a crowd: a change of light is compensated, anything
     * else relearnt. */
    double share = (double)classify(model, gray, options) / (double)pixels;
    if (!warming && model->learnt >= 2 &&
        share - model->last_foreground_share > options->global_change_fraction) {
        int compensated = compensate_light(model, gray);
        if (compensated) {
            double again = (double)classify(model, gray, options) / (double)pixels;
            compensated =
                again - model->last_foreground_share <= options->global_change_fraction / 2;
            share = again;
        }
        if (!compensated) {
            crowd_model_restart(model, gray, options->warmup_frames);
            return CROWD_MODEL_RESTARTED;
        }
        outcome = CROWD_MODEL_COMPENSATED;
    }
    model->last_foreground_share = share;

    /* Pass 2: clean the masks. Foreground: 3x3 majority. Moving: foreground
     * with at least two changed pixels around it. */
    memset(zeros, 0, (size_t)width);
    vote(raw_fg, NULL, model->foreground, sums, zeros, width, height, 5);
    vote(raw_changed, model->foreground, model->moving, sums, zeros, width, height, 2);

    /* Pass 3: block motion, against the previous image (still intact). */
    measure_blocks(model, gray);
    crowd_blobs_update(model);

    /* What the regions count: the foreground smoothed by a second majority
     * vote (ragged edges and pairs of noise pixels go) and grown by one
     * pixel, which gives back the edge and the thin parts (arms, legs,
     * heads a few pixels wide) that the votes shave off; the moving
     * foreground grown alike, within it. The raw mask is free by now. */
    vote(model->foreground, NULL, raw_fg, sums, zeros, width, height, 5);
    vote(raw_fg, NULL, model->occupied, sums, zeros, width, height, 1);
    /* Cast shadows darken the ground without being people: not counted. */
    remove_shadows(model, gray, model->occupied);
    vote(model->moving, model->occupied, model->occupied_moving, sums, zeros, width, height, 1);

    /* Pass 4: learn. Foreground is learnt slowly so that a crowd that stops
     * stays visible; ghosts are eaten separately. */
    crowd_rate background = rate_for(options->background_time);
    crowd_rate foreground = rate_for(options->foreground_time);
    learn_params params;
    params.warming = warming;
    if (model->fast_left > 0)
        model->fast_left--;
    params.background_shift = model->learnt % background.period == 0 ? background.shift : -1;
    params.moving_shift = model->learnt % foreground.period == 0 ? foreground.shift : -1;
    params.still_shift = params.moving_shift;
    for (int y = 0; y < height; y++) {
        size_t row = (size_t)y * width;
        learn_row(gray->data + (size_t)y * gray->stride, model->background + row,
                  model->deviation + row, model->foreground + row, raw_changed + row,
                  model->previous + row, width, &params);
    }
    eat_ghosts(
        model, gray, raw_changed,
        (int)(options->foreground_threshold * (model->luma_scale > 0 ? model->luma_scale : 1) / 2));
    model->learnt++;
    return outcome;
}
