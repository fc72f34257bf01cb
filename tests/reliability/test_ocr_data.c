/*
 * Missing and corrupt OCR data: an empty directory, an empty, a truncated
 * and a garbage eng.traineddata, a directory in its place, a path that is a
 * file. Each gives VISION_E_OCR_DATA with a message naming the data, no
 * handle and no leak (ASan build); a complete copy in the same kind of
 * directory works, so the failures are about the data, not the path.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <vision/vision.h>

#define SYSTEM_DATA "/usr/share/tesseract-ocr/5/tessdata/eng.traineddata"

typedef struct fixture {
    char dir[64];
    char file[128];
    uint8_t *data;
    size_t size;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    FILE *in = fopen(SYSTEM_DATA, "rb");
    if (in) {
        fseek(in, 0, SEEK_END);
        long size = ftell(in);
        fseek(in, 0, SEEK_SET);
        f->data = size > 0 ? malloc((size_t)size) : NULL;
        if (f->data && fread(f->data, 1, (size_t)size, in) == (size_t)size)
            f->size = (size_t)size;
        fclose(in);
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    free(f->data);
    free(f);
    return 0;
}

/* A fresh temporary directory for one case. */
static void fresh_dir(fixture *f)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/vision-ocr-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->file, sizeof f->file, "%s/eng.traineddata", f->dir);
}

static void remove_dir(fixture *f)
{
    struct stat st;
    if (stat(f->file, &st) == 0)
        S_ISDIR(st.st_mode) ? rmdir(f->file) : unlink(f->file);
    rmdir(f->dir);
}

static void write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    if (size)
        assert_int_equal(fwrite(data, 1, size, out), size);
    assert_int_equal(fclose(out), 0);
}

/* vision_plate_new() on `dir` gives `code`; for failures, no handle and a message. */
static void expect_new(const char *dir, int code)
{
    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    o.ocr_data_path = dir;
    vision_plate *plate = (vision_plate *)&o;
    int rc = vision_plate_new(&plate, &o);
    if (rc != code) {
        if (rc == VISION_OK)
            vision_plate_free(plate);
        fail_msg("%s: got %d (%s), expected %d", dir, rc, vision_last_error(), code);
    }
    if (code == VISION_OK) {
        assert_non_null(plate);
        vision_plate_free(plate);
        return;
    }
    assert_null(plate);
    assert_true(strlen(vision_last_error()) > 0);
}

static void test_missing(void **state)
{
    fixture *f = *state;
    expect_new("/nonexistent/vision/tessdata", VISION_E_OCR_DATA);
    assert_non_null(strstr(vision_last_error(), "/nonexistent/vision/tessdata"));
    expect_new("/etc/hostname", VISION_E_OCR_DATA); /* a file, not a directory */
    fresh_dir(f);
    expect_new(f->dir, VISION_E_OCR_DATA); /* empty */
    assert_non_null(strstr(vision_last_error(), "eng.traineddata"));
    assert_int_equal(mkdir(f->file, 0700), 0); /* a directory in the file's place */
    expect_new(f->dir, VISION_E_OCR_DATA);
    remove_dir(f);
}

static void test_corrupt(void **state)
{
    fixture *f = *state;
    if (!f->size)
        skip();
    /* Empty, a few bytes, cut at several points (inside the header, the
     * LSTM model and the dictionaries), then garbage. The last 30 bytes are
     * a version string Tesseract does without, so cuts stop before them. */
    const size_t cuts[] = {0, 7, 8, 100, 4096, 200000, f->size / 3, f->size - 100};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        fresh_dir(f);
        write_file(f->file, f->data, cuts[i]);
        expect_new(f->dir, VISION_E_OCR_DATA);
        remove_dir(f);
    }
    uint8_t *garbage = malloc(65536);
    assert_non_null(garbage);
    uint32_t s = 12345;
    for (size_t i = 0; i < 65536; i++) {
        s = s * 1103515245u + 12345u;
        garbage[i] = (uint8_t)(s >> 16);
    }
    fresh_dir(f);
    write_file(f->file, garbage, 65536);
    expect_new(f->dir, VISION_E_OCR_DATA);
    remove_dir(f);
    free(garbage);
}

static void test_complete_copy_works(void **state)
{
    fixture *f = *state;
    if (!f->size)
        skip();
    fresh_dir(f);
    write_file(f->file, f->data, f->size);
    expect_new(f->dir, VISION_OK);
    remove_dir(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_complete_copy_works),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
