/*
 * Writes fuzz_plate seeds with realistic plates (tests/plate/plate_synth.h:
 * real fonts, plate layouts, cars) into a directory, so that the fuzzer
 * starts from frames in which plates are found and read:
 *   build/tests/fuzz/make_plate_seeds tests/fuzz/corpus/plate
 * (make_seeds.py writes the simpler, self-drawn seeds.)
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"

#define W 256
#define H 144

/* One frame as fuzz_frames.h reads it: format, width, height, layout 0,
 * then per plane a padding byte 0 and its rows. */
static void write_frame(FILE *out, const test_frame *t)
{
    const vision_frame *f = &t->frame;
    uint8_t head[6] = {(uint8_t)f->format, (uint8_t)(f->width >> 8), (uint8_t)f->width,
                       (uint8_t)(f->height >> 8), (uint8_t)f->height, 0};
    fwrite(head, 1, sizeof head, out);
    int planes = vision_pixel_format_plane_count(f->format);
    for (int p = 0; p < planes; p++) {
        uint64_t row;
        uint32_t rows;
        vision_pixel_format_plane_size(&row, &rows, f->format, f->width, f->height, (uint32_t)p);
        fputc(0, out);
        for (uint32_t y = 0; y < rows; y++)
            fwrite(f->planes[p] + (size_t)y * f->strides[p], 1, (size_t)row, out);
    }
}

static int write_seed(const char *dir, const char *name, uint8_t handle, uint32_t format,
                      const synth_plate *plate, int frames)
{
    char path[512];
    snprintf(path, sizeof path, "%s/seed-synth-%s", dir, name);
    FILE *out = fopen(path, "wb");
    if (!out)
        return -1;
    uint8_t options[16] = {handle, 5, 64, 0, 0, 0, 7, 11, 3, 0, 0, 0, 0, 0, 0, 0};
    fwrite(options, 1, sizeof options, out);
    uint8_t *bgr = malloc((size_t)W * H * 3);
    for (int i = 0; i < frames && bgr; i++) {
        synth_background(bgr, W, H, W * 3, 0, 7);
        synth_plate p = *plate;
        p.cx += 5.0 * i;
        synth_draw_plate(bgr, W, H, W * 3, &p, NULL);
        test_frame t;
        if (test_frame_from_bgr(&t, format, bgr, W * 3, W, H) != 0)
            break;
        write_frame(out, &t);
        fputc(i == frames - 1 ? 2 : 0, out); /* overlay on the last */
        test_frame_release(&t);
    }
    free(bgr);
    return fclose(out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: make_plate_seeds CORPUS_DIR\n");
        return 2;
    }
    if (synth_fonts_available() != 0) {
        fprintf(stderr, "make_plate_seeds: fonts missing, nothing written\n");
        return 0;
    }
    const synth_plate eu = {SYNTH_EU, "BA 123 CD", 110, 80, 140, 3, 0.05, 1, 1};
    const synth_plate us = {SYNTH_US, "7ABC123", 110, 75, 100, -2, 0, 1, 2};
    const synth_plate br = {SYNTH_BR_MERCOSUR, "ABC1D23", 110, 80, 120, 0, 0.1, 1, 3};
    int rc = 0;
    rc |= write_seed(argv[1], "eu-still-gray", 0, VISION_PIXEL_FORMAT_GRAY8, &eu, 1);
    rc |= write_seed(argv[1], "eu-still-scaled", 2, VISION_PIXEL_FORMAT_I420, &eu, 1);
    rc |= write_seed(argv[1], "us-still-nv12", 5, VISION_PIXEL_FORMAT_NV12, &us, 1);
    rc |= write_seed(argv[1], "br-still-roi", 6, VISION_PIXEL_FORMAT_BGR, &br, 1);
    rc |= write_seed(argv[1], "eu-video", 1, VISION_PIXEL_FORMAT_GRAY8, &eu, 4);
    rc |= write_seed(argv[1], "us-video-roi", 3, VISION_PIXEL_FORMAT_YUY2, &us, 3);
    rc |= write_seed(argv[1], "br-video-scaled", 7, VISION_PIXEL_FORMAT_I420, &br, 3);
    return rc ? 1 : 0;
}
