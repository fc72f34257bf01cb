/*
 * Internal: Tesseract's OCR data and engine (C API, LSTM), one TessBaseAPI
 * per user, never global settings. The plate reader only checks the data
 * (plates are read by the library's own classifier, which measured better);
 * bench_plate_ocr reads with the engine to keep that comparison measured.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_PLATE_OCR_TESS_H
#define VIS_PLATE_OCR_TESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define PLATE_TESS_DEFAULT_PATH "/usr/share/tesseract-ocr/5/tessdata"

typedef struct plate_tess plate_tess;

/* Check, without loading it, that `data_path` (NULL: the system's) holds a
 * readable eng.traineddata whose table of parts is whole: a missing,
 * unreadable, truncated or foreign file fails with VISION_E_OCR_DATA naming
 * the file. Cheap (reads the file's first bytes and its size). */
int plate_tess_check_data(const char *data_path, vis_error_buffer *errors);

/* Load eng.traineddata from `data_path` (NULL: the system's). Fails with
 * VISION_E_OCR_DATA, saying which file, when it is missing, unreadable or
 * Tesseract cannot load it; VISION_E_UNSUPPORTED when built without
 * Tesseract; VISION_E_NO_MEMORY. */
int plate_tess_new(plate_tess **out, const char *data_path, vis_error_buffer *errors);
void plate_tess_free(plate_tess *tess);

/* Read one line of letters and digits from a gray image (dark ink on
 * light). Writes up to `capacity` - 1 characters and the mean confidence
 * (0..1). VISION_OK, VISION_E_INTERNAL. */
int plate_tess_read_line(plate_tess *tess, const uint8_t *gray, size_t stride, int width,
                         int height, char *text, int capacity, float *confidence);

#endif
