/*
 * Test helper (C++ inside, C interface): the process-wide settings a
 * library must leave alone, read from OpenCV, Tesseract and the C and C++
 * locales, and a way to set the OpenCV ones as a host would.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef SETTINGS_PROBE_H
#define SETTINGS_PROBE_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct process_settings {
    int cv_threads;          /* cv::getNumThreads() */
    int cv_optimized;        /* cv::useOptimized() */
    int cv_ipp;              /* cv::ipp::useIPP() */
    int cv_ipp_not_exact;    /* cv::ipp::useIPP_NotExact() */
    int cv_opencl;           /* cv::ocl::useOpenCL() */
    void *cv_error_handler;  /* what cv::redirectError() had installed */
    void *cv_error_userdata;
    char c_locale[256];      /* setlocale(LC_ALL, NULL) */
    char cxx_locale[256];    /* std::locale().name() */
    char tesseract[65536];   /* every parameter of a fresh Tesseract, as it prints them */
    int tesseract_ok;        /* 0 when Tesseract could not be read (no data) */
} process_settings;

/* Read them all. Returns 0. */
int settings_read(process_settings *out);

/* Set OpenCV's as a host might before using libvision. */
void settings_set_opencv(int threads, int optimized, int ipp);

/* The first difference as text into `out` ("" when equal); returns 1 when
 * they differ. */
int settings_compare(const process_settings *a, const process_settings *b, char *out,
                     unsigned long size);

#ifdef __cplusplus
}
#endif

#endif
