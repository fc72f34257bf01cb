/*
 * Test helper: synthetic licence plates with known text, drawn into BGR
 * scenes (OpenCV's FreeType module with fonts from Debian packages:
 * fonts-opendin, fonts-roboto-unhinted, fonts-dejavu-core).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef TEST_PLATE_SYNTH_H
#define TEST_PLATE_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    SYNTH_US = 0,          /* 2:1, white, dark blue text, red state name on top */
    SYNTH_EU = 1,          /* 4.7:1, white, black text, blue band with country code */
    SYNTH_BR = 2,          /* 3:1, grey, black LLL-NNNN, city strip on top */
    SYNTH_BR_MERCOSUR = 3, /* 3:1, white, black LLLNLNN, blue BRASIL band */
};

typedef struct synth_plate {
    int layout;       /* SYNTH_* */
    const char *text; /* as printed, may hold spaces or '-'; NULL: the car alone */
    double cx, cy;    /* centre in the scene, pixels */
    double width;     /* plate width in pixels */
    double rotation;  /* degrees, clockwise */
    double
        perspective; /* 0 .. 0.4: the right edge this much shorter than the left (negative: left) */
    int car;         /* 1: draw a car body around the plate */
    uint32_t seed;   /* colours of the car */
} synth_plate;

/* Zero when the fonts are there, else -1 (tests then skip). */
int synth_fonts_available(void);

/* Fill a BGR image with a background: 0 plain grey road, 1 busy (shapes,
 * stripes, text-like clutter). */
void synth_background(uint8_t *bgr, int width, int height, size_t stride, int busy, uint32_t seed);

/* Draw a plate (and its car) into a BGR image. Writes the plate's
 * axis-aligned box (x, y, w, h) when `box` is not NULL. Returns 0 or -1. */
int synth_draw_plate(uint8_t *bgr, int width, int height, size_t stride, const synth_plate *plate,
                     int *box);

/* Degrade a BGR image in place: Gaussian blur (sigma px, 0 = none),
 * Gaussian noise (sigma in grey levels), uneven light (0..1: darkening
 * towards one side). */
void synth_degrade(uint8_t *bgr, int width, int height, size_t stride, double blur_sigma,
                   double noise_sigma, double uneven_light, uint32_t seed);

/* Letters and digits of `text` only, upper case, into out (size >= strlen+1). */
void synth_expected(char *out, const char *text);

#ifdef __cplusplus
}
#endif

#endif
