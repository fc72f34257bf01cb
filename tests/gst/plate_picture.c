/*
 * Test helper for the visionplate pipelines: write FRAMES raw BGR frames of
 * WIDTH x HEIGHT with one synthetic EU plate moving slowly across a road,
 * for `filesrc ! rawvideoparse format=bgr`. Prints the plate's text (letters
 * and digits) on stdout. Exit 77 when the fonts are missing.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plate_synth.h"
#include "plate_texts.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s OUT.bgr WIDTH HEIGHT FRAMES\n", argv[0]);
        return 2;
    }
    int width = atoi(argv[2]), height = atoi(argv[3]), frames = atoi(argv[4]);
    if (width < 64 || height < 64 || frames < 1) {
        fprintf(stderr, "bad size or frame count\n");
        return 2;
    }
    if (synth_fonts_available() != 0) {
        fprintf(stderr, "fonts for the synthetic plates are missing\n");
        return 77;
    }
    uint32_t seed = 2026;
    char text[24], expected[24];
    plate_test_text(text, sizeof text, SYNTH_EU, 0, &seed);
    synth_expected(expected, text);

    size_t stride = (size_t)width * 3, size = stride * (size_t)height;
    uint8_t *background = malloc(size), *bgr = malloc(size);
    FILE *out = fopen(argv[1], "wb");
    if (!background || !bgr || !out) {
        fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    synth_background(background, width, height, stride, 0, 7);
    for (int f = 0; f < frames; f++) {
        memcpy(bgr, background, size);
        synth_plate p = {SYNTH_EU, text, width * 0.45 + 2.0 * f, height * 0.55, width * 0.3, 0, 0,
                         1,        3};
        if (synth_draw_plate(bgr, width, height, stride, &p, NULL) != 0 ||
            fwrite(bgr, 1, size, out) != size) {
            fprintf(stderr, "cannot draw or write frame %d\n", f);
            return 1;
        }
    }
    fclose(out);
    free(background);
    free(bgr);
    printf("%s\n", expected);
    return 0;
}
