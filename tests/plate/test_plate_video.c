/*
 * Video mode on synthetic 1280x720 streams: plates moving across the frame,
 * two at once, one leaving and coming back. Exactly one NEW event per
 * appearance, the best reading right, END for every announced track, and
 * calls into the handle from its own callback refused.
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

#include <cmocka.h>

#include <vision/vision.h>

#include "plate_frames.h"
#include "plate_synth.h"
#include "plate_texts.h"

#define W 1280
#define H 720
#define MAX_EVENTS 64

typedef struct recorded {
    int type;
    int32_t track;
    char text[VISION_PLATE_TEXT_SIZE];
    int64_t frame;
} recorded;

typedef struct recorder {
    recorded events[MAX_EVENTS];
    int count;
    vision_plate *handle;
    const vision_frame *frame; /* for the re-entrancy probe */
    int probe;
    int reentrant_results[4];
} recorder;

static void on_event(const vision_plate_event *e, void *user_data)
{
    recorder *r = user_data;
    assert_int_equal(e->version, VISION_PLATE_EVENT_VERSION);
    if (r->count < MAX_EVENTS) {
        recorded *x = &r->events[r->count++];
        x->type = e->type;
        x->track = e->track_id;
        snprintf(x->text, sizeof x->text, "%s", e->text);
        x->frame = e->frame_index;
    }
    assert_true(e->track_id >= 1);
    assert_true(e->first_frame_index <= e->last_frame_index);
    assert_true(e->confidence >= 0.0f && e->confidence <= 1.0f);
    if (r->probe) {
        r->probe = 0;
        r->reentrant_results[0] = vision_plate_process(r->handle, r->frame);
        r->reentrant_results[1] = vision_plate_flush(r->handle);
        r->reentrant_results[2] = vision_plate_set_callback(r->handle, NULL, NULL);
        vision_plate_free(r->handle); /* must do nothing */
        r->reentrant_results[3] = (int)vision_plate_result_count(r->handle);
    }
}

typedef struct moving_plate {
    int layout;
    char text[24];
    double x0, y0, dx, dy; /* centre at frame 0 and motion per frame */
    int first, last;       /* frames in view */
    double width;
} moving_plate;

/* A video handle with default options but the mode (and the countries
 * given: "all" is the default). */
static vision_plate *video_handle(recorder *rec, const char *countries)
{
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.mode = VISION_PLATE_MODE_VIDEO;
    assert_int_equal(vision_plate_countries_parse(&o.countries, countries), VISION_OK);
    vision_plate *h = NULL;
    assert_int_equal(vision_plate_new(&h, &o), VISION_OK);
    memset(rec, 0, sizeof *rec);
    rec->handle = h;
    assert_int_equal(vision_plate_set_callback(h, on_event, rec), VISION_OK);
    return h;
}

static void run_stream(vision_plate *h, recorder *rec, const moving_plate *plates, int count,
                       int frames)
{
    uint8_t *background = malloc((size_t)W * H * 3), *bgr = malloc((size_t)W * H * 3);
    assert_non_null(background);
    assert_non_null(bgr);
    synth_background(background, W, H, W * 3, 0, 99);
    for (int f = 0; f < frames; f++) {
        memcpy(bgr, background, (size_t)W * H * 3);
        for (int i = 0; i < count; i++) {
            const moving_plate *m = &plates[i];
            if (f < m->first || f > m->last)
                continue;
            int t = f - m->first;
            synth_plate p = {m->layout, m->text, m->x0 + m->dx * t, m->y0 + m->dy * t, m->width, 0,
                             0,         1,       (uint32_t)(i + 1)};
            assert_int_equal(synth_draw_plate(bgr, W, H, W * 3, &p, NULL), 0);
        }
        synth_degrade(bgr, W, H, W * 3, 0, 3, 0, (uint32_t)f + 1);
        test_frame t;
        assert_int_equal(test_frame_from_bgr(&t, VISION_PIXEL_FORMAT_I420, bgr, W * 3, W, H), 0);
        t.frame.pts_ns = (int64_t)f * 40000000;
        rec->frame = &t.frame;
        assert_int_equal(vision_plate_process(h, &t.frame), VISION_OK);
        rec->frame = NULL;
        test_frame_release(&t);
    }
    assert_int_equal(vision_plate_flush(h), VISION_OK);
    free(background);
    free(bgr);
}

static int count_events(const recorder *rec, int type, const char *text)
{
    int n = 0;
    for (int i = 0; i < rec->count; i++)
        if (rec->events[i].type == type && (!text || strcmp(rec->events[i].text, text) == 0))
            n++;
    return n;
}

/* The END text of the track whose NEW came i-th. */
static const char *end_text_of(const recorder *rec, int32_t track)
{
    for (int i = 0; i < rec->count; i++)
        if (rec->events[i].type == VISION_PLATE_EVENT_END && rec->events[i].track == track)
            return rec->events[i].text;
    return NULL;
}

static void dump(const recorder *rec)
{
    static const char *const names[] = {"?", "NEW", "UPDATE", "END"};
    for (int i = 0; i < rec->count; i++)
        print_message("  frame %3lld %-6s track %d %s\n", (long long)rec->events[i].frame,
                      names[rec->events[i].type], rec->events[i].track, rec->events[i].text);
}

/* Each appearance: exactly one NEW; its track ends with the right text. */
static void check_appearances(const recorder *rec, const char *const *expected, int appearances)
{
    int news = count_events(rec, VISION_PLATE_EVENT_NEW, NULL);
    if (news != appearances)
        dump(rec);
    assert_int_equal(news, appearances);
    assert_int_equal(count_events(rec, VISION_PLATE_EVENT_END, NULL), appearances);
    int matched[8] = {0};
    for (int i = 0; i < rec->count; i++) {
        if (rec->events[i].type != VISION_PLATE_EVENT_NEW)
            continue;
        const char *best = end_text_of(rec, rec->events[i].track);
        assert_non_null(best);
        int found = 0;
        for (int k = 0; k < appearances && !found; k++) {
            if (!matched[k] && strcmp(best, expected[k]) == 0) {
                matched[k] = found = 1;
            }
        }
        if (!found)
            dump(rec);
        assert_true(found);
    }
}

static void test_one_plate_across(void **state)
{
    (void)state;
    recorder rec;
    vision_plate *h = video_handle(&rec, "all");
    uint32_t s = 4242;
    moving_plate m = {SYNTH_EU, "", 200, 420, 20, -2, 0, 44, 200};
    plate_test_text(m.text, sizeof m.text, SYNTH_EU, 0, &s);
    rec.probe = 1;
    run_stream(h, &rec, &m, 1, 50);
    char expected[24];
    synth_expected(expected, m.text);
    const char *list[] = {expected};
    check_appearances(&rec, list, 1);
    /* Calls from inside the callback were refused, the handle survived. */
    assert_int_equal(rec.reentrant_results[0], VISION_E_REENTRANT);
    assert_int_equal(rec.reentrant_results[1], VISION_E_REENTRANT);
    assert_int_equal(rec.reentrant_results[2], VISION_E_REENTRANT);
    vision_plate_free(h);
}

static void test_two_plates_at_once(void **state)
{
    (void)state;
    recorder rec;
    vision_plate *h = video_handle(&rec, "all");
    uint32_t s = 99;
    moving_plate m[2] = {{SYNTH_US, "", 220, 230, 18, 1, 0, 49, 190},
                         {SYNTH_BR, "", 1060, 520, -18, -1, 0, 49, 210}};
    plate_test_text(m[0].text, sizeof m[0].text, SYNTH_US, 0, &s);
    plate_test_text(m[1].text, sizeof m[1].text, SYNTH_BR, 0, &s);
    run_stream(h, &rec, m, 2, 50);
    char e0[24], e1[24];
    synth_expected(e0, m[0].text);
    synth_expected(e1, m[1].text);
    const char *list[] = {e0, e1};
    check_appearances(&rec, list, 2);
    /* Independent tracks: different ids. */
    int32_t ids[2] = {0, 0};
    int n = 0;
    for (int i = 0; i < rec.count; i++)
        if (rec.events[i].type == VISION_PLATE_EVENT_NEW && n < 2)
            ids[n++] = rec.events[i].track;
    assert_int_not_equal(ids[0], ids[1]);
    vision_plate_free(h);
}

static void test_leaving_and_coming_back(void **state)
{
    (void)state;
    recorder rec;
    vision_plate *h = video_handle(&rec, "all");
    uint32_t s = 7;
    moving_plate m[2] = {{SYNTH_BR_MERCOSUR, "", 300, 400, 16, 0, 0, 24, 200},
                         {SYNTH_BR_MERCOSUR, "", 300, 400, 16, 0, 55, 79, 200}};
    plate_test_text(m[0].text, sizeof m[0].text, SYNTH_BR_MERCOSUR, 0, &s);
    memcpy(m[1].text, m[0].text, sizeof m[1].text);
    run_stream(h, &rec, m, 2, 80);
    char e[24];
    synth_expected(e, m[0].text);
    const char *list[] = {e, e};
    check_appearances(&rec, list, 2);
    vision_plate_free(h);
}

/* In video mode results carry the track id and the voted reading. */
static void test_results_carry_track(void **state)
{
    (void)state;
    recorder rec;
    vision_plate *h = video_handle(&rec, "all");
    uint8_t *bgr = malloc((size_t)W * H * 3);
    assert_non_null(bgr);
    synth_background(bgr, W, H, W * 3, 0, 5);
    synth_plate p = {SYNTH_EU, "BA 482KT", 640, 400, 220, 0, 0, 1, 3};
    assert_int_equal(synth_draw_plate(bgr, W, H, W * 3, &p, NULL), 0);
    vision_frame f = VISION_FRAME_INIT;
    assert_int_equal(vision_frame_wrap(&f, VISION_PIXEL_FORMAT_BGR, W, H, bgr, (uint64_t)W * H * 3),
                     VISION_OK);
    int32_t id = -1;
    /* Announced after one very sure reading or two agreeing ones. */
    assert_int_equal(vision_plate_process(h, &f), VISION_OK);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(vision_plate_process(h, &f), VISION_OK);
        assert_int_equal(vision_plate_result_count(h), 1);
        vision_plate_result r = VISION_PLATE_RESULT_INIT;
        assert_int_equal(vision_plate_get_result(&r, h, 0), VISION_OK);
        assert_true(r.track_id >= 1);
        assert_true(r.char_count > 0);
        if (id < 0)
            id = r.track_id;
        assert_int_equal(r.track_id, id);
        /* The result is the track's voted reading: what NEW announced
         * (reading accuracy itself is test_plate_read's business). */
        assert_int_equal(rec.count, 1);
        assert_string_equal(r.text, rec.events[0].text);
    }
    assert_int_equal(count_events(&rec, VISION_PLATE_EVENT_NEW, NULL), 1);
    /* A discontinuity ends the track; the same plate then is a new one. */
    f.flags = VISION_FRAME_FLAG_DISCONTINUITY;
    assert_int_equal(vision_plate_process(h, &f), VISION_OK);
    f.flags = 0;
    assert_int_equal(vision_plate_process(h, &f), VISION_OK);
    assert_int_equal(count_events(&rec, VISION_PLATE_EVENT_END, NULL), 1);
    assert_int_equal(count_events(&rec, VISION_PLATE_EVENT_NEW, NULL), 2);
    assert_int_not_equal(rec.events[2].track, rec.events[0].track);
    free(bgr);
    vision_plate_free(h);
}

int main(void)
{
    if (synth_fonts_available() != 0) {
        printf("SKIP: fonts-opendin, fonts-roboto-unhinted or fonts-dejavu-core missing\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_plate_across),
        cmocka_unit_test(test_two_plates_at_once),
        cmocka_unit_test(test_leaving_and_coming_back),
        cmocka_unit_test(test_results_carry_track),
    };
    return cmocka_run_group_tests_name("plate_video", tests, NULL, NULL);
}
