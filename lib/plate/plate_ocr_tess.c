/*
 * Tesseract as a second plate line reader (see plate_ocr_tess.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_ocr_tess.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "core/alloc.h"

struct plate_tess {
    TessBaseAPI *api;
};

int plate_tess_check_data(const char *data_path, vis_error_buffer *errors)
{
    const char *dir = data_path ? data_path : PLATE_TESS_DEFAULT_PATH;
    char file[4096];
    int len = snprintf(file, sizeof file, "%s/eng.traineddata", dir);
    if (len < 0 || (size_t)len >= sizeof file)
        return vis_fail(errors, VISION_E_OCR_DATA, "OCR data path is too long");
    FILE *probe = fopen(file, "rb");
    if (!probe)
        return vis_fail(errors, VISION_E_OCR_DATA,
                        "OCR data %s is missing or unreadable (install tesseract-ocr-eng or set "
                        "the OCR data path)",
                        file);
    /* A traineddata file starts with its number of parts (32-bit, little
     * endian, at most a few dozen) and their 64-bit offsets (-1: absent),
     * increasing and inside the file. Checking that first keeps most
     * corrupt files from reaching Tesseract, which complains on stderr. */
    int valid = 0;
    uint32_t parts = 0;
    if (fseek(probe, 0, SEEK_END) == 0) {
        long size = ftell(probe);
        rewind(probe);
        if (size > 0 && fread(&parts, sizeof parts, 1, probe) == 1 &&
            (parts < 1 || parts > 1000) && __builtin_bswap32(parts) >= 1 &&
            __builtin_bswap32(parts) <= 1000)
            valid = 1; /* the other byte order: Tesseract swaps, no offsets check */
        else if (parts >= 1 && parts <= 1000) {
            valid = 1;
            int64_t last = -1;
            for (uint32_t i = 0; i < parts && valid; i++) {
                int64_t offset;
                if (fread(&offset, sizeof offset, 1, probe) != 1)
                    valid = 0;
                else if (offset != -1) {
                    if (offset < (int64_t)(4 + 8 * (int64_t)parts) || offset > size ||
                        offset < last)
                        valid = 0;
                    last = offset;
                }
            }
        }
    }
    fclose(probe);
    if (!valid)
        return vis_fail(errors, VISION_E_OCR_DATA, "OCR data %s is corrupt or not traineddata",
                        file);
    return VISION_OK;
}

int plate_tess_new(plate_tess **out, const char *data_path, vis_error_buffer *errors)
{
    *out = NULL;
    int rc = plate_tess_check_data(data_path, errors);
    if (rc != VISION_OK)
        return rc;
    const char *dir = data_path ? data_path : PLATE_TESS_DEFAULT_PATH;
    char file[4096];
    snprintf(file, sizeof file, "%s/eng.traineddata", dir);
    plate_tess *tess = vis_calloc(1, sizeof *tess);
    if (!tess)
        return vis_fail(errors, VISION_E_NO_MEMORY, "out of memory for the OCR engine");
    tess->api = TessBaseAPICreate();
    if (!tess->api) {
        vis_free(tess);
        return vis_fail(errors, VISION_E_NO_MEMORY, "out of memory for the OCR engine");
    }
    /* Tesseract wants the directory with a trailing separator. */
    char path[4096];
    snprintf(path, sizeof path, "%s/", dir);
    if (TessBaseAPIInit2(tess->api, path, "eng", OEM_LSTM_ONLY) != 0) {
        plate_tess_free(tess);
        return vis_fail(errors, VISION_E_OCR_DATA, "Tesseract could not load the OCR data %s",
                        file);
    }
    TessBaseAPISetVariable(tess->api, "tessedit_char_whitelist",
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");
    TessBaseAPISetVariable(tess->api, "load_system_dawg", "0");
    TessBaseAPISetVariable(tess->api, "load_freq_dawg", "0");
    TessBaseAPISetPageSegMode(tess->api, PSM_SINGLE_LINE);
    *out = tess;
    return VISION_OK;
}

void plate_tess_free(plate_tess *tess)
{
    if (!tess)
        return;
    if (tess->api) {
        TessBaseAPIEnd(tess->api);
        TessBaseAPIDelete(tess->api);
    }
    vis_free(tess);
}

int plate_tess_read_line(plate_tess *tess, const uint8_t *gray, size_t stride, int width,
                         int height, char *text, int capacity, float *confidence)
{
    text[0] = '\0';
    *confidence = 0;
    TessBaseAPISetImage(tess->api, gray, width, height, 1, (int)stride);
    TessBaseAPISetSourceResolution(tess->api, 300);
    char *utf8 = TessBaseAPIGetUTF8Text(tess->api);
    if (!utf8)
        return VISION_E_INTERNAL;
    int n = 0;
    for (const char *p = utf8; *p && n < capacity - 1; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
            text[n++] = *p;
    text[n] = '\0';
    TessDeleteText(utf8);
    int conf = TessBaseAPIMeanTextConf(tess->api);
    *confidence = conf > 0 ? (float)conf / 100.0f : 0.0f;
    TessBaseAPIClear(tess->api);
    return VISION_OK;
}
