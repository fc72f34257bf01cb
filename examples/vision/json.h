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

#include <vision/vision.h>

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

/* A plate's "box":[x,y,w,h],"corners":[[x,y],...] members (no braces). */
void json_write_plate_geometry(FILE *out, const int32_t *box, const double *corners);

/* A plate's "candidates":[{"text":...,"confidence":C},...] member. */
void json_write_plate_candidates(FILE *out, uint32_t count,
                                 const char (*texts)[VISION_PLATE_TEXT_SIZE],
                                 const float *confidences);

/* The members of a crowd event line, without the braces, so that a caller
 * can put its own members first: "event", "frame" (the caller's frame
 * number), "pts_ms", "roi", "percentage", "level", "angle" (docs/cli.md). */
void json_write_crowd_event(FILE *out, const vision_crowd_event *event, int64_t frame);

/* The members of a plate event line, without the braces: "event", "frame",
 * "track", "text", "confidence", "pattern", "previous_text" (updates only),
 * "first_frame", "last_frame", "readings", "pts_ns" (when known), "box",
 * "corners" and "candidates" (docs/cli.md). */
void json_write_plate_event(FILE *out, const vision_plate_event *event);

#endif
