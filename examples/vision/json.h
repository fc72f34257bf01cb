/*
 * vision command: the small pieces of JSON output every subcommand needs.
 * Output is JSON Lines: one object per line on stdout.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_JSON_H
#define VISION_CLI_JSON_H

#include <stdint.h>
#include <stdio.h>

/* A JSON string with its quotes. Control characters, quotes and
 * backslashes are escaped; bytes that are not valid UTF-8 (file names may
 * hold any byte) become U+FFFD, so the output is always valid JSON. */
void json_write_string(FILE *out, const char *text);

/* A number with at most `decimals` digits after the point and no trailing
 * zeros ("40", "33.367"); NaN and infinities become null. Never depends on
 * the locale's decimal separator. */
void json_write_number(FILE *out, double value, int decimals);

/* A timestamp in nanoseconds as milliseconds with up to 3 decimals, or null
 * for VISION_PTS_NONE. */
void json_write_pts_ms(FILE *out, int64_t pts_ns);

#endif
