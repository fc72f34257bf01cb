/*
 * quickstart: the smallest complete libvision host.
 *
 * Reads raw I420 frames of a given size from stdin (what a decoder or
 * `gst-launch-1.0 ... ! video/x-raw,format=I420 ! fdsink` writes), runs the
 * crowd analysis on the whole frame and the plate reader in video mode, and
 * prints every event. docs/getting-started.md walks through it.
 *
 *   quickstart WIDTH HEIGHT < frames.i420
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>
#include <stdlib.h>

#include <vision/vision.h>

static void on_crowd_event(const vision_crowd_event *event, void *user_data)
{
    (void)user_data;
    static const char *kinds[] = {"?", "occupancy", "fluidity", "direction"};
    const char *kind = event->type <= 3 ? kinds[event->type] : "?";
    if (event->type == VISION_CROWD_EVENT_DIRECTION)
        printf("frame %llu: region %s: %s %.0f degrees\n",
               (unsigned long long)event->frame_index, event->region_id, kind, event->angle);
    else
        printf("frame %llu: region %s: %s %.1f%%, level %d\n",
               (unsigned long long)event->frame_index, event->region_id, kind, event->value,
               event->level);
}

static void on_plate_event(const vision_plate_event *event, void *user_data)
{
    (void)user_data;
    const char *kind = event->type == VISION_PLATE_EVENT_NEW      ? "new"
                       : event->type == VISION_PLATE_EVENT_UPDATE ? "update"
                                                                  : "end";
    printf("frame %lld: plate %s (track %d): %s, confidence %.2f, at %d,%d %dx%d\n",
           (long long)event->frame_index, kind, event->track_id, event->text, event->confidence,
           event->box[0], event->box[1], event->box[2], event->box[3]);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s WIDTH HEIGHT < frames.i420\n", argv[0]);
        return 2;
    }
    uint32_t width = (uint32_t)strtoul(argv[1], NULL, 10);
    uint32_t height = (uint32_t)strtoul(argv[2], NULL, 10);
    uint64_t frame_size;
    if (vision_pixel_format_buffer_size(&frame_size, VISION_PIXEL_FORMAT_I420, width, height) !=
        VISION_OK) {
        fprintf(stderr, "bad size %ux%u\n", width, height);
        return 2;
    }

    /* Crowd: default options (320-pixel-wide analysis), one region covering
     * the whole frame, direction events on. */
    vision_crowd *crowd = NULL;
    if (vision_crowd_new(&crowd, NULL) != VISION_OK) {
        fprintf(stderr, "crowd: %s\n", vision_last_error());
        return 1;
    }
    vision_crowd_region_config config = VISION_CROWD_REGION_CONFIG_INIT;
    config.send_optical_flow_event = 1;
    const vision_crowd_point whole[] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
    vision_crowd_add_region(crowd, "all", whole, 4, &config);
    vision_crowd_set_callback(crowd, on_crowd_event, NULL);

    /* Plates: every country, video mode (each plate announced once). */
    vision_plate_options options = VISION_PLATE_OPTIONS_INIT;
    options.mode = VISION_PLATE_MODE_VIDEO;
    vision_plate *plate = NULL;
    if (vision_plate_new(&plate, &options) != VISION_OK) {
        fprintf(stderr, "plate: %s\n", vision_last_error()); /* e.g. no OCR data */
        vision_crowd_free(crowd);
        return 1;
    }
    vision_plate_set_callback(plate, on_plate_event, NULL);

    uint8_t *pixels = malloc(frame_size);
    int status = 0;
    for (int64_t index = 0; pixels && fread(pixels, 1, frame_size, stdin) == frame_size; index++) {
        vision_frame frame = VISION_FRAME_INIT;
        vision_frame_wrap(&frame, VISION_PIXEL_FORMAT_I420, width, height, pixels, frame_size);
        frame.pts_ns = index * 40000000; /* 25 frames per second */
        if (vision_crowd_process(crowd, &frame) != VISION_OK ||
            vision_plate_process(plate, &frame) != VISION_OK) {
            fprintf(stderr, "frame %lld: %s\n", (long long)index, vision_last_error());
            status = 1;
            break;
        }
    }
    vision_plate_flush(plate); /* ends the open tracks: their END events come now */
    vision_plate_free(plate);
    vision_crowd_free(crowd);
    free(pixels);
    return status;
}
