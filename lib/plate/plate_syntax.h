/*
 * Internal: plate syntax of each country, as data (plate_syntax_tables.c),
 * and the ranking of readings against it.
 *
 * A pattern is a string of tokens, each optionally repeated with {m} or
 * {m,n}: '@' a letter, '#' a digit, '?' a letter or a digit, '[...]' a set
 * of characters with ranges ("[A-HJ-NP-Z]"), or a literal letter or digit.
 * Patterns are expanded into fixed-length ones when a syntax is made.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_SYNTAX_H
#define VIS_PLATE_SYNTAX_H

#include <stdint.h>

#include "core/error.h"
#include "plate_reader.h"

#define PLATE_SYNTAX_CLASSES 36 /* "0-9A-Z" */
#define PLATE_SYNTAX_MAX_GLYPHS 16

/* One row of the tables: which country, the pattern's name (reported as the
 * matched pattern; "" for the catch-all patterns that only bound the
 * length), its pattern and how likely plates of that form are (0..1]. */
typedef struct plate_syntax_entry {
    uint32_t country;
    const char *name;
    const char *pattern;
    float prior;
    int max_length; /* expansions longer than this are dropped; 0: no limit */
} plate_syntax_entry;

extern const plate_syntax_entry plate_syntax_table[];
extern const int plate_syntax_table_size;

/* Characters a country's plates (almost) never use, whatever the form: a
 * reading that has one costs `factor` per such character, so that a
 * look-alike (0 for O) wins when the glyph could be either. Applies to
 * every pattern of the country, the catch-all ones included. */
typedef struct plate_syntax_rare {
    uint32_t country;
    const char *chars;
    float factor; /* (0..1] */
} plate_syntax_rare;

extern const plate_syntax_rare plate_syntax_rare_table[];
extern const int plate_syntax_rare_table_size;

typedef struct plate_syntax plate_syntax;

/* The expanded patterns of the countries in `countries` (PLATE_COUNTRY_*).
 * VISION_E_OPTION when no known country is given, VISION_E_NO_MEMORY,
 * VISION_E_INTERNAL when a table pattern is malformed. */
int plate_syntax_new(plate_syntax **out, uint32_t countries, vis_error_buffer *errors);
void plate_syntax_free(plate_syntax *syntax);

/* The name of the first national pattern `text` matches, or NULL (the
 * catch-all patterns do not count). */
const char *plate_syntax_match(const plate_syntax *syntax, const char *text);

/* Per glyph of a line, left to right: the classifier's probability of each
 * character and of "not a character". */
typedef struct plate_glyph_probs {
    float prob[PLATE_SYNTAX_CLASSES];
    float noise;
} plate_glyph_probs;

/*
 * Rank readings of `count` glyphs: every pattern is aligned with the glyphs
 * (a glyph may be left out at a cost that depends on how little it looks
 * like a character), each position choosing among the characters its
 * pattern allows, which is how 0/O, 1/I, 8/B, 5/S, 2/Z are settled by
 * position. Writes the best distinct texts, best first, to `out` (at most
 * `capacity`), returns how many. For the best, `char_confidence[k]` is the
 * probability of its k-th character and `glyph_of[k]` the glyph it was read
 * from (either may be NULL).
 */
int plate_syntax_rank(const plate_syntax *syntax, const plate_glyph_probs *glyphs, int count,
                      plate_candidate *out, int capacity, float *char_confidence, int *glyph_of);

#endif
