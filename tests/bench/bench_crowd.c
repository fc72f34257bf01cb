/*
 * Crowd speed and memory benchmark. Prints Markdown tables.
 *
 * Synthetic scenes (textured blobs moving over a textured background, see
 * tests/crowd/crowd_scene.h) at 1920x1080 and 640x480 I420, four regions
 * with direction events on, one thread. In the same run it times what a user
 * would write instead with OpenCV: MOG2 on gray plus DIS optical flow
 * (ultrafast preset) at 640x480. The scenes are generated, so no data folder
 * is needed; an argument is accepted and ignored for symmetry with the other
 * benchmarks.
 *
 * Usage: bench_crowd [--frames N]
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vision/vision.h>

#include "../crowd/crowd_scene.h"
#include "bench_cv_baseline.h"
#include "core/image.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct stats {
    double median, p90, mean;
} stats;

static stats summarise(double *ms, int n)
{
    stats s = {0, 0, 0};
    if (n <= 0)
        return s;
    for (int i = 0; i < n; i++)
        s.mean += ms[i] / n;
    qsort(ms, (size_t)n, sizeof *ms, compare);
    s.median = ms[n / 2];
    s.p90 = ms[(int)(n * 0.9)];
    return s;
}

static void add_blobs(scene *s)
{
    /* A dozen people-sized blobs walking mostly left to right, some the
     * other way, at 0.5 .. 2 px per frame of a 320-wide image. */
    for (int i = 0; i < 12; i++) {
        scene_blob *b = &s->blobs[s->blob_count++];
        b->w = 0.04 + 0.01 * (i % 3);
        b->h = 0.12 + 0.02 * (i % 4);
        b->x = 0.05 + 0.07 * i;
        b->y = 0.1 + 0.06 * (i % 12);
        b->vx = (i % 4 == 3 ? -1 : 1) * (0.5 + 0.125 * i);
        b->vy = 0.2 * ((i % 5) - 2);
        b->seed = 100 + (uint32_t)i;
        b->ellipse = 1;
    }
}

typedef struct run {
    stats process, downscale, baseline;
    size_t memory;
    int frames;
} run;

static int add_regions(vision_crowd *crowd)
{
    static const char *ids[4] = {"top_left", "top_right", "bottom_left", "bottom_right"};
    vision_crowd_region_config config;
    vision_crowd_region_config_init(&config);
    config.send_optical_flow_event = 1;
    for (int i = 0; i < 4; i++) {
        double x0 = (i % 2) * 0.5, y0 = (i / 2) * 0.5;
        vision_crowd_point quad[4] = {
            {x0, y0}, {x0 + 0.5, y0}, {x0 + 0.5, y0 + 0.5}, {x0, y0 + 0.5}};
        int rc = vision_crowd_add_region(crowd, ids[i], quad, 4, &config);
        if (rc != VISION_OK)
            return rc;
    }
    return VISION_OK;
}

static void count_event(const vision_crowd_event *event, void *user_data)
{
    (void)event;
    (*(long *)user_data)++;
}

/* Time the crowd handle (and optionally the baseline) on `frames` frames of
 * a width x height I420 scene; the first `skip` frames are not timed. */
static int time_size(run *out, int width, int height, int frames, int with_baseline)
{
    const int skip = 20;
    scene s;
    if (scene_init(&s, width, height, 7) != 0)
        return -1;
    add_blobs(&s);
    uint64_t size;
    vision_pixel_format_buffer_size(&size, VISION_PIXEL_FORMAT_I420, (uint32_t)width,
                                    (uint32_t)height);
    uint8_t *gray = malloc((size_t)width * height);
    uint8_t *buffer = malloc(size);
    double *process_ms = calloc((size_t)frames, sizeof(double));
    double *downscale_ms = calloc((size_t)frames, sizeof(double));
    double *baseline_ms = calloc((size_t)frames, sizeof(double));
    if (!gray || !buffer || !process_ms || !downscale_ms || !baseline_ms)
        return -1;

    struct mallinfo2 before = mallinfo2();
    vision_crowd *crowd = NULL;
    if (vision_crowd_new(&crowd, NULL) != VISION_OK || add_regions(crowd) != VISION_OK)
        return -1;
    long events = 0;
    vision_crowd_set_callback(crowd, count_event, &events);
    bench_baseline *baseline = with_baseline ? bench_baseline_new() : NULL;

    /* The downscale alone, as the handle does it, to show its share. */
    vis_image_buffer scratch = {0};
    vis_error_buffer errors;
    int small_w, small_h;
    vis_scaled_size(width, height, 320, &small_w, &small_h);

    int timed = 0;
    for (int i = 0; i < frames; i++) {
        scene_render(&s, gray, (size_t)width, NULL);
        scene_step(&s);
        vision_frame frame;
        scene_frame(&frame, buffer, size, VISION_PIXEL_FORMAT_I420, gray, width, height);
        frame.pts_ns = (int64_t)i * 40000000;
        double t0 = now_ms();
        int rc = vision_crowd_process(crowd, &frame);
        double t1 = now_ms();
        if (rc != VISION_OK) {
            fprintf(stderr, "process: %s\n", vision_crowd_last_error(crowd));
            return -1;
        }
        vis_image small;
        double t2 = now_ms();
        vis_image_from_frame(&small, &scratch, &frame, 1, small_w, small_h, &errors);
        double t3 = now_ms();
        double t4 = 0, t5 = 0;
        if (baseline) {
            t4 = now_ms();
            bench_baseline_process(baseline, frame.planes[0], frame.strides[0], width, height);
            t5 = now_ms();
        }
        if (i >= skip) {
            process_ms[timed] = t1 - t0;
            downscale_ms[timed] = t3 - t2;
            baseline_ms[timed] = t5 - t4;
            timed++;
        }
    }
    struct mallinfo2 after = mallinfo2();
    out->memory = after.uordblks > before.uordblks ? after.uordblks - before.uordblks : 0;
    out->process = summarise(process_ms, timed);
    out->downscale = summarise(downscale_ms, timed);
    out->baseline = summarise(baseline_ms, timed);
    out->frames = timed;

    if (baseline)
        bench_baseline_free(baseline);
    vision_crowd_free(crowd);
    vis_image_buffer_release(&scratch);
    scene_release(&s);
    free(gray);
    free(buffer);
    free(process_ms);
    free(downscale_ms);
    free(baseline_ms);
    return 0;
}

int main(int argc, char **argv)
{
    /* One thread for OpenCV, set before any OpenCV call (the library itself
     * never touches OpenCV's threads). */
    setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
    int frames = 200;
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--frames") == 0 && i + 1 < argc)
            frames = atoi(argv[++i]);
    if (frames < 40)
        frames = 40;

    run big, vga;
    /* The handle's memory is measured in the 1080p run without the
     * baseline, so OpenCV's allocations do not count. */
    if (time_size(&big, 1920, 1080, frames, 0) != 0 || time_size(&vga, 640, 480, frames, 1) != 0) {
        fprintf(stderr, "bench_crowd: failed\n");
        return 1;
    }
    printf("Crowd analysis speed, synthetic scene (12 moving textured blobs), I420 input, "
           "4 regions, direction on, one thread, %d timed frames each\n\n",
           big.frames);
    printf("| input | what | median ms | p90 ms | mean ms |\n|---|---|---|---|---|\n");
    printf("| 1920x1080 I420 | libvision vision_crowd_process | %.3f | %.3f | %.3f |\n",
           big.process.median, big.process.p90, big.process.mean);
    printf("| 1920x1080 I420 | of which the downscale to 320x180 (vis_image_from_frame) | %.3f | "
           "%.3f | %.3f |\n",
           big.downscale.median, big.downscale.p90, big.downscale.mean);
    printf("| 640x480 I420 | libvision vision_crowd_process | %.3f | %.3f | %.3f |\n",
           vga.process.median, vga.process.p90, vga.process.mean);
    printf("| 640x480 I420 | of which the downscale to 320x240 | %.3f | %.3f | %.3f |\n",
           vga.downscale.median, vga.downscale.p90, vga.downscale.mean);
    printf("| 640x480 gray | OpenCV MOG2 + DIS ultrafast | %.3f | %.3f | %.3f |\n\n",
           vga.baseline.median, vga.baseline.p90, vga.baseline.mean);
    printf("Speed-up of libvision at 1920x1080 over MOG2 + DIS at 640x480: %.1fx (medians)\n\n",
           vga.baseline.median / big.process.median);
    printf("Memory of one handle (heap growth over handle + 1920x1080 stream): %.2f MB\n",
           big.memory / (1024.0 * 1024.0));
    return 0;
}
