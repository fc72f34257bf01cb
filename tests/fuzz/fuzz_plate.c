/*
 * Fuzz target: plate processing with random options and frames.
 *
 * The first bytes are the options (mode, countries, top_n, confidence,
 * width limits, analysis width, region of interest, video intervals), then
 * come up to FUZZ_MAX_FRAMES frames of any format up to FUZZ_MAX_DIMENSION
 * (ending at guard pages), each followed by a byte that chooses a flush,
 * a discontinuity, an overlay or result reads.
 *
 * Creating a handle loads Tesseract (tens of milliseconds, more under
 * ASan), so the low 3 bits of the first byte pick one of 8 handles, created
 * once, whose options are the first 16 bytes of a fixed table of option
 * sets (still and video, search scaled or not, width limits, a region of
 * interest, one or ten candidates, confidence 0 or 1, scan every frame or
 * every third). The 16 option bytes of the input are also turned into
 * options and checked by vision_plate_new() with a missing OCR directory,
 * which stops before loading anything. A reused video handle gets a
 * discontinuity on its first frame, which ends its tracks, so that an
 * input behaves the same whatever ran before it (only frame indices and
 * track ids keep counting).
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

static vision_plate *handles[8];
static int handle_tried[8];

/* The fixed option sets of the 8 handles, in the input's 16-byte form. */
static const uint8_t presets[8][OPTION_BYTES] = {
    {0x0E, 5, 64, 0, 0, 0, 7, 11, 3, 0, 0, 0, 0, 0, 0, 0},          /* still, defaults */
    {0x0F, 5, 64, 0, 0, 0, 0, 11, 1, 0, 0, 0, 0, 0, 0, 0},          /* video, scan and read every frame */
    {0x0E, 10, 0, 0x8A, 0xC0, 0x94, 7, 11, 3, 0, 0, 0, 0, 0, 0, 0}, /* still, widths, scaled search */
    {0x0F, 1, 128, 0, 0, 0x88, 2, 2, 3, 0x84, 0x10, 0x37, 0xE1, 0x5A, 0, 0}, /* video, roi */
    {0x04, 3, 32, 0x90, 0, 0, 7, 11, 3, 0, 0, 0, 0, 0, 0, 0},       /* still, EU only */
    {0x03, 5, 0, 0, 0, 0x90, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0},         /* video, US, short timeout */
    {0x08, 5, 64, 0, 0, 0, 7, 11, 3, 0x85, 0x21, 0x43, 0x65, 0x87, 0xA9, 0}, /* still, BR, roi */
    {0x0F, 10, 0, 0, 0, 0x80 | 40, 5, 19, 4, 0, 0, 0, 0, 0, 0, 0},  /* video, scaled, all kept */
};

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
        o->roi[2 * i] = (b & 15) % 15 / 14.0;
        o->roi[2 * i + 1] = (b >> 4) % 15 / 14.0;
    }
}

static void free_handles(void)
{
    for (int i = 0; i < 8; i++) {
        vision_plate_free(handles[i]);
        handles[i] = NULL;
    }
}

static vision_plate *handle_for(uint8_t which)
{
    static int registered;
    which &= 7;
    if (!handle_tried[which]) {
        handle_tried[which] = 1;
        vision_plate_options options;
        options_from(&options, presets[which]);
        int rc = vision_plate_new(&handles[which], &options);
        check(rc);
        if (rc != VISION_OK) /* the presets are valid */
            abort();
        /* Registered once Tesseract's statics exist, so that it runs
         * before their destructors. */
        if (!registered)
            registered = atexit(free_handles) == 0;
    }
    return handles[which];
}

/* Options from the input, checked without loading anything. */
static void check_options(const uint8_t *key)
{
    vision_plate_options options;
    options_from(&options, key);
    options.ocr_data_path = "/nonexistent/fuzz-tessdata";
    vision_plate *plate = NULL;
    int rc = vision_plate_new(&plate, &options);
    if (plate || (rc != VISION_E_OPTION && rc != VISION_E_REGION && rc != VISION_E_OCR_DATA))
        abort();
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
    check_options(key);
    vision_plate *plate = handle_for(key[0]);
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
        if (getenv("FUZZ_PLATE_VERBOSE")) /* to see what seeds reach */
            fprintf(stderr, "handle %d frame %d: rc %d, %u plates\n", key[0] & 7, n, rc, count);
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
    return 0;
}
