/*
 * vision demo: scenes drawn by the program, with known truth, run through
 * the library and checked. Each scene is a frame generator opened with
 * frame_source_open_generator(), so its frames reach the library through
 * the same source interface as files.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_DEMO_H
#define VISION_CLI_DEMO_H

#include <stdint.h>
#include <stdio.h>

#include <vision/vision.h>

#include "source.h"

/* The subcommand (cmd_demo.c), listed in commands.c. */
int command_demo(int argc, char **argv);
extern const char command_demo_help[];

/* What the command line asked for. */
typedef struct demo_options {
    uint32_t format;         /* pixel format handed to the library (default I420) */
    const char *save_dir;    /* write DIR/SCENE.y4m too, or NULL */
    const char *overlay_dir; /* write DIR/SCENE-overlay.y4m with the findings drawn, or NULL */
    int quiet;               /* no summary on stderr */
} demo_options;

/* How a scene ended. */
typedef enum demo_outcome {
    DEMO_PASSED = 0,
    DEMO_FAILED,     /* ran, but the library's findings did not match the truth */
    DEMO_SKIPPED,    /* cannot run here (fonts or plate support missing): not a failure */
    DEMO_ERROR,      /* the library returned an error (message already printed) */
    DEMO_WRITE_ERROR /* results or saved frames could not be written (message printed) */
} demo_outcome;

/* Writes every frame a scene hands to the library as Y4M (I420 or GRAY8
 * frames only), for --save. */
typedef struct demo_y4m {
    FILE *file;
    char path[4096];
    uint8_t *buffer;
    size_t size;
    int64_t frames; /* written so far */
} demo_y4m;

/* Opens DIR/NAME.y4m when `dir` is not NULL (else does nothing and returns
 * 0); -1 with a message on stderr. */
int demo_y4m_open(demo_y4m *y4m, const char *dir, const char *name);
/* For --overlay: a packed copy of an I420 frame in the writer's own buffer,
 * to draw into. Returns 0, or -1 (no writer open, out of memory). */
int demo_y4m_copy(demo_y4m *y4m, const vision_frame *in, vision_frame *out);
/* Appends a frame (writing the header first); -1 on a write error or a
 * format Y4M cannot hold. */
int demo_y4m_write(demo_y4m *y4m, const vision_frame *frame, double fps);
/* Closes; -1 when the last writes failed. */
int demo_y4m_close(demo_y4m *y4m);

/* What a scene writes besides its JSON lines: the frames it hands to the
 * library (--save) and copies of them with the library's overlay drawn
 * in (--overlay). */
typedef struct demo_recording {
    demo_y4m frames, overlay;
} demo_recording;

/* Opens SAVE_DIR/NAME.y4m and OVERLAY_DIR/NAME-overlay.y4m, each when its
 * option was given; -1 with a message on stderr. */
int demo_recording_open(demo_recording *r, const demo_options *options, const char *name);
/* Appends a frame and, when recording the overlay, a copy with draw(handle,
 * copy) drawn into it; -1 after printing what could not be written. */
int demo_recording_write(demo_recording *r, const vision_frame *frame, double fps,
                         int (*draw)(void *handle, vision_frame *frame), void *handle);
/* Closes both files. With `report`, a failed last write is printed and
 * gives -1; without (cleaning up after another error), it is ignored. */
int demo_recording_close(demo_recording *r, int report);

/* The scenes. Each prints its events and its summary object on stdout and
 * its human summary on stderr (unless quiet). */
demo_outcome demo_crowd_run(const demo_options *options);
demo_outcome demo_plate_run(const demo_options *options);

/* "demo: SCENE: message" on stderr unless quiet. */
void demo_say(const demo_options *options, const char *scene, const char *format, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
