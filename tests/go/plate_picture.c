/*
 * Writes a picture with one synthetic EU licence plate as a binary PPM
 * (RGB) for the Go binding's plate test:
 *   go_plate_picture OUT.ppm
 * Exits 77 when the fonts the synthetic plates need are missing.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>

#include "plate_synth.h"

enum { W = 640, H = 480 };

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUT.ppm\n", argv[0]);
        return 2;
    }
    if (synth_fonts_available() != 0) {
        fprintf(stderr, "plate fonts missing\n");
        return 77;
    }
    static unsigned char bgr[W * H * 3];
    synth_background(bgr, W, H, W * 3, 0, 5);
    synth_plate plate = {SYNTH_EU, "BA 123CD", 320, 300, 220, 0, 0, 1, 3};
    if (synth_draw_plate(bgr, W, H, W * 3, &plate, NULL) != 0)
        return 1;
    FILE *out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "P6\n%d %d\n255\n", W, H);
    for (size_t i = 0; i < (size_t)W * H; i++) {
        unsigned char rgb[3] = {bgr[3 * i + 2], bgr[3 * i + 1], bgr[3 * i]};
        fwrite(rgb, 1, 3, out);
    }
    return fclose(out) == 0 ? 0 : 1;
}
