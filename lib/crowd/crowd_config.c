/*
 * Region config fields by name: Kurento's camelCase names and our own
 * snake_case ones, for command lines and element properties.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "vision/crowd.h"

typedef enum field_kind { FIELD_DOUBLE, FIELD_INT, FIELD_BOOL } field_kind;

typedef struct field {
    const char *kurento; /* Kurento's name (ours for fields Kurento lacks) */
    const char *snake;   /* the C field's name */
    size_t offset;
    field_kind kind;
} field;

#define FIELD(k, s, kind) {k, #s, offsetof(vision_crowd_region_config, s), kind}

static const field fields[] = {
    FIELD("occupancyLevelMin", occupancy_level_min, FIELD_DOUBLE),
    FIELD("occupancyLevelMed", occupancy_level_med, FIELD_DOUBLE),
    FIELD("occupancyLevelMax", occupancy_level_max, FIELD_DOUBLE),
    FIELD("occupancyNumFramesToEvent", occupancy_num_frames_to_event, FIELD_INT),
    FIELD("fluidityLevelMin", fluidity_level_min, FIELD_DOUBLE),
    FIELD("fluidityLevelMed", fluidity_level_med, FIELD_DOUBLE),
    FIELD("fluidityLevelMax", fluidity_level_max, FIELD_DOUBLE),
    FIELD("fluidityNumFramesToEvent", fluidity_num_frames_to_event, FIELD_INT),
    FIELD("sendOpticalFlowEvent", send_optical_flow_event, FIELD_BOOL),
    FIELD("opticalFlowNumFramesToEvent", optical_flow_num_frames_to_event, FIELD_INT),
    FIELD("opticalFlowNumFramesToReset", optical_flow_num_frames_to_reset, FIELD_INT),
    FIELD("opticalFlowAngleOffset", optical_flow_angle_offset, FIELD_DOUBLE),
    /* Ours, in the same camelCase style. */
    FIELD("deadBand", dead_band, FIELD_DOUBLE),
    FIELD("cooldownFrames", cooldown_frames, FIELD_INT),
    FIELD("directionSectors", direction_sectors, FIELD_INT),
    FIELD("minMotion", min_motion, FIELD_DOUBLE),
};

#define FIELD_COUNT (sizeof fields / sizeof fields[0])

VISION_API const char *vision_crowd_region_config_name(uint32_t index)
{
    return index < FIELD_COUNT ? fields[index].kurento : NULL;
}

/* A decimal number in the C locale, whatever the process's locale is:
 * strtod would read "2,5" in some locales and reject "2.5". */
static int parse_number(const char *text, double *out)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    int negative = 0;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    double value = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9') {
        value = value * 10 + (*p++ - '0');
        digits++;
    }
    if (*p == '.') {
        p++;
        double scale = 0.1;
        while (*p >= '0' && *p <= '9') {
            value += (*p++ - '0') * scale;
            scale *= 0.1;
            digits++;
        }
    }
    if (!digits)
        return -1;
    if (*p == 'e' || *p == 'E') {
        p++;
        int exponent_negative = 0, exponent = 0, exponent_digits = 0;
        if (*p == '+' || *p == '-')
            exponent_negative = *p++ == '-';
        while (*p >= '0' && *p <= '9' && exponent < 1000) {
            exponent = exponent * 10 + (*p++ - '0');
            exponent_digits++;
        }
        if (!exponent_digits)
            return -1;
        value *= pow(10.0, exponent_negative ? -exponent : exponent);
    }
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p || !isfinite(value))
        return -1;
    *out = negative ? -value : value;
    return 0;
}

VISION_API int vision_crowd_region_config_set(vision_crowd_region_config *config, const char *name,
                                              const char *value)
{
    if (!config || !name || !value)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "config, name or value is NULL");
    if (config->version != VISION_CROWD_REGION_CONFIG_VERSION)
        return vis_fail(NULL, VISION_E_STRUCT_VERSION, "region config version %u is not %u",
                        config->version, VISION_CROWD_REGION_CONFIG_VERSION);
    const field *f = NULL;
    for (size_t i = 0; i < FIELD_COUNT && !f; i++)
        if (strcmp(fields[i].kurento, name) == 0 || strcmp(fields[i].snake, name) == 0)
            f = &fields[i];
    if (!f)
        return vis_fail(NULL, VISION_E_NOT_FOUND, "no region config field \"%s\"", name);
    char *target = (char *)config + f->offset;
    double number;
    if (f->kind == FIELD_BOOL) {
        if (strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0)
            number = 1;
        else if (strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0)
            number = 0;
        else
            return vis_fail(NULL, VISION_E_INVALID_ARGUMENT,
                            "%s takes true/false or 1/0, not \"%s\"", name, value);
        int32_t flag = (int32_t)number;
        memcpy(target, &flag, sizeof flag);
        return VISION_OK;
    }
    if (parse_number(value, &number) != 0)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "%s takes a number, not \"%s\"", name,
                        value);
    if (f->kind == FIELD_DOUBLE) {
        memcpy(target, &number, sizeof number);
        return VISION_OK;
    }
    if (number != floor(number) || number < INT32_MIN || number > INT32_MAX)
        return vis_fail(NULL, VISION_E_INVALID_ARGUMENT, "%s takes a whole number, not \"%s\"",
                        name, value);
    int32_t whole = (int32_t)number;
    memcpy(target, &whole, sizeof whole);
    return VISION_OK;
}
