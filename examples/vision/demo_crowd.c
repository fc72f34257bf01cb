/*
 * vision demo: the crowd scene. 640x360 at 25 fps, 10 s, drawn with the
 * crowd tests' renderer (tests/crowd/crowd_scene.c): textured people moving
 * over a textured floor, with sensor noise.
 *
 * - Three walkers cross the bottom band (region "corridor") from left to
 *   right: the direction reported there must be right (90 degrees).
 * - Eight people come down into the middle region ("door"), stand still,
 *   then walk out to the right: its occupancy level must rise to 2 and fall
 *   back to 0 when the truth does, and its fluidity must be low while they
 *   stand.
 *
 * The truth is the renderer's mask: the share of each region's pixels that a
 * person covers, frame by frame, turned into level events by the rules of
 * vision_crowd_region_config (thresholds, dead band, frames to event).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "crowd_scene.h"
#include "demo.h"
#include "json.h"
#include "progress.h"

#define WIDTH 640
#define HEIGHT 360
#define FPS 25
#define FRAMES 250
#define WALKERS 3
#define GROUP 8
/* Largest distance, in frames, between a level event and the truth's. */
#define TOLERANCE_FRAMES 10
/* Largest distance, in degrees, between the reported direction and the truth. */
#define TOLERANCE_DEGREES 30.0
#define MAX_EVENTS 64

static const vision_crowd_point door[4] = {{0.38, 0.08}, {0.62, 0.08}, {0.62, 0.72}, {0.38, 0.72}};
static const vision_crowd_point corridor[4] = {{0.0, 0.78}, {1.0, 0.78}, {1.0, 1.0}, {0.0, 1.0}};

/* A person's path: off screen before `enter`, then linear moves between keyframes. */
typedef struct path {
    int frames[4];
    double x[4], y[4];
    int count;
} path;

typedef struct crowd_demo {
    scene s;
    path paths[WALKERS + GROUP];
    uint32_t format;
    uint8_t *gray, *mask, *buffer;
    uint64_t size;
    double door_share[FRAMES]; /* truth, % */
    /* What the library reported. */
    vision_crowd *crowd;
    int64_t frame;
    struct {
        uint32_t type;
        int level;
        double angle;
        int64_t frame;
        int door; /* 1 door, 0 corridor */
    } events[MAX_EVENTS];
    int event_count;
} crowd_demo;

static void build_paths(crowd_demo *d)
{
    for (int i = 0; i < WALKERS; i++) {
        path *p = &d->paths[i];
        int start = 20 + 15 * i;
        *p = (path){{start, start + 100}, {-0.06, 1.0}, {0.80, 0.80}, 2};
    }
    for (int i = 0; i < GROUP; i++) {
        path *p = &d->paths[WALKERS + i];
        double x = 0.385 + 0.06 * (i % 4), y = i < 4 ? 0.10 : 0.38;
        int arrive = 95 + 2 * i, leave = 180 + 2 * i;
        *p = (path){
            {arrive - 25, arrive, leave, leave + 40}, {x, x, x, x + 0.7}, {y - 0.5, y, y, y}, 4};
    }
    for (int i = 0; i < WALKERS + GROUP; i++) {
        scene_blob *b = &d->s.blobs[i];
        b->w = i < WALKERS ? 0.05 : 0.055;
        b->h = i < WALKERS ? 0.17 : 0.222;
        b->seed = 100 + (uint32_t)i;
        b->ellipse = 1;
    }
    d->s.blob_count = WALKERS + GROUP;
}

static void place(scene_blob *b, const path *p, int frame)
{
    b->vx = b->vy = 0;
    if (frame < p->frames[0] || frame > p->frames[p->count - 1]) {
        b->x = b->y = 3.0; /* off screen */
        return;
    }
    for (int k = 0; k + 1 < p->count; k++)
        if (frame <= p->frames[k + 1]) {
            double t = (double)(frame - p->frames[k]) / (p->frames[k + 1] - p->frames[k]);
            b->x = p->x[k] + t * (p->x[k + 1] - p->x[k]);
            b->y = p->y[k] + t * (p->y[k + 1] - p->y[k]);
            return;
        }
}

static int render(void *user, int64_t index, vision_frame *frame, char *error, size_t size)
{
    crowd_demo *d = user;
    if (index >= FRAMES)
        return 0;
    for (int i = 0; i < d->s.blob_count; i++)
        place(&d->s.blobs[i], &d->paths[i], (int)index);
    scene_render(&d->s, d->gray, WIDTH, d->mask);
    d->door_share[index] = 100 * scene_mask_share(d->mask, WIDTH, HEIGHT, door, 4);
    int rc = scene_frame(frame, d->buffer, d->size, d->format, d->gray, WIDTH, HEIGHT);
    if (rc != VISION_OK) {
        snprintf(error, size, "cannot make a %s frame", vision_pixel_format_name(d->format));
        return rc;
    }
    return 1;
}

/* The level events a perfect foreground would give: the rules of
 * vision_crowd_region_config applied to the true share. Returns the count. */
static int truth_events(const double *share, const vision_crowd_region_config *c, int *levels,
                        int64_t *frames, int max)
{
    double thresholds[3] = {c->occupancy_level_min, c->occupancy_level_med, c->occupancy_level_max};
    int level = 0, candidate = 0, held = 0, count = 0;
    for (int f = 0; f < FRAMES; f++) {
        int now = level;
        while (now < 3 && share[f] >= thresholds[now])
            now++;
        while (now > 0 && share[f] < thresholds[now - 1] - c->dead_band)
            now--;
        if (now == level) {
            held = 0;
            continue;
        }
        held = now == candidate ? held + 1 : 1;
        candidate = now;
        if (held >= c->occupancy_num_frames_to_event) {
            level = now;
            held = 0;
            if (count < max) {
                levels[count] = level;
                frames[count++] = f;
            }
        }
    }
    return count;
}

static void on_event(const vision_crowd_event *event, void *user_data)
{
    crowd_demo *d = user_data;
    fputs("{\"scene\":\"crowd\",", stdout);
    json_write_crowd_event(stdout, event, d->frame);
    fputs("}\n", stdout);
    if (d->event_count < MAX_EVENTS) {
        d->events[d->event_count].type = event->type;
        d->events[d->event_count].level = event->level;
        d->events[d->event_count].angle = event->angle;
        d->events[d->event_count].frame = d->frame;
        d->events[d->event_count].door = strcmp(event->region_id, "door") == 0;
        d->event_count++;
    }
}

static double seconds(int64_t frame)
{
    return (double)frame / FPS;
}

static double angle_difference(double a, double b)
{
    double d = fmod(fabs(a - b), 360.0);
    return d > 180 ? 360 - d : d;
}

/* Compares with the truth, prints the summary object and lines. */
static demo_outcome check(const crowd_demo *d, const demo_options *o,
                          const vision_crowd_region_config *config, int door_fluidity_standing)
{
    int truth_levels[16];
    int64_t truth_frames[16];
    int truth_count = truth_events(d->door_share, config, truth_levels, truth_frames, 16);
    int found_levels[MAX_EVENTS];
    int64_t found_frames[MAX_EVENTS];
    int found_count = 0;
    double direction = -1, door_first = -1, door_last = -1;
    int wrong_direction = 0;
    for (int i = 0; i < d->event_count; i++) {
        if (d->events[i].door && d->events[i].type == VISION_CROWD_EVENT_OCCUPANCY) {
            found_levels[found_count] = d->events[i].level;
            found_frames[found_count++] = d->events[i].frame;
        }
        if (d->events[i].door && d->events[i].type == VISION_CROWD_EVENT_DIRECTION &&
            d->events[i].angle >= 0) {
            if (door_first < 0)
                door_first = d->events[i].angle;
            door_last = d->events[i].angle;
        }
        if (!d->events[i].door && d->events[i].type == VISION_CROWD_EVENT_DIRECTION &&
            d->events[i].angle >= 0) {
            if (direction < 0)
                direction = d->events[i].angle;
            if (angle_difference(d->events[i].angle, 90) > TOLERANCE_DEGREES)
                wrong_direction = 1;
        }
    }
    /* The events that matter: the first reaching the truth's highest level,
     * and the last, back to 0. Steps on the way (level 1 while the group
     * walks in or out) are printed but not required: they last a few frames
     * and hang on details of the foreground. */
    int truth_peak = 0, truth_rise = -1, found_peak = 0, found_rise = -1;
    for (int i = 0; i < truth_count; i++)
        if (truth_levels[i] > truth_peak) {
            truth_peak = truth_levels[i];
            truth_rise = i;
        }
    for (int i = 0; i < found_count; i++)
        if (found_levels[i] > found_peak) {
            found_peak = found_levels[i];
            found_rise = i;
        }
    int levels_ok =
        truth_count > 0 && truth_peak > 0 && found_count > 0 && found_peak == truth_peak &&
        llabs(found_frames[found_rise] - truth_frames[truth_rise]) <= TOLERANCE_FRAMES &&
        truth_levels[truth_count - 1] == 0 && found_levels[found_count - 1] == 0 &&
        llabs(found_frames[found_count - 1] - truth_frames[truth_count - 1]) <= TOLERANCE_FRAMES;
    int direction_ok = direction >= 0 && !wrong_direction;
    /* The group comes down (180 degrees) and leaves to the right (90). */
    int door_direction_ok = door_first >= 0 &&
                            angle_difference(door_first, 180) <= TOLERANCE_DEGREES &&
                            angle_difference(door_last, 90) <= TOLERANCE_DEGREES;
    int fluidity_ok = door_fluidity_standing >= 0 && door_fluidity_standing <= 1;
    int passed = levels_ok && direction_ok && door_direction_ok && fluidity_ok;

    printf("{\"scene\":\"crowd\",\"check\":\"%s\",\"expected\":[", passed ? "passed" : "failed");
    for (int i = 0; i < truth_count; i++)
        printf("{\"roi\":\"door\",\"event\":\"occupancy\",\"level\":%d,\"frame\":%lld},",
               truth_levels[i], (long long)truth_frames[i]);
    printf("{\"roi\":\"door\",\"standing_fluidity_level\":[0,1]},"
           "{\"roi\":\"door\",\"first_direction\":180,\"last_direction\":90},"
           "{\"roi\":\"corridor\",\"event\":\"direction\",\"angle\":90}],\"found\":[");
    for (int i = 0; i < found_count; i++)
        printf("{\"roi\":\"door\",\"event\":\"occupancy\",\"level\":%d,\"frame\":%lld},",
               found_levels[i], (long long)found_frames[i]);
    printf("{\"roi\":\"door\",\"standing_fluidity_level\":%d},{\"roi\":\"door\","
           "\"first_direction\":",
           door_fluidity_standing);
    json_write_number(stdout, door_first, 1);
    fputs(",\"last_direction\":", stdout);
    json_write_number(stdout, door_last, 1);
    fputs("},{\"roi\":\"corridor\",\"event\":\"direction\",\"angle\":", stdout);
    json_write_number(stdout, direction, 1);
    printf("}]}\n");

    char truth_text[256] = "", found_text[256] = "";
    size_t tn = 0, fn = 0;
    for (int i = 0; i < truth_count && tn < sizeof truth_text; i++)
        tn += (size_t)snprintf(truth_text + tn, sizeof truth_text - tn, "%s%d at %.2f s",
                               i ? ", " : "", truth_levels[i], seconds(truth_frames[i]));
    for (int i = 0; i < found_count && fn < sizeof found_text; i++)
        fn += (size_t)snprintf(found_text + fn, sizeof found_text - fn, "%s%d at %.2f s",
                               i ? ", " : "", found_levels[i], seconds(found_frames[i]));
    if (levels_ok)
        demo_say(o, "crowd",
                 "occupancy of \"door\" rose to level %d at %.2f s and fell back to 0 at %.2f s "
                 "(expected %.2f s / %.2f s, within %.1f s) - ok",
                 found_peak, seconds(found_frames[found_rise]),
                 seconds(found_frames[found_count - 1]), seconds(truth_frames[truth_rise]),
                 seconds(truth_frames[truth_count - 1]), seconds(TOLERANCE_FRAMES));
    else
        demo_say(o, "crowd",
                 "occupancy levels of \"door\": %s (expected %s: up to level %d and back to 0, "
                 "within %.1f s) - FAILED",
                 found_count ? found_text : "none", truth_text, truth_peak,
                 seconds(TOLERANCE_FRAMES));
    demo_say(o, "crowd",
             "fluidity level of \"door\" while the group stands: %d (expected 0 or 1) - %s",
             door_fluidity_standing, fluidity_ok ? "ok" : "FAILED");
    demo_say(o, "crowd",
             "direction in \"door\": first %.0f, last %.0f degrees (expected 180, "
             "down, then 90, right) - %s",
             door_first, door_last, door_direction_ok ? "ok" : "FAILED");
    if (direction >= 0)
        demo_say(o, "crowd",
                 "direction in \"corridor\": %.0f degrees (expected 90, right, +-%.0f) - %s",
                 direction, TOLERANCE_DEGREES, direction_ok ? "ok" : "FAILED");
    else
        demo_say(o, "crowd",
                 "direction in \"corridor\": none reported (expected 90, right) - FAILED");
    return passed ? DEMO_PASSED : DEMO_FAILED;
}

/* vision_crowd_draw() with the handle as the recording hands it over */
static int draw_crowd(void *handle, vision_frame *frame)
{
    return vision_crowd_draw(handle, frame);
}

demo_outcome demo_crowd_run(const demo_options *o)
{
    crowd_demo *d = calloc(1, sizeof *d);
    if (!d || scene_init(&d->s, WIDTH, HEIGHT, 7) != 0) {
        cli_error("demo", "crowd: out of memory");
        free(d);
        return DEMO_ERROR;
    }
    demo_outcome outcome = DEMO_ERROR;
    frame_source *source = NULL;
    demo_recording recording;
    memset(&recording, 0, sizeof recording);
    char error[512];
    build_paths(d);
    d->format = o->format;
    d->gray = malloc((size_t)WIDTH * HEIGHT);
    d->mask = malloc((size_t)WIDTH * HEIGHT);
    if (vision_pixel_format_buffer_size(&d->size, d->format, WIDTH, HEIGHT) != VISION_OK ||
        !d->gray || !d->mask || !(d->buffer = malloc(d->size))) {
        cli_error("demo", "crowd: out of memory");
        goto done;
    }

    vision_crowd_region_config config;
    vision_crowd_region_config_init(&config);
    config.send_optical_flow_event = 1;
    if (vision_crowd_new(&d->crowd, NULL) != VISION_OK ||
        vision_crowd_add_region(d->crowd, "door", door, 4, &config) != VISION_OK ||
        vision_crowd_add_region(d->crowd, "corridor", corridor, 4, &config) != VISION_OK ||
        vision_crowd_set_callback(d->crowd, on_event, d) != VISION_OK) {
        cli_error("demo", "crowd: %s",
                  d->crowd ? vision_crowd_last_error(d->crowd) : vision_last_error());
        goto done;
    }
    frame_generator generator = {render, NULL, "synthetic:crowd", FRAMES, FPS};
    if (frame_source_open_generator(&source, &generator, d, error, sizeof error) != VISION_OK) {
        cli_error("demo", "crowd: %s", error);
        goto done;
    }
    if (demo_recording_open(&recording, o, "crowd") != 0) {
        outcome = DEMO_WRITE_ERROR;
        goto done;
    }
    demo_say(o, "crowd",
             "%d frames of %dx%d %s at %d fps: walkers in \"corridor\", a group "
             "standing in \"door\"",
             FRAMES, WIDTH, HEIGHT, vision_pixel_format_name(o->format), FPS);

    /* The fluidity level of "door" half-way through the group's stand. */
    int standing_fluidity = -1;
    progress bar;
    progress_begin(&bar, "synthetic:crowd", FRAMES);
    vision_frame frame;
    int rc;
    while ((rc = frame_source_read(source, &frame, error, sizeof error)) == 1) {
        d->frame = frame_source_index(source);
        if (vision_crowd_process(d->crowd, &frame) != VISION_OK) {
            cli_error("demo", "crowd: frame %lld: %s", (long long)d->frame,
                      vision_crowd_last_error(d->crowd));
            goto done;
        }
        if (d->frame == 170) {
            vision_crowd_result r;
            vision_crowd_result_init(&r);
            if (vision_crowd_get_result(&r, d->crowd, "door") == VISION_OK)
                standing_fluidity = r.fluidity_level;
        }
        if (demo_recording_write(&recording, &frame, FPS, draw_crowd, d->crowd) != 0) {
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
        cli_error("demo", "crowd: %s", error);
        goto done;
    }
    if (demo_recording_close(&recording, 1) != 0) {
        outcome = DEMO_WRITE_ERROR;
        goto done;
    }
    outcome = check(d, o, &config, standing_fluidity);
done:
    demo_recording_close(&recording, 0);
    frame_source_close(source);
    vision_crowd_free(d->crowd);
    scene_release(&d->s);
    free(d->gray);
    free(d->mask);
    free(d->buffer);
    free(d);
    return outcome;
}
