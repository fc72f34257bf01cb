/*
 * A program outside the project that uses libvision the way a host does:
 * checks the version it was built against, wraps a frame and validates it.
 * Built by consumer_test.sh through pkg-config and as a Meson subproject.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdio.h>

#include <vision/vision.h>

int main(void)
{
#if !VISION_CHECK_VERSION(0, 1, 0)
#error "libvision 0.1 or newer is needed"
#endif
    if (vision_version() / 10000 != VISION_VERSION_MAJOR) {
        fprintf(stderr, "built for libvision %s, loaded %s\n", VISION_VERSION_STRING,
                vision_version_string());
        return 1;
    }
    static unsigned char pixels[640 * 480 * 3 / 2];
    vision_frame frame = VISION_FRAME_INIT;
    int rc = vision_frame_wrap(&frame, VISION_PIXEL_FORMAT_I420, 640, 480, pixels, sizeof pixels);
    char detail[128];
    if (rc == VISION_OK)
        rc = vision_frame_validate(&frame, detail, sizeof detail);
    printf("libvision %s: I420 640x480 frame: %s\n", vision_version_string(), vision_strerror(rc));
    return rc == VISION_OK ? 0 : 1;
}
