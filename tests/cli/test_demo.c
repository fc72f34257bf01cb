/*
 * Tests of `vision demo`, run as a program: it exits 0, every stdout line is
 * a JSON object of a scene, the summaries say the checks passed (the plate
 * scene may say skipped, only when its fonts are missing), two runs print
 * the same bytes, and the frames it saves give the same crowd events through
 * `vision crowd`. Argument: the path of the vision program.
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

static char tmpdir[64];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static int group_setup(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/vision-test-demo-XXXXXX");
    if (!mkdtemp(tmpdir))
        return -1;
    setenv("DIR", tmpdir, 1);
    setenv("VISION_PROGRESS", "0", 1);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    return nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Run a shell command (with $VISION and $DIR); returns its exit status. */
static int run(const char *format, ...)
{
    char command[2048];
    va_list args;
    va_start(args, format);
    vsnprintf(command, sizeof command, format, args);
    va_end(args);
    int status = system(command);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The whole file, NUL-terminated; free() it. */
static char *slurp(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t size = 0, capacity = 1 << 16;
    char *text = malloc(capacity);
    assert_non_null(text);
    size_t n;
    while ((n = fread(text + size, 1, capacity - size - 1, f)) > 0) {
        size += n;
        if (size + 1 == capacity) {
            capacity *= 2;
            text = realloc(text, capacity);
            assert_non_null(text);
        }
    }
    text[size] = '\0';
    fclose(f);
    return text;
}

/* A JSON value starting at *p (strings, numbers, literals, arrays,
 * objects); advances *p past it. Returns 0, or -1 when malformed. */
static int json_value(const char **p);

static void skip_space(const char **p)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
}

static int json_string(const char **p)
{
    if (**p != '"')
        return -1;
    for ((*p)++; **p && **p != '"'; (*p)++) {
        if ((unsigned char)**p < 0x20)
            return -1;
        if (**p == '\\' && !*++*p)
            return -1;
    }
    if (**p != '"')
        return -1;
    (*p)++;
    return 0;
}

static int json_value(const char **p)
{
    skip_space(p);
    if (**p == '"')
        return json_string(p);
    if (**p == '{' || **p == '[') {
        char close = **p == '{' ? '}' : ']';
        int object = close == '}';
        (*p)++;
        skip_space(p);
        if (**p == close) {
            (*p)++;
            return 0;
        }
        for (;;) {
            if (object) {
                skip_space(p);
                if (json_string(p) != 0)
                    return -1;
                skip_space(p);
                if (*(*p)++ != ':')
                    return -1;
            }
            if (json_value(p) != 0)
                return -1;
            skip_space(p);
            if (**p == close) {
                (*p)++;
                return 0;
            }
            if (*(*p)++ != ',')
                return -1;
        }
    }
    if (strncmp(*p, "null", 4) == 0 || strncmp(*p, "true", 4) == 0) {
        *p += 4;
        return 0;
    }
    if (strncmp(*p, "false", 5) == 0) {
        *p += 5;
        return 0;
    }
    const char *start = *p;
    if (**p == '-')
        (*p)++;
    while ((**p >= '0' && **p <= '9') || **p == '.' || **p == 'e' || **p == 'E' || **p == '+' ||
           **p == '-')
        (*p)++;
    return *p > start ? 0 : -1;
}

/* Every line a JSON object of scene crowd or plate; counts the summaries. */
static void check_lines(const char *out, int *crowd_passed, int *plate_state)
{
    *crowd_passed = 0;
    *plate_state = 0; /* 1 passed, 2 skipped */
    const char *line = out;
    int count = 0;
    while (*line) {
        const char *end = strchr(line, '\n');
        assert_non_null(end);
        char text[8192];
        size_t length = (size_t)(end - line);
        assert_true(length < sizeof text);
        memcpy(text, line, length);
        text[length] = '\0';
        const char *p = text;
        if (json_value(&p) != 0 || *p || text[0] != '{')
            fail_msg("not a JSON object: %s", text);
        if (strncmp(text, "{\"scene\":\"crowd\",", 17) != 0 &&
            strncmp(text, "{\"scene\":\"plate\",", 17) != 0)
            fail_msg("no scene first: %s", text);
        if (strstr(text, "{\"scene\":\"crowd\",\"check\":\"passed\"") == text)
            (*crowd_passed)++;
        if (strstr(text, "{\"scene\":\"plate\",\"check\":\"passed\"") == text)
            *plate_state = 1;
        if (strstr(text, "{\"scene\":\"plate\",\"check\":\"skipped\"") == text)
            *plate_state = 2;
        count++;
        line = end + 1;
    }
    assert_true(count > 2);
}

static void test_demo_passes_and_is_deterministic(void **state)
{
    (void)state;
    assert_int_equal(run("\"$VISION\" demo >\"$DIR/1.out\" 2>\"$DIR/1.err\""), 0);
    assert_int_equal(run("\"$VISION\" demo --quiet >\"$DIR/2.out\" 2>\"$DIR/2.err\""), 0);
    char *out1 = slurp("1.out"), *out2 = slurp("2.out"), *err1 = slurp("1.err"),
         *err2 = slurp("2.err");
    int crowd, plate;
    check_lines(out1, &crowd, &plate);
    assert_int_equal(crowd, 1);
    assert_true(plate == 1 || plate == 2);
    if (plate == 2 && !strstr(err1, "fonts are missing"))
        fail_msg("plate scene skipped without missing fonts: %s", err1);
    /* A human summary on stderr, nothing with --quiet. */
    if (!strstr(err1, "demo: crowd: occupancy of \"door\" rose to level 2") ||
        !strstr(err1, "demo: every check passed"))
        fail_msg("no summary on stderr: %s", err1);
    assert_string_equal(err2, "");
    /* Same bytes every run. */
    assert_string_equal(out1, out2);
    free(out1);
    free(out2);
    free(err1);
    free(err2);
}

/* The saved crowd frames, read back by `vision crowd` with the demo's
 * regions, give the demo's events. */
static void test_saved_frames_give_the_same_events(void **state)
{
    (void)state;
    assert_int_equal(run("\"$VISION\" demo --scene crowd --quiet --save \"$DIR\" "
                         "--overlay \"$DIR\" >\"$DIR/demo.out\""),
                     0);
    /* The overlay: as many frames as the scene, with the findings drawn. */
    assert_int_equal(
        run("test -s \"$DIR/crowd-overlay.y4m\" && test \"$(wc -c <\"$DIR/crowd-overlay.y4m\")\" = "
            "\"$(wc -c <\"$DIR/crowd.y4m\")\" && "
            "! cmp -s \"$DIR/crowd-overlay.y4m\" \"$DIR/crowd.y4m\""),
        0);
    assert_int_equal(run("\"$VISION\" crowd --events-only --set sendOpticalFlowEvent=1 "
                         "--roi 'door=0.38,0.08;0.62,0.08;0.62,0.72;0.38,0.72' "
                         "--roi 'corridor=0,0.78;1,0.78;1,1;0,1' \"$DIR/crowd.y4m\" "
                         ">\"$DIR/crowd.out\""),
                     0);
    assert_int_equal(run("grep '^{\"scene\":\"crowd\",\"event\"' \"$DIR/demo.out\" "
                         "| sed 's/^{\"scene\":\"crowd\",/{/' | cmp -s - \"$DIR/crowd.out\""),
                     0);
    char *events = slurp("crowd.out");
    assert_non_null(strstr(events, "\"event\":\"occupancy\""));
    free(events);
    run("rm -f \"$DIR/crowd.y4m\" \"$DIR/crowd-overlay.y4m\"");
}

static void test_bad_command_lines(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "--scene nowhere",
        "--format NOPE",
        "--bogus",
        "input.y4m",
        "--save /nonexistent-dir",
        "--save . --format BGR",
        "--scene",
        "--overlay . --format GRAY8",
        "--overlay /nonexistent-dir",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int status = run("\"$VISION\" demo %s >\"$DIR/bad.out\" 2>\"$DIR/bad.err\"", bad[i]);
        if (status != 2)
            fail_msg("vision demo %s: exit %d, expected 2", bad[i], status);
        char *err = slurp("bad.err"), *out = slurp("bad.out");
        if (strncmp(err, "vision demo: ", 13) != 0)
            fail_msg("vision demo %s: stderr '%s'", bad[i], err);
        assert_string_equal(out, "");
        free(err);
        free(out);
    }
    assert_int_equal(run("\"$VISION\" demo --help | grep -q 'Usage: vision demo'"), 0);
    /* Results that cannot be written. */
    assert_int_equal(run("\"$VISION\" demo --scene crowd >/dev/full 2>/dev/null"), 4);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-vision\n", argv[0]);
        return 2;
    }
    char *program = realpath(argv[1], NULL);
    if (!program)
        return 2;
    setenv("VISION", program, 1);
    free(program);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demo_passes_and_is_deterministic),
        cmocka_unit_test(test_saved_frames_give_the_same_events),
        cmocka_unit_test(test_bad_command_lines),
    };
    return cmocka_run_group_tests_name("cli_demo", tests, group_setup, group_teardown);
}
