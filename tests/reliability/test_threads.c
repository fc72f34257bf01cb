/*
 * Threads: several crowd and plate handles, each on its own thread, all at
 * once, give exactly the results (per-frame figures, events, readings) that
 * the same work gives done one job after another on one thread. Run under
 * TSan in CI (tests/ci/test.sh), this is also the data race check of the
 * library's shared state (error buffers, tables, OpenCV and Tesseract).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <vision/vision.h>

#include "rel_streams.h"

#define CROWD_JOBS 3
#define PLATE_JOBS 2
#define CROWD_FRAMES 60
#define PLATE_FRAMES 8
#define LOG_SIZE 65536

/* What a job saw, as text: compared byte for byte. */
typedef struct job_log {
    char text[LOG_SIZE];
    size_t length;
    int failed;
} job_log;

static void log_add(job_log *log, const char *format, ...) __attribute__((format(printf, 2, 3)));

static void log_add(job_log *log, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = vsnprintf(log->text + log->length, LOG_SIZE - log->length, format, args);
    va_end(args);
    if (n < 0 || (size_t)n >= LOG_SIZE - log->length)
        log->failed = 1;
    else
        log->length += (size_t)n;
}

typedef struct job {
    int kind; /* 0 crowd, 1 plate */
    int seed;
    const test_frame *plate_frames;
    job_log log;
} job;

static void on_crowd_event(const vision_crowd_event *e, void *user_data)
{
    job *j = user_data;
    log_add(&j->log, "event %u %s %.17g %d %.17g %lld\n", e->type, e->region_id, e->value, e->level,
            e->angle, (long long)e->frame_index);
}

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
static const vision_crowd_point left[4] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};

static void run_crowd(job *j)
{
    vision_crowd_options o;
    rel_crowd_options(&o);
    vision_crowd_region_config c;
    rel_crowd_config(&c);
    vision_crowd *crowd = NULL;
    if (vision_crowd_new(&crowd, &o) != VISION_OK ||
        vision_crowd_add_region(crowd, "all", whole, 4, &c) != VISION_OK ||
        vision_crowd_add_region(crowd, "left", left, 4, &c) != VISION_OK ||
        vision_crowd_set_callback(crowd, on_crowd_event, j) != VISION_OK) {
        j->log.failed = 1;
        vision_crowd_free(crowd);
        return;
    }
    uint8_t *gray = malloc(REL_CROWD_W * REL_CROWD_H);
    vision_frame frame;
    for (int i = 0; i < CROWD_FRAMES && gray; i++) {
        rel_crowd_frame(&frame, gray, i, (uint32_t)j->seed);
        /* A bad frame now and then: refused, and nothing else changes. */
        if (i % 17 == 5) {
            vision_frame bad = frame;
            bad.strides[0] = 1;
            if (vision_crowd_process(crowd, &bad) != VISION_E_FRAME_STRIDE)
                j->log.failed = 1;
        }
        if (vision_crowd_process(crowd, &frame) != VISION_OK) {
            j->log.failed = 1;
            break;
        }
        for (size_t r = 0; r < 2; r++) {
            vision_crowd_result x = VISION_CROWD_RESULT_INIT;
            vision_crowd_get_result_at(&x, crowd, r);
            log_add(&j->log, "%d %s %d %.17g %.17g %d %.17g %.17g %u %u %u %u %d %d %d\n", i,
                    x.region_id, x.valid, x.occupancy, x.fluidity, x.has_direction, x.direction,
                    x.motion, x.region_pixels, x.foreground_pixels, x.moving_pixels,
                    x.motion_blocks, x.occupancy_level, x.fluidity_level, x.warming_up);
        }
    }
    free(gray);
    vision_crowd_free(crowd);
}

static void on_plate_event(const vision_plate_event *e, void *user_data)
{
    job *j = user_data;
    log_add(&j->log, "event %d %d %s %.9g %lld %u %d,%d,%d,%d\n", e->type, e->track_id, e->text,
            (double)e->confidence, (long long)e->frame_index, e->candidate_count, e->box[0],
            e->box[1], e->box[2], e->box[3]);
}

static void run_plate(job *j)
{
    vision_plate_options o;
    rel_plate_video_options(&o);
    vision_plate *plate = NULL;
    if (vision_plate_new(&plate, &o) != VISION_OK ||
        vision_plate_set_callback(plate, on_plate_event, j) != VISION_OK) {
        j->log.failed = 1;
        vision_plate_free(plate);
        return;
    }
    for (int i = 0; i < PLATE_FRAMES; i++) {
        if (vision_plate_process(plate, &j->plate_frames[i].frame) != VISION_OK) {
            j->log.failed = 1;
            break;
        }
        uint32_t count = vision_plate_result_count(plate);
        for (uint32_t r = 0; r < count; r++) {
            vision_plate_result x = VISION_PLATE_RESULT_INIT;
            vision_plate_get_result(&x, plate, r);
            log_add(&j->log, "%d %d %s %.9g %s %d,%d,%d,%d %u\n", i, x.track_id, x.text,
                    (double)x.confidence, x.pattern, x.box[0], x.box[1], x.box[2], x.box[3],
                    x.candidate_count);
        }
    }
    vision_plate_flush(plate);
    vision_plate_free(plate);
}

static void *run_job(void *arg)
{
    job *j = arg;
    if (j->kind == 0)
        run_crowd(j);
    else
        run_plate(j);
    return NULL;
}

static void test_threads_match_sequential(void **state)
{
    (void)state;
    int plates = synth_fonts_available() == 0;
    static const char *const texts[PLATE_JOBS] = {"BA 123 CD", "KE 456 XY"};
    static test_frame frames[PLATE_JOBS][PLATE_FRAMES];
    if (plates)
        for (int p = 0; p < PLATE_JOBS; p++)
            for (int i = 0; i < PLATE_FRAMES; i++)
                assert_int_equal(rel_plate_frame(&frames[p][i], i, texts[p], (uint32_t)p + 1), 0);
    int count = CROWD_JOBS + (plates ? PLATE_JOBS : 0);
    job *sequential = calloc((size_t)count, sizeof *sequential);
    job *parallel = calloc((size_t)count, sizeof *parallel);
    assert_non_null(sequential);
    assert_non_null(parallel);
    for (int i = 0; i < count; i++) {
        job j = {i < CROWD_JOBS ? 0 : 1, i + 1, NULL, {{0}, 0, 0}};
        if (j.kind == 1)
            j.plate_frames = frames[i - CROWD_JOBS];
        sequential[i] = j;
        parallel[i] = j;
    }
    for (int i = 0; i < count; i++)
        run_job(&sequential[i]);
    pthread_t threads[CROWD_JOBS + PLATE_JOBS];
    for (int i = 0; i < count; i++)
        assert_int_equal(pthread_create(&threads[i], NULL, run_job, &parallel[i]), 0);
    for (int i = 0; i < count; i++)
        assert_int_equal(pthread_join(threads[i], NULL), 0);
    for (int i = 0; i < count; i++) {
        assert_false(sequential[i].log.failed);
        assert_false(parallel[i].log.failed);
        assert_true(sequential[i].log.length > 0);
        assert_int_equal(sequential[i].log.length, parallel[i].log.length);
        assert_memory_equal(sequential[i].log.text, parallel[i].log.text, sequential[i].log.length);
        /* Each job saw something happen: events, or plates read. */
        assert_non_null(strstr(sequential[i].log.text, "event"));
    }
    if (plates)
        for (int p = 0; p < PLATE_JOBS; p++)
            for (int i = 0; i < PLATE_FRAMES; i++)
                test_frame_release(&frames[p][i]);
    free(sequential);
    free(parallel);
}

/* Each thread sees its own last error, whatever the others do meanwhile. */
static void *fail_repeatedly(void *arg)
{
    intptr_t which = (intptr_t)arg;
    for (int i = 0; i < 2000; i++) {
        int rc = which ? vision_crowd_new(NULL, NULL) : vision_frame_validate(NULL, NULL, 0);
        const char *message = vision_last_error();
        if (rc != VISION_E_INVALID_ARGUMENT ||
            strcmp(message, which ? "out is NULL" : "frame is NULL") != 0)
            return (void *)1;
    }
    return NULL;
}

static void test_thread_errors_are_separate(void **state)
{
    (void)state;
    pthread_t a, b;
    assert_int_equal(pthread_create(&a, NULL, fail_repeatedly, (void *)0), 0);
    assert_int_equal(pthread_create(&b, NULL, fail_repeatedly, (void *)1), 0);
    void *ra, *rb;
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    assert_null(ra);
    assert_null(rb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_match_sequential),
        cmocka_unit_test(test_thread_errors_are_separate),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
