/*
 * Fuzz target: the vision command's input parsers. The first byte chooses
 * one; the rest is its input:
 *   0  Y4M stream: "YUV4MPEG2 " + the input, as a file, read to its end
 *   1  raw frames: format, size and layout from the input, then the frames
 *   2  --size WxH and every frame source option (--format/--size/--fps/
 *      --layout), then the checks and the raw layout arithmetic
 *   3  crowd --roi ID=X,Y;X,Y;... then vision_crowd_add_region()
 *   4  plate --roi X,Y,X,Y,... then the options check of vision_plate_new()
 *   5  crowd --set KEY=VALUE (vision_crowd_region_config_set())
 *   6  plate --countries (vision_plate_countries_parse())
 *   7  pixel format names (vision_pixel_format_from_name())
 * Every frame a source hands out must pass vision_frame_validate().
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_frames.h"
#include "source.h"
#include <vision/vision.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int fuzz_crowd_parse_roi(const char *text, char *id, size_t id_size, vision_crowd_point **points);
int fuzz_plate_parse_roi(vision_plate_options *options, const char *text);

static void check(int rc)
{
    if (rc > 0 || rc <= VISION_E_INTERNAL)
        abort();
}

/* The input as a NUL-terminated string (NULs inside end it early). */
static char *text_of(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return NULL;
    memcpy(text, data, size);
    text[size] = '\0';
    return text;
}

/* Read a whole source made of `prefix` + data through a memory file. */
static void read_source(const char *prefix, const uint8_t *data, size_t size,
                        const frame_source_options *options)
{
    int fd = memfd_create("fuzz-input", 0);
    if (fd < 0)
        return;
    size_t prefix_size = strlen(prefix);
    if (write(fd, prefix, prefix_size) != (ssize_t)prefix_size ||
        (size && write(fd, data, size) != (ssize_t)size)) {
        close(fd);
        return;
    }
    char path[64], error[512];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    frame_source *source = NULL;
    int rc = frame_source_open(&source, path, options, error, sizeof error);
    if (rc == VISION_OK) {
        vision_frame frame;
        for (int n = 0; n < 64; n++) {
            vision_frame_init(&frame);
            rc = frame_source_read(source, &frame, error, sizeof error);
            if (rc != 1)
                break;
            char detail[256];
            if (vision_frame_validate(&frame, detail, sizeof detail) != VISION_OK)
                abort(); /* a source handed out a frame the library refuses */
        }
        if (rc < 0 && error[0] == '\0')
            abort(); /* every failure says why */
    } else if (rc > 0 || error[0] == '\0') {
        abort();
    }
    frame_source_close(source);
    close(fd);
}

static const char *const option_names[] = {"format", "size", "fps", "layout", "other"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t which = data[0] % 8;
    data++;
    size--;
    switch (which) {
    case 0:
        read_source("YUV4MPEG2 ", data, size, NULL);
        break;
    case 1: {
        fuzz_input in = {data, size};
        frame_source_options options;
        memset(&options, 0, sizeof options);
        options.raw_format = fuzz_u8(&in) % (VISION_PIXEL_FORMAT_COUNT + 1);
        options.raw_width = fuzz_u8(&in) % 40;
        options.raw_height = fuzz_u8(&in) % 40;
        options.raw_layout = fuzz_u8(&in) % 3;
        options.raw_fps = fuzz_u8(&in);
        read_source("", in.data, in.size, &options);
        break;
    }
    case 2: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        uint32_t width = 0, height = 0;
        if (parse_size(text, &width, &height) == 0 &&
            (width < 1 || width > VISION_FRAME_MAX_DIMENSION || height < 1 ||
             height > VISION_FRAME_MAX_DIMENSION))
            abort();
        frame_source_options options;
        memset(&options, 0, sizeof options);
        char error[512];
        for (size_t i = 0; i < sizeof option_names / sizeof option_names[0]; i++) {
            int rc = frame_source_parse_option(&options, option_names[i], text, error,
                                               sizeof error);
            if (rc < -1 || rc > 1)
                abort();
        }
        frame_source_check_options(&options, error, sizeof error);
        uint64_t offsets[VISION_FRAME_MAX_PLANES], bytes = 0;
        uint32_t strides[VISION_FRAME_MAX_PLANES];
        check(frame_source_raw_layout(offsets, strides, &bytes, options.raw_layout,
                                      options.raw_format, options.raw_width, options.raw_height));
        free(text);
        break;
    }
    case 3: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        char id[VISION_CROWD_REGION_ID_MAX + 1];
        vision_crowd_point *points = NULL;
        int count = fuzz_crowd_parse_roi(text, id, sizeof id, &points);
        if (count >= 0) {
            vision_crowd *crowd = NULL;
            check(vision_crowd_new(&crowd, NULL));
            if (crowd) {
                check(vision_crowd_add_region(crowd, id, points, (size_t)count, NULL));
                check(vision_crowd_free(crowd));
            }
            free(points);
        }
        free(text);
        break;
    }
    case 4: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        vision_plate_options options = VISION_PLATE_OPTIONS_INIT;
        if (fuzz_plate_parse_roi(&options, text) == 0) {
            if (options.roi_point_count > VISION_PLATE_ROI_MAX_POINTS)
                abort();
            /* A directory that does not exist: the options are checked
             * first, and nothing heavy is loaded. */
            options.ocr_data_path = "/nonexistent/fuzz";
            vision_plate *plate = NULL;
            int rc = vision_plate_new(&plate, &options);
            if (rc != VISION_E_REGION && rc != VISION_E_OPTION && rc != VISION_E_OCR_DATA)
                abort();
            if (plate)
                abort();
        }
        free(text);
        break;
    }
    case 5: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        vision_crowd_region_config config = VISION_CROWD_REGION_CONFIG_INIT;
        char *equals = strchr(text, '=');
        if (equals) {
            *equals = '\0';
            check(vision_crowd_region_config_set(&config, text, equals + 1));
        } else {
            check(vision_crowd_region_config_set(&config, text, text));
        }
        free(text);
        break;
    }
    case 6: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        uint32_t countries = 0;
        int rc = vision_plate_countries_parse(&countries, text);
        check(rc);
        if (rc == VISION_OK && (countries == 0 || (countries & ~VISION_PLATE_COUNTRY_ALL)))
            abort();
        free(text);
        break;
    }
    default: {
        char *text = text_of(data, size);
        if (!text)
            return 0;
        uint32_t format = vision_pixel_format_from_name(text);
        if (format >= VISION_PIXEL_FORMAT_COUNT)
            abort();
        if (format != VISION_PIXEL_FORMAT_UNKNOWN && !vision_pixel_format_name(format))
            abort();
        free(text);
        break;
    }
    }
    return 0;
}
