/*
 * Tests of the vision command's frame sources: Y4M (files, pipes, header
 * variants, malformed headers), raw frames, still images and videos
 * written through OpenCV, option parsing.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <math.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cv_write.h"
#include "source.h"

static char tmpdir[64];

static const char *path_in(const char *name)
{
    static char paths[4][512];
    static int next;
    char *p = paths[next++ % 4];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/vision-test-source-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* ---- a growable byte buffer ---- */

typedef struct bytes {
    uint8_t *data;
    size_t size;
    size_t capacity;
} bytes;

static void put(bytes *b, const void *data, size_t size)
{
    if (b->size + size + 1 > b->capacity) {
        b->capacity = 2 * (b->size + size + 1) + 256;
        b->data = realloc(b->data, b->capacity);
        assert_non_null(b->data);
    }
    memcpy(b->data + b->size, data, size);
    b->size += size;
}

static void put_text(bytes *b, const char *format, ...)
{
    char text[8192];
    va_list args;
    va_start(args, format);
    int n = vsnprintf(text, sizeof text, format, args);
    va_end(args);
    assert_true(n >= 0 && (size_t)n < sizeof text);
    put(b, text, (size_t)n);
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (size)
        assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

/* ---- known pixel patterns ---- */

static uint8_t pattern(uint32_t plane, uint32_t x, uint32_t y, uint32_t frame)
{
    return (uint8_t)(x * (3 + plane) + y * (5 + 2 * plane) + frame * 7 + plane * 50);
}

/* A packed frame of any format filled with the pattern, plane by plane. */
static void put_frame(bytes *b, uint32_t format, uint32_t width, uint32_t height, uint32_t index)
{
    int planes = vision_pixel_format_plane_count(format);
    assert_true(planes > 0);
    for (int p = 0; p < planes; p++) {
        uint64_t row_bytes;
        uint32_t rows;
        assert_int_equal(
            vision_pixel_format_plane_size(&row_bytes, &rows, format, width, height, (uint32_t)p),
            VISION_OK);
        for (uint32_t y = 0; y < rows; y++)
            for (uint32_t x = 0; x < row_bytes; x++) {
                uint8_t v = pattern((uint32_t)p, x, y, index);
                put(b, &v, 1);
            }
    }
}

static void check_frame(const vision_frame *f, uint32_t format, uint32_t width, uint32_t height,
                        uint32_t index)
{
    assert_int_equal(f->format, format);
    assert_int_equal(f->width, width);
    assert_int_equal(f->height, height);
    assert_int_equal(vision_frame_validate(f, NULL, 0), VISION_OK);
    int planes = vision_pixel_format_plane_count(format);
    for (int p = 0; p < planes; p++) {
        uint64_t row_bytes;
        uint32_t rows;
        assert_int_equal(
            vision_pixel_format_plane_size(&row_bytes, &rows, format, width, height, (uint32_t)p),
            VISION_OK);
        assert_true(f->strides[p] >= row_bytes);
        for (uint32_t y = 0; y < rows; y++)
            for (uint32_t x = 0; x < row_bytes; x++)
                if (f->planes[p][(size_t)y * f->strides[p] + x] !=
                    pattern((uint32_t)p, x, y, index))
                    fail_msg("frame %u plane %d pixel byte (%u,%u) differs", index, p, x, y);
    }
}

static void y4m_stream(bytes *b, const char *header, uint32_t format, uint32_t width,
                       uint32_t height, uint32_t frames, const char *frame_line)
{
    put_text(b, "%s\n", header);
    for (uint32_t i = 0; i < frames; i++) {
        put_text(b, "%s\n", frame_line);
        put_frame(b, format, width, height, i);
    }
}

static int open_path(frame_source **s, const char *path, const frame_source_options *o, char *error,
                     size_t size)
{
    error[0] = '\0';
    return frame_source_open(s, path, o, error, size);
}

/* Open, expect success, read `frames` frames of the pattern, then the end. */
static void expect_frames(const char *path, const frame_source_options *o, frame_source_kind kind,
                          uint32_t format, uint32_t width, uint32_t height, uint32_t frames,
                          int64_t frame_period_num, int64_t frame_period_den)
{
    char error[512];
    frame_source *s = NULL;
    int rc = open_path(&s, path, o, error, sizeof error);
    if (rc != VISION_OK)
        fail_msg("open %s: %d %s", path, rc, error);
    assert_int_equal(frame_source_get_kind(s), kind);
    assert_int_equal(frame_source_index(s), -1);
    vision_frame f;
    for (uint32_t i = 0; i < frames; i++) {
        rc = frame_source_read(s, &f, error, sizeof error);
        if (rc != 1)
            fail_msg("frame %u of %s: %d %s", i, path, rc, error);
        check_frame(&f, format, width, height, i);
        assert_int_equal(frame_source_index(s), i);
        /* pts = i * num / den seconds, in ns */
        int64_t expected =
            (int64_t)((__int128)i * frame_period_num * 1000000000 / frame_period_den);
        assert_int_equal(f.pts_ns, expected);
    }
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
    frame_source_close(s);
}

/* ---- Y4M ---- */

static void test_y4m_file(void **state)
{
    (void)state;
    bytes b = {0};
    /* Odd size: chroma planes are ceil(w/2) x ceil(h/2). NTSC rate. */
    y4m_stream(&b, "YUV4MPEG2 W33 H17 F30000:1001 Ip A1:1 C420jpeg XYSCSS=420JPEG",
               VISION_PIXEL_FORMAT_I420, 33, 17, 4, "FRAME");
    const char *path = path_in("odd.y4m");
    write_file(path, b.data, b.size);
    expect_frames(path, NULL, FRAME_SOURCE_Y4M, VISION_PIXEL_FORMAT_I420, 33, 17, 4, 1001, 30000);

    char error[256];
    frame_source *s = NULL;
    assert_int_equal(open_path(&s, path, NULL, error, sizeof error), VISION_OK);
    assert_true(frame_source_fps(s) > 29.96 && frame_source_fps(s) < 29.98);
    assert_int_equal(frame_source_count(s), 4);
    frame_source_close(s);
    free(b.data);
}

static void test_y4m_header_variants(void **state)
{
    (void)state;
    static const struct {
        const char *header;
        uint32_t format;
        const char *frame_line;
        int64_t num, den; /* frame period in seconds */
    } cases[] = {
        {"YUV4MPEG2 W8 H6 F25:1", VISION_PIXEL_FORMAT_I420, "FRAME", 1, 25}, /* no C: 420jpeg */
        {"YUV4MPEG2 C420mpeg2 H6 W8 F50:1", VISION_PIXEL_FORMAT_I420, "FRAME", 1, 50},
        {"YUV4MPEG2 W8 H6 F24:1 C420paldv", VISION_PIXEL_FORMAT_I420, "FRAME Ip XFOO=1", 1, 24},
        {"YUV4MPEG2 W8 H6 F1:2 C420", VISION_PIXEL_FORMAT_I420, "FRAME ", 2, 1},
        {"YUV4MPEG2 W8 H6 F10:1 Cmono", VISION_PIXEL_FORMAT_GRAY8, "FRAME", 1, 10},
        {"YUV4MPEG2 W8 H6 F10:1 Cmono16 A0:0", VISION_PIXEL_FORMAT_GRAY16_LE, "FRAME", 1, 10},
        /* No F: the default 25 fps. Repeated spaces and unknown tags are tolerated. */
        {"YUV4MPEG2 W8  H6 Zfuture", VISION_PIXEL_FORMAT_I420, "FRAME", 1, 25},
        /* A later W wins. */
        {"YUV4MPEG2 W3 H6 W8 F25:1", VISION_PIXEL_FORMAT_I420, "FRAME", 1, 25},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bytes b = {0};
        y4m_stream(&b, cases[i].header, cases[i].format, 8, 6, 3, cases[i].frame_line);
        const char *path = path_in("variant.y4m");
        write_file(path, b.data, b.size);
        expect_frames(path, NULL, FRAME_SOURCE_Y4M, cases[i].format, 8, 6, 3, cases[i].num,
                      cases[i].den);
        free(b.data);
    }

    /* Without F, --fps sets the rate. */
    bytes b = {0};
    y4m_stream(&b, "YUV4MPEG2 W8 H6", VISION_PIXEL_FORMAT_I420, 8, 6, 2, "FRAME");
    const char *path = path_in("norate.y4m");
    write_file(path, b.data, b.size);
    frame_source_options o = {0};
    o.raw_fps = 10;
    expect_frames(path, &o, FRAME_SOURCE_Y4M, VISION_PIXEL_FORMAT_I420, 8, 6, 2, 1, 10);
    free(b.data);
}

static void expect_open_error(const char *name, const void *data, size_t size,
                              const frame_source_options *o, int code, const char *needle)
{
    const char *path = path_in(name);
    write_file(path, data, size);
    char error[512];
    frame_source *s = (frame_source *)(uintptr_t)1;
    int rc = open_path(&s, path, o, error, sizeof error);
    if (rc != code)
        fail_msg("%s: expected %d, got %d (%s)", name, code, rc, error);
    assert_null(s);
    if (needle && !strstr(error, needle))
        fail_msg("%s: message '%s' lacks '%s'", name, error, needle);
}

static void test_y4m_malformed_headers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int code;
        const char *needle;
    } cases[] = {
        {"YUV4MPEG2 H10 F25:1\nFRAME\n", VISION_E_IO, "width"},
        {"YUV4MPEG2 W10 F25:1\nFRAME\n", VISION_E_IO, "height"},
        {"YUV4MPEG2 W0 H10\n", VISION_E_FRAME_SIZE, "W0"},
        {"YUV4MPEG2 W99999 H10\n", VISION_E_FRAME_SIZE, "W99999"},
        {"YUV4MPEG2 W99999999999999999999 H10\n", VISION_E_FRAME_SIZE, "width"},
        {"YUV4MPEG2 W-5 H10\n", VISION_E_FRAME_SIZE, "width"},
        {"YUV4MPEG2 W10 H1x\n", VISION_E_FRAME_SIZE, "height"},
        {"YUV4MPEG2 W10 H10 F25\n", VISION_E_IO, "F25"},
        {"YUV4MPEG2 W10 H10 F25:0\n", VISION_E_IO, "frame rate"},
        {"YUV4MPEG2 W10 H10 F:1\n", VISION_E_IO, "frame rate"},
        {"YUV4MPEG2 W10 H10 C422\n", VISION_E_PIXEL_FORMAT, "C422"},
        {"YUV4MPEG2 W10 H10 C444\n", VISION_E_PIXEL_FORMAT, "C444"},
        {"YUV4MPEG2 W10 H10 C444alpha\n", VISION_E_PIXEL_FORMAT, "not supported"},
        {"YUV4MPEG2 W10 H10 C420p10\n", VISION_E_PIXEL_FORMAT, "C420p10"},
        {"YUV4MPEG2 W10 H10 C411\n", VISION_E_PIXEL_FORMAT, "C411"},
        {"YUV4MPEG2 W10 H10", VISION_E_IO, "newline"},
        {"YUV4MPEG2 ", VISION_E_IO, "newline"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_open_error("bad.y4m", cases[i].text, strlen(cases[i].text), NULL, cases[i].code,
                          cases[i].needle);

    /* A header longer than any real one. */
    bytes b = {0};
    put_text(&b, "YUV4MPEG2 W8 H6 X");
    for (int i = 0; i < 5000; i++)
        put_text(&b, "a");
    put_text(&b, "\n");
    expect_open_error("long.y4m", b.data, b.size, NULL, VISION_E_IO, "longer");
    free(b.data);
}

/* Open fine, read `good` frames, then fail with VISION_E_IO mentioning needle. */
static void expect_read_error(const char *path, const frame_source_options *o, int good,
                              const char *needle)
{
    char error[512];
    frame_source *s = NULL;
    int rc = open_path(&s, path, o, error, sizeof error);
    if (rc != VISION_OK)
        fail_msg("open %s: %d %s", path, rc, error);
    vision_frame f;
    for (int i = 0; i < good; i++)
        assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    error[0] = '\0';
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), VISION_E_IO);
    if (!strstr(error, needle))
        fail_msg("message '%s' lacks '%s'", error, needle);
    /* The source stays at its end and usable for close. */
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
    frame_source_close(s);
}

static void test_y4m_malformed_frames(void **state)
{
    (void)state;
    const char *path = path_in("frames.y4m");

    /* Truncated last frame. */
    bytes b = {0};
    y4m_stream(&b, "YUV4MPEG2 W8 H6 F25:1", VISION_PIXEL_FORMAT_I420, 8, 6, 2, "FRAME");
    put_text(&b, "FRAME\n");
    put(&b, "abcdefghij", 10);
    write_file(path, b.data, b.size);
    expect_read_error(path, NULL, 2, "truncated");
    free(b.data);

    /* FRAME line without data. */
    b = (bytes){0};
    y4m_stream(&b, "YUV4MPEG2 W8 H6 F25:1", VISION_PIXEL_FORMAT_I420, 8, 6, 1, "FRAME");
    put_text(&b, "FRAME\n");
    write_file(path, b.data, b.size);
    expect_read_error(path, NULL, 1, "truncated");
    free(b.data);

    /* Something else than FRAME, a FRAME line cut short, FRAMES. */
    static const char *garbage[] = {"FRAMX\n", "FRA", "FRAMES\n", "\n", "frame\n"};
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        b = (bytes){0};
        y4m_stream(&b, "YUV4MPEG2 W8 H6 F25:1", VISION_PIXEL_FORMAT_I420, 8, 6, 1, "FRAME");
        put_text(&b, "%s", garbage[i]);
        write_file(path, b.data, b.size);
        expect_read_error(path, NULL, 1, "FRAME");
        free(b.data);
    }

    /* A header with no frames is a valid, empty stream. */
    b = (bytes){0};
    put_text(&b, "YUV4MPEG2 W8 H6 F25:1\n");
    write_file(path, b.data, b.size);
    expect_frames(path, NULL, FRAME_SOURCE_Y4M, VISION_PIXEL_FORMAT_I420, 8, 6, 0, 1, 25);
    free(b.data);
}

/* Mutated Y4M streams (bytes flipped, cut, inserted, mostly in the header and
 * FRAME lines): every outcome is a clean code, and every frame handed out is
 * valid. Run under ASan, this is where overflows would show. */
static void test_y4m_mutations(void **state)
{
    (void)state;
    bytes base = {0};
    y4m_stream(&base, "YUV4MPEG2 W7 H5 F25:1 Ip C420jpeg", VISION_PIXEL_FORMAT_I420, 7, 5, 3,
               "FRAME Ixyz");
    static const char alphabet[] = "YUV4MPEG2 WHFCIAX0123456789:\nFRAME-jpegmono";
    uint32_t random = 12345;
    uint8_t *data = malloc(base.size + 64);
    assert_non_null(data);
    const char *path = path_in("mutant.y4m");
    for (int round = 0; round < 400; round++) {
        memcpy(data, base.data, base.size);
        size_t size = base.size;
        int edits = 1 + round % 4;
        for (int e = 0; e < edits; e++) {
            random = random * 1103515245u + 12345u;
            uint32_t r = random >> 8;
            /* Mostly the header (first 40 bytes) or a FRAME line. */
            size_t at = (r & 1) ? (r >> 1) % 40 : (r >> 1) % size;
            if (at >= size)
                at = size - 1;
            switch ((r >> 20) % 4) {
            case 0: /* replace with a meaningful character */
                data[at] = (uint8_t)alphabet[(r >> 4) % (sizeof alphabet - 1)];
                break;
            case 1: /* flip bits */
                data[at] ^= (uint8_t)(1u << ((r >> 4) % 8));
                break;
            case 2: /* cut */
                size = at;
                break;
            default: /* insert */
                if (size < base.size + 63) {
                    memmove(data + at + 1, data + at, size - at);
                    data[at] = (uint8_t)alphabet[(r >> 4) % (sizeof alphabet - 1)];
                    size++;
                }
                break;
            }
            if (size == 0)
                break;
        }
        write_file(path, data, size);
        char error[512] = "";
        frame_source *s = NULL;
        int rc = frame_source_open(&s, path, NULL, error, sizeof error);
        if (rc != VISION_OK) {
            assert_true(rc < 0);
            assert_null(s);
            assert_true(strlen(error) > 0);
            continue;
        }
        vision_frame f;
        int frames = 0;
        while ((rc = frame_source_read(s, &f, error, sizeof error)) == 1) {
            assert_int_equal(vision_frame_validate(&f, NULL, 0), VISION_OK);
            assert_true(++frames <= 1000);
        }
        assert_true(rc == 0 || rc == VISION_E_IO);
        frame_source_close(s);
    }
    free(data);
    free(base.data);
}

/* ---- stdin through a pipe, written in small pieces ---- */

/* Replace stdin by a pipe fed by a child that writes `data` in chunks of
 * `chunk` bytes with pauses, so reads come back short. Returns the child. */
static pid_t feed_stdin(const void *data, size_t size, size_t chunk, int *saved_stdin)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fds[0]);
        signal(SIGPIPE, SIG_DFL);
        const uint8_t *p = data;
        size_t done = 0;
        while (done < size) {
            size_t n = size - done < chunk ? size - done : chunk;
            ssize_t w = write(fds[1], p + done, n);
            if (w < 0) {
                if (errno == EINTR)
                    continue;
                _exit(1);
            }
            done += (size_t)w;
            usleep(200);
        }
        _exit(0);
    }
    close(fds[1]);
    *saved_stdin = dup(STDIN_FILENO);
    assert_true(*saved_stdin >= 0);
    assert_int_equal(dup2(fds[0], STDIN_FILENO), STDIN_FILENO);
    close(fds[0]);
    clearerr(stdin);
    return child;
}

static void restore_stdin(pid_t child, int saved_stdin)
{
    int status = 0;
    /* Drain what the reader left so the child never blocks. */
    char sink[4096];
    while (read(STDIN_FILENO, sink, sizeof sink) > 0)
        ;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_int_equal(dup2(saved_stdin, STDIN_FILENO), STDIN_FILENO);
    close(saved_stdin);
    /* A source that failed early leaves bytes of this pipe in stdin's
     * buffer; the next test's pipe must not see them. */
    __fpurge(stdin);
    clearerr(stdin);
}

static void test_y4m_stdin_pipe(void **state)
{
    (void)state;
    bytes b = {0};
    y4m_stream(&b, "YUV4MPEG2 W21 H11 F15:1 C420mpeg2", VISION_PIXEL_FORMAT_I420, 21, 11, 5,
               "FRAME");
    int saved;
    pid_t child = feed_stdin(b.data, b.size, 7, &saved);
    expect_frames("-", NULL, FRAME_SOURCE_Y4M, VISION_PIXEL_FORMAT_I420, 21, 11, 5, 1, 15);
    restore_stdin(child, saved);
    free(b.data);
}

static void test_raw_stdin_pipe(void **state)
{
    (void)state;
    bytes b = {0};
    for (uint32_t i = 0; i < 6; i++)
        put_frame(&b, VISION_PIXEL_FORMAT_NV12, 13, 9, i);
    frame_source_options o = {0};
    o.raw_format = VISION_PIXEL_FORMAT_NV12;
    o.raw_width = 13;
    o.raw_height = 9;
    int saved;
    pid_t child = feed_stdin(b.data, b.size, 50, &saved);
    expect_frames("-", &o, FRAME_SOURCE_RAW, VISION_PIXEL_FORMAT_NV12, 13, 9, 6, 1, 25);
    restore_stdin(child, saved);

    /* A partial last frame on a pipe is an error after the whole frames. */
    put(&b, "xyz", 3);
    child = feed_stdin(b.data, b.size, 64, &saved);
    expect_read_error("-", &o, 6, "truncated");
    restore_stdin(child, saved);
    free(b.data);
}

static void test_stdin_not_y4m(void **state)
{
    (void)state;
    static const char text[] = "this is not a video";
    char error[256];
    int saved;
    pid_t child = feed_stdin(text, sizeof text - 1, 5, &saved);
    frame_source *s = NULL;
    assert_int_equal(open_path(&s, "-", NULL, error, sizeof error), VISION_E_UNSUPPORTED);
    assert_non_null(strstr(error, "--format"));
    assert_null(s);
    restore_stdin(child, saved);

    child = feed_stdin(text, 0, 5, &saved);
    assert_int_equal(open_path(&s, "-", NULL, error, sizeof error), VISION_E_IO);
    assert_non_null(strstr(error, "empty"));
    restore_stdin(child, saved);
}

/* ---- raw files ---- */

static void test_raw_files(void **state)
{
    (void)state;
    static const struct {
        uint32_t format, width, height;
    } cases[] = {
        {VISION_PIXEL_FORMAT_I420, 320, 240}, {VISION_PIXEL_FORMAT_I420, 7, 5},
        {VISION_PIXEL_FORMAT_YV12, 9, 3},     {VISION_PIXEL_FORMAT_NV21, 6, 7},
        {VISION_PIXEL_FORMAT_YUY2, 5, 3},     {VISION_PIXEL_FORMAT_UYVY, 4, 2},
        {VISION_PIXEL_FORMAT_BGRX, 3, 3},     {VISION_PIXEL_FORMAT_RGB, 11, 1},
        {VISION_PIXEL_FORMAT_GRAY8, 1, 1},    {VISION_PIXEL_FORMAT_GRAY16_LE, 5, 4},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bytes b = {0};
        for (uint32_t k = 0; k < 3; k++)
            put_frame(&b, cases[i].format, cases[i].width, cases[i].height, k);
        const char *path = path_in("frames.raw");
        write_file(path, b.data, b.size);
        frame_source_options o = {0};
        o.raw_format = cases[i].format;
        o.raw_width = cases[i].width;
        o.raw_height = cases[i].height;
        o.raw_fps = 10;
        expect_frames(path, &o, FRAME_SOURCE_RAW, cases[i].format, cases[i].width, cases[i].height,
                      3, 1, 10);

        char error[256];
        frame_source *s = NULL;
        assert_int_equal(open_path(&s, path, &o, error, sizeof error), VISION_OK);
        assert_int_equal(frame_source_count(s), 3);
        assert_true(frame_source_fps(s) == 10.0);
        frame_source_close(s);

        /* One byte short of the third frame: two frames, then a clear error. */
        if (b.size / 3 > 1) {
            write_file(path, b.data, b.size - 1);
            expect_read_error(path, &o, 2, "truncated");
        }
        free(b.data);
    }
}

static void test_raw_format_overrides_name(void **state)
{
    (void)state;
    /* A file named .y4m holding raw GRAY8 is read as raw when a format is given. */
    bytes b = {0};
    put_frame(&b, VISION_PIXEL_FORMAT_GRAY8, 4, 4, 0);
    const char *path = path_in("raw.y4m");
    write_file(path, b.data, b.size);
    frame_source_options o = {VISION_PIXEL_FORMAT_GRAY8, 4, 4, 0, 0};
    expect_frames(path, &o, FRAME_SOURCE_RAW, VISION_PIXEL_FORMAT_GRAY8, 4, 4, 1, 1, 25);
    free(b.data);
}

static void test_raw_bad_options(void **state)
{
    (void)state;
    static const uint8_t data[16];
    frame_source_options o = {VISION_PIXEL_FORMAT_I420, 0, 0, 0, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_OPTION, "--size");
    o = (frame_source_options){999, 4, 4, 0, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_PIXEL_FORMAT, "format");
    o = (frame_source_options){VISION_PIXEL_FORMAT_GRAY8, 4, 4, -1, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_OPTION, "rate");
    o = (frame_source_options){VISION_PIXEL_FORMAT_GRAY8, 4, 4, INFINITY, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_OPTION, "rate");
    o = (frame_source_options){VISION_PIXEL_FORMAT_GRAY8, 4, 4, NAN, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_OPTION, "rate");
    o = (frame_source_options){VISION_PIXEL_FORMAT_GRAY8, 99999, 4, 0, 0};
    expect_open_error("opt.raw", data, sizeof data, &o, VISION_E_FRAME_SIZE, "99999");
}

/* Frame sizes GStreamer 1.22 writes through fdsink (gst-launch-1.0
 * videotestsrc num-buffers=1 ! video/x-raw,format=F,width=W,height=H ! fdsink | wc -c). */
static void test_raw_gstreamer_layout_sizes(void **state)
{
    (void)state;
    static const struct {
        uint32_t format, width, height;
        uint64_t bytes;
    } cases[] = {
        {VISION_PIXEL_FORMAT_I420, 321, 241, 118096}, {VISION_PIXEL_FORMAT_I420, 322, 3, 1952},
        {VISION_PIXEL_FORMAT_I420, 5, 5, 72},         {VISION_PIXEL_FORMAT_I420, 1, 1, 16},
        {VISION_PIXEL_FORMAT_YV12, 321, 241, 118096}, {VISION_PIXEL_FORMAT_NV12, 321, 241, 117612},
        {VISION_PIXEL_FORMAT_NV12, 322, 3, 1944},     {VISION_PIXEL_FORMAT_NV21, 5, 5, 72},
        {VISION_PIXEL_FORMAT_NV12, 1, 1, 12},         {VISION_PIXEL_FORMAT_GRAY8, 321, 241, 78084},
        {VISION_PIXEL_FORMAT_GRAY8, 1, 1, 4},         {VISION_PIXEL_FORMAT_GRAY16_LE, 5, 5, 60},
        {VISION_PIXEL_FORMAT_RGB, 321, 241, 232324},  {VISION_PIXEL_FORMAT_BGR, 5, 5, 80},
        {VISION_PIXEL_FORMAT_BGRX, 321, 241, 309444}, {VISION_PIXEL_FORMAT_XRGB, 5, 5, 100},
        {VISION_PIXEL_FORMAT_YUY2, 321, 241, 155204}, {VISION_PIXEL_FORMAT_UYVY, 1, 1, 4},
        {VISION_PIXEL_FORMAT_I420, 320, 240, 115200},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint64_t offsets[VISION_FRAME_MAX_PLANES], bytes = 0;
        uint32_t strides[VISION_FRAME_MAX_PLANES];
        assert_int_equal(frame_source_raw_layout(offsets, strides, &bytes,
                                                 FRAME_SOURCE_LAYOUT_GSTREAMER, cases[i].format,
                                                 cases[i].width, cases[i].height),
                         VISION_OK);
        if (bytes != cases[i].bytes)
            fail_msg("%s %ux%u: %llu bytes, GStreamer writes %llu",
                     vision_pixel_format_name(cases[i].format), cases[i].width, cases[i].height,
                     (unsigned long long)bytes, (unsigned long long)cases[i].bytes);
        /* Packed is never larger, and equal for widths that are multiples of 8 with even heights.
         */
        uint64_t packed = 0;
        assert_int_equal(frame_source_raw_layout(offsets, strides, &packed,
                                                 FRAME_SOURCE_LAYOUT_PACKED, cases[i].format,
                                                 cases[i].width, cases[i].height),
                         VISION_OK);
        assert_true(packed <= bytes);
        if (cases[i].width % 8 == 0 && cases[i].height % 2 == 0)
            assert_int_equal(packed, bytes);
    }
    uint64_t offsets[VISION_FRAME_MAX_PLANES], bytes = 0;
    uint32_t strides[VISION_FRAME_MAX_PLANES];
    assert_int_equal(
        frame_source_raw_layout(offsets, strides, &bytes, FRAME_SOURCE_LAYOUT_PACKED, 999, 4, 4),
        VISION_E_PIXEL_FORMAT);
    assert_int_equal(frame_source_raw_layout(offsets, strides, &bytes, FRAME_SOURCE_LAYOUT_PACKED,
                                             VISION_PIXEL_FORMAT_I420, 0, 4),
                     VISION_E_FRAME_SIZE);
}

/* A raw I420 stream in GStreamer's layout, padding filled with 0xEE: the
 * frames point at the right bytes with the padded strides. */
static void test_raw_gstreamer_layout_frames(void **state)
{
    (void)state;
    const uint32_t w = 13, h = 7, format = VISION_PIXEL_FORMAT_I420;
    uint64_t offsets[VISION_FRAME_MAX_PLANES], frame_size = 0;
    uint32_t strides[VISION_FRAME_MAX_PLANES];
    assert_int_equal(frame_source_raw_layout(offsets, strides, &frame_size,
                                             FRAME_SOURCE_LAYOUT_GSTREAMER, format, w, h),
                     VISION_OK);
    assert_int_equal(strides[0], 16);
    assert_int_equal(strides[1], 8);
    assert_int_equal(offsets[1], 16 * 8);
    bytes stream_data = {0};
    bytes *stream = &stream_data;
    uint8_t *frame = malloc(frame_size);
    assert_non_null(frame);
    for (uint32_t k = 0; k < 2; k++) {
        memset(frame, 0xEE, frame_size);
        for (int p = 0; p < 3; p++) {
            uint64_t row_bytes;
            uint32_t rows;
            vision_pixel_format_plane_size(&row_bytes, &rows, format, w, h, (uint32_t)p);
            for (uint32_t y = 0; y < rows; y++)
                for (uint32_t x = 0; x < row_bytes; x++)
                    frame[offsets[p] + (uint64_t)y * strides[p] + x] =
                        pattern((uint32_t)p, x, y, k);
        }
        put(stream, frame, frame_size);
    }
    const char *path = path_in("gst.i420");
    write_file(path, stream->data, stream->size);
    frame_source_options o = {format, w, h, 0, FRAME_SOURCE_LAYOUT_GSTREAMER};
    expect_frames(path, &o, FRAME_SOURCE_RAW, format, w, h, 2, 1, 25);
    char error[256];
    frame_source *s = NULL;
    assert_int_equal(open_path(&s, path, &o, error, sizeof error), VISION_OK);
    vision_frame f;
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(f.strides[0], 16);
    assert_int_equal(f.strides[1], 8);
    assert_int_equal(f.strides[2], 8);
    frame_source_close(s);

    /* Read as packed, the same bytes do not divide into frames. */
    o.raw_layout = FRAME_SOURCE_LAYOUT_PACKED;
    expect_read_error(path, &o, 2, "truncated");
    o.raw_layout = 7;
    expect_open_error("gst.i420", stream->data, stream->size, &o, VISION_E_OPTION, "layout");
    free(frame);
    free(stream->data);
}

/* ---- images ---- */

static void test_images_lossless(void **state)
{
    (void)state;
    const uint32_t w = 31, h = 17;
    size_t stride = 3 * w + 5; /* a padded source buffer */
    uint8_t *bgr = calloc(stride * h, 1);
    uint8_t *gray = calloc(w * h, 1);
    assert_non_null(bgr);
    assert_non_null(gray);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            for (int c = 0; c < 3; c++)
                bgr[y * stride + 3 * x + (size_t)c] = (uint8_t)(x * 8 + y * 3 + (uint32_t)c * 70);
            gray[y * w + x] = (uint8_t)(x * 5 + y * 11);
        }
    static const char *names[] = {"colour.png", "colour.bmp", "colour.ppm", "colour.tiff"};
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        const char *path = path_in(names[n]);
        assert_int_equal(test_write_image(path, bgr, (int)w, (int)h, stride, 3), 0);
        char error[256];
        frame_source *s = NULL;
        int rc = open_path(&s, path, NULL, error, sizeof error);
        if (rc != VISION_OK)
            fail_msg("%s: %d %s", names[n], rc, error);
        assert_int_equal(frame_source_get_kind(s), FRAME_SOURCE_IMAGE);
        assert_int_equal(frame_source_count(s), 1);
        vision_frame f;
        assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
        assert_int_equal(f.format, VISION_PIXEL_FORMAT_BGR);
        assert_int_equal(f.width, w);
        assert_int_equal(f.height, h);
        assert_int_equal(f.pts_ns, 0);
        assert_int_equal(vision_frame_validate(&f, NULL, 0), VISION_OK);
        for (uint32_t y = 0; y < h; y++)
            assert_memory_equal(f.planes[0] + (size_t)y * f.strides[0], bgr + y * stride, 3 * w);
        assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
        frame_source_close(s);
    }

    static const char *gray_names[] = {"gray.png", "gray.pgm"};
    for (size_t n = 0; n < sizeof gray_names / sizeof gray_names[0]; n++) {
        const char *path = path_in(gray_names[n]);
        assert_int_equal(test_write_image(path, gray, (int)w, (int)h, w, 1), 0);
        char error[256];
        frame_source *s = NULL;
        assert_int_equal(open_path(&s, path, NULL, error, sizeof error), VISION_OK);
        vision_frame f;
        assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
        assert_int_equal(f.format, VISION_PIXEL_FORMAT_GRAY8);
        assert_int_equal(f.width, w);
        assert_int_equal(f.height, h);
        for (uint32_t y = 0; y < h; y++)
            assert_memory_equal(f.planes[0] + (size_t)y * f.strides[0], gray + y * w, w);
        frame_source_close(s);
    }
    free(bgr);
    free(gray);
}

static void test_image_jpeg_and_sniffing(void **state)
{
    (void)state;
    const uint32_t w = 64, h = 40;
    uint8_t *bgr = malloc(3 * w * h);
    assert_non_null(bgr);
    for (uint32_t i = 0; i < w * h; i++) {
        bgr[3 * i] = 40, bgr[3 * i + 1] = 120, bgr[3 * i + 2] = 200;
    }
    /* A JPEG named .png: the content decides. */
    const char *jpg = path_in("photo.jpg");
    const char *misnamed = path_in("really-a-jpeg.png");
    assert_int_equal(test_write_image(jpg, bgr, (int)w, (int)h, 3 * w, 3), 0);
    assert_int_equal(rename(jpg, misnamed), 0);
    char error[256];
    frame_source *s = NULL;
    assert_int_equal(open_path(&s, misnamed, NULL, error, sizeof error), VISION_OK);
    assert_int_equal(frame_source_get_kind(s), FRAME_SOURCE_IMAGE);
    vision_frame f;
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(f.format, VISION_PIXEL_FORMAT_BGR);
    assert_int_equal(f.width, w);
    assert_int_equal(f.height, h);
    /* A flat colour survives JPEG within a few levels. */
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            for (int c = 0; c < 3; c++) {
                int got = f.planes[0][(size_t)y * f.strides[0] + 3 * x + (size_t)c];
                int want = bgr[3 * (y * w + x) + (size_t)c];
                assert_true(abs(got - want) <= 4);
            }
    frame_source_close(s);
    free(bgr);

    /* A Y4M stream named .png is Y4M. */
    bytes b = {0};
    y4m_stream(&b, "YUV4MPEG2 W8 H6 F25:1", VISION_PIXEL_FORMAT_I420, 8, 6, 2, "FRAME");
    const char *path = path_in("stream.png");
    write_file(path, b.data, b.size);
    expect_frames(path, NULL, FRAME_SOURCE_Y4M, VISION_PIXEL_FORMAT_I420, 8, 6, 2, 1, 25);
    free(b.data);
}

/* A JPEG with an EXIF Orientation of 6 ("rotate 90 degrees clockwise to
 * view"): the frame is the picture as a viewer shows it, so a 64x40 image
 * comes out 40x64 with its left column on top. */
static void test_image_exif_orientation(void **state)
{
    (void)state;
    const uint32_t w = 64, h = 40;
    uint8_t *gray = malloc(w * h);
    assert_non_null(gray);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            gray[y * w + x] = x < 16 ? 250 : 10; /* a bright left band */
    const char *plain = path_in("plain.jpg");
    assert_int_equal(test_write_image(plain, gray, (int)w, (int)h, w, 1), 0);
    FILE *f = fopen(plain, "rb");
    assert_non_null(f);
    uint8_t jpeg[65536];
    size_t n = fread(jpeg, 1, sizeof jpeg, f);
    fclose(f);
    assert_true(n > 2 && n < sizeof jpeg && jpeg[0] == 0xFF && jpeg[1] == 0xD8);
    static const uint8_t app1[] = {
        0xFF, 0xE1, 0x00, 34,   'E', 'x', 'i', 'f', 0, 0,       /* APP1, length 34, "Exif\0\0" */
        'I',  'I',  0x2A, 0x00, 8,   0,   0,   0,               /* little-endian TIFF, IFD0 at 8 */
        1,    0,                                                /* one entry */
        0x12, 0x01, 3,    0,    1,   0,   0,   0,   6, 0, 0, 0, /* Orientation, SHORT, 1, value 6 */
        0,    0,    0,    0,                                    /* no next IFD */
    };
    bytes b = {0};
    put(&b, jpeg, 2);
    put(&b, app1, sizeof app1);
    put(&b, jpeg + 2, n - 2);
    const char *rotated = path_in("rotated.jpg");
    write_file(rotated, b.data, b.size);
    free(b.data);

    char error[256];
    frame_source *s = NULL;
    assert_int_equal(open_path(&s, rotated, NULL, error, sizeof error), VISION_OK);
    vision_frame frame;
    assert_int_equal(frame_source_read(s, &frame, error, sizeof error), 1);
    assert_int_equal(frame.format, VISION_PIXEL_FORMAT_GRAY8);
    assert_int_equal(frame.width, h);
    assert_int_equal(frame.height, w);
    /* Rotated clockwise, the bright left band is now the top rows. */
    assert_true(frame.planes[0][2 * frame.strides[0] + h / 2] > 200);
    assert_true(frame.planes[0][(size_t)(w - 3) * frame.strides[0] + h / 2] < 60);
    frame_source_close(s);
    free(gray);
}

static void test_unreadable_inputs(void **state)
{
    (void)state;
    char error[256];
    frame_source *s = (frame_source *)(uintptr_t)1;
    assert_int_equal(open_path(&s, path_in("does-not-exist.png"), NULL, error, sizeof error),
                     VISION_E_IO);
    assert_null(s);
    assert_non_null(strstr(error, "No such file"));
    assert_int_equal(open_path(&s, tmpdir, NULL, error, sizeof error), VISION_E_IO);
    assert_non_null(strstr(error, "directory"));
    assert_int_equal(frame_source_open(&s, NULL, NULL, error, sizeof error),
                     VISION_E_INVALID_ARGUMENT);

    expect_open_error("empty.png", "", 0, NULL, VISION_E_IO, "empty");
    static const char text[] = "just some text, not a picture\n";
    expect_open_error("text.mp4", text, sizeof text - 1, NULL, VISION_E_UNSUPPORTED, "text.mp4");

    /* A PNG cut in half: its signature is fine, its data is not. */
    const uint32_t w = 40, h = 30;
    uint8_t *pixels = malloc(3 * w * h);
    assert_non_null(pixels);
    for (uint32_t i = 0; i < 3 * w * h; i++)
        pixels[i] = (uint8_t)(i * 7919 >> 3);
    const char *png = path_in("whole.png");
    assert_int_equal(test_write_image(png, pixels, (int)w, (int)h, 3 * w, 3), 0);
    FILE *f = fopen(png, "rb");
    assert_non_null(f);
    uint8_t head[200];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    assert_true(n == sizeof head);
    const char *cut = path_in("cut.png");
    write_file(cut, head, sizeof head);
    int rc = open_path(&s, cut, NULL, error, sizeof error);
    if (rc == VISION_OK) {
        /* Some decoders return a partial picture; it must still be a valid frame. */
        vision_frame frame;
        rc = frame_source_read(s, &frame, error, sizeof error);
        assert_true(rc == 1 || rc < 0);
        frame_source_close(s);
    } else {
        assert_true(rc < 0);
        assert_true(strlen(error) > 0);
    }
    free(pixels);
}

/* ---- videos ---- */

static void test_video_mjpeg(void **state)
{
    (void)state;
    const int w = 64, h = 48, count = 10;
    uint8_t levels[10];
    for (int i = 0; i < count; i++)
        levels[i] = (uint8_t)(20 + 20 * i);
    const char *path = path_in("clip.avi");
    if (test_write_video(path, "MJPG", 10.0, w, h, levels, count) != 0)
        skip(); /* no MJPEG writer in this OpenCV */
    char error[256];
    frame_source *s = NULL;
    int rc = open_path(&s, path, NULL, error, sizeof error);
    if (rc != VISION_OK)
        fail_msg("open %s: %d %s", path, rc, error);
    assert_int_equal(frame_source_get_kind(s), FRAME_SOURCE_VIDEO);
    assert_true(frame_source_fps(s) > 9.99 && frame_source_fps(s) < 10.01);
    assert_int_equal(frame_source_count(s), count);
    vision_frame f;
    int i = 0;
    while ((rc = frame_source_read(s, &f, error, sizeof error)) == 1) {
        assert_true(i < count);
        assert_int_equal(f.format, VISION_PIXEL_FORMAT_BGR);
        assert_int_equal(f.width, w);
        assert_int_equal(f.height, h);
        assert_int_equal(vision_frame_validate(&f, NULL, 0), VISION_OK);
        /* 100 ms apart, within a millisecond of container rounding. */
        assert_true(llabs(f.pts_ns - (int64_t)i * 100000000) <= 1000000);
        int centre = f.planes[0][(size_t)(h / 2) * f.strides[0] + 3 * (size_t)(w / 2)];
        assert_true(abs(centre - levels[i]) <= 4);
        i++;
    }
    assert_int_equal(rc, 0);
    assert_int_equal(i, count);
    frame_source_close(s);
}

/* ---- generated frames ---- */

typedef struct counter_state {
    uint8_t pixels[8 * 8];
    int64_t fail_at; /* index whose render fails, or -1 */
    int own_pts;     /* 1: set pts_ns = index ms */
    int bad_stride;  /* 1: hand out a stride shorter than a row */
    int *released;
} counter_state;

static int counter_render(void *user, int64_t index, vision_frame *frame, char *error,
                          size_t error_size)
{
    counter_state *c = user;
    if (index == c->fail_at) {
        snprintf(error, error_size, "generator broke at %lld", (long long)index);
        return VISION_E_INTERNAL;
    }
    if (index >= 5)
        return 0;
    memset(c->pixels, (int)index * 10, sizeof c->pixels);
    frame->format = VISION_PIXEL_FORMAT_GRAY8;
    frame->width = 8;
    frame->height = 8;
    frame->planes[0] = c->pixels;
    frame->strides[0] = c->bad_stride ? 4 : 8;
    if (c->own_pts)
        frame->pts_ns = index * 1000000;
    return 1;
}

static void counter_release(void *user)
{
    counter_state *c = user;
    (*c->released)++;
    free(c);
}

static counter_state *counter_new(int *released)
{
    counter_state *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->fail_at = -1;
    c->released = released;
    return c;
}

static void test_generator(void **state)
{
    (void)state;
    int released = 0;
    char error[256];
    frame_generator g = {counter_render, counter_release, "synthetic:counter", 5, 10};
    frame_source *s = NULL;
    assert_int_equal(
        frame_source_open_generator(&s, &g, counter_new(&released), error, sizeof error),
        VISION_OK);
    assert_int_equal(frame_source_get_kind(s), FRAME_SOURCE_GENERATED);
    assert_string_equal(frame_source_kind_name(FRAME_SOURCE_GENERATED), "generated");
    assert_int_equal(frame_source_count(s), 5);
    assert_true(frame_source_fps(s) == 10);
    vision_frame f;
    for (int i = 0; i < 5; i++) {
        assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
        assert_int_equal(f.planes[0][63], i * 10);
        assert_int_equal(f.pts_ns, (int64_t)i * 100000000);
        assert_int_equal(frame_source_index(s), i);
    }
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
    frame_source_close(s);
    assert_int_equal(released, 1);

    /* Its own timestamps win; no fps means 25. */
    counter_state *c = counter_new(&released);
    c->own_pts = 1;
    g.fps = 0;
    g.count = -1;
    assert_int_equal(frame_source_open_generator(&s, &g, c, error, sizeof error), VISION_OK);
    assert_true(frame_source_fps(s) == 25);
    assert_int_equal(frame_source_count(s), -1);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(f.pts_ns, 1000000);
    frame_source_close(s);
    assert_int_equal(released, 2);

    /* A failing generator: its code and message, then the end. */
    c = counter_new(&released);
    c->fail_at = 2;
    assert_int_equal(frame_source_open_generator(&s, &g, c, error, sizeof error), VISION_OK);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 1);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), VISION_E_INTERNAL);
    assert_string_equal(error, "generator broke at 2");
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), 0);
    frame_source_close(s);

    /* A generator handing out a bad frame is caught by validation. */
    c = counter_new(&released);
    c->bad_stride = 1;
    assert_int_equal(frame_source_open_generator(&s, &g, c, error, sizeof error), VISION_OK);
    assert_int_equal(frame_source_read(s, &f, error, sizeof error), VISION_E_FRAME_STRIDE);
    assert_non_null(strstr(error, "synthetic:counter"));
    frame_source_close(s);
    assert_int_equal(released, 4);

    /* Invalid generators: refused, and `user` is released all the same. */
    frame_generator no_render = {NULL, counter_release, "x", 1, 25};
    assert_int_equal(
        frame_source_open_generator(&s, &no_render, counter_new(&released), error, sizeof error),
        VISION_E_INVALID_ARGUMENT);
    assert_null(s);
    frame_generator bad_fps = {counter_render, counter_release, "x", 1, -5};
    assert_int_equal(
        frame_source_open_generator(&s, &bad_fps, counter_new(&released), error, sizeof error),
        VISION_E_INVALID_ARGUMENT);
    assert_int_equal(released, 6);
    assert_int_equal(frame_source_open_generator(&s, NULL, NULL, error, sizeof error),
                     VISION_E_INVALID_ARGUMENT);
}

/* A video cut in the middle: the frames before the cut, then the end or a
 * clean error; never a crash. */
static void test_video_truncated(void **state)
{
    (void)state;
    uint8_t levels[20];
    for (int i = 0; i < 20; i++)
        levels[i] = (uint8_t)(10 * i);
    const char *path = path_in("whole.avi");
    if (test_write_video(path, "MJPG", 25.0, 64, 48, levels, 20) != 0)
        skip();
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    static uint8_t data[1 << 20];
    size_t n = fread(data, 1, sizeof data, f);
    fclose(f);
    assert_true(n > 1000 && n < sizeof data);
    const char *cut = path_in("cut.avi");
    write_file(cut, data, n / 2);
    char error[256];
    frame_source *s = NULL;
    int rc = open_path(&s, cut, NULL, error, sizeof error);
    if (rc != VISION_OK) {
        assert_true(rc < 0);
        return;
    }
    vision_frame frame;
    int frames = 0;
    while ((rc = frame_source_read(s, &frame, error, sizeof error)) == 1) {
        assert_int_equal(vision_frame_validate(&frame, NULL, 0), VISION_OK);
        frames++;
    }
    assert_true(rc <= 0);
    assert_true(frames < 20);
    frame_source_close(s);
}

/* ---- options ---- */

static void test_parse_size(void **state)
{
    (void)state;
    uint32_t w = 7, h = 7;
    assert_int_equal(parse_size("320x240", &w, &h), 0);
    assert_int_equal(w, 320);
    assert_int_equal(h, 240);
    assert_int_equal(parse_size("1X1", &w, &h), 0);
    assert_int_equal(w, 1);
    assert_int_equal(h, 1);
    assert_int_equal(parse_size("16384x16384", &w, &h), 0);
    assert_int_equal(w, 16384);
    static const char *bad[] = {
        "0x0",
        "0x10",
        "10x0",
        "99999x1",
        "1x99999",
        "16385x1",
        "99999999999999999999x1",
        "",
        "x",
        "320x",
        "x240",
        "320",
        "320x240x",
        "320xx240",
        " 320x240",
        "320x240 ",
        "+320x240",
        "-320x240",
        "320*240",
        "3.5x2",
        "0x10x10",
        "garbage",
        "1x-1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        w = h = 7;
        if (parse_size(bad[i], &w, &h) != -1)
            fail_msg("'%s' was accepted", bad[i]);
        assert_int_equal(w, 7);
        assert_int_equal(h, 7);
    }
    assert_int_equal(parse_size(NULL, &w, &h), -1);
}

static void test_parse_options(void **state)
{
    (void)state;
    frame_source_options o = {0};
    char error[256];
    assert_int_equal(frame_source_parse_option(&o, "format", "i420", error, sizeof error), 1);
    assert_int_equal(o.raw_format, VISION_PIXEL_FORMAT_I420);
    assert_int_equal(frame_source_parse_option(&o, "format", "BGRx", error, sizeof error), 1);
    assert_int_equal(o.raw_format, VISION_PIXEL_FORMAT_BGRX);
    assert_int_equal(frame_source_parse_option(&o, "format", "YUV422P", error, sizeof error), -1);
    assert_non_null(strstr(error, "YUV422P"));
    assert_int_equal(frame_source_parse_option(&o, "format", "", error, sizeof error), -1);
    assert_int_equal(o.raw_format, VISION_PIXEL_FORMAT_BGRX);

    assert_int_equal(frame_source_parse_option(&o, "size", "0x0", error, sizeof error), -1);
    assert_non_null(strstr(error, "0x0"));
    assert_int_equal(frame_source_parse_option(&o, "size", "64x48", error, sizeof error), 1);
    assert_int_equal(o.raw_width, 64);
    assert_int_equal(o.raw_height, 48);

    assert_int_equal(frame_source_parse_option(&o, "fps", "29.97", error, sizeof error), 1);
    assert_true(o.raw_fps == 29.97);
    static const char *bad_fps[] = {"0", "-1", "abc", "nan", "inf", "", "25fps", "1e9"};
    for (size_t i = 0; i < sizeof bad_fps / sizeof bad_fps[0]; i++)
        assert_int_equal(frame_source_parse_option(&o, "fps", bad_fps[i], error, sizeof error), -1);
    assert_true(o.raw_fps == 29.97);

    assert_int_equal(frame_source_parse_option(&o, "layout", "gstreamer", error, sizeof error), 1);
    assert_int_equal(o.raw_layout, FRAME_SOURCE_LAYOUT_GSTREAMER);
    assert_int_equal(frame_source_parse_option(&o, "layout", "packed", error, sizeof error), 1);
    assert_int_equal(o.raw_layout, FRAME_SOURCE_LAYOUT_PACKED);
    assert_int_equal(frame_source_parse_option(&o, "layout", "planar", error, sizeof error), -1);
    assert_non_null(strstr(error, "planar"));

    assert_int_equal(frame_source_parse_option(&o, "regions", "x", error, sizeof error), 0);
    assert_int_equal(frame_source_check_options(&o, error, sizeof error), 0);

    frame_source_options only_format = {VISION_PIXEL_FORMAT_I420, 0, 0, 0, 0};
    assert_int_equal(frame_source_check_options(&only_format, error, sizeof error), -1);
    assert_non_null(strstr(error, "--size"));
    frame_source_options only_size = {0, 8, 8, 0, 0};
    assert_int_equal(frame_source_check_options(&only_size, error, sizeof error), -1);
    assert_non_null(strstr(error, "--format"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_y4m_file),
        cmocka_unit_test(test_y4m_header_variants),
        cmocka_unit_test(test_y4m_malformed_headers),
        cmocka_unit_test(test_y4m_malformed_frames),
        cmocka_unit_test(test_y4m_mutations),
        cmocka_unit_test(test_y4m_stdin_pipe),
        cmocka_unit_test(test_raw_stdin_pipe),
        cmocka_unit_test(test_stdin_not_y4m),
        cmocka_unit_test(test_raw_files),
        cmocka_unit_test(test_raw_format_overrides_name),
        cmocka_unit_test(test_raw_bad_options),
        cmocka_unit_test(test_raw_gstreamer_layout_sizes),
        cmocka_unit_test(test_raw_gstreamer_layout_frames),
        cmocka_unit_test(test_images_lossless),
        cmocka_unit_test(test_image_jpeg_and_sniffing),
        cmocka_unit_test(test_image_exif_orientation),
        cmocka_unit_test(test_unreadable_inputs),
        cmocka_unit_test(test_video_mjpeg),
        cmocka_unit_test(test_video_truncated),
        cmocka_unit_test(test_generator),
        cmocka_unit_test(test_parse_size),
        cmocka_unit_test(test_parse_options),
    };
    return cmocka_run_group_tests_name("cli/source", tests, group_setup, group_teardown);
}
