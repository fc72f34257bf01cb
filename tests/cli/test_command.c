/*
 * Tests of the built `vision` program: help, version, exit codes, and the
 * JSON lines of `vision frames` on files and pipes (GStreamer's
 * gst-launch-1.0 when installed), and that the manual page and docs/cli.md
 * cover every command. Arguments: the program, docs/vision.1, docs/cli.md.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include <vision/vision.h>

static char tmpdir[64];
static char err_path[128];

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
    strcpy(tmpdir, "/tmp/vision-test-command-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    snprintf(err_path, sizeof err_path, "%s/stderr.txt", tmpdir);
    setenv("ERR", err_path, 1);
    /* Plain stderr: no progress lines, whatever the terminal. */
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

typedef struct result {
    int status; /* exit code, or -1 when killed */
    char out[1 << 16];
    char err[4096];
} result;

static result res;

static void read_into(const char *path, char *buffer, size_t size)
{
    buffer[0] = '\0';
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    size_t n = fread(buffer, 1, size - 1, f);
    buffer[n] = '\0';
    fclose(f);
}

/* Run a shell command (with $VISION, $IN, ... from the environment), its
 * stderr going to a file; stdout and stderr land in `res`. */
static const result *run(const char *format, ...)
{
    char command[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(command, sizeof command - 32, format, args);
    va_end(args);
    strcat(command, " 2>\"$ERR\"");
    FILE *p = popen(command, "r");
    assert_non_null(p);
    size_t n = fread(res.out, 1, sizeof res.out - 1, p);
    res.out[n] = '\0';
    int status = pclose(p);
    res.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    read_into(err_path, res.err, sizeof res.err);
    return &res;
}

static void expect_status(const result *r, int status)
{
    if (r->status != status)
        fail_msg("exit %d, expected %d; stderr: %s", r->status, status, r->err);
}

static void expect_contains(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("'%s' not found in: %s", needle, text);
}

static void write_file(const char *path, const void *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    if (size)
        assert_int_equal(fwrite(data, 1, size, f), size);
    assert_int_equal(fclose(f), 0);
}

/* A Y4M file of `frames` I420 frames at 25 fps, filled with a constant. */
static void write_y4m(const char *path, uint32_t w, uint32_t h, int frames)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f, "YUV4MPEG2 W%u H%u F25:1 Ip A1:1 C420jpeg\n", w, h);
    size_t bytes = (size_t)w * h + 2 * (size_t)((w + 1) / 2) * ((h + 1) / 2);
    uint8_t *data = malloc(bytes);
    assert_non_null(data);
    memset(data, 128, bytes);
    for (int i = 0; i < frames; i++) {
        fputs("FRAME\n", f);
        fwrite(data, 1, bytes, f);
    }
    free(data);
    assert_int_equal(fclose(f), 0);
}

static int have_program(const char *name)
{
    char command[256];
    snprintf(command, sizeof command, "command -v %s >/dev/null 2>&1", name);
    return system(command) == 0;
}

static void test_version_and_help(void **state)
{
    (void)state;
    const result *r = run("\"$VISION\" --version");
    expect_status(r, 0);
    expect_contains(r->out, "vision " VISION_VERSION_STRING " (libvision ");
    expect_status(run("\"$VISION\" -V"), 0);

    r = run("\"$VISION\" --help");
    expect_status(r, 0);
    expect_contains(r->out, "Usage: vision");
    expect_contains(r->out, "frames");
    expect_status(run("\"$VISION\" help"), 0);

    static const char *frames_help[] = {"help frames", "frames --help", "frames -h",
                                        "frames in.y4m --help"};
    for (size_t i = 0; i < sizeof frames_help / sizeof frames_help[0]; i++) {
        r = run("\"$VISION\" %s", frames_help[i]);
        expect_status(r, 0);
        expect_contains(r->out, "Usage: vision frames");
        expect_contains(r->out, "--format");
    }

    /* Bad command lines: usage (2), message on stderr, nothing on stdout. */
    static const struct {
        const char *args;
        const char *needle;
    } usage[] = {
        {"", "Usage: vision"},
        {"nosuch", "unknown command 'nosuch'"},
        {"--bogus", "unknown option '--bogus'"},
        {"help nosuch", "no command 'nosuch'"},
        {"help frames extra", "one command"},
        {"frames", "no INPUT"},
        {"frames --bogus x.y4m", "unknown option '--bogus'"},
        {"frames --format", "needs a value"},
        {"frames --format NOPE --size 2x2 -", "unknown pixel format 'NOPE'"},
        {"frames --format I420 --size 0x0 -", "bad size '0x0'"},
        {"frames --format I420 --size 99999x1 -", "bad size"},
        {"frames --format I420 --size garbage -", "bad size 'garbage'"},
        {"frames --format I420 -", "--size"},
        {"frames --size 8x8 -", "--format"},
        {"frames --fps 0 x.y4m", "frame rate"},
        {"frames --layout sideways x.y4m", "unknown layout 'sideways'"},
    };
    for (size_t i = 0; i < sizeof usage / sizeof usage[0]; i++) {
        r = run("\"$VISION\" %s </dev/null", usage[i].args);
        expect_status(r, 2);
        expect_contains(r->err, usage[i].needle);
        assert_string_equal(r->out, "");
    }
}

static void test_frames_y4m_pipe(void **state)
{
    (void)state;
    const char *in = path_in("clip.y4m");
    write_y4m(in, 33, 17, 3);
    setenv("IN", in, 1);
    const result *r = run("cat \"$IN\" | \"$VISION\" frames -");
    expect_status(r, 0);
    assert_string_equal(
        r->out,
        "{\"file\":\"-\",\"frame\":0,\"pts_ms\":0,\"format\":\"I420\",\"width\":33,\"height\":17}\n"
        "{\"file\":\"-\",\"frame\":1,\"pts_ms\":40,\"format\":\"I420\",\"width\":33,\"height\":17}"
        "\n"
        "{\"file\":\"-\",\"frame\":2,\"pts_ms\":80,\"format\":\"I420\",\"width\":33,\"height\":17}"
        "\n");
    assert_string_equal(r->err, "");

    /* The same as a file, twice: indices restart per input. */
    r = run("\"$VISION\" frames \"$IN\" \"$IN\"");
    expect_status(r, 0);
    char line[512];
    snprintf(line, sizeof line,
             "{\"file\":\"%s\",\"frame\":2,\"pts_ms\":80,\"format\":\"I420\",\"width\":33,"
             "\"height\":17}\n{\"file\":\"%s\",\"frame\":0,",
             in, in);
    expect_contains(r->out, line);
}

static void test_frames_raw_pipe(void **state)
{
    (void)state;
    /* 4 NV12 frames of 6x4 and half a frame more. */
    const size_t frame = 6 * 4 + 6 * 2;
    uint8_t data[4 * 36 + 18];
    memset(data, 7, sizeof data);
    const char *in = path_in("clip.nv12");
    write_file(in, data, 4 * frame);
    setenv("IN", in, 1);
    const result *r = run("cat \"$IN\" | \"$VISION\" frames --format nv12 --size 6x4 --fps 30 -");
    expect_status(r, 0);
    assert_string_equal(
        r->out,
        "{\"file\":\"-\",\"frame\":0,\"pts_ms\":0,\"format\":\"NV12\",\"width\":6,\"height\":4}\n"
        "{\"file\":\"-\",\"frame\":1,\"pts_ms\":33.333,\"format\":\"NV12\",\"width\":6,\"height\":"
        "4}\n"
        "{\"file\":\"-\",\"frame\":2,\"pts_ms\":66.667,\"format\":\"NV12\",\"width\":6,\"height\":"
        "4}\n"
        "{\"file\":\"-\",\"frame\":3,\"pts_ms\":100,\"format\":\"NV12\",\"width\":6,\"height\":4}"
        "\n");

    /* Partial last frame: the whole frames, then exit 3 with a message. */
    write_file(in, data, sizeof data);
    r = run("cat \"$IN\" | \"$VISION\" frames --format NV12 --size 6x4 -");
    expect_status(r, 3);
    expect_contains(r->out, "\"frame\":3,");
    assert_null(strstr(r->out, "\"frame\":4,"));
    expect_contains(r->err, "truncated");
    expect_contains(r->err, "18 of 36 bytes");
}

static void test_frames_input_errors(void **state)
{
    (void)state;
    const char *good = path_in("good.y4m");
    write_y4m(good, 8, 8, 2);
    setenv("IN", good, 1);
    setenv("MISSING", path_in("missing.y4m"), 1);
    /* A missing input is reported, the others are still read, exit 3. */
    const result *r = run("\"$VISION\" frames \"$MISSING\" \"$IN\"");
    expect_status(r, 3);
    expect_contains(r->err, "missing.y4m: cannot open");
    expect_contains(r->out, "\"frame\":1,");

    const char *text = path_in("notes.txt");
    write_file(text, "hello\n", 6);
    setenv("IN", text, 1);
    r = run("\"$VISION\" frames \"$IN\"");
    expect_status(r, 3);
    expect_contains(r->err, "notes.txt");
    assert_string_equal(r->out, "");

    const char *bad = path_in("bad.y4m");
    write_file(bad, "YUV4MPEG2 W8 H8 C444\nFRAME\n", 27);
    setenv("IN", bad, 1);
    r = run("cat \"$IN\" | \"$VISION\" frames -");
    expect_status(r, 3);
    expect_contains(r->err, "C444");

    r = run("printf 'not y4m' | \"$VISION\" frames -");
    expect_status(r, 3);
    expect_contains(r->err, "--format");

    /* Results that cannot be written are not a success. */
    if (access("/dev/full", W_OK) == 0) {
        setenv("IN", good, 1);
        r = run("\"$VISION\" frames \"$IN\" >/dev/full");
        expect_status(r, 4);
        expect_contains(r->err, "cannot write the results: No space left on device");
    }
}

static void test_frames_file_name_escaped(void **state)
{
    (void)state;
    const char *in = path_in("we\"ird\\na\tme.y4m");
    write_y4m(in, 4, 2, 1);
    setenv("IN", in, 1);
    const result *r = run("\"$VISION\" frames \"$IN\"");
    expect_status(r, 0);
    expect_contains(r->out, "/we\\\"ird\\\\na\\tme.y4m\",\"frame\":0,");
}

/* Progress goes to stderr only when asked (VISION_PROGRESS=1 here, a
 * terminal normally), never to stdout, and the line is erased at the end. */
static void test_frames_progress(void **state)
{
    (void)state;
    const char *head = path_in("head.y4m");
    write_y4m(head, 16, 8, 1);
    /* One more "FRAME\n" + data, to append with pauses. */
    const char *more = path_in("more.bin");
    uint8_t frame[6 + 16 * 8 + 2 * 8 * 4];
    memcpy(frame, "FRAME\n", 6);
    memset(frame + 6, 50, sizeof frame - 6);
    write_file(more, frame, sizeof frame);
    setenv("HEAD", head, 1);
    setenv("MORE", more, 1);
    /* Frames 0.3 s apart for 1.5 s: progress is drawn even when the program
     * starts late on a loaded machine and finds the first frames waiting. */
    const result *r = run("{ cat \"$HEAD\"; for i in 1 2 3 4 5; do sleep 0.3; cat \"$MORE\"; "
                          "done; } | VISION_PROGRESS=1 \"$VISION\" frames -");
    expect_status(r, 0);
    expect_contains(r->out, "\"frame\":5,");
    assert_null(strstr(r->out, "fps"));
    expect_contains(r->err, "\rstdin: frame ");
    expect_contains(r->err, " fps");
    /* Erased at the end: the last thing on stderr is "\r" + erase-line. */
    size_t n = strlen(r->err);
    assert_true(n >= 4);
    assert_string_equal(r->err + n - 4, "\r\033[K");

    /* Off when stderr is not a terminal, and with VISION_PROGRESS=0. */
    r = run("{ cat \"$HEAD\"; sleep 0.4; cat \"$MORE\"; } | \"$VISION\" frames -");
    expect_status(r, 0);
    assert_string_equal(r->err, "");
    r = run(
        "{ cat \"$HEAD\"; sleep 0.4; cat \"$MORE\"; } | VISION_PROGRESS=0 \"$VISION\" frames -");
    assert_string_equal(r->err, "");
}

static char *read_whole(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    static char text[1 << 17];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* Every command `vision --help` lists has its section in the manual page
 * and in docs/cli.md, and the page renders without groff warnings. */
static void test_docs_cover_commands(void **state)
{
    (void)state;
    const char *man = getenv("VISION_MAN");
    const char *guide = getenv("VISION_GUIDE");
    if (!man || !guide)
        skip();
    const result *r = run("\"$VISION\" --help");
    expect_status(r, 0);
    char help[sizeof res.out];
    strcpy(help, r->out);
    char *list = strstr(help, "Commands:\n");
    assert_non_null(list);
    list += strlen("Commands:\n");
    int commands = 0;
    for (char *line = strtok(list, "\n"); line && line[0] == ' '; line = strtok(NULL, "\n")) {
        char name[32];
        assert_int_equal(sscanf(line, " %31s", name), 1);
        char needle[96];
        snprintf(needle, sizeof needle, "\n.SS %s\n", name);
        if (!strstr(read_whole(man), needle))
            fail_msg("docs/vision.1 has no section '.SS %s'", name);
        snprintf(needle, sizeof needle, "\n## `vision %s`", name);
        if (!strstr(read_whole(guide), needle))
            fail_msg("docs/cli.md has no section '## `vision %s`'", name);
        commands++;
    }
    assert_true(commands >= 1);
    if (have_program("groff")) {
        r = run("groff -man -ww -z \"$VISION_MAN\"");
        expect_status(r, 0);
        assert_string_equal(r->err, "");
    }
}

static void test_frames_gstreamer_pipe(void **state)
{
    (void)state;
    if (!have_program("gst-launch-1.0"))
        skip();
    const result *r = run("gst-launch-1.0 -q videotestsrc num-buffers=10 ! "
                          "video/x-raw,format=I420,width=320,height=240 ! fdsink | "
                          "\"$VISION\" frames --format I420 --size 320x240 -");
    expect_status(r, 0);
    char expected[2048] = "";
    for (int i = 0; i < 10; i++) {
        char line[160];
        snprintf(line, sizeof line,
                 "{\"file\":\"-\",\"frame\":%d,\"pts_ms\":%d,\"format\":\"I420\",\"width\":320,"
                 "\"height\":240}\n",
                 i, 40 * i);
        strcat(expected, line);
    }
    assert_string_equal(r->out, expected);

    /* Packed and semi-planar formats, another rate. */
    r = run("gst-launch-1.0 -q videotestsrc num-buffers=3 ! "
            "video/x-raw,format=BGRx,width=64,height=48 ! fdsink | "
            "\"$VISION\" frames --format BGRx --size 64x48 --fps 30 -");
    expect_status(r, 0);
    expect_contains(r->out, "\"frame\":2,\"pts_ms\":66.667,\"format\":\"BGRx\",\"width\":64,");
    r = run("gst-launch-1.0 -q videotestsrc num-buffers=2 ! "
            "video/x-raw,format=NV12,width=64,height=48 ! fdsink | "
            "\"$VISION\" frames --format NV12 --size 64x48 -");
    expect_status(r, 0);
    expect_contains(r->out, "\"frame\":1,\"pts_ms\":40,\"format\":\"NV12\"");

    /* Odd sizes: GStreamer pads rows, --layout gstreamer follows it. */
    static const char *formats[] = {"I420", "NV21", "RGB", "GRAY8", "YUY2", "GRAY16_LE"};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        r = run("gst-launch-1.0 -q videotestsrc num-buffers=3 ! "
                "video/x-raw,format=%s,width=321,height=241 ! fdsink | "
                "\"$VISION\" frames --format %s --size 321x241 --layout gstreamer -",
                formats[i], formats[i]);
        expect_status(r, 0);
        expect_contains(r->out, "\"frame\":2,\"pts_ms\":80,");
        assert_null(strstr(r->out, "\"frame\":3,"));
    }
    /* Without it, the padded stream does not divide into packed frames. */
    r = run("gst-launch-1.0 -q videotestsrc num-buffers=3 ! "
            "video/x-raw,format=I420,width=321,height=241 ! fdsink | "
            "\"$VISION\" frames --format I420 --size 321x241 -");
    expect_status(r, 3);
    expect_contains(r->err, "truncated");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-vision [vision.1 cli.md]\n", argv[0]);
        return 2;
    }
    setenv("VISION", argv[1], 1);
    if (argc >= 4) {
        setenv("VISION_MAN", argv[2], 1);
        setenv("VISION_GUIDE", argv[3], 1);
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_help),    cmocka_unit_test(test_docs_cover_commands),
        cmocka_unit_test(test_frames_y4m_pipe),     cmocka_unit_test(test_frames_raw_pipe),
        cmocka_unit_test(test_frames_input_errors), cmocka_unit_test(test_frames_file_name_escaped),
        cmocka_unit_test(test_frames_progress),     cmocka_unit_test(test_frames_gstreamer_pipe),
    };
    return cmocka_run_group_tests_name("cli/command", tests, group_setup, group_teardown);
}
