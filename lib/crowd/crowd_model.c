/*
 * The crowd analyser's background model and motion, on the small gray image.
 *
 * Background: a running average per pixel (8.8 fixed point) with a running
 * mean absolute deviation as its noise estimate. A pixel is foreground when
 * it differs from the background by more than the larger of the threshold
 * and three deviations; a 3x3 majority vote removes speckle. Background
 * pixels adapt quickly, foreground ones slowly, so a crowd that stops stays
 * foreground for a while.
 *
 * Motion: a foreground pixel moves when the 3x3 neighbourhood holds at least
 * two pixels that changed since the previous analysed frame. The direction
 * comes from block matching (8x8 blocks, sum of absolute differences, a
 * search of +-3 pixels, parabolic sub-pixel refinement) on the blocks that
 * hold enough moving pixels: cheap on a 320-pixel-wide image and far from
 * the cost of a dense optical flow.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/alloc.h"

/* Blocks with fewer moving pixels than this are not matched. */
#define MIN_MOVING_IN_BLOCK 12
/* Deviation a fresh model assumes, gray levels. */
#define INITIAL_DEVIATION 3
/* Largest deviation kept, gray levels: the threshold stays meaningful in
 * pixels that flicker. */
#define MAX_DEVIATION 24

void crowd_model_release(crowd_model *model)
{
    vis_free(model->background);
    vis_free(model->deviation);
    vis_free(model->previous);
    vis_free(model->foreground);
    vis_free(model->moving);
    vis_free(model->scratch);
    vis_free(model->block_dx);
    vis_free(model->block_dy);
    vis_free(model->block_weight);
    memset(model, 0, sizeof *model);
}

int crowd_model_resize(crowd_model *model, int width, int height)
{
    size_t pixels = (size_t)width * (size_t)height;
    int blocks_x = width / CROWD_BLOCK, blocks_y = height / CROWD_BLOCK;
    size_t blocks = (size_t)(blocks_x > 0 ? blocks_x : 1) * (size_t)(blocks_y > 0 ? blocks_y : 1);
    crowd_model grown = {0};
    grown.background = vis_malloc(pixels * sizeof *grown.background);
    grown.deviation = vis_malloc(pixels * sizeof *grown.deviation);
    grown.previous = vis_malloc(pixels);
    grown.foreground = vis_calloc(pixels, 1);
    grown.moving = vis_calloc(pixels, 1);
    grown.scratch = vis_malloc(pixels * 2 + (size_t)width);
    grown.block_dx = vis_calloc(blocks, sizeof *grown.block_dx);
    grown.block_dy = vis_calloc(blocks, sizeof *grown.block_dy);
    grown.block_weight = vis_calloc(blocks, sizeof *grown.block_weight);
    if (!grown.background || !grown.deviation || !grown.previous || !grown.foreground ||
        !grown.moving || !grown.scratch || !grown.block_dx || !grown.block_dy ||
        !grown.block_weight) {
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

void crowd_model_restart(crowd_model *model, const vis_image *gray)
{
    for (int y = 0; y < model->height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        size_t row = (size_t)y * (size_t)model->width;
        for (int x = 0; x < model->width; x++) {
            model->background[row + x] = (uint16_t)(in[x] << 8);
            model->deviation[row + x] = INITIAL_DEVIATION << 8;
            model->previous[row + x] = in[x];
        }
    }
    size_t pixels = (size_t)model->width * (size_t)model->height;
    memset(model->foreground, 0, pixels);
    memset(model->moving, 0, pixels);
    size_t blocks = (size_t)model->blocks_x * (size_t)model->blocks_y;
    memset(model->block_weight, 0, blocks * sizeof *model->block_weight);
    model->learnt = 1;
    model->last_foreground_share = 0;
}

/* Adaptation rate for a time constant in frames, as a Q15 fraction. */
static int32_t rate_q15(double frames)
{
    double rate = 32768.0 / frames;
    return rate < 1 ? 1 : rate > 16384 ? 16384 : (int32_t)lrint(rate);
}

/* 3x3 counts of a 0/1 mask, written as `out[i] = count >= need`, AND-ed with
 * `gate` when it is given. Border pixels count their missing neighbours as 0. */
static void vote3x3(const uint8_t *mask, uint8_t *out, const uint8_t *gate, int width, int height,
                    int need, uint8_t *column_sums)
{
    for (int y = 0; y < height; y++) {
        const uint8_t *above = mask + (size_t)(y > 0 ? y - 1 : y) * width;
        const uint8_t *here = mask + (size_t)y * width;
        const uint8_t *below = mask + (size_t)(y + 1 < height ? y + 1 : y) * width;
        int top = y > 0, bottom = y + 1 < height;
        for (int x = 0; x < width; x++)
            column_sums[x] = (uint8_t)(here[x] + (top ? above[x] : 0) + (bottom ? below[x] : 0));
        uint8_t *line = out + (size_t)y * width;
        const uint8_t *gate_line = gate ? gate + (size_t)y * width : NULL;
        for (int x = 0; x < width; x++) {
            int sum = column_sums[x] + (x > 0 ? column_sums[x - 1] : 0) +
                      (x + 1 < width ? column_sums[x + 1] : 0);
            uint8_t on = sum >= need;
            line[x] = gate_line ? (uint8_t)(on & gate_line[x]) : on;
        }
    }
}

/* Sum of absolute differences of the 8x8 block at `a` and at `b`. */
static uint32_t block_sad(const uint8_t *a, size_t a_stride, const uint8_t *b, size_t b_stride)
{
#if defined(__SSE2__)
    __m128i total = _mm_setzero_si128();
    for (int row = 0; row < CROWD_BLOCK; row += 2) {
        __m128i va = _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(a + row * a_stride)),
                                        _mm_loadl_epi64((const __m128i *)(a + (row + 1) * a_stride)));
        __m128i vb = _mm_unpacklo_epi64(_mm_loadl_epi64((const __m128i *)(b + row * b_stride)),
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
static int match_block(const crowd_model *model, const uint8_t *current, size_t stride, int x0,
                       int y0, float *dx, float *dy)
{
    enum { SIDE = 2 * CROWD_SEARCH + 1 };
    uint32_t sad[SIDE][SIDE];
    uint32_t best = UINT32_MAX, total = 0;
    int best_x = 0, best_y = 0, tried = 0;
    const uint8_t *block = current + (size_t)y0 * stride + x0;
    size_t width = (size_t)model->width;
    for (int sy = -CROWD_SEARCH; sy <= CROWD_SEARCH; sy++) {
        for (int sx = -CROWD_SEARCH; sx <= CROWD_SEARCH; sx++) {
            int px = x0 + sx, py = y0 + sy;
            if (px < 0 || py < 0 || px + CROWD_BLOCK > model->width ||
                py + CROWD_BLOCK > model->height) {
                sad[sy + CROWD_SEARCH][sx + CROWD_SEARCH] = UINT32_MAX;
                continue;
            }
            uint32_t value =
                block_sad(block, stride, model->previous + (size_t)py * width + px, width);
            sad[sy + CROWD_SEARCH][sx + CROWD_SEARCH] = value;
            total += value;
            tried++;
            /* Prefer the smaller shift on ties, so flat blocks say "still". */
            if (value < best || (value == best && abs(sx) + abs(sy) < abs(best_x) + abs(best_y))) {
                best = value;
                best_x = sx;
                best_y = sy;
            }
        }
    }
    if (tried < 9)
        return 0;
    double mean = (double)total / tried;
    /* A flat or repetitive block has no clear minimum. */
    if (mean < 2.0 * CROWD_BLOCK * CROWD_BLOCK || best > 0.6 * mean)
        return 0;
    int cx = best_x + CROWD_SEARCH, cy = best_y + CROWD_SEARCH;
    double fx = best_x, fy = best_y;
    if (cx > 0 && cx < SIDE - 1 && sad[cy][cx - 1] != UINT32_MAX && sad[cy][cx + 1] != UINT32_MAX)
        fx += parabola(sad[cy][cx - 1], best, sad[cy][cx + 1]);
    if (cy > 0 && cy < SIDE - 1 && sad[cy - 1][cx] != UINT32_MAX && sad[cy + 1][cx] != UINT32_MAX)
        fy += parabola(sad[cy - 1][cx], best, sad[cy + 1][cx]);
    /* The block's content was at block + shift in the previous image. */
    *dx = (float)-fx;
    *dy = (float)-fy;
    return 1;
}

static void measure_blocks(crowd_model *model, const vis_image *gray)
{
    for (int by = 0; by < model->blocks_y; by++) {
        for (int bx = 0; bx < model->blocks_x; bx++) {
            size_t index = (size_t)by * model->blocks_x + bx;
            int x0 = bx * CROWD_BLOCK, y0 = by * CROWD_BLOCK;
            int moving = 0;
            for (int row = 0; row < CROWD_BLOCK; row++) {
                const uint8_t *line = model->moving + (size_t)(y0 + row) * model->width + x0;
                for (int col = 0; col < CROWD_BLOCK; col++)
                    moving += line[col];
            }
            model->block_weight[index] = 0;
            if (moving < MIN_MOVING_IN_BLOCK)
                continue;
            float dx, dy;
            if (!match_block(model, gray->data, gray->stride, x0, y0, &dx, &dy))
                continue;
            model->block_dx[index] = dx;
            model->block_dy[index] = dy;
            model->block_weight[index] = (uint16_t)moving;
        }
    }
}

int crowd_model_update(crowd_model *model, const vis_image *gray, const vision_crowd_options *options,
                       int warming)
{
    const int width = model->width, height = model->height;
    const int32_t fg_threshold = (int32_t)lrint(options->foreground_threshold * 256.0);
    const int motion_threshold = (int)ceil(options->motion_threshold);
    const int32_t bg_rate = rate_q15(options->background_time);
    /* Until the model has seen a few background times, foreground that
     * stands still is learnt at the background's pace: the people in the
     * first frame leave ghosts that must fade. Later it is learnt slowly so
     * that a crowd that stops stays visible. */
    const int settling = model->learnt < (uint32_t)(options->warmup_frames +
                                                    3.0 * options->background_time);
    const int32_t still_fg_rate = settling ? bg_rate : rate_q15(options->foreground_time);
    const int32_t fg_rate = rate_q15(options->foreground_time);
    const int32_t warm_rate = 16384; /* 1/2: follow the picture while warming up */

    uint8_t *raw_fg = model->scratch;
    uint8_t *raw_moving = model->scratch + (size_t)width * height;
    size_t raw_count = 0;

    /* Pass 1: classify against the background and the previous image. */
    for (int y = 0; y < height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        size_t row = (size_t)y * width;
        const uint16_t *bg = model->background + row;
        const uint16_t *dev = model->deviation + row;
        const uint8_t *prev = model->previous + row;
        uint8_t *fg_out = raw_fg + row;
        uint8_t *mv_out = raw_moving + row;
        for (int x = 0; x < width; x++) {
            int32_t diff = ((int32_t)in[x] << 8) - bg[x];
            int32_t distance = diff < 0 ? -diff : diff;
            int32_t limit = 3 * (int32_t)dev[x];
            if (limit < fg_threshold)
                limit = fg_threshold;
            uint8_t is_fg = distance > limit;
            fg_out[x] = is_fg;
            raw_count += is_fg;
            int change = in[x] - prev[x];
            mv_out[x] = (change < 0 ? -change : change) >= motion_threshold;
        }
    }

    double share = (double)raw_count / ((double)width * height);
    if (!warming && model->learnt >= 2 &&
        share - model->last_foreground_share > options->global_change_fraction) {
        crowd_model_restart(model, gray);
        return 1;
    }
    model->last_foreground_share = share;

    /* Pass 2: clean the masks. Foreground: 3x3 majority. Moving: foreground
     * with at least two changed pixels around it. */
    uint8_t *sums = model->scratch + 2 * (size_t)width * height;
    vote3x3(raw_fg, model->foreground, NULL, width, height, 5, sums);
    vote3x3(raw_moving, model->moving, model->foreground, width, height, 2, sums);

    /* Pass 3: block motion, against the previous image (still intact). */
    measure_blocks(model, gray);

    /* Pass 4: learn. */
    for (int y = 0; y < height; y++) {
        const uint8_t *in = gray->data + (size_t)y * gray->stride;
        size_t row = (size_t)y * width;
        uint16_t *bg = model->background + row;
        uint16_t *dev = model->deviation + row;
        const uint8_t *fg = model->foreground + row;
        const uint8_t *changed = raw_moving + row;
        uint8_t *prev = model->previous + row;
        for (int x = 0; x < width; x++) {
            int32_t diff = ((int32_t)in[x] << 8) - bg[x];
            int32_t rate;
            if (warming)
                rate = changed[x] ? 0 : warm_rate;
            else if (!fg[x])
                rate = bg_rate;
            else
                rate = changed[x] ? fg_rate : still_fg_rate;
            bg[x] = (uint16_t)(bg[x] + ((diff * rate + (1 << 14)) >> 15));
            if (!fg[x] && (!warming || !changed[x])) {
                int32_t distance = diff < 0 ? -diff : diff;
                if (distance > MAX_DEVIATION << 8)
                    distance = MAX_DEVIATION << 8;
                int32_t d = dev[x];
                dev[x] = (uint16_t)(d + ((distance - d) >> 5));
            }
            prev[x] = in[x];
        }
    }
    model->learnt++;
    return 0;
}
