/*
 * Soak: many small frames through one crowd handle and one plate handle,
 * with the resident memory sampled from /proc/self/statm. After a warm-up
 * (the first tenth of the frames) it must stay flat: no sample more than
 * 1 MiB above the one taken when the warm-up ended. Prints a Markdown table;
 * exits 1 when memory grew (only judged without sanitizers, whose
 * quarantines grow by design).
 *
 * Along the way the crowd handle sees regions added, reshaped, reconfigured
 * and removed, overlays, discontinuities, a change of frame size and bad
 * frames; the plate handle (video mode) sees a plate drive through, tracks
 * start and end, overlays, flushes and bad frames.
 *
 *   bench_soak [--frames N] [--plate-frames N]
 *       N crowd frames (default 1000000) and plate frames (default N / 10).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define UNDER_SANITIZER 1
#endif
#endif
#ifndef UNDER_SANITIZER
#define UNDER_SANITIZER 0
#endif

#define LIMIT_BYTES (1024 * 1024)
#define SAMPLES 200

static long resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, resident = 0;
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = -1;
    fclose(f);
    return resident < 0 ? -1 : resident * sysconf(_SC_PAGESIZE);
}

/* CPU time of the process: the machine may be shared. */
static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct soak {
    const char *name;
    const char *size;
    long frames;
    long warm_rss, max_rss, min_rss, final_rss;
    double seconds;
    long events;
    int failed;
} soak;

/* Sample memory at `i` of `frames` when it is time to. */
static void sample(soak *s, long i)
{
    long step = s->frames / SAMPLES > 0 ? s->frames / SAMPLES : 1;
    long warm_end = s->frames / 10;
    if (i != warm_end && i % step != 0 && i != s->frames - 1)
        return;
    long rss = resident_bytes();
    if (i == warm_end)
        s->warm_rss = s->max_rss = s->min_rss = rss;
    if (i >= warm_end) {
        s->max_rss = rss > s->max_rss ? rss : s->max_rss;
        s->min_rss = rss < s->min_rss ? rss : s->min_rss;
        s->final_rss = rss;
    }
}

/* ---- crowd --------------------------------------------------------------- */

#define CW 80
#define CH 60

static void on_crowd_event(const vision_crowd_event *e, void *user_data)
{
    (void)e;
    (*(long *)user_data)++;
}

static void crowd_picture(uint8_t *gray, int w, int h, long index)
{
    int bx = (int)(index % 60), by = (int)(index / 60 % 20);
    int present = (index / 200) % 3 != 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            int inside = present && x >= bx && x < bx + w / 3 && y >= by && y < by + h / 2;
            gray[y * w + x] = inside ? (uint8_t)(180 + ((x - bx) * 7 + y * 5) % 50)
                                     : (uint8_t)(60 + (x * 37 + y * 11) % 23);
        }
}

static void soak_crowd(soak *s)
{
    static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    static const vision_crowd_point tri[3] = {{0.1, 0.1}, {0.9, 0.2}, {0.4, 0.9}};
    /* Self-crossing. */
    static const vision_crowd_point bow[4] = {{0, 0}, {1, 1}, {1, 0}, {0, 0.6}};
    vision_crowd_options o = VISION_CROWD_OPTIONS_INIT;
    o.warmup_frames = 3;
    vision_crowd_region_config c = VISION_CROWD_REGION_CONFIG_INIT;
    c.occupancy_num_frames_to_event = 1;
    c.send_optical_flow_event = 1;
    vision_crowd *crowd = NULL;
    if (vision_crowd_new(&crowd, &o) != VISION_OK ||
        vision_crowd_add_region(crowd, "all", whole, 4, &c) != VISION_OK ||
        vision_crowd_add_region(crowd, "tri", tri, 3, &c) != VISION_OK ||
        vision_crowd_set_callback(crowd, on_crowd_event, &s->events) != VISION_OK) {
        s->failed = 1;
        vision_crowd_free(crowd);
        return;
    }
    static uint8_t gray[CW * CH], small[CW / 2 * CH / 2], bgr[CW * CH * 3];
    vision_frame frame = VISION_FRAME_INIT, overlay = VISION_FRAME_INIT;
    vision_frame_wrap(&overlay, VISION_PIXEL_FORMAT_BGR, CW, CH, bgr, sizeof bgr);
    double start = now_s();
    for (long i = 0; i < s->frames; i++) {
        int shrink = (i / 5000) % 7 == 6; /* now and then, a different size */
        if (shrink) {
            crowd_picture(small, CW / 2, CH / 2, i);
            vision_frame_wrap(&frame, VISION_PIXEL_FORMAT_GRAY8, CW / 2, CH / 2, small,
                              sizeof small);
        } else {
            crowd_picture(gray, CW, CH, i);
            vision_frame_wrap(&frame, VISION_PIXEL_FORMAT_GRAY8, CW, CH, gray, sizeof gray);
        }
        frame.pts_ns = i * 40000000LL;
        frame.flags = i % 10007 == 0 ? VISION_FRAME_FLAG_DISCONTINUITY : 0;
        if (vision_crowd_process(crowd, &frame) != VISION_OK)
            s->failed = 1;
        if (i % 1000 == 500) {
            if (vision_crowd_add_region(crowd, "bow", bow, 4, NULL) != VISION_OK ||
                vision_crowd_update_region(crowd, "tri", i % 2000 == 500 ? bow : tri, 3, &c) !=
                    VISION_OK ||
                vision_crowd_draw(crowd, &overlay) != VISION_OK)
                s->failed = 1;
            vision_frame bad = frame;
            bad.planes[0] = NULL;
            if (vision_crowd_process(crowd, &bad) != VISION_E_FRAME_PLANE)
                s->failed = 1;
        }
        if (i % 1000 == 900 && vision_crowd_remove_region(crowd, "bow") != VISION_OK)
            s->failed = 1;
        sample(s, i);
    }
    s->seconds = now_s() - start;
    vision_crowd_free(crowd);
}

/* ---- plate --------------------------------------------------------------- */

#define PW 240
#define PH 136
#define PLATE_CYCLE 24

static void on_plate_event(const vision_plate_event *e, void *user_data)
{
    (void)e;
    (*(long *)user_data)++;
}

static void soak_plate(soak *s)
{
    /* A plate crossing the view in the first 16 frames of each cycle, an
     * empty road in the rest. */
    static test_frame frames[PLATE_CYCLE];
    uint8_t *bgr = malloc((size_t)PW * PH * 3);
    int fonts = synth_fonts_available() == 0;
    for (int i = 0; i < PLATE_CYCLE && bgr; i++) {
        synth_background(bgr, PW, PH, PW * 3, 0, 5);
        if (fonts && i < 16) {
            synth_plate p = {SYNTH_EU, "BA 123 CD", 70.0 + 6 * i, 70, 110, 0, 0, 1, 3};
            synth_draw_plate(bgr, PW, PH, PW * 3, &p, NULL);
        }
        if (test_frame_from_bgr(&frames[i], VISION_PIXEL_FORMAT_I420, bgr, PW * 3, PW, PH) != 0)
            s->failed = 1;
    }
    free(bgr);
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.mode = VISION_PLATE_MODE_VIDEO;
    vision_plate *plate = NULL;
    if (s->failed || vision_plate_new(&plate, &o) != VISION_OK ||
        vision_plate_set_callback(plate, on_plate_event, &s->events) != VISION_OK) {
        fprintf(stderr, "bench_soak: no plate handle: %s\n", vision_last_error());
        s->failed = 1;
        vision_plate_free(plate);
        return;
    }
    double start = now_s();
    for (long i = 0; i < s->frames; i++) {
        test_frame *t = &frames[i % PLATE_CYCLE];
        t->frame.pts_ns = i * 40000000LL;
        t->frame.flags = i % 997 == 0 ? VISION_FRAME_FLAG_DISCONTINUITY : 0;
        if (vision_plate_process(plate, &t->frame) != VISION_OK)
            s->failed = 1;
        if (i % 500 == 250) {
            vision_frame bad = t->frame;
            bad.strides[0] = 0;
            if (vision_plate_process(plate, &bad) != VISION_E_FRAME_STRIDE)
                s->failed = 1;
            vision_plate_flush(plate);
        }
        sample(s, i);
    }
    s->seconds = now_s() - start;
    vision_plate_free(plate);
    for (int i = 0; i < PLATE_CYCLE; i++)
        test_frame_release(&frames[i]);
}

int main(int argc, char **argv)
{
    long crowd_frames = 1000000, plate_frames = -1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            crowd_frames = atol(argv[++i]);
        else if (strcmp(argv[i], "--plate-frames") == 0 && i + 1 < argc)
            plate_frames = atol(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_soak [--frames N] [--plate-frames N]\n");
            return 2;
        }
    }
    if (plate_frames < 0)
        plate_frames = crowd_frames / 10;
    if (crowd_frames < 10 || plate_frames < 10) {
        fprintf(stderr, "bench_soak: at least 10 frames each\n");
        return 2;
    }
    soak runs[2] = {{"crowd", "80x60 GRAY8", crowd_frames, 0, 0, 0, 0, 0, 0, 0},
                    {"plate (video)", "240x136 I420", plate_frames, 0, 0, 0, 0, 0, 0, 0}};
    soak_crowd(&runs[0]);
    soak_plate(&runs[1]);

    printf("| handle | frames | frame | CPU us/frame | events | RSS after warm-up (KiB) | "
           "min..max after (KiB) | final (KiB) | growth (KiB) | flat within 1 MiB |\n");
    printf("|---|---:|---|---:|---:|---:|---|---:|---:|---|\n");
    int status = 0;
    for (int i = 0; i < 2; i++) {
        soak *s = &runs[i];
        long growth = s->max_rss - s->warm_rss;
        const char *verdict = s->failed               ? "FAILED (a call failed)"
                              : UNDER_SANITIZER       ? "not judged (sanitizer)"
                              : growth <= LIMIT_BYTES ? "yes"
                                                      : "NO";
        if (s->failed || (!UNDER_SANITIZER && growth > LIMIT_BYTES))
            status = 1;
        printf("| %s | %ld | %s | %.1f | %ld | %ld | %ld..%ld | %ld | %+ld | %s |\n", s->name,
               s->frames, s->size, s->seconds * 1e6 / (double)s->frames, s->events,
               s->warm_rss / 1024, s->min_rss / 1024, s->max_rss / 1024, s->final_rss / 1024,
               growth / 1024, verdict);
    }
    return status;
}
