/*
 * libvision for Go: the C side of the cgo binding.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_GO_SHIM_H
#define VISION_GO_SHIM_H

#include <stdint.h>
#include <stdlib.h>
#include <vision/vision.h>

/* A frame without its plane pointers: Go passes the pointers as separate
 * arguments (cgo lets C see a Go pointer only as a direct argument, and only
 * for the duration of the call), the shim assembles the vision_frame on its
 * own stack. */
typedef struct vgo_frame {
    uint32_t format;
    uint32_t width;
    uint32_t height;
    uint32_t flags;
    uint32_t strides[VISION_FRAME_MAX_PLANES];
    int64_t pts_ns;
} vgo_frame;

int vgo_crowd_process(vision_crowd *crowd, const vgo_frame *f, uint8_t *p0, uint8_t *p1,
                      uint8_t *p2, uint8_t *p3);
int vgo_crowd_draw(vision_crowd *crowd, const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2,
                   uint8_t *p3);
int vgo_crowd_set_callback(vision_crowd *crowd, uintptr_t handle);
int vgo_plate_process(vision_plate *plate, const vgo_frame *f, uint8_t *p0, uint8_t *p1,
                      uint8_t *p2, uint8_t *p3);
int vgo_plate_draw(vision_plate *plate, const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2,
                   uint8_t *p3);
int vgo_plate_set_callback(vision_plate *plate, uintptr_t handle);
int vgo_plate_free(vision_plate *plate);
int vgo_frame_validate(const vgo_frame *f, uint8_t *p0, uint8_t *p1, uint8_t *p2, uint8_t *p3,
                       char *detail, size_t detail_size);

#endif
