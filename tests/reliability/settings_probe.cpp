/*
 * Test helper: process-wide settings of OpenCV, Tesseract and the locales
 * (see settings_probe.h).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "settings_probe.h"

#include <clocale>
#include <cstdio>
#include <cstring>
#include <locale>
#include <string>

#include <opencv2/core.hpp>
#include <opencv2/core/ocl.hpp>
#include <tesseract/baseapi.h>

static void read_tesseract(process_settings *out)
{
    out->tesseract[0] = '\0';
    out->tesseract_ok = 0;
    tesseract::TessBaseAPI api;
    if (api.Init("/usr/share/tesseract-ocr/5/tessdata/", "eng", tesseract::OEM_LSTM_ONLY) != 0)
        return;
    char *text = nullptr;
    size_t size = 0;
    FILE *stream = open_memstream(&text, &size);
    if (!stream)
        return;
    api.PrintVariables(stream);
    fclose(stream);
    snprintf(out->tesseract, sizeof out->tesseract, "%s", text ? text : "");
    free(text);
    api.End();
    out->tesseract_ok = size > 0;
}

extern "C" int settings_read(process_settings *out)
{
    memset(out, 0, sizeof *out);
    out->cv_threads = cv::getNumThreads();
    out->cv_optimized = cv::useOptimized();
    out->cv_ipp = cv::ipp::useIPP();
    out->cv_ipp_not_exact = cv::ipp::useIPP_NotExact();
    out->cv_opencl = cv::ocl::useOpenCL();
    void *userdata = nullptr;
    cv::ErrorCallback handler = cv::redirectError(nullptr, nullptr, &userdata);
    cv::redirectError(handler, userdata); /* put it back */
    out->cv_error_handler = reinterpret_cast<void *>(handler);
    out->cv_error_userdata = userdata;
    const char *c_locale = setlocale(LC_ALL, nullptr);
    snprintf(out->c_locale, sizeof out->c_locale, "%s", c_locale ? c_locale : "(null)");
    snprintf(out->cxx_locale, sizeof out->cxx_locale, "%s", std::locale().name().c_str());
    read_tesseract(out);
    return 0;
}

extern "C" void settings_set_opencv(int threads, int optimized, int ipp)
{
    cv::setNumThreads(threads);
    cv::setUseOptimized(optimized != 0);
    cv::ipp::setUseIPP(ipp != 0);
}

extern "C" int settings_compare(const process_settings *a, const process_settings *b, char *out,
                                unsigned long size)
{
    out[0] = '\0';
#define SAME_INT(field)                                                                            \
    if (a->field != b->field) {                                                                    \
        snprintf(out, size, #field " %d became %d", a->field, b->field);                           \
        return 1;                                                                                  \
    }
    SAME_INT(cv_threads)
    SAME_INT(cv_optimized)
    SAME_INT(cv_ipp)
    SAME_INT(cv_ipp_not_exact)
    SAME_INT(cv_opencl)
    SAME_INT(tesseract_ok)
    if (a->cv_error_handler != b->cv_error_handler || a->cv_error_userdata != b->cv_error_userdata) {
        snprintf(out, size, "OpenCV's error handler was replaced");
        return 1;
    }
    if (strcmp(a->c_locale, b->c_locale) != 0) {
        snprintf(out, size, "C locale \"%s\" became \"%s\"", a->c_locale, b->c_locale);
        return 1;
    }
    if (strcmp(a->cxx_locale, b->cxx_locale) != 0) {
        snprintf(out, size, "C++ locale \"%s\" became \"%s\"", a->cxx_locale, b->cxx_locale);
        return 1;
    }
    if (strcmp(a->tesseract, b->tesseract) != 0) {
        /* Name the first parameter line that differs. */
        const char *p = a->tesseract, *q = b->tesseract;
        while (*p && *p == *q)
            p++, q++;
        while (p > a->tesseract && p[-1] != '\n')
            p--;
        std::string line(p, strcspn(p, "\n"));
        snprintf(out, size, "Tesseract parameter changed: %s", line.c_str());
        return 1;
    }
    return 0;
}
