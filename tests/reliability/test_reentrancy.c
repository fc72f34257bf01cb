/*
 * Re-entrancy: from inside its own event callback, every call that changes
 * a handle (process, free, regions, callback, overlay, flush) returns
 * VISION_E_REENTRANT and changes nothing; reading results is allowed; a
 * different handle may be used. After the callback the handle goes on as
 * if nothing had happened and frees cleanly (ASan checks the rest).
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

#include "rel_streams.h"

static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
static const vision_crowd_point left[4] = {{0, 0}, {0.5, 0}, {0.5, 1}, {0, 1}};

typedef struct crowd_probe {
    vision_crowd *crowd;
    vision_crowd *other;
    const vision_frame *frame;
    int events;
    int probed;
    int failures; /* calls that did not answer as they must */
} crowd_probe;

#define EXPECT(probe, call, code)                                                                  \
    do {                                                                                           \
        int rc_ = (call);                                                                          \
        if (rc_ != (code)) {                                                                       \
            print_error("%s:%d: %s gave %d, expected %d\n", __FILE__, __LINE__, #call, rc_,        \
                        (code));                                                                   \
            (probe)->failures++;                                                                   \
        }                                                                                          \
    } while (0)

static void on_crowd_event(const vision_crowd_event *event, void *user_data)
{
    crowd_probe *p = user_data;
    p->events++;
    vision_crowd *c = p->crowd;
    uint8_t pixels[REL_CROWD_W * REL_CROWD_H * 3];
    vision_frame overlay = VISION_FRAME_INIT;
    vision_frame_wrap(&overlay, VISION_PIXEL_FORMAT_BGR, REL_CROWD_W, REL_CROWD_H, pixels,
                      sizeof pixels);
    vision_crowd_region_config config;
    vision_crowd_region_config_init(&config);
    EXPECT(p, vision_crowd_process(c, p->frame), VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_free(c), VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_add_region(c, "new", whole, 4, NULL), VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_update_region(c, event->region_id, left, 4, &config),
           VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_remove_region(c, event->region_id), VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_set_callback(c, NULL, NULL), VISION_E_REENTRANT);
    EXPECT(p, vision_crowd_draw(c, &overlay), VISION_E_REENTRANT);
    if (strcmp(vision_crowd_last_error(c), "") == 0)
        p->failures++;
    /* Reading is allowed, and the event's region is intact. */
    vision_crowd_result r = VISION_CROWD_RESULT_INIT;
    EXPECT(p, vision_crowd_get_result(&r, c, event->region_id), VISION_OK);
    if (strcmp(r.region_id, event->region_id) != 0 || !r.valid)
        p->failures++;
    EXPECT(p, vision_crowd_get_result_at(&r, c, 0), VISION_OK);
    size_t count = 0;
    EXPECT(p, vision_crowd_region_count(&count, c), VISION_OK);
    if (count != 2)
        p->failures++;
    /* Another handle is another matter. */
    EXPECT(p, vision_crowd_process(p->other, p->frame), VISION_OK);
    p->probed++;
}

static void test_crowd_reentrancy(void **state)
{
    (void)state;
    vision_crowd_options o;
    rel_crowd_options(&o);
    vision_crowd_region_config config;
    rel_crowd_config(&config);
    crowd_probe p = {0};
    assert_int_equal(vision_crowd_new(&p.crowd, &o), VISION_OK);
    assert_int_equal(vision_crowd_new(&p.other, &o), VISION_OK);
    assert_int_equal(vision_crowd_add_region(p.crowd, "all", whole, 4, &config), VISION_OK);
    assert_int_equal(vision_crowd_add_region(p.crowd, "left", left, 4, &config), VISION_OK);
    assert_int_equal(vision_crowd_set_callback(p.crowd, on_crowd_event, &p), VISION_OK);
    static uint8_t gray[REL_CROWD_W * REL_CROWD_H];
    vision_frame frame;
    for (int i = 0; i < 30; i++) {
        rel_crowd_frame(&frame, gray, i, 1);
        p.frame = &frame;
        assert_int_equal(vision_crowd_process(p.crowd, &frame), VISION_OK);
    }
    assert_true(p.events > 0);
    assert_int_equal(p.probed, p.events);
    assert_int_equal(p.failures, 0);
    /* Everything refused inside works outside. */
    size_t count = 0;
    assert_int_equal(vision_crowd_region_count(&count, p.crowd), VISION_OK);
    assert_int_equal(count, 2);
    assert_int_equal(vision_crowd_add_region(p.crowd, "new", whole, 4, NULL), VISION_OK);
    assert_int_equal(vision_crowd_remove_region(p.crowd, "left"), VISION_OK);
    assert_int_equal(vision_crowd_set_callback(p.crowd, NULL, NULL), VISION_OK);
    assert_int_equal(vision_crowd_process(p.crowd, &frame), VISION_OK);
    assert_int_equal(vision_crowd_free(p.crowd), VISION_OK);
    assert_int_equal(vision_crowd_free(p.other), VISION_OK);
}

typedef struct plate_probe {
    vision_plate *plate;
    const vision_frame *frame;
    int events;
    int ends;
    int failures;
} plate_probe;

static void on_plate_event(const vision_plate_event *event, void *user_data)
{
    plate_probe *p = user_data;
    p->events++;
    p->ends += event->type == VISION_PLATE_EVENT_END;
    EXPECT(p, vision_plate_process(p->plate, p->frame), VISION_E_REENTRANT);
    EXPECT(p, vision_plate_flush(p->plate), VISION_E_REENTRANT);
    EXPECT(p, vision_plate_set_callback(p->plate, NULL, NULL), VISION_E_REENTRANT);
    EXPECT(p, vision_plate_free(p->plate), VISION_E_REENTRANT); /* the handle stays valid */
    if (strstr(vision_plate_last_error(p->plate), "callback") == NULL)
        p->failures++;
    uint32_t count = vision_plate_result_count(p->plate);
    for (uint32_t i = 0; i < count; i++) {
        vision_plate_result r = VISION_PLATE_RESULT_INIT;
        EXPECT(p, vision_plate_get_result(&r, p->plate, i), VISION_OK);
    }
}

static void test_plate_reentrancy(void **state)
{
    (void)state;
    if (synth_fonts_available() != 0)
        skip();
    vision_plate_options o;
    rel_plate_video_options(&o);
    plate_probe p = {0};
    assert_int_equal(vision_plate_new(&p.plate, &o), VISION_OK);
    assert_int_equal(vision_plate_set_callback(p.plate, on_plate_event, &p), VISION_OK);
    for (int i = 0; i < 10; i++) {
        test_frame t;
        assert_int_equal(rel_plate_frame(&t, i, "BA 123 CD", 5), 0);
        p.frame = &t.frame;
        assert_int_equal(vision_plate_process(p.plate, &t.frame), VISION_OK);
        test_frame_release(&t);
    }
    p.frame = NULL;
    int before_flush = p.events;
    assert_true(before_flush > 0); /* the plate was announced */
    assert_int_equal(vision_plate_flush(p.plate), VISION_OK);
    assert_true(p.ends > 0); /* END from the flush, probed too */
    assert_int_equal(p.failures, 0);
    /* The handle goes on. */
    test_frame t;
    assert_int_equal(rel_plate_frame(&t, 0, "BA 123 CD", 6), 0);
    assert_int_equal(vision_plate_set_callback(p.plate, NULL, NULL), VISION_OK);
    assert_int_equal(vision_plate_process(p.plate, &t.frame), VISION_OK);
    test_frame_release(&t);
    vision_plate_free(p.plate);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crowd_reentrancy),
        cmocka_unit_test(test_plate_reentrancy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
