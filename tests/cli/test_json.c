/*
 * Tests of the vision command's JSON output helpers.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "json.h"

typedef enum { STRING, NUMBER, PTS } kind;

static void expect(kind k, const char *text, double number, int64_t pts, const char *want)
{
    char *buffer = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buffer, &size);
    assert_non_null(out);
    if (k == STRING)
        json_write_string(out, text);
    else if (k == NUMBER)
        json_write_number(out, number, 3);
    else
        json_write_pts_ms(out, pts);
    fclose(out);
    if (strcmp(buffer, want) != 0)
        fail_msg("got %s, want %s", buffer, want);
    free(buffer);
}

static void test_strings(void **state)
{
    (void)state;
    expect(STRING, "plain.y4m", 0, 0, "\"plain.y4m\"");
    expect(STRING, "", 0, 0, "\"\"");
    expect(STRING, NULL, 0, 0, "\"\"");
    expect(STRING, "a\"b\\c/d", 0, 0, "\"a\\\"b\\\\c/d\"");
    expect(STRING, "tab\there\nnew\rret", 0, 0, "\"tab\\there\\nnew\\rret\"");
    expect(STRING, "\x01\x1f\x7f", 0, 0, "\"\\u0001\\u001f\\u007f\"");
    /* Valid UTF-8 passes through: é, €, 😀. */
    expect(STRING, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0, 0,
           "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"");
    /* Invalid bytes become U+FFFD: a lone continuation byte, a Latin-1 é, a
     * cut sequence, an overlong '/', a surrogate, beyond U+10FFFF. */
    expect(STRING, "\x80", 0, 0, "\"\\ufffd\"");
    expect(STRING, "caf\xe9.png", 0, 0, "\"caf\\ufffd.png\"");
    expect(STRING, "\xe2\x82", 0, 0, "\"\\ufffd\\ufffd\"");
    expect(STRING, "\xc0\xaf", 0, 0, "\"\\ufffd\\ufffd\"");
    expect(STRING, "\xed\xa0\x80", 0, 0, "\"\\ufffd\\ufffd\\ufffd\"");
    expect(STRING, "\xf4\x90\x80\x80", 0, 0, "\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
}

static void test_numbers(void **state)
{
    (void)state;
    expect(NUMBER, NULL, 0, 0, "0");
    expect(NUMBER, NULL, -0.0, 0, "0");
    expect(NUMBER, NULL, 40, 0, "40");
    expect(NUMBER, NULL, 33.3333333, 0, "33.333");
    expect(NUMBER, NULL, 0.5, 0, "0.5");
    expect(NUMBER, NULL, -2.25, 0, "-2.25");
    expect(NUMBER, NULL, 1e12, 0, "1000000000000");
    expect(NUMBER, NULL, NAN, 0, "null");
    expect(NUMBER, NULL, INFINITY, 0, "null");
}

static void test_pts(void **state)
{
    (void)state;
    expect(PTS, NULL, 0, 0, "0");
    expect(PTS, NULL, 0, 40000000, "40");
    expect(PTS, NULL, 0, 33366667, "33.367");
    expect(PTS, NULL, 0, 1600, "0.002");
    expect(PTS, NULL, 0, -40000000, "-40");
    expect(PTS, NULL, 0, INT64_C(3600000000000), "3600000");
    expect(PTS, NULL, 0, VISION_PTS_NONE, "null");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_pts),
    };
    return cmocka_run_group_tests_name("cli/json", tests, NULL, NULL);
}
