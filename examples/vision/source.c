/*
 * vision command: frame sources (still images, videos, Y4M, raw frames).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "source.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/stat.h>

#include "decode.h"

/* Longest Y4M header or FRAME line accepted; real ones are well under 100. */
#define Y4M_LINE_MAX 4096
#define Y4M_MAGIC "YUV4MPEG2 "
#define Y4M_MAGIC_LEN 10

struct frame_source {
    frame_source_kind kind;
    const char *name;    /* for messages: the path, or "stdin" */
    FILE *file;          /* Y4M and raw */
    int owns_file;       /* 0 for stdin */
    cv_decoder *decoder; /* image and video */
    uint8_t *buffer;     /* one frame of Y4M or raw */
    uint64_t frame_bytes;
    uint64_t plane_offsets[VISION_FRAME_MAX_PLANES]; /* within buffer */
    uint32_t plane_strides[VISION_FRAME_MAX_PLANES];
    uint32_t format;
    uint32_t width;
    uint32_t height;
    double fps;      /* declared or assumed; 0 when unknown */
    int64_t fps_num; /* exact rate of Y4M for timestamps, else 0 */
    int64_t fps_den;
    int64_t index;      /* of the frame last read, -1 before */
    int64_t count;      /* frames in the input if known, else -1 */
    double last_pts_ms; /* video: last container timestamp, to spot backends without one */
    int finished;       /* end reached or error: read returns 0 */
    frame_generator generator;
    void *generator_user;
};

static void set_error(char *error, size_t error_size, const char *format, ...)
{
    if (!error || error_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
}

const char *frame_source_kind_name(frame_source_kind kind)
{
    switch (kind) {
    case FRAME_SOURCE_IMAGE:
        return "image";
    case FRAME_SOURCE_VIDEO:
        return "video";
    case FRAME_SOURCE_Y4M:
        return "y4m";
    case FRAME_SOURCE_RAW:
        return "raw";
    case FRAME_SOURCE_GENERATED:
        return "generated";
    }
    return "unknown";
}

/* A decimal number of 1 .. max: digits only, no sign or space. */
static int parse_dimension(const char *text, size_t length, uint32_t max, uint32_t *out)
{
    if (length == 0 || length > 9)
        return -1;
    uint32_t value = 0;
    for (size_t i = 0; i < length; i++) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (uint32_t)(text[i] - '0');
    }
    if (value < 1 || value > max)
        return -1;
    *out = value;
    return 0;
}

int parse_size(const char *text, uint32_t *width, uint32_t *height)
{
    if (!text || !width || !height)
        return -1;
    const char *x = strpbrk(text, "xX");
    if (!x)
        return -1;
    uint32_t w, h;
    if (parse_dimension(text, (size_t)(x - text), VISION_FRAME_MAX_DIMENSION, &w) != 0 ||
        parse_dimension(x + 1, strlen(x + 1), VISION_FRAME_MAX_DIMENSION, &h) != 0)
        return -1;
    *width = w;
    *height = h;
    return 0;
}

static uint64_t round_up_4(uint64_t x)
{
    return (x + 3) & ~(uint64_t)3;
}

int frame_source_raw_layout(uint64_t offsets[VISION_FRAME_MAX_PLANES],
                            uint32_t strides[VISION_FRAME_MAX_PLANES], uint64_t *frame_bytes,
                            uint32_t layout, uint32_t format, uint32_t width, uint32_t height)
{
    int planes = vision_pixel_format_plane_count(format);
    if (planes < 0)
        return planes;
    uint64_t offset = 0;
    for (int p = 0; p < VISION_FRAME_MAX_PLANES; p++) {
        offsets[p] = 0;
        strides[p] = 0;
    }
    for (int p = 0; p < planes; p++) {
        uint64_t row_bytes;
        uint32_t rows;
        int rc =
            vision_pixel_format_plane_size(&row_bytes, &rows, format, width, height, (uint32_t)p);
        if (rc != VISION_OK)
            return rc;
        uint64_t stride = row_bytes;
        if (layout == FRAME_SOURCE_LAYOUT_GSTREAMER) {
            /* gst_video_info_set_format()'s default strides: 4-byte pixels
             * are already aligned, everything else rounds up to 4; 4:2:0
             * luma planes span an even number of rows. */
            stride = round_up_4(row_bytes);
            int is_420 = planes > 1;
            if (is_420 && p == 0 && (height & 1))
                rows = height + 1;
            if (format == VISION_PIXEL_FORMAT_NV12 || format == VISION_PIXEL_FORMAT_NV21)
                stride = round_up_4(width); /* the interleaved plane shares the luma stride */
        }
        offsets[p] = offset;
        strides[p] = (uint32_t)stride;
        offset += stride * rows;
    }
    *frame_bytes = offset;
    return VISION_OK;
}

int frame_source_parse_option(frame_source_options *options, const char *name, const char *value,
                              char *error, size_t error_size)
{
    if (!options || !name)
        return 0;
    if (strcmp(name, "format") == 0) {
        uint32_t format = vision_pixel_format_from_name(value);
        if (format == VISION_PIXEL_FORMAT_UNKNOWN) {
            set_error(error, error_size,
                      "unknown pixel format '%s' (known: GRAY8, GRAY16_LE, RGB, BGR, RGBA, BGRA, "
                      "ARGB, ABGR, RGBx, BGRx, xRGB, xBGR, I420, YV12, NV12, NV21, YUY2, UYVY)",
                      value ? value : "");
            return -1;
        }
        options->raw_format = format;
        return 1;
    }
    if (strcmp(name, "size") == 0) {
        if (parse_size(value, &options->raw_width, &options->raw_height) != 0) {
            set_error(error, error_size,
                      "bad size '%s': expected WIDTHxHEIGHT, each 1 to %u, e.g. 320x240",
                      value ? value : "", (unsigned)VISION_FRAME_MAX_DIMENSION);
            return -1;
        }
        return 1;
    }
    if (strcmp(name, "layout") == 0) {
        if (value && strcmp(value, "packed") == 0) {
            options->raw_layout = FRAME_SOURCE_LAYOUT_PACKED;
        } else if (value && strcmp(value, "gstreamer") == 0) {
            options->raw_layout = FRAME_SOURCE_LAYOUT_GSTREAMER;
        } else {
            set_error(error, error_size, "unknown layout '%s' (known: packed, gstreamer)",
                      value ? value : "");
            return -1;
        }
        return 1;
    }
    if (strcmp(name, "fps") == 0) {
        char *end = NULL;
        errno = 0;
        double fps = value ? strtod(value, &end) : 0;
        if (!value || end == value || *end != '\0' || errno != 0 || !isfinite(fps) || fps <= 0 ||
            fps > 1e6) {
            set_error(error, error_size, "bad frame rate '%s': expected a number above 0",
                      value ? value : "");
            return -1;
        }
        options->raw_fps = fps;
        return 1;
    }
    return 0;
}

int frame_source_check_options(const frame_source_options *options, char *error, size_t error_size)
{
    if (!options)
        return 0;
    int has_size = options->raw_width != 0 || options->raw_height != 0;
    if (options->raw_format != 0 && !has_size) {
        set_error(error, error_size, "--format needs --size WxH for raw frames");
        return -1;
    }
    if (options->raw_format == 0 && has_size) {
        set_error(error, error_size, "--size needs --format NAME for raw frames");
        return -1;
    }
    return 0;
}

/* fread until `size` bytes or the end, retrying after signals: pipes hand
 * data over in pieces. Returns the bytes read; *failed is set on a read
 * error (errno kept). */
static size_t read_full(FILE *file, void *buffer, size_t size, int *failed)
{
    size_t done = 0;
    *failed = 0;
    while (done < size) {
        size_t n = fread((uint8_t *)buffer + done, 1, size - done, file);
        done += n;
        if (done == size)
            break;
        if (feof(file))
            break;
        if (ferror(file)) {
            if (errno == EINTR) {
                clearerr(file);
                continue;
            }
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                /* A non-blocking stdin: wait for data instead of spinning. */
                struct pollfd wait_for = {fileno(file), POLLIN, 0};
                clearerr(file);
                poll(&wait_for, 1, -1);
                continue;
            }
            *failed = 1;
            break;
        }
    }
    return done;
}

static frame_source *source_new(const char *path)
{
    frame_source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = strcmp(path, "-") == 0 ? "stdin" : path;
    s->index = -1;
    s->count = -1;
    s->last_pts_ms = -1;
    return s;
}

void frame_source_close(frame_source *source)
{
    if (!source)
        return;
    if (source->file && source->owns_file)
        fclose(source->file);
    decoder_close(source->decoder);
    if (source->generator.release)
        source->generator.release(source->generator_user);
    free(source->buffer);
    free(source);
}

/* The frame buffer for the format, size and layout; checks the size. */
static int alloc_frame_buffer(frame_source *s, uint32_t layout, char *error, size_t error_size)
{
    uint64_t bytes = 0;
    int rc = frame_source_raw_layout(s->plane_offsets, s->plane_strides, &bytes, layout, s->format,
                                     s->width, s->height);
    if (rc == VISION_E_PIXEL_FORMAT) {
        set_error(error, error_size, "%s: unsupported pixel format %u", s->name,
                  (unsigned)s->format);
        return rc;
    }
    if (rc != VISION_OK || bytes == 0 || bytes > VISION_FRAME_MAX_BYTES) {
        set_error(error, error_size, "%s: frame size %ux%u is out of range (1 to %u each)", s->name,
                  (unsigned)s->width, (unsigned)s->height, (unsigned)VISION_FRAME_MAX_DIMENSION);
        return VISION_E_FRAME_SIZE;
    }
    s->frame_bytes = bytes;
    s->buffer = malloc((size_t)bytes);
    if (!s->buffer) {
        set_error(error, error_size, "%s: cannot allocate %llu bytes for a frame", s->name,
                  (unsigned long long)bytes);
        return VISION_E_NO_MEMORY;
    }
    return VISION_OK;
}

/* With a regular file of `header` bytes before the frames, the count. */
static void count_from_file_size(frame_source *s, uint64_t header, uint64_t per_frame_extra)
{
    struct stat st;
    if (!s->owns_file || fstat(fileno(s->file), &st) != 0 || !S_ISREG(st.st_mode))
        return;
    uint64_t per_frame = s->frame_bytes + per_frame_extra;
    if ((uint64_t)st.st_size >= header && per_frame > 0)
        s->count = (int64_t)(((uint64_t)st.st_size - header) / per_frame);
}

/* ---- Y4M ---- */

/* Read a line up to '\n' (not stored). Returns its length, -1 at a clean
 * end before any byte, -2 when too long, -3 on end or error inside it. */
static long read_line(FILE *file, char *line, size_t size)
{
    size_t n = 0;
    for (;;) {
        int c = getc(file);
        if (c == EOF) {
            if (ferror(file) && errno == EINTR) {
                clearerr(file);
                continue;
            }
            return n == 0 ? -1 : -3;
        }
        if (c == '\n')
            break;
        if (n + 1 >= size)
            return -2;
        line[n++] = (char)c;
    }
    line[n] = '\0';
    return (long)n;
}

/* A positive decimal integer token value: digits only. */
static int parse_positive(const char *text, int64_t max, int64_t *out)
{
    if (!*text)
        return -1;
    int64_t value = 0;
    for (const char *p = text; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        value = value * 10 + (*p - '0');
        if (value > max)
            return -1;
    }
    if (value < 1)
        return -1;
    *out = value;
    return 0;
}

static int y4m_colourspace(const char *c, uint32_t *format)
{
    static const struct {
        const char *name;
        uint32_t format;
    } table[] = {
        {"420jpeg", VISION_PIXEL_FORMAT_I420},  {"420mpeg2", VISION_PIXEL_FORMAT_I420},
        {"420paldv", VISION_PIXEL_FORMAT_I420}, {"420", VISION_PIXEL_FORMAT_I420},
        {"mono", VISION_PIXEL_FORMAT_GRAY8},    {"mono16", VISION_PIXEL_FORMAT_GRAY16_LE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(c, table[i].name) == 0) {
            *format = table[i].format;
            return 0;
        }
    return -1;
}

/* Parse the header line after the magic. */
static int y4m_parse_header(frame_source *s, char *line, double default_fps, char *error,
                            size_t error_size)
{
    int64_t width = 0, height = 0, num = 0, den = 0;
    const char *colour = "420jpeg"; /* the format's default when C is absent */
    char *save = NULL;
    for (char *tok = strtok_r(line, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        const char *v = tok + 1;
        switch (tok[0]) {
        case 'W':
            if (parse_positive(v, VISION_FRAME_MAX_DIMENSION, &width) != 0) {
                set_error(error, error_size, "%s: bad Y4M width 'W%s' (1 to %u)", s->name, v,
                          (unsigned)VISION_FRAME_MAX_DIMENSION);
                return VISION_E_FRAME_SIZE;
            }
            break;
        case 'H':
            if (parse_positive(v, VISION_FRAME_MAX_DIMENSION, &height) != 0) {
                set_error(error, error_size, "%s: bad Y4M height 'H%s' (1 to %u)", s->name, v,
                          (unsigned)VISION_FRAME_MAX_DIMENSION);
                return VISION_E_FRAME_SIZE;
            }
            break;
        case 'F': {
            char *colon = strchr(v, ':');
            if (colon)
                *colon = '\0';
            if (!colon || parse_positive(v, INT32_MAX, &num) != 0 ||
                parse_positive(colon + 1, INT32_MAX, &den) != 0) {
                if (colon)
                    *colon = ':';
                set_error(error, error_size,
                          "%s: bad Y4M frame rate 'F%s' (expected F<num>:<den>, both above 0)",
                          s->name, v);
                return VISION_E_IO;
            }
            break;
        }
        case 'C':
            colour = v;
            break;
        case 'I': /* interlacing, A: aspect ratio, X: extensions: not needed */
        case 'A':
        case 'X':
        default:
            break;
        }
    }
    if (width == 0 || height == 0) {
        set_error(error, error_size, "%s: Y4M header lacks %s", s->name,
                  width == 0 ? "the width (W)" : "the height (H)");
        return VISION_E_IO;
    }
    if (y4m_colourspace(colour, &s->format) != 0) {
        set_error(error, error_size,
                  "%s: Y4M colourspace 'C%s' is not supported (vision reads 420jpeg, "
                  "420mpeg2, 420paldv and 420 as I420, mono as GRAY8, mono16 as GRAY16_LE)",
                  s->name, colour);
        return VISION_E_PIXEL_FORMAT;
    }
    s->width = (uint32_t)width;
    s->height = (uint32_t)height;
    if (num > 0) {
        s->fps_num = num;
        s->fps_den = den;
        s->fps = (double)num / (double)den;
    } else {
        s->fps = default_fps;
    }
    return VISION_OK;
}

/* The source's file is positioned just after the magic. */
static int y4m_open(frame_source *s, double default_fps, char *error, size_t error_size)
{
    char line[Y4M_LINE_MAX];
    long n = read_line(s->file, line, sizeof line);
    if (n == -2) {
        set_error(error, error_size, "%s: Y4M header longer than %d bytes", s->name, Y4M_LINE_MAX);
        return VISION_E_IO;
    }
    if (n < 0) {
        set_error(error, error_size, "%s: Y4M header ends before its newline", s->name);
        return VISION_E_IO;
    }
    int rc = y4m_parse_header(s, line, default_fps, error, error_size);
    if (rc != VISION_OK)
        return rc;
    s->kind = FRAME_SOURCE_Y4M;
    rc = alloc_frame_buffer(s, FRAME_SOURCE_LAYOUT_PACKED, error, error_size);
    if (rc != VISION_OK)
        return rc;
    /* Frames in a plain file are "FRAME\n" + data; parameters would make the
     * count an estimate, so only give it when the arithmetic is exact. */
    long header_end = ftell(s->file);
    if (header_end > 0) {
        count_from_file_size(s, (uint64_t)header_end, 6);
        struct stat st;
        if (s->count >= 0 && fstat(fileno(s->file), &st) == 0 &&
            (uint64_t)st.st_size !=
                (uint64_t)header_end + (uint64_t)s->count * (s->frame_bytes + 6))
            s->count = -1;
    }
    return VISION_OK;
}

static int y4m_read_frame_header(frame_source *s, char *error, size_t error_size)
{
    char line[Y4M_LINE_MAX];
    long n = read_line(s->file, line, sizeof line);
    if (n == -1) {
        if (ferror(s->file)) {
            set_error(error, error_size, "%s: read error before frame %lld: %s", s->name,
                      (long long)(s->index + 1), strerror(errno));
            return VISION_E_IO;
        }
        return 0;
    }
    if (n == -2 || n == -3 || strncmp(line, "FRAME", 5) != 0 ||
        (line[5] != '\0' && line[5] != ' ')) {
        set_error(error, error_size, "%s: frame %lld does not start with a FRAME line%s", s->name,
                  (long long)(s->index + 1),
                  n == -3   ? " (stream ends inside it)"
                  : n == -2 ? " (line too long)"
                            : "");
        return VISION_E_IO;
    }
    return 1; /* frame parameters after "FRAME " are allowed and not needed */
}

/* ---- raw and Y4M frame data ---- */

static int read_frame_data(frame_source *s, vision_frame *frame, char *error, size_t error_size)
{
    int failed = 0;
    size_t got = read_full(s->file, s->buffer, (size_t)s->frame_bytes, &failed);
    if (failed) {
        set_error(error, error_size, "%s: read error in frame %lld: %s", s->name,
                  (long long)(s->index + 1), strerror(errno));
        return VISION_E_IO;
    }
    if (got == 0 && s->kind == FRAME_SOURCE_RAW)
        return 0;
    if (got < s->frame_bytes) {
        set_error(error, error_size,
                  "%s: frame %lld is truncated: %llu of %llu bytes (%s %ux%u); is the "
                  "format or size wrong?",
                  s->name, (long long)(s->index + 1), (unsigned long long)got,
                  (unsigned long long)s->frame_bytes, vision_pixel_format_name(s->format),
                  (unsigned)s->width, (unsigned)s->height);
        return VISION_E_IO;
    }
    vision_frame_init(frame);
    frame->format = s->format;
    frame->width = s->width;
    frame->height = s->height;
    int planes = vision_pixel_format_plane_count(s->format);
    for (int p = 0; p < planes; p++) {
        frame->planes[p] = s->buffer + s->plane_offsets[p];
        frame->strides[p] = s->plane_strides[p];
    }
    s->index++;
    if (s->fps_num > 0)
        frame->pts_ns = (int64_t)((__int128)s->index * s->fps_den * 1000000000 / s->fps_num);
    else
        frame->pts_ns = (int64_t)llround((double)s->index * 1e9 / s->fps);
    return 1;
}

/* ---- images and videos ---- */

static int read_decoded(frame_source *s, vision_frame *frame, char *error, size_t error_size)
{
    decoded_picture p;
    int rc = decoder_next(s->decoder, &p, error, error_size);
    if (rc <= 0)
        return rc;
    vision_frame_init(frame);
    frame->format = p.channels == 1 ? VISION_PIXEL_FORMAT_GRAY8 : VISION_PIXEL_FORMAT_BGR;
    frame->width = p.width;
    frame->height = p.height;
    frame->planes[0] = (uint8_t *)p.data;
    frame->strides[0] = (uint32_t)p.stride;
    s->index++;
    if (s->kind == FRAME_SOURCE_IMAGE) {
        frame->pts_ns = 0;
    } else if (p.pts_ms >= 0 && (s->index == 0 || p.pts_ms > s->last_pts_ms)) {
        /* The container's timestamp, while the backend gives increasing ones. */
        frame->pts_ns = (int64_t)llround(p.pts_ms * 1e6);
        s->last_pts_ms = p.pts_ms;
    } else {
        double fps = s->fps > 0 ? s->fps : FRAME_SOURCE_DEFAULT_FPS;
        frame->pts_ns = (int64_t)llround((double)s->index * 1e9 / fps);
        s->last_pts_ms = -1;
    }
    char detail[200];
    rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc != VISION_OK) {
        set_error(error, error_size, "%s: frame %lld: %s", s->name, (long long)s->index, detail);
        return rc;
    }
    return 1;
}

/* ---- generated frames ---- */

static int read_generated(frame_source *s, vision_frame *frame, char *error, size_t error_size)
{
    vision_frame_init(frame);
    int rc = s->generator.render(s->generator_user, s->index + 1, frame, error, error_size);
    if (rc <= 0)
        return rc;
    s->index++;
    if (frame->pts_ns == VISION_PTS_NONE)
        frame->pts_ns = (int64_t)llround((double)s->index * 1e9 / s->fps);
    char detail[200];
    rc = vision_frame_validate(frame, detail, sizeof detail);
    if (rc != VISION_OK) {
        set_error(error, error_size, "%s: frame %lld: %s", s->name, (long long)s->index, detail);
        return rc;
    }
    return 1;
}

int frame_source_open_generator(frame_source **out, const frame_generator *generator, void *user,
                                char *error, size_t error_size)
{
    if (out)
        *out = NULL;
    if (!out || !generator || !generator->render || !(generator->fps >= 0) ||
        generator->fps > 1e6) {
        set_error(error, error_size, "invalid frame generator");
        if (generator && generator->release)
            generator->release(user);
        return VISION_E_INVALID_ARGUMENT;
    }
    frame_source *s = source_new(generator->name ? generator->name : "generated");
    if (!s) {
        set_error(error, error_size, "out of memory");
        if (generator->release)
            generator->release(user);
        return VISION_E_NO_MEMORY;
    }
    s->kind = FRAME_SOURCE_GENERATED;
    s->generator = *generator;
    s->generator_user = user;
    s->fps = generator->fps > 0 ? generator->fps : FRAME_SOURCE_DEFAULT_FPS;
    s->count = generator->count >= 0 ? generator->count : -1;
    *out = s;
    return VISION_OK;
}

/* ---- opening ---- */

static int open_file(frame_source *s, const char *path, char *error, size_t error_size)
{
    if (strcmp(path, "-") == 0) {
        s->file = stdin;
        s->owns_file = 0;
        return VISION_OK;
    }
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        set_error(error, error_size, "%s: is a directory", path);
        return VISION_E_IO;
    }
    s->file = fopen(path, "rb");
    if (!s->file) {
        set_error(error, error_size, "%s: cannot open: %s", path, strerror(errno));
        return VISION_E_IO;
    }
    s->owns_file = 1;
    return VISION_OK;
}

static int raw_open(frame_source *s, const frame_source_options *o, char *error, size_t error_size)
{
    if (o->raw_width == 0 || o->raw_height == 0) {
        set_error(error, error_size, "%s: raw frames need a size (--size WxH)", s->name);
        return VISION_E_OPTION;
    }
    if (!vision_pixel_format_name(o->raw_format)) {
        set_error(error, error_size, "%s: unknown raw pixel format %u", s->name,
                  (unsigned)o->raw_format);
        return VISION_E_PIXEL_FORMAT;
    }
    s->kind = FRAME_SOURCE_RAW;
    s->format = o->raw_format;
    s->width = o->raw_width;
    s->height = o->raw_height;
    s->fps = o->raw_fps > 0 ? o->raw_fps : FRAME_SOURCE_DEFAULT_FPS;
    if (o->raw_layout != FRAME_SOURCE_LAYOUT_PACKED &&
        o->raw_layout != FRAME_SOURCE_LAYOUT_GSTREAMER) {
        set_error(error, error_size, "%s: unknown raw layout %u", s->name, (unsigned)o->raw_layout);
        return VISION_E_OPTION;
    }
    int rc = alloc_frame_buffer(s, o->raw_layout, error, error_size);
    if (rc != VISION_OK)
        return rc;
    count_from_file_size(s, 0, 0);
    return VISION_OK;
}

int frame_source_open(frame_source **out, const char *path, const frame_source_options *options,
                      char *error, size_t error_size)
{
    static const frame_source_options no_options;
    if (!out || !path) {
        set_error(error, error_size, "no input given");
        return VISION_E_INVALID_ARGUMENT;
    }
    *out = NULL;
    const frame_source_options *o = options ? options : &no_options;
    if (!(o->raw_fps >= 0 && o->raw_fps <= 1e6)) { /* also NaN and infinity */
        set_error(error, error_size, "bad frame rate %g", o->raw_fps);
        return VISION_E_OPTION;
    }
    double default_fps = o->raw_fps > 0 ? o->raw_fps : FRAME_SOURCE_DEFAULT_FPS;
    frame_source *s = source_new(path);
    if (!s) {
        set_error(error, error_size, "out of memory");
        return VISION_E_NO_MEMORY;
    }
    int rc = open_file(s, path, error, error_size);
    if (rc != VISION_OK)
        goto fail;

    if (o->raw_format != VISION_PIXEL_FORMAT_UNKNOWN) {
        rc = raw_open(s, o, error, error_size);
        if (rc != VISION_OK)
            goto fail;
        *out = s;
        return VISION_OK;
    }

    /* Y4M is recognised by its magic; pipes and devices can only be Y4M
     * (or raw, above) since their first bytes cannot be given back. */
    struct stat st;
    int regular = s->owns_file && fstat(fileno(s->file), &st) == 0 && S_ISREG(st.st_mode);
    char magic[Y4M_MAGIC_LEN];
    int failed = 0;
    size_t got = read_full(s->file, magic, sizeof magic, &failed);
    if (got == sizeof magic && memcmp(magic, Y4M_MAGIC, Y4M_MAGIC_LEN) == 0) {
        rc = y4m_open(s, default_fps, error, error_size);
        if (rc != VISION_OK)
            goto fail;
        *out = s;
        return VISION_OK;
    }
    if (failed) {
        set_error(error, error_size, "%s: read error: %s", s->name, strerror(errno));
        rc = VISION_E_IO;
        goto fail;
    }
    if (!regular) {
        if (got == 0)
            set_error(error, error_size, "%s: empty input", s->name);
        else
            set_error(error, error_size,
                      "%s: not a YUV4MPEG2 stream; for raw frames give --format NAME and "
                      "--size WxH (images and videos must be files)",
                      s->name);
        rc = got == 0 ? VISION_E_IO : VISION_E_UNSUPPORTED;
        goto fail;
    }
    if (got == 0) {
        set_error(error, error_size, "%s: empty file", s->name);
        rc = VISION_E_IO;
        goto fail;
    }
    fclose(s->file);
    s->file = NULL;
    s->owns_file = 0;

    if (decoder_is_image(path)) {
        rc = decoder_open_image(&s->decoder, path, error, error_size);
        if (rc != VISION_OK)
            goto fail;
        s->kind = FRAME_SOURCE_IMAGE;
        s->count = 1;
    } else {
        rc = decoder_open_video(&s->decoder, path, error, error_size);
        if (rc != VISION_OK)
            goto fail;
        s->kind = FRAME_SOURCE_VIDEO;
        s->fps = decoder_fps(s->decoder);
        s->count = decoder_frame_count(s->decoder);
        if (s->fps <= 0 && o->raw_fps > 0)
            s->fps = o->raw_fps;
    }
    *out = s;
    return VISION_OK;

fail:
    frame_source_close(s);
    return rc;
}

int frame_source_read(frame_source *source, vision_frame *frame, char *error, size_t error_size)
{
    if (!source || !frame) {
        set_error(error, error_size, "no source or frame");
        return VISION_E_INVALID_ARGUMENT;
    }
    if (source->finished)
        return 0;
    int rc;
    switch (source->kind) {
    case FRAME_SOURCE_Y4M:
        rc = y4m_read_frame_header(source, error, error_size);
        if (rc == 1)
            rc = read_frame_data(source, frame, error, error_size);
        break;
    case FRAME_SOURCE_RAW:
        rc = read_frame_data(source, frame, error, error_size);
        break;
    case FRAME_SOURCE_GENERATED:
        rc = read_generated(source, frame, error, error_size);
        break;
    default:
        rc = read_decoded(source, frame, error, error_size);
        break;
    }
    if (rc != 1)
        source->finished = 1;
    return rc;
}

frame_source_kind frame_source_get_kind(const frame_source *source)
{
    return source ? source->kind : (frame_source_kind)0;
}

double frame_source_fps(const frame_source *source)
{
    return source ? source->fps : 0;
}

int64_t frame_source_index(const frame_source *source)
{
    return source ? source->index : -1;
}

int64_t frame_source_count(const frame_source *source)
{
    return source ? source->count : -1;
}
