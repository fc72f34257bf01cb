/*
 * Plate syntax tables (white-box): patterns match and reject, candidates
 * are ranked, and letter/digit confusions are settled by position.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "plate/plate_syntax.h"

static const char chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static int class_of(char c)
{
    return (int)(strchr(chars, c) - chars);
}

/* Glyphs that read `text` clearly, except where `alt` has a character other
 * than '.': there the glyph leans towards that character (0.6) against the
 * true one (0.35), as a classifier does between 0 and O. */
static int glyphs_for(plate_glyph_probs *g, const char *text, const char *alt)
{
    int n = (int)strlen(text);
    for (int i = 0; i < n; i++) {
        memset(&g[i], 0, sizeof g[i]);
        for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++)
            g[i].prob[c] = 0.05f / PLATE_SYNTAX_CLASSES;
        g[i].noise = 0.001f;
        if (alt && alt[i] != '.') {
            g[i].prob[class_of(alt[i])] = 0.6f;
            g[i].prob[class_of(text[i])] = 0.35f;
        } else
            g[i].prob[class_of(text[i])] = 0.95f;
    }
    return n;
}

static plate_syntax *make(uint32_t countries)
{
    plate_syntax *s = NULL;
    vis_error_buffer errors = {{0}};
    assert_int_equal(plate_syntax_new(&s, countries, &errors), VISION_OK);
    assert_non_null(s);
    return s;
}

static void test_bad_country(void **state)
{
    (void)state;
    plate_syntax *s = (plate_syntax *)1;
    vis_error_buffer errors = {{0}};
    assert_int_equal(plate_syntax_new(&s, 0, &errors), VISION_E_OPTION);
    assert_null(s);
    assert_true(strlen(errors.message) > 0);
    plate_syntax_free(NULL);
}

static void test_tables_parse(void **state)
{
    (void)state;
    plate_syntax *s = make(PLATE_COUNTRY_US | PLATE_COUNTRY_EU | PLATE_COUNTRY_BR);
    plate_syntax_free(s);
}

static void test_match_and_reject(void **state)
{
    (void)state;
    plate_syntax *eu = make(PLATE_COUNTRY_EU);
    assert_string_equal(plate_syntax_match(eu, "RK755AJ"), "eu-sk");
    assert_string_equal(plate_syntax_match(eu, "WW123CD"), "eu-fr");
    assert_string_equal(plate_syntax_match(eu, "1B80338"), "eu-cz");
    assert_string_equal(plate_syntax_match(eu, "1234BCD"), "eu-es");
    assert_string_equal(plate_syntax_match(eu, "MAB123"), "eu-de");
    assert_string_equal(plate_syntax_match(eu, "WP12345"), "eu-pl");
    assert_string_equal(plate_syntax_match(eu, "12ABC3"), "eu-nl");
    assert_null(plate_syntax_match(eu, "1234AEI")); /* Spain: no vowels */
    assert_null(plate_syntax_match(eu, "12"));
    assert_null(plate_syntax_match(eu, "rk755aj"));
    plate_syntax_free(eu);

    plate_syntax *br = make(PLATE_COUNTRY_BR);
    assert_string_equal(plate_syntax_match(br, "ABC1234"), "br");
    assert_string_equal(plate_syntax_match(br, "ABC1D23"), "br-mercosur");
    assert_null(plate_syntax_match(br, "AB12345"));
    assert_null(plate_syntax_match(br, "ABC12345"));
    assert_null(plate_syntax_match(br, "RK755AJ"));
    plate_syntax_free(br);

    plate_syntax *us = make(PLATE_COUNTRY_US);
    assert_string_equal(plate_syntax_match(us, "5UVR090"), "us-1n3l3n");
    assert_string_equal(plate_syntax_match(us, "ASC7399"), "us-3l4n");
    assert_null(plate_syntax_match(us, "FZRULZ")); /* vanity: no state pattern */
    plate_syntax_free(us);
}

static void expect_reading(uint32_t countries, const char *truth, const char *alt,
                           const char *pattern)
{
    plate_syntax *s = make(countries);
    plate_glyph_probs g[PLATE_SYNTAX_MAX_GLYPHS];
    int n = glyphs_for(g, truth, alt);
    plate_candidate out[PLATE_MAX_CANDIDATES];
    float conf[PLATE_TEXT_MAX];
    int glyph_of[PLATE_TEXT_MAX];
    int count = plate_syntax_rank(s, g, n, out, PLATE_MAX_CANDIDATES, conf, glyph_of);
    assert_true(count >= 1);
    assert_string_equal(out[0].text, truth);
    assert_string_equal(out[0].pattern, pattern);
    for (int i = 0; i + 1 < count; i++) {
        assert_true(out[i].confidence >= out[i + 1].confidence);
        assert_true(out[i].confidence > 0 && out[i].confidence <= 1);
        for (int j = i + 1; j < count; j++)
            assert_string_not_equal(out[i].text, out[j].text);
    }
    for (int k = 0; k < (int)strlen(truth); k++) {
        assert_int_equal(glyph_of[k], k);
        assert_true(conf[k] > 0 && conf[k] <= 1);
    }
    plate_syntax_free(s);
}

static void test_confusions_by_position(void **state)
{
    (void)state;
    /* the classifier prefers the wrong twin; the position decides */
    expect_reading(PLATE_COUNTRY_BR, "OKL1235", "0......", "br");   /* 0 -> O */
    expect_reading(PLATE_COUNTRY_BR, "PJI5396", "..1....", "br");   /* 1 -> I */
    expect_reading(PLATE_COUNTRY_BR, "BZM2227", "8......", "br");   /* 8 -> B */
    expect_reading(PLATE_COUNTRY_BR, "ZJT7463", "2......", "br");   /* 2 -> Z */
    expect_reading(PLATE_COUNTRY_BR, "SJT7463", "5......", "br");   /* 5 -> S */
    expect_reading(PLATE_COUNTRY_BR, "JST2058", "...Z.S.", "br");   /* Z -> 2, S -> 5 */
    expect_reading(PLATE_COUNTRY_BR, "ABC1023", "....O..", "br"); /* O -> 0 */
    expect_reading(PLATE_COUNTRY_BR, "ABC8123", "...B...", "br"); /* B -> 8 */
    expect_reading(PLATE_COUNTRY_BR, "ABC1D23", "...I...", "br-mercosur"); /* I -> 1 */
    expect_reading(PLATE_COUNTRY_EU, "RK755AJ", "..7S...", "eu-sk");
    expect_reading(PLATE_COUNTRY_EU, "BA302OZ", "BA3O202", "eu-sk");
}

static void test_clear_glyphs_keep_their_kind(void **state)
{
    (void)state;
    const uint32_t all = PLATE_COUNTRY_US | PLATE_COUNTRY_EU | PLATE_COUNTRY_BR;
    /* a clearly printed 5 and 8 are not bent into S and B to make the
     * British LLNNLLL; with a vowel the text is no Spanish series, so it
     * reads as printed, without a national pattern */
    expect_reading(all, "5897CAM", NULL, "");
    expect_reading(PLATE_COUNTRY_EU, "5897CBM", NULL, "eu-es");
    /* a clear Z stays a letter: Mercosur, not the grey LLLNNNN */
    expect_reading(all, "NEU8Z26", NULL, "br-mercosur");
    expect_reading(PLATE_COUNTRY_BR, "NEU8Z26", NULL, "br-mercosur");
}

static void test_rare_characters(void **state)
{
    (void)state;
    /* US plates issue no O: a glyph between O and 0 on a US plate is 0,
     * also where the form allows any character (vanity plates) */
    expect_reading(PLATE_COUNTRY_US, "HL0KTY1", "..O....", "");
    expect_reading(PLATE_COUNTRY_US, "75061H1", "..O....", "");
    /* a clear O is still read as printed */
    expect_reading(PLATE_COUNTRY_US, "HLOKTY1", NULL, "");
    /* the rule is the US's: a Czech plate's third place, letter or digit,
     * reads O as the classifier sees it */
    expect_reading(PLATE_COUNTRY_EU, "5AO1234", NULL, "eu-cz");
}

static void test_slovak_district_codes(void **state)
{
    (void)state;
    /* the second letter leans to Y, but LY is no Slovak district: LM is */
    expect_reading(PLATE_COUNTRY_EU, "LM169AM", ".Y.....", "eu-sk");
    plate_syntax *eu = make(PLATE_COUNTRY_EU);
    assert_string_equal(plate_syntax_match(eu, "DS123AB"), "eu-sk");
    assert_string_equal(plate_syntax_match(eu, "ZV123AB"), "eu-sk");
    assert_string_not_equal(plate_syntax_match(eu, "LY169AM"), "eu-sk");
    plate_syntax_free(eu);
}

static void test_noise_glyph_left_out(void **state)
{
    (void)state;
    plate_syntax *s = make(PLATE_COUNTRY_EU);
    plate_glyph_probs g[PLATE_SYNTAX_MAX_GLYPHS];
    /* an emblem between the district and the number, mostly "not a character" */
    glyphs_for(g, "RK8755AJ", NULL);
    for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++)
        g[2].prob[c] = 0.01f;
    g[2].noise = 0.9f;
    plate_candidate out[3];
    int glyph_of[PLATE_TEXT_MAX];
    int count = plate_syntax_rank(s, g, 8, out, 3, NULL, glyph_of);
    assert_true(count >= 1);
    assert_string_equal(out[0].text, "RK755AJ");
    assert_int_equal(glyph_of[2], 3);
    assert_int_equal(plate_syntax_rank(s, g, 0, out, 3, NULL, NULL), 0);
    plate_syntax_free(s);
}

static void test_top_n_alternatives(void **state)
{
    (void)state;
    plate_syntax *s = make(PLATE_COUNTRY_US);
    plate_glyph_probs g[PLATE_SYNTAX_MAX_GLYPHS];
    /* third glyph unsure between 7 and 1 (both digits): both readings kept */
    int n = glyphs_for(g, "ASC7399", NULL);
    g[3].prob[class_of('7')] = 0.55f;
    g[3].prob[class_of('1')] = 0.4f;
    plate_candidate out[5];
    int count = plate_syntax_rank(s, g, n, out, 5, NULL, NULL);
    assert_true(count >= 2);
    assert_string_equal(out[0].text, "ASC7399");
    assert_string_equal(out[1].text, "ASC1399");
    plate_syntax_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_country),
        cmocka_unit_test(test_tables_parse),
        cmocka_unit_test(test_match_and_reject),
        cmocka_unit_test(test_confusions_by_position),
        cmocka_unit_test(test_clear_glyphs_keep_their_kind),
        cmocka_unit_test(test_rare_characters),
        cmocka_unit_test(test_slovak_district_codes),
        cmocka_unit_test(test_noise_glyph_left_out),
        cmocka_unit_test(test_top_n_alternatives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
