/*
 * vision command: JSON output helpers.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "json.h"

#include <math.h>
#include <string.h>

#include <vision/vision.h>

/* Length of the valid UTF-8 sequence at `s` (1..4), or 0 when invalid. */
static size_t utf8_sequence(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) /* also stops at the terminating NUL */
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void json_write_string(FILE *out, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    putc('"', out);
    while (*s) {
        unsigned char c = *s;
        switch (c) {
        case '"':
            fputs("\\\"", out);
            s++;
            continue;
        case '\\':
            fputs("\\\\", out);
            s++;
            continue;
        case '\n':
            fputs("\\n", out);
            s++;
            continue;
        case '\r':
            fputs("\\r", out);
            s++;
            continue;
        case '\t':
            fputs("\\t", out);
            s++;
            continue;
        default:
            break;
        }
        if (c < 0x20 || c == 0x7F) {
            fprintf(out, "\\u%04x", c);
            s++;
            continue;
        }
        size_t n = utf8_sequence(s);
        if (n == 0) {
            fputs("\\ufffd", out);
            s++;
            continue;
        }
        fwrite(s, 1, n, out);
        s += n;
    }
    putc('"', out);
}

void json_write_number(FILE *out, double value, int decimals)
{
    if (!isfinite(value)) {
        fputs("null", out);
        return;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    char text[64];
    snprintf(text, sizeof text, "%.*f", decimals, value);
    /* The C locale is never changed by the command, but be safe. */
    for (char *p = text; *p; p++)
        if (*p == ',')
            *p = '.';
    char *dot = strchr(text, '.');
    if (dot) {
        char *end = text + strlen(text) - 1;
        while (end > dot && *end == '0')
            *end-- = '\0';
        if (end == dot)
            *end = '\0';
    }
    if (strcmp(text, "-0") == 0)
        strcpy(text, "0");
    fputs(text, out);
}

void json_write_pts_ms(FILE *out, int64_t pts_ns)
{
    if (pts_ns == VISION_PTS_NONE) {
        fputs("null", out);
        return;
    }
    /* Integer arithmetic keeps exact microseconds for any realistic pts. */
    int64_t whole = pts_ns / 1000000;
    int64_t rest = pts_ns % 1000000;
    if (rest < 0) {
        whole -= 1;
        rest += 1000000;
    }
    json_write_number(out, (double)whole + (double)rest / 1e6, 3);
}

void json_write_plate_geometry(FILE *out, const int32_t *box, const double *corners)
{
    fprintf(out,
            "\"box\":[%d,%d,%d,%d],\"corners\":[[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f],[%.1f,%.1f]]",
            box[0], box[1], box[2], box[3], corners[0], corners[1], corners[2], corners[3],
            corners[4], corners[5], corners[6], corners[7]);
}

void json_write_plate_candidates(FILE *out, uint32_t count,
                                 const char (*texts)[VISION_PLATE_TEXT_SIZE],
                                 const float *confidences)
{
    fputs("\"candidates\":[", out);
    for (uint32_t i = 0; i < count && i < VISION_PLATE_MAX_CANDIDATES; i++) {
        fputs(i ? ",{\"text\":" : "{\"text\":", out);
        json_write_string(out, texts[i]);
        fprintf(out, ",\"confidence\":%.3f}", confidences[i]);
    }
    fputc(']', out);
}

void json_write_crowd_event(FILE *out, const vision_crowd_event *event, int64_t frame)
{
    static const char *const names[] = {"", "occupancy", "fluidity", "direction"};
    fputs("\"event\":", out);
    json_write_string(out, event->type <= 3 ? names[event->type] : "unknown");
    fprintf(out, ",\"frame\":%lld,\"pts_ms\":", (long long)frame);
    json_write_pts_ms(out, event->pts_ns);
    fputs(",\"roi\":", out);
    json_write_string(out, event->region_id);
    if (event->type == VISION_CROWD_EVENT_DIRECTION) {
        fputs(",\"percentage\":null,\"level\":null,\"angle\":", out);
        json_write_number(out, event->angle, 1);
    } else {
        fputs(",\"percentage\":", out);
        json_write_number(out, event->value, 2);
        fprintf(out, ",\"level\":%d,\"angle\":null", (int)event->level);
    }
}

void json_write_plate_event(FILE *out, const vision_plate_event *event)
{
    static const char *const names[] = {"?", "new", "update", "end"};
    const char *type = event->type >= 1 && event->type <= 3 ? names[event->type] : "?";
    fprintf(out, "\"event\":\"%s\",\"frame\":%lld,\"track\":%d,\"text\":", type,
            (long long)event->frame_index, event->track_id);
    json_write_string(out, event->text);
    fprintf(out, ",\"confidence\":%.3f,\"pattern\":", event->confidence);
    json_write_string(out, event->pattern);
    if (event->type == VISION_PLATE_EVENT_UPDATE) {
        fputs(",\"previous_text\":", out);
        json_write_string(out, event->previous_text);
    }
    fprintf(out, ",\"first_frame\":%lld,\"last_frame\":%lld,\"readings\":%u,",
            (long long)event->first_frame_index, (long long)event->last_frame_index,
            event->reading_count);
    if (event->pts_ns != VISION_PTS_NONE)
        fprintf(out, "\"pts_ns\":%lld,", (long long)event->pts_ns);
    json_write_plate_geometry(out, event->box, event->corners);
    fputc(',', out);
    json_write_plate_candidates(out, event->candidate_count, event->candidates,
                                event->candidate_confidence);
}
