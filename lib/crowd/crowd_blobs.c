/*
 * Foreground blobs: which person a block of motion belongs to.
 *
 * A region's direction is the motion of the people in it, and a person is
 * in a region when the centre of its box is (as a person counts for one
 * place, not for every region its legs or head reach into). The foreground
 * is cut into 8-connected blobs (runs of a row joined with the runs that
 * touch them in the row above, union-find); every matched block is given to
 * the blob that covers most of it, and a region takes the blocks of the
 * blobs whose bounding-box centre is inside it, wherever the block lies.
 * Blobs too large to be a few people (a dense crowd merged into one) are
 * not treated as one thing: their blocks count where they lie.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "crowd_internal.h"

#include <string.h>

#include "core/alloc.h"

void crowd_blobs_release(crowd_blobs *blobs)
{
    vis_free(blobs->runs);
    vis_free(blobs->row_first);
    vis_free(blobs->parent);
    vis_free(blobs->boxes);
    vis_free(blobs->block_blob);
    vis_free(blobs->inside);
    vis_free(blobs->blob_of);
    vis_free(blobs->owned);
    memset(blobs, 0, sizeof *blobs);
}

int crowd_blobs_resize(crowd_blobs *blobs, int width, int height, size_t block_count)
{
    crowd_blobs grown = {0};
    /* A cleaned mask (3x3 majority) seldom has more runs than this; beyond
     * it the frame is noise and blocks count where they lie. */
    grown.run_capacity = (size_t)width * (size_t)height / 8 + 16;
    grown.runs = vis_malloc(grown.run_capacity * sizeof *grown.runs);
    grown.row_first = vis_malloc(((size_t)height + 1) * sizeof *grown.row_first);
    grown.parent = vis_malloc(grown.run_capacity * sizeof *grown.parent);
    grown.boxes = vis_malloc(grown.run_capacity * sizeof *grown.boxes);
    grown.block_blob = vis_calloc(block_count ? block_count : 1, sizeof *grown.block_blob);
    grown.inside = vis_malloc(grown.run_capacity);
    grown.blob_of = vis_malloc(grown.run_capacity * sizeof *grown.blob_of);
    grown.owned = vis_malloc((block_count ? block_count : 1) * sizeof *grown.owned);
    if (!grown.owned || !grown.blob_of || !grown.runs || !grown.row_first || !grown.parent ||
        !grown.boxes || !grown.block_blob || !grown.inside) {
        crowd_blobs_release(&grown);
        return VISION_E_NO_MEMORY;
    }
    crowd_blobs_release(blobs);
    *blobs = grown;
    return VISION_OK;
}

static uint32_t find_root(uint32_t *parent, uint32_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static void join(uint32_t *parent, uint32_t a, uint32_t b)
{
    a = find_root(parent, a);
    b = find_root(parent, b);
    if (a < b)
        parent[b] = a;
    else if (b < a)
        parent[a] = b;
}

/* Label the foreground; returns 0 when it has too many runs to label. */
static int label(crowd_model *model)
{
    crowd_blobs *b = &model->blobs;
    const int width = model->width, height = model->height;
    size_t count = 0;
    uint32_t previous_first = 0;
    for (int y = 0; y < height; y++) {
        const uint8_t *fg = model->foreground + (size_t)y * width;
        b->row_first[y] = (uint32_t)count;
        uint32_t above = previous_first, above_end = (uint32_t)count;
        int x = 0;
        while (x < width) {
            uint64_t eight;
            if (x + 8 <= width && (memcpy(&eight, fg + x, 8), eight == 0)) {
                x += 8;
                continue;
            }
            if (!fg[x]) {
                x++;
                continue;
            }
            int x0 = x;
            while (x < width && fg[x])
                x++;
            if (count == b->run_capacity)
                return 0;
            uint32_t id = (uint32_t)count++;
            b->runs[id] = (crowd_run){(int16_t)y, (int16_t)x0, (int16_t)x};
            b->parent[id] = id;
            /* 8-connected: runs above that reach [x0 - 1, x]. */
            while (above < above_end && b->runs[above].x1 < x0)
                above++;
            for (uint32_t a = above; a < above_end && b->runs[a].x0 <= x; a++)
                join(b->parent, id, a);
        }
        previous_first = b->row_first[y];
    }
    b->row_first[height] = (uint32_t)count;
    b->run_count = count;
    /* Joins keep the smaller index as root, so a root comes first in its
     * blob: one pass in order numbers the blobs and gathers their boxes. */
    uint32_t blobs = 0;
    for (uint32_t i = 0; i < count; i++) {
        const crowd_run *r = &b->runs[i];
        uint32_t root = find_root(b->parent, i);
        b->parent[i] = root; /* fully compressed: later runs stop here */
        if (root == i) {
            b->blob_of[i] = blobs;
            b->boxes[blobs++] = (crowd_blob_box){r->x0, r->y, (int16_t)(r->x1 - 1), r->y,
                                                 (uint32_t)(r->x1 - r->x0)};
            continue;
        }
        uint32_t blob = b->blob_of[root];
        b->blob_of[i] = blob;
        crowd_blob_box *box = &b->boxes[blob];
        if (r->x0 < box->x0)
            box->x0 = r->x0;
        if (r->x1 - 1 > box->x1)
            box->x1 = (int16_t)(r->x1 - 1);
        box->y1 = r->y;
        box->pixels += (uint32_t)(r->x1 - r->x0);
    }
    b->blob_count = blobs;
    return 1;
}

/* The blob covering most of the 8x8 block at (x0, y0), or -1 for none. */
static int32_t block_owner(const crowd_model *model, int x0, int y0)
{
    const crowd_blobs *b = &model->blobs;
    enum { SLOTS = 8 };
    uint32_t id[SLOTS], covered[SLOTS];
    int used = 0;
    for (int y = y0; y < y0 + CROWD_BLOCK; y++) {
        for (uint32_t i = b->row_first[y]; i < b->row_first[y + 1]; i++) {
            const crowd_run *r = &b->runs[i];
            if (r->x1 <= x0)
                continue;
            if (r->x0 >= x0 + CROWD_BLOCK)
                break;
            int a = r->x0 > x0 ? r->x0 : x0,
                e = r->x1 < x0 + CROWD_BLOCK ? r->x1 : x0 + CROWD_BLOCK;
            uint32_t blob = b->blob_of[i];
            int k = 0;
            while (k < used && id[k] != blob)
                k++;
            if (k == used) {
                if (used == SLOTS)
                    continue;
                id[used] = blob;
                covered[used++] = 0;
            }
            covered[k] += (uint32_t)(e - a);
        }
    }
    int32_t best = -1;
    uint32_t most = 0;
    for (int k = 0; k < used; k++)
        if (covered[k] > most) {
            most = covered[k];
            best = (int32_t)id[k];
        }
    return best;
}

void crowd_blobs_update(crowd_model *model)
{
    crowd_blobs *b = &model->blobs;
    size_t blocks = (size_t)model->blocks_x * (size_t)model->blocks_y;
    b->valid = label(model);
    b->owned_count = 0;
    for (size_t index = 0; index < blocks; index++) {
        b->block_blob[index] = -1;
        if (!b->valid || !model->block_weight[index])
            continue;
        int bx = (int)(index % (size_t)model->blocks_x),
            by = (int)(index / (size_t)model->blocks_x);
        int32_t owner = block_owner(model, bx * CROWD_BLOCK_STEP, by * CROWD_BLOCK_STEP);
        if (owner < 0)
            continue;
        const crowd_blob_box *box = &b->boxes[owner];
        /* A blob larger than a sixteenth of the picture is a crowd, not a
         * person: its blocks count where they lie. */
        double area = (double)(box->x1 - box->x0 + 1) * (double)(box->y1 - box->y0 + 1);
        if (area * 16 > (double)model->width * model->height)
            continue;
        b->block_blob[index] = owner;
        b->owned[b->owned_count++] = (uint32_t)index;
    }
}
