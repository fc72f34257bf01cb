/*
 * vision command: progress on stderr while frames are read ("clip.mp4:
 * frame 120/500 24%, 87.3 fps, 0:04 left"), redrawn in place a few times a
 * second. Only when stderr is a terminal, so logs and pipes stay clean;
 * VISION_PROGRESS=1 forces it on and VISION_PROGRESS=0 off. stdout is never
 * touched.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_CLI_PROGRESS_H
#define VISION_CLI_PROGRESS_H

#include <stdint.h>

typedef struct progress {
    int enabled;
    char name[48];    /* shortened input name */
    int64_t total;    /* frames expected, or -1 */
    int64_t done;     /* frames handed on so far */
    double start;     /* seconds, monotonic */
    double last_draw; /* when the line was last drawn */
} progress;

/* Start reporting on one input of `total` frames (-1 when unknown). */
void progress_begin(progress *p, const char *input, int64_t total);
/* One more frame done; redraws at most every 0.25 s. */
void progress_frame(progress *p);
/* Erase the line; the input is finished. */
void progress_end(progress *p);
/* Erase the line if one is shown, before a message goes to stderr (cli_error
 * calls it). The next progress_frame() draws it again. */
void progress_clear(void);

/* Whether progress would be shown: VISION_PROGRESS, else stderr is a
 * terminal whose TERM is not "dumb". */
int progress_wanted(void);

#endif
