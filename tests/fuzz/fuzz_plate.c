/*
 * Fuzz target: plate processing with random options and frames.
 *
 * The first bytes are the options (mode, countries, top_n, confidence,
 * width limits, analysis width, region of interest, video intervals), then
 * come up to FUZZ_MAX_FRAMES frames of any format up to FUZZ_MAX_DIMENSION
 * (ending at guard pages), each followed by a byte that chooses a flush,
 * a discontinuity, an overlay or result reads.
 *
 * Creating a handle loads Tesseract (tens of milliseconds), so handles are
 * kept in a small cache keyed by the option bytes: most mutations touch the
 * pixels and reuse a handle. A reused video handle gets a discontinuity on
 * its first frame, which ends its tracks, so that an input behaves the same
 * whatever ran before it (only frame indices and track ids keep counting).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_frames.h"
#include <vision/vision.h>

#define FUZZ_MAX_DIMENSION 400u
#define FUZZ_MAX_FRAMES 4
#define OPTION_BYTES 16
#define CACHE_SIZE 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int rc)
{
    if (rc > 0 || rc <= VISION_E_INTERNAL)
        abort(); /* an undocumented code, or a library bug by definition */
}

typedef struct cached {
    uint8_t key[OPTION_BYTES];
    vision_plate *plate;
    int valid; /* the options were refused: remember that too */
    int rc;
} cached;

static cached cache[CACHE_SIZE];
static unsigned cache_next;

static void options_from(vision_plate_options *o, const uint8_t *key)
{
    vision_plate_options_init(o);
    o->mode = key[0] & 1;
    o->countries = (key[0] >> 1) & 7;
    if (key[0] & 0x10)
        o->countries |= 0x10; /* an unknown country bit */
    o->top_n = (int8_t)key[1] % 12;
    o->min_confidence = (key[2] % 130) / 128.0;
    o->min_plate_width = key[3] & 0x80 ? (key[3] & 0x7f) * 4 : 0;
    o->max_plate_width = key[4] & 0x80 ? (key[4] & 0x7f) * 4 : 0;
    o->analysis_width = key[5] & 0x80 ? (key[5] & 0x7f) * 8 : 0;
    o->reread_interval = 1 + key[6] % 10;
    o->track_timeout = 1 + key[7] % 20;
    o->scan_interval = key[8] % 5; /* 0 is out of range */
    o->roi_point_count = key[9] & 0x80 ? key[9] % 20u : 0;
    for (uint32_t i = 0; i < o->roi_point_count && i < VISION_PLATE_ROI_MAX_POINTS; i++) {
        uint8_t b = key[10 + i % 6] + (uint8_t)(31 * i);
        o->roi[2 * i] = (b & 15) / 14.0;
        o->roi[2 * i + 1] = (b >> 4) / 14.0;
    }
}

static vision_plate *handle_for(const uint8_t *key, int *reused)
{
    for (int i = 0; i < CACHE_SIZE; i++)
        if (cache[i].valid && memcmp(cache[i].key, key, OPTION_BYTES) == 0) {
            *reused = 1;
            return cache[i].plate;
        }
    *reused = 0;
    vision_plate_options options;
    options_from(&options, key);
    vision_plate *plate = NULL;
    int rc = vision_plate_new(&plate, &options);
    check(rc);
    if ((rc == VISION_OK) != (plate != NULL))
        abort();
    cached *slot = &cache[cache_next++ % CACHE_SIZE];
    vision_plate_free(slot->plate);
    memcpy(slot->key, key, OPTION_BYTES);
    slot->plate = plate;
    slot->valid = 1;
    slot->rc = rc;
    return plate;
}

static void on_event(const vision_plate_event *event, void *user_data)
{
    vision_plate *plate = user_data;
    if (event->version != VISION_PLATE_EVENT_VERSION || event->type < 1 || event->type > 3 ||
        event->track_id < 1 || memchr(event->text, 0, sizeof event->text) == NULL ||
        event->candidate_count > VISION_PLATE_MAX_CANDIDATES)
        abort();
    if (vision_plate_process(plate, NULL) != VISION_E_REENTRANT ||
        vision_plate_flush(plate) != VISION_E_REENTRANT)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t key[OPTION_BYTES] = {0};
    memcpy(key, data, size < OPTION_BYTES ? size : OPTION_BYTES);
    fuzz_input in = {data + (size < OPTION_BYTES ? size : OPTION_BYTES),
                     size - (size < OPTION_BYTES ? size : OPTION_BYTES)};
    int reused = 0;
    vision_plate *plate = handle_for(key, &reused);
    if (!plate)
        return 0;
    check(vision_plate_set_callback(plate, on_event, plate));
    for (int n = 0; n < FUZZ_MAX_FRAMES && in.size; n++) {
        fuzz_frame f;
        if (fuzz_frame_make(&f, &in, FUZZ_MAX_DIMENSION) != 0) {
            fuzz_frame_release(&f);
            break;
        }
        uint8_t then = fuzz_u8(&in);
        if (n == 0 || (then & 1))
            f.frame.flags |= VISION_FRAME_FLAG_DISCONTINUITY;
        int rc = vision_plate_process(plate, &f.frame);
        check(rc);
        uint32_t count = vision_plate_result_count(plate);
        if (rc != VISION_OK && count != 0)
            abort(); /* a failed frame yields no results */
        if (count > 32)
            abort();
        for (uint32_t i = 0; i <= count; i++) {
            vision_plate_result result = VISION_PLATE_RESULT_INIT;
            rc = vision_plate_get_result(&result, plate, i);
            check(rc);
            if (rc == VISION_OK &&
                (memchr(result.text, 0, sizeof result.text) == NULL ||
                 result.candidate_count < 1 || result.candidate_count > VISION_PLATE_MAX_CANDIDATES ||
                 !(result.confidence >= 0 && result.confidence <= 1)))
                abort();
        }
        if (then & 2)
            check(vision_plate_draw(plate, &f.frame));
        if (then & 4)
            check(vision_plate_flush(plate));
        fuzz_frame_release(&f);
    }
    check(vision_plate_flush(plate));
    check(vision_plate_set_callback(plate, NULL, NULL));
    (void)reused;
    return 0;
}
