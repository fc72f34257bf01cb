/*
 * Regions of interest: checks, rasterisation at processing size, figures.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

int crowd_region_validate(vis_error_buffer *errors, const vision_crowd_point *points,
                          size_t point_count)
{
    if (point_count < 3)
        return vis_fail(errors, VISION_E_REGION, "a region needs 3 or more points, not %zu",
                        point_count);
    if (point_count > 100000)
        return vis_fail(errors, VISION_E_REGION, "a region may have at most 100000 points");
    /* The triangles of a fan from the first point, each counted whatever
     * its orientation: a self-crossing polygon (a bow tie) whose signed
     * area cancels out still covers pixels under the even-odd rule. */
    double twice_area = 0;
    for (size_t i = 0; i < point_count; i++) {
        double x = points[i].x, y = points[i].y;
        if (!(x >= 0.0 && x <= 1.0) || !(y >= 0.0 && y <= 1.0))
            return vis_fail(errors, VISION_E_REGION,
                            "point %zu (%g, %g) is outside 0..1 or not a number", i, x, y);
        if (i >= 2) {
            const vision_crowd_point *a = &points[0], *b = &points[i - 1];
            twice_area += fabs((b->x - a->x) * (y - a->y) - (x - a->x) * (b->y - a->y));
        }
    }
    /* Smaller than a millionth of the frame is no area at any useful size. */
    if (twice_area < 2e-6)
        return vis_fail(errors, VISION_E_REGION, "the region's polygon has zero area");
    return VISION_OK;
}

static int check_levels(vis_error_buffer *errors, const char *what, double min, double med,
                        double max)
{
    if (!(min >= 0 && min <= med && med <= max && max <= 100))
        return vis_fail(errors, VISION_E_OPTION,
                        "%s levels must satisfy 0 <= min <= med <= max <= 100, not %g/%g/%g", what,
                        min, med, max);
    return VISION_OK;
}

int crowd_region_config_validate(vis_error_buffer *errors, const vision_crowd_region_config *c)
{
    if (c->version != VISION_CROWD_REGION_CONFIG_VERSION)
        return vis_fail(errors, VISION_E_STRUCT_VERSION, "region config version %u is not %u",
                        c->version, VISION_CROWD_REGION_CONFIG_VERSION);
    int rc = check_levels(errors, "occupancy", c->occupancy_level_min, c->occupancy_level_med,
                          c->occupancy_level_max);
    if (rc == VISION_OK)
        rc = check_levels(errors, "fluidity", c->fluidity_level_min, c->fluidity_level_med,
                          c->fluidity_level_max);
    if (rc != VISION_OK)
        return rc;
    if (c->occupancy_num_frames_to_event < 1 || c->fluidity_num_frames_to_event < 1 ||
        c->optical_flow_num_frames_to_event < 1 || c->optical_flow_num_frames_to_reset < 1)
        return vis_fail(errors, VISION_E_OPTION, "frame counts to event and reset must be >= 1");
    if (c->send_optical_flow_event != 0 && c->send_optical_flow_event != 1)
        return vis_fail(errors, VISION_E_OPTION, "sendOpticalFlowEvent must be 0 or 1");
    if (!isfinite(c->optical_flow_angle_offset))
        return vis_fail(errors, VISION_E_OPTION, "opticalFlowAngleOffset must be finite");
    if (!(c->dead_band >= 0 && c->dead_band <= 50))
        return vis_fail(errors, VISION_E_OPTION, "dead_band %g is outside 0..50", c->dead_band);
    if (c->cooldown_frames < 0)
        return vis_fail(errors, VISION_E_OPTION, "cooldown_frames must be >= 0");
    if (c->direction_sectors != 0 && c->direction_sectors != 4 && c->direction_sectors != 8)
        return vis_fail(errors, VISION_E_OPTION, "direction_sectors must be 0, 4 or 8, not %d",
                        (int)c->direction_sectors);
    if (!(c->min_motion >= 0 && c->min_motion < 1e6))
        return vis_fail(errors, VISION_E_OPTION, "min_motion %g must be >= 0", c->min_motion);
    return VISION_OK;
}

void crowd_region_free_raster(crowd_region *region)
{
    vis_free(region->spans);
    vis_free(region->blocks);
    vis_free(region->row_spans);
    region->row_spans = NULL;
    region->rows = 0;
    region->spans = NULL;
    region->blocks = NULL;
    region->span_count = region->block_count = 0;
    region->pixel_count = 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Where the polygon's edges cross the horizontal line at `y` (pixels),
 * sorted; returns how many. */
static size_t crossings(const crowd_region *region, double scale_x, double scale_y, double y,
                        double *out)
{
    size_t count = 0;
    for (size_t i = 0; i < region->point_count; i++) {
        const vision_crowd_point *a = &region->points[i];
        const vision_crowd_point *b = &region->points[(i + 1) % region->point_count];
        double ay = a->y * scale_y, by = b->y * scale_y;
        if ((ay > y) == (by > y))
            continue;
        double ax = a->x * scale_x, bx = b->x * scale_x;
        out[count++] = ax + (y - ay) * (bx - ax) / (by - ay);
    }
    qsort(out, count, sizeof *out, compare_doubles);
    return count;
}

/* Even-odd rule: inside when an odd number of crossings lie left of x. */
static int inside(const double *cross, size_t count, double x)
{
    size_t left = 0;
    while (left < count && cross[left] <= x)
        left++;
    return (int)(left & 1);
}

int crowd_region_rasterise(crowd_region *region, const crowd_model *model)
{
    int width = model->width, height = model->height;
    double *cross = vis_malloc(region->point_count * sizeof *cross);
    size_t span_capacity = 16, block_capacity = 16;
    crowd_span *spans = vis_malloc(span_capacity * sizeof *spans);
    uint32_t *blocks = vis_malloc(block_capacity * sizeof *blocks);
    uint32_t *row_spans = vis_malloc(((size_t)height + 1) * sizeof *row_spans);
    size_t span_count = 0, block_count = 0;
    uint32_t pixels = 0;
    int rc = VISION_E_NO_MEMORY;
    if (!cross || !spans || !blocks || !row_spans)
        goto done;
    for (int y = 0; y < height; y++) {
        row_spans[y] = (uint32_t)span_count;
        size_t count = crossings(region, width, height, y + 0.5, cross);
        for (size_t i = 0; i + 1 < count; i += 2) {
            /* Pixel x is inside when its centre x + 0.5 lies in [c0, c1). */
            int x0 = (int)ceil(cross[i] - 0.5), x1 = (int)ceil(cross[i + 1] - 0.5);
            if (x0 < 0)
                x0 = 0;
            if (x1 > width)
                x1 = width;
            if (x1 <= x0)
                continue;
            if (span_count == span_capacity) {
                crowd_span *grown = vis_realloc(spans, 2 * span_capacity * sizeof *spans);
                if (!grown)
                    goto done;
                spans = grown;
                span_capacity *= 2;
            }
            spans[span_count++] = (crowd_span){y, x0, x1};
            pixels += (uint32_t)(x1 - x0);
        }
    }
    row_spans[height] = (uint32_t)span_count;
    for (int by = 0; by < model->blocks_y; by++) {
        double centre_y = by * CROWD_BLOCK_STEP + CROWD_BLOCK / 2.0;
        size_t count = crossings(region, width, height, centre_y, cross);
        for (int bx = 0; bx < model->blocks_x; bx++) {
            if (!inside(cross, count, bx * CROWD_BLOCK_STEP + CROWD_BLOCK / 2.0))
                continue;
            if (block_count == block_capacity) {
                uint32_t *grown = vis_realloc(blocks, 2 * block_capacity * sizeof *blocks);
                if (!grown)
                    goto done;
                blocks = grown;
                block_capacity *= 2;
            }
            blocks[block_count++] = (uint32_t)(by * model->blocks_x + bx);
        }
    }
    crowd_region_free_raster(region);
    region->spans = spans;
    region->span_count = span_count;
    region->row_spans = row_spans;
    region->rows = height;
    row_spans = NULL;
    region->blocks = blocks;
    region->block_count = block_count;
    region->pixel_count = pixels;
    spans = NULL;
    blocks = NULL;
    rc = VISION_OK;
done:
    vis_free(cross);
    vis_free(spans);
    vis_free(blocks);
    vis_free(row_spans);
    return rc;
}

/* Number of ones in a run of a 0/1 mask. */
static uint32_t count_ones(const uint8_t *line, int x0, int x1)
{
    uint32_t sum = 0;
    int x = x0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    __m128i total = zero;
    for (; x + 16 <= x1; x += 16)
        total =
            _mm_add_epi64(total, _mm_sad_epu8(_mm_loadu_si128((const __m128i *)(line + x)), zero));
    sum = (uint32_t)(_mm_cvtsi128_si32(total) + _mm_cvtsi128_si32(_mm_srli_si128(total, 8)));
#endif
    for (; x < x1; x++)
        sum += line[x];
    return sum;
}

/* Whether pixel (x, y) is inside the region. */
static int covers(const crowd_region *region, int x, int y)
{
    if (y < 0 || y >= region->rows)
        return 0;
    for (uint32_t i = region->row_spans[y]; i < region->row_spans[y + 1]; i++)
        if (x >= region->spans[i].x0 && x < region->spans[i].x1)
            return 1;
    return 0;
}

/* Samples per side of the grid that measures how much of a blob's middle
 * lies inside a region. */
#define MIDDLE_SAMPLES 7

/* The i-th candidate block of the region's motion: first its own blocks
 * (centre inside) that belong to no blob, then the blocks of the blobs
 * whose middle is at least partly inside (see crowd_blobs.c). Returns the
 * share of the blob's middle inside, in 1/MIDDLE_SAMPLES^2; the block
 * weighs by its square, so a walker whose centre is just across the
 * border counts little against the people wholly inside, while a lone
 * walker on the border still gives the region a direction. */
static int pick(const crowd_region *region, const crowd_model *model, size_t i, uint32_t *block)
{
    const crowd_blobs *blobs = &model->blobs;
    if (i < region->block_count) {
        *block = region->blocks[i];
        return blobs->block_blob[*block] < 0 ? MIDDLE_SAMPLES * MIDDLE_SAMPLES : 0;
    }
    *block = blobs->owned[i - region->block_count];
    return blobs->inside[blobs->block_blob[*block]];
}

void crowd_region_measure(crowd_region *region, crowd_model *model)
{
    /* A person is in the region by the centre of its box. Where that centre
     * is near the region's border, the blob counts in part on either side:
     * the share of the middle of its box (half its width and height around
     * the centre) that lies inside, so that a few pixels of shadow or a
     * box drawn a little differently do not move a person wholly across.
     * Only the blobs that own matched blocks are looked at. */
    crowd_blobs *blobs = &model->blobs;
    if (blobs->owned_count)
        memset(blobs->inside, 0xff, blobs->blob_count);
    for (size_t i = 0; i < blobs->owned_count; i++) {
        uint32_t k = (uint32_t)blobs->block_blob[blobs->owned[i]];
        if (blobs->inside[k] != 0xff)
            continue;
        const crowd_blob_box *box = &blobs->boxes[k];
        double w = box->x1 - box->x0 + 1.0, h = box->y1 - box->y0 + 1.0;
        double cx = box->x0 + w / 2, cy = box->y0 + h / 2;
        int count = 0;
        for (int j = 0; j < MIDDLE_SAMPLES; j++)
            for (int n = 0; n < MIDDLE_SAMPLES; n++) {
                double u = (n + 0.5) / MIDDLE_SAMPLES - 0.5, v = (j + 0.5) / MIDDLE_SAMPLES - 0.5;
                count += covers(region, (int)floor(cx + u * w / 2), (int)floor(cy + v * h / 2));
            }
        blobs->inside[k] = (uint8_t)count;
    }
    const size_t candidates = region->block_count + blobs->owned_count;
    vision_crowd_result *r = &region->result;
    uint32_t foreground = 0, moving = 0;
    for (size_t i = 0; i < region->span_count; i++) {
        const crowd_span *s = &region->spans[i];
        size_t row = (size_t)s->y * model->width;
        foreground += count_ones(model->occupied + row, s->x0, s->x1);
        moving += count_ones(model->occupied_moving + row, s->x0, s->x1);
    }
    /* The dominant direction: the weighted mean of the block motions that
     * lie within 60 degrees of the direction most of the moving crowd takes
     * (the peak of a 16-bin histogram of block directions, weighted by
     * moving pixels, not by speed, so that a few fast walkers do not
     * outvote a slow crowd), so that the part of a person reaching in from
     * a neighbouring region, or a few blocks going against the flow, do
     * not bend it. Blocks that hold still count in the mean only through
     * its length. */
    enum { BINS = 16 };
    double histogram[BINS] = {0};
    double weight_all = 0;
    uint32_t blocks = 0;
    for (size_t i = 0; i < candidates; i++) {
        uint32_t b;
        int share = pick(region, model, i, &b);
        if (!share)
            continue;
        double w = model->block_weight[b] * share * share;
        if (w <= 0)
            continue;
        double length = model->block_length[b];
        weight_all += w;
        blocks++;
        if (length < 0.25)
            continue;
        double angle = model->block_angle[b];
        int bin = (int)floor((angle + M_PI) / (2 * M_PI) * BINS + 0.5) % BINS;
        histogram[bin] += w;
    }
    int peak = 0;
    double best = 0;
    for (int k = 0; k < BINS; k++) {
        /* Smooth over the neighbouring bins. */
        double score =
            histogram[k] + 0.5 * (histogram[(k + 1) % BINS] + histogram[(k + BINS - 1) % BINS]);
        if (score > best) {
            best = score;
            peak = k;
        }
    }
    double peak_angle = peak * (2 * M_PI / BINS) - M_PI;
    double sum_dx = 0, sum_dy = 0, weight = 0;
    for (size_t i = 0; i < candidates && best > 0; i++) {
        uint32_t b;
        int share = pick(region, model, i, &b);
        if (!share)
            continue;
        double w = model->block_weight[b] * share * share;
        if (w <= 0)
            continue;
        double dx = model->block_dx[b], dy = model->block_dy[b];
        if (model->block_length[b] >= 0.25) {
            double difference = fabs(remainder(model->block_angle[b] - peak_angle, 2 * M_PI));
            if (difference > M_PI / 3)
                continue;
        }
        sum_dx += w * dx;
        sum_dy += w * dy;
        weight += w;
    }
    (void)weight_all;
    r->valid = 1;
    r->region_pixels = region->pixel_count;
    r->foreground_pixels = foreground;
    r->moving_pixels = moving;
    r->motion_blocks = blocks;
    r->occupancy = region->pixel_count ? 100.0 * foreground / region->pixel_count : 0.0;
    r->fluidity = foreground ? 100.0 * moving / foreground : 0.0;
    r->motion = 0;
    r->has_direction = 0;
    r->direction = -1;
    double *slot = region->history[region->history_next];
    region->history_next = (region->history_next + 1) % CROWD_HISTORY;
    slot[0] = sum_dx;
    slot[1] = sum_dy;
    slot[2] = weight;
    /* The window also speaks for a frame whose own blocks found no match
     * while the region's foreground still moves (a block or two of motion):
     * people walking on through a frame of flat texture or a merge keep
     * their direction instead of flashing "no motion". A crowd that stops
     * has no moving pixels, and says "no motion" at once. */
    if (weight > 0 || moving >= CROWD_MIN_MOVING_IN_BLOCK)
        for (int k = 1; k < CROWD_HISTORY; k++) {
            const double *h =
                region->history[(region->history_next + CROWD_HISTORY - 1 - k) % CROWD_HISTORY];
            sum_dx += h[0];
            sum_dy += h[1];
            weight += h[2];
        }
    if (weight > 0) {
        double dx = sum_dx / weight, dy = sum_dy / weight;
        r->motion = sqrt(dx * dx + dy * dy);
        if (r->motion >= region->config.min_motion && r->motion > 0) {
            /* 0 = up (-y), 90 = right (+x), clockwise. */
            double measured = atan2(dx, -dy) * (180.0 / M_PI);
            double reported = fmod(measured + region->config.optical_flow_angle_offset, 360.0);
            if (reported < 0)
                reported += 360.0;
            if (reported >= 360.0)
                reported = 0.0;
            r->has_direction = 1;
            r->direction = reported;
        }
    }
}
