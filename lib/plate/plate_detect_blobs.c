/*
 * Blobs of a small gray image: local mean threshold and 4-connected
 * labelling (two passes with union-find).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_detect_blobs.h"

#include "core/alloc.h"

void plate_blob_scratch_release(plate_blob_scratch *scratch) {
    if (!scratch)
        return;
    vis_free(scratch->integral);
    vis_free(scratch->labels);
    vis_free(scratch->parent);
    vis_free(scratch->stats);
    vis_free(scratch->map);
    scratch->map = NULL;
    scratch->integral = NULL;
    scratch->labels = NULL;
    scratch->parent = NULL;
    scratch->stats = NULL;
    scratch->pixels = 0;
}

static int reserve(plate_blob_scratch *s, int width, int height) {
    size_t pixels = (size_t)(width + 1) * (size_t)(height + 1);
    if (s->pixels >= pixels)
        return 0;
    plate_blob_scratch grown = {0};
    grown.integral = vis_malloc(pixels * sizeof(uint32_t));
    grown.labels = vis_malloc(pixels * sizeof(int32_t));
    /* At most one new label per two pixels of a row plus one. */
    grown.parent = vis_malloc((pixels / 2 + 2) * sizeof(int32_t));
    grown.stats = vis_malloc((pixels / 2 + 2) * sizeof(plate_blob));
    grown.map = vis_malloc(pixels);
    if (!grown.integral || !grown.labels || !grown.parent || !grown.stats || !grown.map) {
        plate_blob_scratch_release(&grown);
        return -1;
    }
    plate_blob_scratch_release(s);
    *s = grown;
    s->pixels = pixels;
    return 0;
}

static int32_t find_root(int32_t *parent, int32_t label) {
    while (parent[label] != label) {
        parent[label] = parent[parent[label]];
        label = parent[label];
    }
    return label;
}

int plate_blob_classify(plate_blob_scratch *scratch, const uint8_t *data, size_t stride, int width,
                        int height, int block, int offset, int max_run) {
    if (width <= 0 || height <= 0)
        return 0;
    if (reserve(scratch, width, height) != 0)
        return -1;
    scratch->width = width;
    scratch->height = height;
    /* Integral image, (width + 1) x (height + 1), first row and column 0. */
    const int iw = width + 1;
    uint32_t *integral = scratch->integral;
    for (int x = 0; x < iw; x++)
        integral[x] = 0;
    for (int y = 0; y < height; y++) {
        const uint8_t *row = data + (size_t)y * stride;
        uint32_t *above = integral + (size_t)y * iw, *cur = above + iw;
        uint32_t sum = 0;
        cur[0] = 0;
        for (int x = 0; x < width; x++) {
            sum += row[x];
            cur[x + 1] = above[x + 1] + sum;
        }
    }
    const int r = block / 2;
    for (int y = 0; y < height; y++) {
        const uint8_t *row = data + (size_t)y * stride;
        int y0 = y - r < 0 ? 0 : y - r, y1 = y + r + 1 > height ? height : y + r + 1;
        const uint32_t *top = integral + (size_t)y0 * iw, *bottom = integral + (size_t)y1 * iw;
        uint8_t *out = scratch->map + (size_t)y * width;
        const int rows = y1 - y0;
        /* Windows clipped by the left and right edges first, then the
         * interior where every window is whole (the hot loop). */
        int inner0 = r < width ? r : width,
            inner1 = width - r - 1 > inner0 ? width - r - 1 : inner0;
        for (int x = 0; x < width; x++) {
            if (x == inner0)
                x = inner1;
            if (x >= width)
                break;
            int x0 = x - r < 0 ? 0 : x - r, x1 = x + r + 1 > width ? width : x + r + 1;
            int32_t count = (x1 - x0) * rows;
            int32_t sum = (int32_t)(bottom[x1] - bottom[x0] - top[x1] + top[x0]);
            int32_t v = (int32_t)row[x] * count, margin = offset * count;
            out[x] = v < sum - margin ? PLATE_BLOB_DARK : v > sum + margin ? PLATE_BLOB_LIGHT : 0;
        }
        const int32_t count = (2 * r + 1) * rows, margin = offset * count;
        for (int x = inner0; x < inner1; x++) {
            int32_t sum =
                (int32_t)(bottom[x + r + 1] - bottom[x - r] - top[x + r + 1] + top[x - r]);
            int32_t v = (int32_t)row[x] * count;
            out[x] = (uint8_t)((v < sum - margin) | ((v > sum + margin) << 1));
        }
        /* Long horizontal runs are borders, frames and bumpers, never a
         * character: clearing them frees characters that touch them. */
        for (int x = 0; x < width;) {
            int end = x + 1;
            while (end < width && out[end] == out[x])
                end++;
            if (out[x] && end - x > max_run)
                for (int k = x; k < end; k++)
                    out[k] = 0;
            x = end;
        }
    }
    return 0;
}

int plate_find_blobs(plate_blob_scratch *scratch, int polarity, int min_height, int max_height,
                     plate_blob *out, int capacity) {
    const int width = scratch->width, height = scratch->height;
    if (width <= 0 || height <= 0)
        return 0;
    int32_t *labels = scratch->labels, *parent = scratch->parent;
    int32_t next = 1;
    parent[0] = 0;
    for (int y = 0; y < height; y++) {
        const uint8_t *map = scratch->map + (size_t)y * width;
        int32_t *lab = labels + (size_t)y * width;
        const int32_t *lab_above = y > 0 ? lab - width : NULL;
        for (int x = 0; x < width; x++) {
            if (map[x] != polarity) {
                lab[x] = 0;
                continue;
            }
            int32_t left = x > 0 ? lab[x - 1] : 0, up = lab_above ? lab_above[x] : 0;
            if (!left && !up) {
                parent[next] = next;
                lab[x] = next++;
            } else if (left && up) {
                int32_t a = find_root(parent, left), b = find_root(parent, up);
                if (a != b) {
                    if (a < b)
                        parent[b] = a;
                    else
                        parent[a] = b;
                }
                lab[x] = a < b ? a : b;
            } else {
                lab[x] = left ? left : up;
            }
        }
    }
    /* Second pass: statistics per root. */
    plate_blob *stats = scratch->stats;
    for (int32_t l = 1; l < next; l++) {
        parent[l] = find_root(parent, l);
        stats[l].area = 0;
    }
    for (int y = 0; y < height; y++) {
        const int32_t *lab = labels + (size_t)y * width;
        for (int x = 0; x < width; x++) {
            if (!lab[x])
                continue;
            plate_blob *b = &stats[parent[lab[x]]];
            if (b->area == 0) {
                b->x = b->width = x; /* width holds max x until the end */
                b->y = b->height = y;
            } else {
                if (x < b->x)
                    b->x = x;
                if (x > b->width)
                    b->width = x;
                if (y > b->height)
                    b->height = y;
            }
            b->area++;
        }
    }
    int count = 0;
    for (int32_t l = 1; l < next && count < capacity; l++) {
        if (parent[l] != l || stats[l].area == 0)
            continue;
        plate_blob b = stats[l];
        b.width = b.width - b.x + 1;
        b.height = b.height - b.y + 1;
        if (b.height < min_height || b.height > max_height)
            continue;
        out[count++] = b;
    }
    return count;
}
