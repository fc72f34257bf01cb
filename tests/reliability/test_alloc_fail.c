/*
 * Allocation failure: the library's n-th allocation fails (vis_alloc_fail_
 * after(n), the fault hook of lib/core/alloc.c), for n = 0, 1, 2, ... until
 * a whole create + regions + process + overlay + free sequence runs without
 * reaching the failure. Every call returns VISION_OK or VISION_E_NO_MEMORY
 * (never another code, never a crash); after a VISION_E_NO_MEMORY the same
 * call succeeds on the same handle once memory is back, and the handle is
 * freed at the end. Leaks are left to the ASan build (detect_leaks=1).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "core/alloc.h"
#include "rel_streams.h"

/* After an allocation failure every later allocation fails too (the hook
 * counts down and stays at zero), so each failing call is retried with
 * memory back: it must then succeed. Returns 1 when the failure was hit. */
static int step(int rc, int (*retry)(void *), void *arg, int *failures)
{
    if (rc == VISION_OK)
        return 0;
    assert_int_equal(rc, VISION_E_NO_MEMORY);
    assert_true(vision_last_error()[0] != '\0');
    (*failures)++;
    vis_alloc_fail_after(-1);
    if (retry)
        assert_int_equal(retry(arg), VISION_OK);
    return 1;
}

typedef struct crowd_run {
    vision_crowd *crowd;
    vision_frame *frame;
    uint8_t *gray;
    int index;
    uint8_t overlay[REL_CROWD_W * REL_CROWD_H * 3 / 2];
} crowd_run;

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
static const vision_crowd_point tri[3] = {{0.1, 0.1}, {0.9, 0.2}, {0.4, 0.9}};

static int crowd_add(void *arg)
{
    crowd_run *r = arg;
    vision_crowd_region_config c;
    rel_crowd_config(&c);
    return vision_crowd_add_region(r->crowd, "all", whole, 4, &c);
}

static int crowd_add_late(void *arg)
{
    crowd_run *r = arg;
    return vision_crowd_add_region(r->crowd, "late", tri, 3, NULL);
}

static int crowd_update(void *arg)
{
    crowd_run *r = arg;
    return vision_crowd_update_region(r->crowd, "all", tri, 3, NULL);
}

static int crowd_process(void *arg)
{
    crowd_run *r = arg;
    rel_crowd_frame(r->frame, r->gray, r->index, 3);
    return vision_crowd_process(r->crowd, r->frame);
}

static int crowd_draw(void *arg)
{
    crowd_run *r = arg;
    vision_frame f = VISION_FRAME_INIT;
    vision_frame_wrap(&f, VISION_PIXEL_FORMAT_I420, REL_CROWD_W, REL_CROWD_H, r->overlay,
                      sizeof r->overlay);
    return vision_crowd_draw(r->crowd, &f);
}

static void test_crowd_allocation_failures(void **state)
{
    (void)state;
    static uint8_t gray[REL_CROWD_W * REL_CROWD_H];
    vision_frame frame;
    int failures = 0, completed = 0;
    long n;
    for (n = 0; n < 10000 && !completed; n++) {
        vision_crowd_options o;
        rel_crowd_options(&o);
        crowd_run r = {NULL, &frame, gray, 0, {0}};
        vis_alloc_fail_after(n);
        int rc = vision_crowd_new(&r.crowd, &o);
        if (rc != VISION_OK) {
            assert_int_equal(rc, VISION_E_NO_MEMORY);
            assert_null(r.crowd);
            failures++;
            vis_alloc_fail_after(-1);
            continue;
        }
        step(crowd_add(&r), crowd_add, &r, &failures);
        for (r.index = 0; r.index < 6; r.index++) {
            step(crowd_process(&r), crowd_process, &r, &failures);
            if (r.index == 2)
                step(crowd_add_late(&r), crowd_add_late, &r, &failures);
        }
        step(crowd_update(&r), crowd_update, &r, &failures);
        /* A new frame size: the model and the rasters are made again. */
        vision_frame half = VISION_FRAME_INIT;
        vision_frame_wrap(&half, VISION_PIXEL_FORMAT_GRAY8, REL_CROWD_W / 2, REL_CROWD_H / 2, gray,
                          sizeof gray);
        rc = vision_crowd_process(r.crowd, &half);
        if (step(rc, NULL, NULL, &failures))
            assert_int_equal(vision_crowd_process(r.crowd, &half), VISION_OK);
        step(crowd_draw(&r), crowd_draw, &r, &failures);
        size_t count = 0;
        assert_int_equal(vision_crowd_region_count(&count, r.crowd), VISION_OK);
        assert_int_equal(count, 2);
        assert_int_equal(vision_crowd_free(r.crowd), VISION_OK);
        /* Fewer attempts than the budget: the failure was never reached. */
        completed = vis_alloc_fail_after(-1) <= n;
    }
    print_message("crowd: %ld allocation points failed in turn (%d failures seen)\n", n - 1,
                  failures);
    assert_true(completed);
    assert_true(failures > 0);
}

typedef struct plate_run {
    vision_plate *plate;
    const vision_frame *frame;
} plate_run;

static int plate_process(void *arg)
{
    plate_run *r = arg;
    return vision_plate_process(r->plate, r->frame);
}

static void plate_failures(int mode, int *points)
{
    test_frame frames[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(rel_plate_frame(&frames[i], i * 3, "BA 123 CD", 11), 0);
    int failures = 0, completed = 0;
    long n;
    for (n = 0; n < 10000 && !completed; n++) {
        vision_plate_options o;
        rel_plate_video_options(&o);
        o.mode = mode;
        o.analysis_width = 320; /* a second, scaled image */
        plate_run r = {NULL, NULL};
        vis_alloc_fail_after(n);
        int rc = vision_plate_new(&r.plate, &o);
        if (rc != VISION_OK) {
            assert_int_equal(rc, VISION_E_NO_MEMORY);
            assert_null(r.plate);
            failures++;
            vis_alloc_fail_after(-1);
            continue;
        }
        for (int i = 0; i < 3; i++) {
            r.frame = &frames[i].frame;
            step(plate_process(&r), plate_process, &r, &failures);
        }
        assert_int_equal(vision_plate_flush(r.plate), VISION_OK);
        vision_plate_free(r.plate);
        completed = vis_alloc_fail_after(-1) <= n;
    }
    for (int i = 0; i < 3; i++)
        test_frame_release(&frames[i]);
    print_message("plate mode %d: %ld allocation points failed in turn (%d failures seen)\n", mode,
                  n - 1, failures);
    assert_true(completed);
    assert_true(failures > 0);
    *points = (int)n - 1;
}

static void test_plate_allocation_failures(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    int still = 0, video = 0;
    plate_failures(VISION_PLATE_MODE_STILL, &still);
    plate_failures(VISION_PLATE_MODE_VIDEO, &video);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crowd_allocation_failures),
        cmocka_unit_test(test_plate_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
