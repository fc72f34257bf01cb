/*
 * Test helper: plate texts of each layout with known syntax, as printed.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef TEST_PLATE_TEXTS_H
#define TEST_PLATE_TEXTS_H

#include <stdint.h>
#include <stdio.h>

#include "plate_synth.h"

/* Letters without I, O and Q (left out of most plate series). */
static const char PLATE_TEST_LETTERS[] = "ABCDEFGHJKLMNPRSTUVWXYZ";

static inline uint32_t plate_test_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static inline char plate_test_letter(uint32_t *s)
{
    return PLATE_TEST_LETTERS[plate_test_next(s) % (sizeof PLATE_TEST_LETTERS - 1)];
}

static inline char plate_test_digit(uint32_t *s)
{
    return (char)('0' + plate_test_next(s) % 10);
}

/* A printed text for a layout; `variant` picks among national formats. */
static inline void plate_test_text(char *out, size_t size, int layout, int variant, uint32_t *s)
{
#define L plate_test_letter(s)
#define D plate_test_digit(s)
    char a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0;
    switch (layout) {
    case SYNTH_US:
        if (variant % 2 == 0) { /* California NLLLNNN */
            a = (char)('1' + plate_test_next(s) % 9), b = L, c = L, d = L, e = D, f = D, g = D;
            snprintf(out, size, "%c%c%c%c%c%c%c", a, b, c, d, e, f, g);
        } else { /* LLL NNNN (New York, Texas, ...) */
            a = L, b = L, c = L, d = D, e = D, f = D, g = D;
            snprintf(out, size, "%c%c%c %c%c%c%c", a, b, c, d, e, f, g);
        }
        break;
    case SYNTH_EU:
        switch (variant % 4) {
        case 0: /* Slovakia LL NNNLL */
            a = L, b = L, c = D, d = D, e = D, f = L, g = L;
            snprintf(out, size, "%c%c %c%c%c%c%c", a, b, c, d, e, f, g);
            break;
        case 1: /* France LL-NNN-LL */
            a = L, b = L, c = D, d = D, e = D, f = L, g = L;
            snprintf(out, size, "%c%c-%c%c%c-%c%c", a, b, c, d, e, f, g);
            break;
        case 2: /* Italy LL NNNLL */
            a = L, b = L, c = D, d = D, e = D, f = L, g = L;
            snprintf(out, size, "%c%c %c%c%c%c%c", a, b, c, d, e, f, g);
            break;
        default: /* Spain NNNN LLL */
            a = D, b = D, c = D, d = D, e = L, f = L, g = L;
            snprintf(out, size, "%c%c%c%c %c%c%c", a, b, c, d, e, f, g);
            break;
        }
        break;
    case SYNTH_BR:
        a = L, b = L, c = L, d = D, e = D, f = D, g = D;
        snprintf(out, size, "%c%c%c-%c%c%c%c", a, b, c, d, e, f, g);
        break;
    default: /* Mercosur LLLNLNN */
        a = L, b = L, c = L, d = D, e = L, f = D, g = D;
        snprintf(out, size, "%c%c%c%c%c%c%c", a, b, c, d, e, f, g);
        break;
    }
#undef L
#undef D
}

#endif
