/*
 * Fuzz target: frame validation and conversion to analysis images.
 *
 * The input chooses a pixel format (including unknown ones), a size up to
 * FUZZ_MAX_DIMENSION (the cap that keeps runs fast; larger sizes follow the
 * same code paths), per-plane strides that may be too short, missing or
 * extra planes, and the pixels. Every plane ends at an inaccessible page.
 * Whatever validates is converted to gray and BGR, full size and scaled.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <stdlib.h>

#include "core/image.h"
#include "fuzz_input.h"
#include <vision/vision.h>

#define FUZZ_MAX_DIMENSION 300u

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_input in = {data, size};
    vision_frame frame = VISION_FRAME_INIT;
    frame.format = fuzz_u32(&in, VISION_PIXEL_FORMAT_COUNT + 1);
    frame.width = fuzz_u32(&in, FUZZ_MAX_DIMENSION);
    frame.height = fuzz_u32(&in, FUZZ_MAX_DIMENSION);
    uint8_t layout = fuzz_u8(&in);
    if (layout & 0x80)
        frame.version = fuzz_u32(&in, 3);
    guarded_buffer planes[VISION_FRAME_MAX_PLANES] = {{0}};
    int planes_count = vision_pixel_format_plane_count(frame.format);
    for (uint32_t p = 0; p < VISION_FRAME_MAX_PLANES; p++) {
        uint64_t row = 1;
        uint32_t rows = 1;
        int used = (int)p < planes_count;
        if (used && vision_pixel_format_plane_size(&row, &rows, frame.format, frame.width,
                                                   frame.height, p) != VISION_OK)
            used = 0;
        /* Bits of `layout` drop a needed plane or add an unused one. */
        int present = used ? !((layout >> p) & 1) : ((layout >> (p + 4)) & 1 && (layout & 8));
        if (!present)
            continue;
        /* Stride: usually row + padding, sometimes shorter than the row. */
        int32_t padding = (int32_t)fuzz_u8(&in) - 16;
        int64_t stride = (int64_t)row + padding;
        if (stride < 0)
            stride = 0;
        frame.strides[p] = (uint32_t)stride;
        /* The plane's extent as the library may read it: full strides for
         * all rows but the last, which ends right at the guard page. */
        uint64_t last_row = row < (uint64_t)stride ? row : (uint64_t)stride;
        size_t extent = rows ? (size_t)stride * (rows - 1) + (size_t)last_row : 0;
        if (extent == 0)
            extent = 1;
        if (guarded_alloc(&planes[p], extent, &in) != 0)
            goto done;
        frame.planes[p] = planes[p].data;
    }

    char detail[256];
    if (vision_frame_validate(&frame, detail, sizeof detail) == VISION_OK) {
        vis_image_buffer buffer = {0};
        vis_image image;
        int targets[][2] = {{(int)frame.width, (int)frame.height},
                            {(int)frame.width / 2, (int)frame.height / 2},
                            {(int)frame.width / 3, (int)frame.height / 3},
                            {(int)(frame.width * 2 / 3), (int)(frame.height * 2 / 3)}};
        for (int t = 0; t < 4; t++) {
            if (targets[t][0] < 1 || targets[t][1] < 1)
                continue;
            for (int channels = 1; channels <= 3; channels += 2)
                if (vis_image_from_frame(&image, &buffer, &frame, channels, targets[t][0],
                                         targets[t][1], NULL) == VISION_OK) {
                    /* Touch the corners of what came back. */
                    volatile uint8_t first = image.data[0];
                    volatile uint8_t last =
                        image.data[(size_t)(image.height - 1) * image.stride +
                                   (size_t)image.width * image.channels - 1];
                    (void)first;
                    (void)last;
                }
        }
        vis_image_buffer_release(&buffer);
    }
done:
    for (int p = 0; p < VISION_FRAME_MAX_PLANES; p++)
        guarded_free(&planes[p]);
    return 0;
}
