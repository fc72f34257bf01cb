/*
 * What video mode costs per 1280x720 frame, on one thread: frames with no
 * plate in view, and frames with two plates in view whose tracks are
 * already read (the steady state of a traffic camera).
 *
 *   bench_plate_video [--frames N] [--analysis-width W] [--scan-interval N] [--format NAME]
 *
 * The frames are synthetic (tests/plate/plate_synth.cpp), rendered before
 * the clock starts and handed over as I420 (the usual decoder output;
 * --format picks another). The time is that of vision_plate_process() alone.
 * "No plate": a road with two cars without plates driving across, and a
 * busy background (shapes, stripes, poles) drifting sideways, both with
 * sensor noise. "Two plates, read": two cars with plates crossing the frame, timed
 * only once both tracks have been announced (NEW), so the figure is the
 * cost of following tracks that are re-read only now and then; the frames
 * before are shown as "two plates, until read".
 *
 * Needs no data folder. Sets OPENCV_FOR_THREADS_NUM=1 and OMP_THREAD_LIMIT=1
 * and re-executes itself so both are in place before OpenCV and OpenMP load.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"

#define W 1280
#define H 720
#define BIG_W 1800

typedef struct counter {
    int news, updates, ends;
} counter;

static void on_event(const vision_plate_event *e, void *user_data)
{
    counter *c = user_data;
    c->news += e->type == VISION_PLATE_EVENT_NEW;
    c->updates += e->type == VISION_PLATE_EVENT_UPDATE;
    c->ends += e->type == VISION_PLATE_EVENT_END;
}

static double clock_ms(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* CPU time of the thread, shown beside wall time: it does not grow when
 * other programs share the cores. */
static double cpu_used;

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void print_row(const char *name, double *ms, double *cpu, int n, const counter *c)
{
    if (n <= 0) {
        printf("| %s | 0 | - | - | - | - | - | - | %d / %d / %d |\n", name, c->news, c->updates,
               c->ends);
        return;
    }
    double sum = 0, cpu_sum = 0;
    for (int i = 0; i < n; i++) {
        sum += ms[i];
        cpu_sum += cpu[i];
    }
    qsort(ms, (size_t)n, sizeof *ms, compare_double);
    qsort(cpu, (size_t)n, sizeof *cpu, compare_double);
    int p90 = (int)(0.9 * n + 0.999999) - 1;
    p90 = p90 < 0 ? 0 : p90;
    printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d / %d / %d |\n", name, n,
           sum / n, ms[n / 2], ms[p90], ms[n - 1], cpu_sum / n, cpu[p90], c->news, c->updates,
           c->ends);
}

static int scan_interval = 3;

static vision_plate *make_handle(int analysis_width, counter *c)
{
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.mode = VISION_PLATE_MODE_VIDEO;
    o.analysis_width = analysis_width;
    o.scan_interval = scan_interval;
    vision_plate *h = NULL;
    if (vision_plate_new(&h, &o) != VISION_OK) {
        fprintf(stderr, "bench_plate_video: %s\n", vision_last_error());
        exit(1);
    }
    memset(c, 0, sizeof *c);
    vision_plate_set_callback(h, on_event, c);
    return h;
}

static double timed_process(vision_plate *h, const uint8_t *bgr, uint32_t format, int64_t index)
{
    test_frame t;
    if (test_frame_from_bgr(&t, format, bgr, W * 3, W, H) != 0) {
        fprintf(stderr, "bench_plate_video: out of memory\n");
        exit(1);
    }
    t.frame.pts_ns = index * 40000000;
    double t0 = clock_ms(CLOCK_MONOTONIC), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
    int rc = vision_plate_process(h, &t.frame);
    double t1 = clock_ms(CLOCK_MONOTONIC);
    cpu_used = clock_ms(CLOCK_THREAD_CPUTIME_ID) - c0;
    test_frame_release(&t);
    if (rc != VISION_OK) {
        fprintf(stderr, "bench_plate_video: %s\n", vision_plate_last_error(h));
        exit(1);
    }
    return t1 - t0;
}

int main(int argc, char **argv)
{
    if (!getenv("VISION_BENCH_REEXEC")) {
        setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
        setenv("OMP_THREAD_LIMIT", "1", 1);
        setenv("VISION_BENCH_REEXEC", "1", 1);
        execv("/proc/self/exe", argv);
    }
    int frames = 150, analysis_width = 0;
    uint32_t format = VISION_PIXEL_FORMAT_I420;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = atoi(argv[++i]);
        else if (strcmp(argv[i], "--analysis-width") == 0 && i + 1 < argc)
            analysis_width = atoi(argv[++i]);
        else if (strcmp(argv[i], "--scan-interval") == 0 && i + 1 < argc)
            scan_interval = atoi(argv[++i]);
        else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
            format = vision_pixel_format_from_name(argv[++i]);
        else {
            fprintf(stderr, "usage: bench_plate_video [--frames N] [--analysis-width W] "
                            "[--scan-interval N] [--format NAME]\n");
            return 2;
        }
    }
    if (frames < 10 || format == VISION_PIXEL_FORMAT_UNKNOWN) {
        fprintf(stderr, "bench_plate_video: bad --frames or --format\n");
        return 2;
    }
    if (synth_fonts_available() != 0) {
        printf("bench_plate_video: fonts-opendin / fonts-roboto-unhinted / fonts-dejavu-core "
               "missing; skipped.\n");
        return 0;
    }
    uint8_t *street = malloc((size_t)BIG_W * H * 3), *bgr = malloc((size_t)W * H * 3);
    double *ms = malloc(sizeof(double) * (size_t)frames);
    double *warm = malloc(sizeof(double) * (size_t)frames);
    double *cpu = malloc(sizeof(double) * (size_t)frames);
    double *warm_cpu = malloc(sizeof(double) * (size_t)frames);
    if (!street || !bgr || !ms || !warm || !cpu || !warm_cpu)
        return 1;

    printf("## Plates: video mode cost per %dx%d %s frame (one thread)\n\n", W, H,
           vision_pixel_format_name(format));
    printf("Video mode, default options but analysis_width %d, scan_interval %d (reread_interval "
           "8, track_timeout 12). Wall and thread CPU time of vision_plate_process().\n\n",
           analysis_width, scan_interval);
    printf("| scenario | frames timed | mean ms | median ms | p90 ms | max ms | mean CPU ms | "
           "p90 CPU ms | NEW / UPDATE / END |\n");
    printf("|---|---|---|---|---|---|---|---|---|\n");

    /* No plate, empty road: cars without plates drive across. */
    counter c;
    vision_plate *h = make_handle(analysis_width, &c);
    synth_background(street, W, H, W * 3, 0, 11);
    for (int f = 0; f < frames; f++) {
        memcpy(bgr, street, (size_t)W * H * 3);
        double t = (double)f / frames;
        synth_plate a = {SYNTH_EU, NULL, 250 + 700 * t, 300, 190, 0, 0, 1, 5};
        synth_plate b = {SYNTH_US, NULL, 1050 - 700 * t, 560, 170, 0, 0, 1, 6};
        synth_draw_plate(bgr, W, H, W * 3, &a, NULL);
        synth_draw_plate(bgr, W, H, W * 3, &b, NULL);
        synth_degrade(bgr, W, H, W * 3, 0, 3, 0, (uint32_t)f + 1);
        ms[f] = timed_process(h, bgr, format, f);
        cpu[f] = cpu_used;
    }
    vision_plate_flush(h);
    print_row("no plate: road, two cars without plates", ms, cpu, frames, &c);
    vision_plate_free(h);

    /* No plate, clutter: a busy street (shapes, stripes, poles) drifting 2 px
     * per frame, with sensor noise. */
    synth_background(street, BIG_W, H, BIG_W * 3, 1, 2026);
    h = make_handle(analysis_width, &c);
    for (int f = 0; f < frames; f++) {
        int shift = (f * 2) % (BIG_W - W);
        for (int y = 0; y < H; y++)
            memcpy(bgr + (size_t)y * W * 3, street + ((size_t)y * BIG_W + shift) * 3,
                   (size_t)W * 3);
        synth_degrade(bgr, W, H, W * 3, 0, 3, 0, (uint32_t)f + 1);
        ms[f] = timed_process(h, bgr, format, f);
        cpu[f] = cpu_used;
    }
    vision_plate_flush(h);
    print_row("no plate: busy clutter drifting", ms, cpu, frames, &c);
    vision_plate_free(h);

    /* Two plates crossing. */
    h = make_handle(analysis_width, &c);
    synth_background(street, W, H, W * 3, 0, 7);
    int timed = 0, warming = 0;
    for (int f = 0; f < frames; f++) {
        memcpy(bgr, street, (size_t)W * H * 3);
        double t = (double)f / frames;
        synth_plate a = {SYNTH_EU, "BA 482KT", 250 + 700 * t, 260, 190, 0, 0, 1, 1};
        synth_plate b = {SYNTH_US, "7KDM249", 1050 - 700 * t, 560, 170, 0, 0, 1, 2};
        synth_draw_plate(bgr, W, H, W * 3, &a, NULL);
        synth_draw_plate(bgr, W, H, W * 3, &b, NULL);
        synth_degrade(bgr, W, H, W * 3, 0, 3, 0, (uint32_t)f + 1);
        int both_read = c.news >= 2;
        double m = timed_process(h, bgr, format, f);
        if (both_read) {
            cpu[timed] = cpu_used;
            ms[timed++] = m;
        } else {
            warm_cpu[warming] = cpu_used;
            warm[warming++] = m;
        }
    }
    vision_plate_flush(h);
    counter shown = c;
    print_row("two plates, until both read", warm, warm_cpu, warming, &shown);
    print_row("two plates in view, tracks read", ms, cpu, timed, &shown);
    vision_plate_free(h);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\nPeak memory (resident set of the benchmark process): %.1f MB\n",
           ru.ru_maxrss / 1024.0);
    free(street);
    free(bgr);
    free(ms);
    free(warm);
    free(cpu);
    free(warm_cpu);
    return 0;
}
