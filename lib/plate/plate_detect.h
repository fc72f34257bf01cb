/*
 * Internal: the detector state a plate_reader owns.
 *
 * plate_reader_new() (plate_reader.c) creates one detector per reader with
 * plate_detector_new() and frees it with plate_detector_free();
 * plate_reader_detect() (plate_detect*.c) reaches it through
 * plate_reader_detector(). Everything else about detection is private to
 * plate_detect*.c.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_DETECT_H
#define VIS_PLATE_DETECT_H

#include "plate_reader.h"

typedef struct plate_detector plate_detector;

/* Create the detector for a reader's configuration (countries, plate width
 * limits). VISION_E_NO_MEMORY or VISION_E_OPTION, with vis_fail(errors, ...). */
int plate_detector_new(plate_detector **out, const plate_reader_config *config,
                       vis_error_buffer *errors);
void plate_detector_free(plate_detector *detector);

/*
 * What plate_reader_detect() does, on a detector directly (tests and the
 * detection benchmark use it without OCR data).
 *
 * Regions come best first, at most min(capacity, 5), each with its four
 * corners (slanted with the character row when one was found) and a score
 * in 0..1: about 0.9-1 for a row of 6+ characters, 0.5-0.75 for 4-5, under
 * 0.35 for 2-3 (a plate seen badly, or other text). When one region scores
 * 0.85 or more, others under 0.5 are left out. Width limits of the config
 * apply to the returned boxes (0.6 x min .. 1.25 x max).
 *
 * Cost, one thread: about 24 / min_plate_width of the image's width is the
 * first pyramid level, so with the default minimum (48 px) a 1280x720 frame
 * costs ~3.5-4 ms, a 0.2 MP photo ~1.3 ms, a 1280x1280 one ~6 ms (dev
 * photos, tests/bench/bench_plate_detect). A search box costs in
 * proportion to its area.
 *
 * Errors: VISION_E_INVALID_ARGUMENT for NULL pointers, a negative
 * capacity, a non-gray image or an empty search box; VISION_E_FRAME_SIZE
 * for an image under 16x8 or over 16384 pixels a side (a search box too
 * small for a plate, or outside the image, is not an error: no regions);
 * VISION_E_NO_MEMORY; VISION_E_INTERNAL (an OpenCV failure). The detector
 * stays usable after any of them.
 */
int plate_detector_detect(plate_detector *detector, const vis_image *gray, const int *search,
                          plate_region *regions, int capacity, int *count,
                          vis_error_buffer *errors);

/* The detector a reader owns (never NULL for a reader made by
 * plate_reader_new()). Implemented in plate_reader.c. */
plate_detector *plate_reader_detector(plate_reader *reader);

#endif
