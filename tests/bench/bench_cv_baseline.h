/*
 * Benchmark only: what a user would write instead of libvision's crowd
 * analysis with OpenCV (MOG2 background subtraction on gray plus DIS optical
 * flow, ultrafast preset). Not part of the library.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef BENCH_CV_BASELINE_H
#define BENCH_CV_BASELINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench_baseline bench_baseline;

bench_baseline *bench_baseline_new(void);
/* One gray frame: MOG2 apply, then DIS flow against the previous frame.
 * Returns the number of foreground pixels (so nothing is optimised away),
 * or -1 on an OpenCV exception. */
long bench_baseline_process(bench_baseline *b, const uint8_t *gray, size_t stride, int width,
                            int height);
void bench_baseline_free(bench_baseline *b);

#ifdef __cplusplus
}
#endif

#endif
