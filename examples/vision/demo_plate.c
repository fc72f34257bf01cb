/*
 * vision demo: the plate scene. 1280x720 at 25 fps, 3 s, drawn with the
 * plate tests' renderer (tests/plate/plate_synth.cpp, plate_frames.c): two
 * cars drive across a road in opposite directions, one with a European
 * (Slovak) plate, one with a Californian plate, slightly turned, with a
 * little blur and sensor noise; every country's syntax is on, as in
 * `vision plate`. Each plate must be announced once (one
 * "new" event per car) and its track's best reading must be its text.
 *
 * Each car is drawn once into a sprite, then copied to its place in every
 * frame: the scene costs little next to the analysis.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "demo.h"
#include "json.h"
#include "progress.h"
#include "plate_frames.h"
#include "plate_synth.h"

#define WIDTH 1280
#define HEIGHT 720
#define FPS 25
#define FRAMES 75
#define CARS 2
#define MAX_EVENTS 64

typedef struct car {
    int layout;
    const char *printed; /* as on the plate */
    double width;        /* plate width, px */
    double rotation;     /* degrees */
    double x0, x1, y;    /* plate centre: x at the first and last frame, y */
    uint32_t seed;       /* car colour */
    /* sprite: the car drawn over the road, and where its plate centre is in it */
    uint8_t *sprite;
    int sprite_w, sprite_h;
    double sprite_cx, sprite_cy;
} car;

static const car cars[CARS] = {
    {SYNTH_EU, "BA 482KT", 230, 2.0, 180, 1100, 250, 3, NULL, 0, 0, 0, 0},
    {SYNTH_US, "7KDM249", 220, -2.0, 1110, 250, 560, 8, NULL, 0, 0, 0, 0},
};

typedef struct plate_demo {
    car cars[CARS];
    uint8_t *road, *bgr;
    uint32_t format;
    test_frame converted;
    /* What the library reported. */
    int64_t frame;
    struct {
        int type;
        int32_t track;
        char text[VISION_PLATE_TEXT_SIZE];
    } events[MAX_EVENTS];
    int event_count;
} plate_demo;

/* Draw each car once, on a plain road, into its sprite. */
static int make_sprites(plate_demo *d)
{
    for (int i = 0; i < CARS; i++) {
        car *c = &d->cars[i];
        double pw = c->width;
        c->sprite_w = (int)ceil(3.4 * pw) + 4;
        c->sprite_h = (int)ceil(1.5 * pw) + 4;
        c->sprite_cx = 1.7 * pw + 2;
        c->sprite_cy = 1.1 * pw + 2;
        c->sprite = malloc((size_t)c->sprite_w * c->sprite_h * 3);
        if (!c->sprite)
            return -1;
        /* The road's colour at the car's height, so the sprite's corners blend in. */
        const uint8_t *road = d->road + ((size_t)(c->y < HEIGHT ? c->y : HEIGHT - 1) * WIDTH) * 3;
        for (size_t p = 0; p < (size_t)c->sprite_w * c->sprite_h; p++)
            memcpy(c->sprite + 3 * p, road, 3);
        synth_plate plate = {c->layout, c->printed, c->sprite_cx, c->sprite_cy, pw, c->rotation,
                             0,         1,          c->seed};
        if (synth_draw_plate(c->sprite, c->sprite_w, c->sprite_h, (size_t)c->sprite_w * 3, &plate,
                             NULL) != 0)
            return -1;
        /* A little out of focus. */
        synth_degrade(c->sprite, c->sprite_w, c->sprite_h, (size_t)c->sprite_w * 3, 0.7, 0, 0, 0);
    }
    return 0;
}

/* Copy a car's sprite with its plate centre at (cx, cy), clipped to the frame. */
static void blit(uint8_t *bgr, const car *c, double cx, double cy)
{
    int x0 = (int)lround(cx - c->sprite_cx), y0 = (int)lround(cy - c->sprite_cy);
    for (int y = 0; y < c->sprite_h; y++) {
        int fy = y0 + y;
        if (fy < 0 || fy >= HEIGHT)
            continue;
        int from = x0 < 0 ? -x0 : 0, to = c->sprite_w;
        if (x0 + to > WIDTH)
            to = WIDTH - x0;
        if (to > from)
            memcpy(bgr + ((size_t)fy * WIDTH + (size_t)(x0 + from)) * 3,
                   c->sprite + ((size_t)y * c->sprite_w + (size_t)from) * 3,
                   (size_t)(to - from) * 3);
    }
}

static int render(void *user, int64_t index, vision_frame *frame, char *error, size_t size)
{
    plate_demo *d = user;
    if (index >= FRAMES)
        return 0;
    memcpy(d->bgr, d->road, (size_t)WIDTH * HEIGHT * 3);
    double t = (double)index / (FRAMES - 1);
    for (int i = 0; i < CARS; i++) {
        const car *c = &d->cars[i];
        blit(d->bgr, c, c->x0 + t * (c->x1 - c->x0), c->y);
    }
    /* Sensor noise, uniform in -3..3 (cheaper than synth_degrade's Gaussian). */
    uint32_t random = (uint32_t)index * 2654435761u + 12345u;
    for (size_t i = 0; i < (size_t)WIDTH * HEIGHT * 3; i++) {
        random = random * 1664525u + 1013904223u;
        int v = d->bgr[i] + (int)((random >> 24) % 7) - 3;
        d->bgr[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    test_frame_release(&d->converted);
    if (test_frame_from_bgr(&d->converted, d->format, d->bgr, (size_t)WIDTH * 3, WIDTH, HEIGHT) !=
        0) {
        snprintf(error, size, "cannot make a %s frame", vision_pixel_format_name(d->format));
        return VISION_E_NO_MEMORY;
    }
    *frame = d->converted.frame;
    frame->pts_ns = VISION_PTS_NONE;
    return 1;
}

static void on_event(const vision_plate_event *e, void *user_data)
{
    plate_demo *d = user_data;
    fputs("{\"scene\":\"plate\",", stdout);
    json_write_plate_event(stdout, e);
    fputs("}\n", stdout);
    if (d->event_count < MAX_EVENTS) {
        d->events[d->event_count].type = e->type;
        d->events[d->event_count].track = e->track_id;
        snprintf(d->events[d->event_count].text, VISION_PLATE_TEXT_SIZE, "%s", e->text);
        d->event_count++;
    }
}

static void print_skipped(const char *why)
{
    printf("{\"scene\":\"plate\",\"check\":\"skipped\",\"reason\":");
    json_write_string(stdout, why);
    printf(",\"expected\":[],\"found\":[]}\n");
}

/* Each car: one "new" event, and its track's last reading (its "end"
 * event) is the plate's text. */
static demo_outcome check(const plate_demo *d, const demo_options *o)
{
    char expected[CARS][VISION_PLATE_TEXT_SIZE];
    int matched[CARS] = {0};
    for (int i = 0; i < CARS; i++)
        synth_expected(expected[i], d->cars[i].printed);
    char found[MAX_EVENTS][VISION_PLATE_TEXT_SIZE];
    int found_count = 0, news = 0, wrong = 0;
    for (int i = 0; i < d->event_count; i++) {
        if (d->events[i].type == VISION_PLATE_EVENT_NEW)
            news++;
        if (d->events[i].type != VISION_PLATE_EVENT_END)
            continue;
        memcpy(found[found_count++], d->events[i].text, VISION_PLATE_TEXT_SIZE);
        int hit = 0;
        for (int k = 0; k < CARS && !hit; k++)
            if (!matched[k] && strcmp(expected[k], d->events[i].text) == 0)
                matched[k] = hit = 1;
        wrong += !hit;
    }
    int all = 1;
    for (int k = 0; k < CARS; k++)
        all &= matched[k];
    int passed = all && !wrong && news == CARS;

    printf("{\"scene\":\"plate\",\"check\":\"%s\",\"expected\":[", passed ? "passed" : "failed");
    for (int k = 0; k < CARS; k++) {
        printf(k ? "," : "");
        json_write_string(stdout, expected[k]);
    }
    printf("],\"found\":[");
    for (int i = 0; i < found_count; i++) {
        printf(i ? "," : "");
        json_write_string(stdout, found[i]);
    }
    printf("],\"new_events\":%d}\n", news);

    char line[512];
    size_t n = 0;
    for (int k = 0; k < CARS && n < sizeof line; k++) {
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s %s", k ? ", " : "", expected[k],
                              matched[k] ? "read" : "NOT read");
    }
    for (int i = 0; i < found_count && n < sizeof line; i++) {
        int expected_one = 0;
        for (int k = 0; k < CARS; k++)
            expected_one |= strcmp(found[i], expected[k]) == 0;
        if (!expected_one)
            n += (size_t)snprintf(line + n, sizeof line - n, ", unexpected %s", found[i]);
    }
    demo_say(o, "plate", "%s; %d announced (expected %d, once per car) - %s", line, news, CARS,
             passed ? "ok" : "FAILED");
    return passed ? DEMO_PASSED : DEMO_FAILED;
}

/* vision_plate_draw() with the handle as the recording hands it over */
static int draw_plate(void *handle, vision_frame *frame)
{
    return vision_plate_draw(handle, frame);
}

demo_outcome demo_plate_run(const demo_options *o)
{
    if (synth_fonts_available() != 0) {
        demo_say(o, "plate",
                 "skipped: the plate fonts are missing (Debian packages "
                 "fonts-opendin, fonts-roboto-unhinted, fonts-dejavu-core)");
        print_skipped("fonts missing");
        return DEMO_SKIPPED;
    }
    vision_plate_options options = VISION_PLATE_OPTIONS_INIT;
    options.mode = VISION_PLATE_MODE_VIDEO;
    vision_plate *plate = NULL;
    int rc = vision_plate_new(&plate, &options);
    if (rc == VISION_E_UNSUPPORTED) { /* built with -Dplate=disabled */
        demo_say(o, "plate", "skipped: %s", vision_last_error());
        print_skipped("no plate support");
        return DEMO_SKIPPED;
    }
    if (rc != VISION_OK) {
        cli_error("demo", "plate: %s", vision_last_error());
        return DEMO_ERROR;
    }
    demo_outcome outcome = DEMO_ERROR;
    frame_source *source = NULL;
    demo_recording recording;
    memset(&recording, 0, sizeof recording);
    char error[512];
    plate_demo *d = calloc(1, sizeof *d);
    if (!d) {
        cli_error("demo", "plate: out of memory");
        vision_plate_free(plate);
        return DEMO_ERROR;
    }
    memcpy(d->cars, cars, sizeof cars);
    d->format = o->format;
    d->road = malloc((size_t)WIDTH * HEIGHT * 3);
    d->bgr = malloc((size_t)WIDTH * HEIGHT * 3);
    if (!d->road || !d->bgr) {
        cli_error("demo", "plate: out of memory");
        goto done;
    }
    synth_background(d->road, WIDTH, HEIGHT, (size_t)WIDTH * 3, 0, 99);
    if (make_sprites(d) != 0) {
        cli_error("demo", "plate: cannot draw the cars");
        goto done;
    }
    vision_plate_set_callback(plate, on_event, d);
    frame_generator generator = {render, NULL, "synthetic:plate", FRAMES, FPS};
    if (frame_source_open_generator(&source, &generator, d, error, sizeof error) != VISION_OK) {
        cli_error("demo", "plate: %s", error);
        goto done;
    }
    if (demo_recording_open(&recording, o, "plate") != 0) {
        outcome = DEMO_WRITE_ERROR;
        goto done;
    }
    demo_say(o, "plate", "%d frames of %dx%d %s at %d fps: two cars, plates %s and %s", FRAMES,
             WIDTH, HEIGHT, vision_pixel_format_name(o->format), FPS, cars[0].printed,
             cars[1].printed);
    progress bar;
    progress_begin(&bar, "synthetic:plate", FRAMES);
    vision_frame frame;
    while ((rc = frame_source_read(source, &frame, error, sizeof error)) == 1) {
        d->frame = frame_source_index(source);
        if (vision_plate_process(plate, &frame) != VISION_OK) {
            cli_error("demo", "plate: frame %lld: %s", (long long)d->frame,
                      vision_plate_last_error(plate));
            goto done;
        }
        if (demo_recording_write(&recording, &frame, FPS, draw_plate, plate) != 0) {
            outcome = DEMO_WRITE_ERROR;
            goto done;
        }
        progress_frame(&bar);
        if (cli_flush() != 0) {
            outcome = DEMO_WRITE_ERROR;
            goto done;
        }
    }
    progress_end(&bar);
    if (rc < 0) {
        cli_error("demo", "plate: %s", error);
        goto done;
    }
    if (vision_plate_flush(plate) != VISION_OK) {
        cli_error("demo", "plate: %s", vision_plate_last_error(plate));
        goto done;
    }
    if (demo_recording_close(&recording, 1) != 0) {
        outcome = DEMO_WRITE_ERROR;
        goto done;
    }
    outcome = check(d, o);
done:
    demo_recording_close(&recording, 0);
    frame_source_close(source);
    vision_plate_free(plate);
    for (int i = 0; i < CARS; i++)
        free(d->cars[i].sprite);
    test_frame_release(&d->converted);
    free(d->road);
    free(d->bgr);
    free(d);
    return outcome;
}
