/*
 * libvision for Go: the C side of the cgo binding.
 *
 * The libvision functions whose names or signatures are still being settled
 * (event callbacks, crowd overlay, plate free) are called from here only, so
 * a rename is a one-line change in this file. Everything else is called
 * directly from Go.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "shim.h"

#include "_cgo_export.h"

static void make_frame(vision_frame *frame, const vgo_frame *f, uint8_t *p0, uint8_t *p1,
                       uint8_t *p2, uint8_t *p3)
{
    vision_frame_init(frame);
    frame->format = f->format;
    frame->width = f->width;
    frame->height = f->height;
    frame->flags = f->flags;
    frame->pts_ns = f->pts_ns;
    frame->planes[0] = p0;
    frame->planes[1] = p1;
    frame->planes[2] = p2;
    frame->planes[3] = p3;
    for (int i = 0; i < VISION_FRAME_MAX_PLANES; i++)
        frame->strides[i] = f->strides[i];
}

int vgo_frame_validate(const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2, uint8_t *p3,
                       char *detail, size_t detail_size)
{
    vision_frame frame;
    make_frame(&frame, f, p0, p1, p2, p3);
    return vision_frame_validate(&frame, detail, detail_size);
}

int vgo_crowd_process(vision_crowd *crowd, const vgo_frame *f, uint8_t *p0, uint8_t *p1,
                      uint8_t *p2, uint8_t *p3)
{
    vision_frame frame;
    make_frame(&frame, f, p0, p1, p2, p3);
    return vision_crowd_process(crowd, &frame);
}

int vgo_crowd_draw(vision_crowd *crowd, const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2,
                   uint8_t *p3)
{
    vision_frame frame;
    make_frame(&frame, f, p0, p1, p2, p3);
    return vision_crowd_draw(crowd, &frame);
}

/* The callbacks: user_data is a runtime/cgo.Handle (an integer, not a Go
 * pointer) naming the Go side's state. */
static void crowd_event(const vision_crowd_event *event, void *user_data)
{
    vgoCrowdEvent((vision_crowd_event *)event, (uintptr_t)user_data);
}

int vgo_crowd_set_callback(vision_crowd *crowd, uintptr_t handle)
{
    return vision_crowd_set_callback(crowd, handle ? crowd_event : NULL, (void *)handle);
}

int vgo_plate_process(vision_plate *plate, const vgo_frame *f, uint8_t *p0, uint8_t *p1,
                      uint8_t *p2, uint8_t *p3)
{
    vision_frame frame;
    make_frame(&frame, f, p0, p1, p2, p3);
    return vision_plate_process(plate, &frame);
}

int vgo_plate_draw(vision_plate *plate, const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2,
                   uint8_t *p3)
{
    vision_frame frame;
    make_frame(&frame, f, p0, p1, p2, p3);
    return vision_plate_draw(plate, &frame);
}

static void plate_event(const vision_plate_event *event, void *user_data)
{
    vgoPlateEvent((vision_plate_event *)event, (uintptr_t)user_data);
}

int vgo_plate_set_callback(vision_plate *plate, uintptr_t handle)
{
    return vision_plate_set_callback(plate, handle ? plate_event : NULL, (void *)handle);
}

int vgo_plate_free(vision_plate *plate)
{
    return vision_plate_free(plate);
}
