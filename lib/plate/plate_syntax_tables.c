/*
 * Plate syntax by country: the data behind plate_syntax.c.
 *
 * '@' letter, '#' digit, '?' letter or digit, '[..]' a set, {m}/{m,n}
 * repetition (see plate_syntax.h). Separators (spaces, dashes, dots,
 * emblems) are not part of the text. The catch-all rows (empty name) bound
 * the length of plates no national row describes (vanity plates,
 * countries without a row); their low prior makes a national form win
 * when the glyphs allow one.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_syntax.h"

#define US PLATE_COUNTRY_US
#define EU PLATE_COUNTRY_EU
#define BR PLATE_COUNTRY_BR

const plate_syntax_entry plate_syntax_table[] = {
    /* United States: the common state serial formats. */
    {US, "us-3l4n", "@{3}#{4}", 1.0f, 0},   /* AZ, GA, MI, NY, NC, OH, PA, TX, VA, ... */
    {US, "us-1n3l3n", "#@{3}#{3}", 1.0f, 0}, /* CA */
    {US, "us-3l3n", "@{3}#{3}", 0.9f, 0},
    {US, "us-3n3l", "#{3}@{3}", 0.9f, 0},
    {US, "us-2l1n1l1n1l", "@@#@#@", 0.9f, 0}, /* TX 2000s */
    {US, "us-2n1l1n2l", "##@#@@", 0.8f, 0},   /* FL */
    {US, "us-1l1n1l1n2l", "@#@#@@", 0.6f, 0},
    {US, "us-2l5n", "@@#{5}", 0.7f, 0},       /* IL */
    {US, "us-1n2l4n", "#@@#{4}", 0.6f, 0},
    {US, "us-1n2l3n", "#@@#{3}", 0.6f, 0},
    {US, "us-2n4l", "##@{4}", 0.5f, 0},
    {US, "us-3l2n", "@{3}#{2}", 0.4f, 0},
    {US, "us-4n2l", "#{4}@{2}", 0.4f, 0},
    {US, "us-1l5n", "@#{5}", 0.4f, 0},
    {US, "us-1l6n", "@#{6}", 0.4f, 0},
    {US, "us-6n", "#{6}", 0.4f, 0},
    {US, "us-7n", "#{7}", 0.5f, 0},           /* IN, ... */
    {US, "us-3n1l3n", "#{3}@#{3}", 0.4f, 0},
    {US, "us-3n4l", "#{3}@{4}", 0.4f, 0},
    {US, "us-4l3n", "@{4}#{3}", 0.4f, 0},
    {US, "", "?{4,8}", 0.35f, 0}, /* vanity plates */

    /* Europe. */
    /* Slovakia 1997-2022: district code, 3 digits, 2 letters; one row per
     * first letter of the district codes (the regional capitals hold
     * several). Plates issued since 2023 and codes missing here still read
     * through the French/Italian rows of the same shape, a little less
     * likely. */
    {EU, "eu-sk", "B[ABCDEIJKLNRSTY]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "CA#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "D[KST]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "G[AL]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "H[CE]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "IL#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "K[ACEIKMNS]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "L[CEMV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "M[AILTY]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "N[AMORTZ]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "P[BDEKNOPSTUV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "R[AKSV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "S[ABCEIKLNOPV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "T[ABCENORSTV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "V[KT]#{3}@{2}", 1.0f, 0},
    {EU, "eu-sk", "Z[ACHILMV]#{3}@{2}", 1.0f, 0},
    {EU, "eu-fr", "@@#{3}@@", 0.9f, 0},                /* France (SIV) */
    {EU, "eu-it", "[A-HJ-NPR-TV-Z]{2}#{3}[A-HJ-NPR-TV-Z]{2}", 0.9f, 0}, /* Italy */
    {EU, "eu-cz", "#@?#{4}", 0.8f, 0},                 /* Czechia */
    {EU, "eu-pl", "@{2}#{5}", 0.8f, 0},                /* Poland */
    {EU, "eu-pl", "@{2}#{4}@", 0.7f, 0},
    {EU, "eu-pl", "@{2}#{3}@{2}", 0.7f, 0},
    {EU, "eu-pl", "@{2}#@#{3}", 0.6f, 0},
    {EU, "eu-pl", "@{2}#@{2}#{2}", 0.6f, 0},
    {EU, "eu-pl", "@{3}#{4}", 0.7f, 0},
    {EU, "eu-pl", "@{3}#{3}@", 0.6f, 0},
    {EU, "eu-pl", "@{3}#{2}@{2}", 0.6f, 0},
    {EU, "eu-pl", "@{3}#@#{2}", 0.6f, 0},
    {EU, "eu-pl", "@{3}#{2}@#", 0.6f, 0},
    {EU, "eu-pl", "@{3}#@{2}#", 0.6f, 0},
    {EU, "eu-pl", "@{3}@#{3}", 0.5f, 0},
    {EU, "eu-es", "#{4}[BCDFGHJKLMNPRSTVWXYZ]{3}", 1.0f, 0}, /* Spain since 2000 */
    /* The same shape with vowels is no Spanish plate (no name: it matches
     * no national form), but a line the classifier reads that way with
     * confidence is reported as read, ahead of the catch-all, instead of
     * as a form two substitutions away (LLNNLLL) or not at all. */
    {EU, "", "#{4}@{3}", 0.6f, 0},
    {EU, "eu-es", "@{1,2}#{4}@{1,2}", 0.6f, 0},            /* Spain, provincial */
    {EU, "eu-de", "@{1,3}@{1,2}#{1,4}", 0.7f, 8},       /* Germany: at most 8 */
    {EU, "eu-de", "@{1,3}@{1,2}#{1,3}[EH]", 0.5f, 8},   /* Germany, electric/historic */
    {EU, "eu-nl", "@@#{2}#{2}", 0.6f, 0},                  /* Netherlands sidecodes 1..14 */
    {EU, "eu-nl", "#{2}#{2}@@", 0.6f, 0},
    {EU, "eu-nl", "#{2}@@#{2}", 0.6f, 0},
    {EU, "eu-nl", "@@#{2}@@", 0.6f, 0},
    {EU, "eu-nl", "@@@@#{2}", 0.6f, 0},
    {EU, "eu-nl", "#{2}@@@@", 0.6f, 0},
    {EU, "eu-nl", "#{2}@{3}#", 0.7f, 0},
    {EU, "eu-nl", "#@{3}#{2}", 0.7f, 0},
    {EU, "eu-nl", "@@#{3}@", 0.7f, 0},
    {EU, "eu-nl", "@#{3}@@", 0.7f, 0},
    {EU, "eu-nl", "@{3}#{2}@", 0.7f, 0},
    {EU, "eu-nl", "@#{2}@{3}", 0.7f, 0},
    {EU, "eu-nl", "#@@#{3}", 0.7f, 0},
    {EU, "eu-nl", "#{3}@@#", 0.7f, 0},
    {EU, "eu-gb", "@@#{2}@{3}", 0.8f, 0},                  /* Great Britain */
    {EU, "eu-at", "@{1,2}#{3,6}", 0.5f, 0},                /* Austria and others: letters then digits */
    {EU, "", "?{4,9}", 0.15f, 0},

    /* Brazil. */
    {BR, "br", "@{3}#{4}", 1.0f, 0},        /* LLL-NNNN, grey plates */
    /* Mercosur LLLNLNN: less likely a priori, so that a glyph between 1 and I
     * (0/O, 8/B, ...) in the fifth place reads as the older form. */
    {BR, "br-mercosur", "@{3}#@#{2}", 0.8f, 0},
    {BR, "", "?{6,8}", 0.05f, 0}, /* partial reads only: every plate has one of the forms above */
};

const int plate_syntax_table_size = (int)(sizeof plate_syntax_table / sizeof plate_syntax_table[0]);

/* Letters left out of serials because they pass for digits. Most US states
 * issue no O and no Q (a 0 reads the same; vanity plates write 0 for O as
 * well): an O/0 glyph on a US plate is the digit. */
const plate_syntax_rare plate_syntax_rare_table[] = {
    {US, "OQ", 0.3f},
};

const int plate_syntax_rare_table_size =
    (int)(sizeof plate_syntax_rare_table / sizeof plate_syntax_rare_table[0]);
