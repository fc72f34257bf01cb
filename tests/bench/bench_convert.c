/*
 * Benchmark: converting and scaling frames to analysis images.
 *
 * For every pixel format, the time to turn a 1920x1080 frame into the
 * images the analyses use (gray full size, gray at 1/4 width and height,
 * BGR full size), next to a plain memcpy of the frame's luma plane and of
 * the whole frame measured in the same run. Prints a Markdown table.
 *
 *   bench_convert [--width W] [--height H] [--iterations N]
 *
 * Runs on one thread: OPENCV_FOR_THREADS_NUM=1 is set before OpenCV loads
 * (the library itself never changes OpenCV's threads).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/image.h"
#include <vision/vision.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *values, int count)
{
    qsort(values, (size_t)count, sizeof *values, compare_doubles);
    return count % 2 ? values[count / 2] : (values[count / 2 - 1] + values[count / 2]) / 2;
}

/* Keeps the compiler from dropping copies whose result is never read. */
static volatile uint8_t sink;

static double time_memcpy(uint8_t *dst, const uint8_t *src, size_t bytes, int iterations)
{
    double *samples = malloc(sizeof *samples * (size_t)iterations);
    for (int i = 0; i < iterations; i++) {
        double start = now_ms();
        memcpy(dst, src, bytes);
        samples[i] = now_ms() - start;
        sink = dst[bytes / 2];
    }
    double result = median(samples, iterations);
    free(samples);
    return result;
}

static double time_convert(const vision_frame *frame, int channels, int width, int height,
                           int iterations)
{
    vis_image_buffer buffer = {0};
    vis_image image;
    double *samples = malloc(sizeof *samples * (size_t)iterations);
    /* One untimed call so the buffer is allocated, as in a steady stream. */
    if (vis_image_from_frame(&image, &buffer, frame, channels, width, height, NULL) != VISION_OK) {
        fprintf(stderr, "conversion failed: %s\n", vision_last_error());
        exit(1);
    }
    for (int i = 0; i < iterations; i++) {
        double start = now_ms();
        vis_image_from_frame(&image, &buffer, frame, channels, width, height, NULL);
        samples[i] = now_ms() - start;
        sink = image.data[0];
    }
    double result = median(samples, iterations);
    free(samples);
    vis_image_buffer_release(&buffer);
    return result;
}

int main(int argc, char **argv)
{
    setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
    uint32_t width = 1920, height = 1080;
    int iterations = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--width"))
            width = (uint32_t)atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--height"))
            height = (uint32_t)atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--iterations"))
            iterations = atoi(argv[i + 1]);
    }

    uint64_t biggest = 0;
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++) {
        uint64_t size;
        if (vision_pixel_format_buffer_size(&size, f, width, height) == VISION_OK && size > biggest)
            biggest = size;
    }
    uint8_t *source = malloc(biggest);
    uint8_t *copy = malloc(biggest);
    srand(1);
    for (uint64_t i = 0; i < biggest; i++)
        source[i] = (uint8_t)rand();

    int small_width = (int)width / 4, small_height = (int)height / 4;
    double luma_copy = time_memcpy(copy, source, (size_t)width * height, iterations);

    printf("Frames %ux%u, one thread, median of %d runs, ms.\n\n", width, height, iterations);
    printf("| format | memcpy luma | memcpy frame | gray full | gray 1/4 | BGR full | BGR 1/4 | "
           "gray 1/4 ÷ memcpy luma | gray full ÷ memcpy frame |\n");
    printf("|---|---|---|---|---|---|---|---|---|\n");
    for (uint32_t f = 1; f < VISION_PIXEL_FORMAT_COUNT; f++) {
        vision_frame frame = VISION_FRAME_INIT;
        uint64_t size;
        vision_pixel_format_buffer_size(&size, f, width, height);
        vision_frame_wrap(&frame, f, width, height, source, size);
        double frame_copy = time_memcpy(copy, source, size, iterations);
        double gray_full = time_convert(&frame, 1, (int)width, (int)height, iterations);
        double gray_small = time_convert(&frame, 1, small_width, small_height, iterations);
        double bgr_full = time_convert(&frame, 3, (int)width, (int)height, iterations / 4 + 1);
        double bgr_small = time_convert(&frame, 3, small_width, small_height, iterations / 4 + 1);
        printf("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |\n",
               vision_pixel_format_name(f), luma_copy, frame_copy, gray_full, gray_small, bgr_full,
               bgr_small, gray_small / luma_copy, gray_full / frame_copy);
    }
    free(source);
    free(copy);
    return 0;
}
