/*
 * `vision crowd` run as a program on a generated Y4M clip: JSON lines per
 * frame and per event, --events-only, --overlay, and bad command lines.
 * argv[1] is the vision program.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "crowd_scene.h"

static const char *vision;
static char dir[64], clip[128], out_path[128], overlay_path[128];
static char output[1 << 20];

/* Run `vision crowd ARGS clip`, stdout into `output`; returns the exit code. */
static int run(const char *args)
{
    char command[1024];
    snprintf(command, sizeof command, "'%s' crowd %s '%s' > '%s' 2>/dev/null", vision, args, clip,
             out_path);
    int status = system(command);
    FILE *f = fopen(out_path, "rb");
    size_t n = f ? fread(output, 1, sizeof output - 1, f) : 0;
    output[n] = '\0';
    if (f)
        fclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int count(const char *needle)
{
    int n = 0;
    for (const char *p = output; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_crowd_cli.XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(clip, sizeof clip, "%s/clip.y4m", dir);
    snprintf(out_path, sizeof out_path, "%s/out.jsonl", dir);
    snprintf(overlay_path, sizeof overlay_path, "%s/overlay.y4m", dir);
    /* 40 frames of 160x120: 12 empty, then a blob walking right. */
    scene s;
    if (scene_init(&s, 160, 120, 5) != 0)
        return -1;
    FILE *f = fopen(clip, "wb");
    if (!f)
        return -1;
    fprintf(f, "YUV4MPEG2 W160 H120 F25:1 Ip A1:1 C420jpeg\n");
    uint8_t gray[160 * 120];
    static uint8_t buffer[160 * 120 * 3 / 2];
    for (int i = 0; i < 40; i++) {
        if (i == 12)
            s.blobs[s.blob_count++] = (scene_blob){0.1, 0.2, 0.3, 0.6, 2.0, 0, 3, 1};
        scene_render(&s, gray, 160, NULL);
        scene_step(&s);
        vision_frame frame;
        scene_frame(&frame, buffer, sizeof buffer, VISION_PIXEL_FORMAT_I420, gray, 160, 120);
        fputs("FRAME\n", f);
        fwrite(buffer, 1, sizeof buffer, f);
    }
    fclose(f);
    scene_release(&s);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(clip);
    unlink(out_path);
    unlink(overlay_path);
    rmdir(dir);
    return 0;
}

static void test_frames_and_events(void **state)
{
    (void)state;
    assert_int_equal(run("--roi 'left=0,0;0.5,0;0.5,1;0,1' --roi 'all=0,0;1,0;1,1;0,1' "
                         "--set sendOpticalFlowEvent=true --set occupancyNumFramesToEvent=2"),
                     0);
    assert_int_equal(count("{\"frame\":"), 40);
    assert_true(strstr(output, "{\"frame\":0,\"pts_ms\":0,\"process_ms\":") != NULL);
    assert_int_equal(count("\"id\":\"left\""), 40);
    assert_int_equal(count("\"id\":\"all\""), 40);
    /* The blob walks right: a direction event of 90 degrees and an
     * occupancy event, in both regions. */
    assert_true(count("{\"event\":\"direction\"") >= 2);
    assert_true(
        strstr(output, "\"roi\":\"all\",\"percentage\":null,\"level\":null,\"angle\":90}") != NULL);
    assert_true(count("{\"event\":\"occupancy\"") >= 2);
    assert_true(strstr(output, "\"direction\":null") != NULL); /* before the blob came */
}

static void test_events_only_every_and_overlay(void **state)
{
    (void)state;
    char args[512];
    snprintf(args, sizeof args, "--events-only --overlay '%s'", overlay_path);
    assert_int_equal(run(args), 0);
    assert_int_equal(count("{\"frame\":"), 0);
    assert_true(count("{\"event\":") >= 1);
    struct stat st;
    assert_int_equal(stat(overlay_path, &st), 0);
    size_t header = strlen("YUV4MPEG2 W160 H120 F25000:1000 Ip A1:1 C420jpeg\n");
    assert_int_equal((size_t)st.st_size, header + 40 * (6 + 160 * 120 * 3 / 2));

    assert_int_equal(run("--every 4"), 0);
    assert_int_equal(count("{\"frame\":"), 10);
    assert_true(strstr(output, "{\"frame\":4,") != NULL);
    assert_true(strstr(output, "{\"frame\":5,") == NULL);
}

static void test_bad_command_lines(void **state)
{
    (void)state;
    assert_int_equal(run("--roi 'a=0,0;1,0'"), 2);     /* 2 points */
    assert_int_equal(run("--roi 'a=0,0;2,0;0,1'"), 2); /* outside 0..1 */
    assert_int_equal(run("--roi 'noequals'"), 2);
    assert_int_equal(run("--roi 'a=0,0;1,x;0,1'"), 2);
    assert_int_equal(run("--roi 'a=0,0;1,0;0,1' --roi 'a=0,0;1,0;1,1'"), 2); /* same id */
    assert_int_equal(run("--set noSuchKey=1"), 2);
    assert_int_equal(run("--set occupancyLevelMin=x"), 2);
    assert_int_equal(run("--set occupancyLevelMin=90"), 2); /* above med */
    assert_int_equal(run("--width 4"), 2);
    assert_int_equal(run("--every 0"), 2);
    assert_int_equal(run("--bogus"), 2);
    char args[256];
    snprintf(args, sizeof args, "--overlay '%s/no/such/dir/o.y4m'", dir);
    assert_int_equal(run(args), 3);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_crowd_cli VISION\n");
        return 1;
    }
    vision = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frames_and_events),
        cmocka_unit_test(test_events_only_every_and_overlay),
        cmocka_unit_test(test_bad_command_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
