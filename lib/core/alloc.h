/*
 * Internal: the library's one allocation path.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VIS_CORE_ALLOC_H
#define VIS_CORE_ALLOC_H

#include <stddef.h>

/* Every allocation of the C code goes through these, so that tests can make
 * the n-th one fail and check that every error path cleans up. They behave
 * like the libc functions of the same name (vis_calloc checks n * size for
 * overflow). */
void *vis_malloc(size_t size);
void *vis_calloc(size_t count, size_t size);
void *vis_realloc(void *pointer, size_t size);
char *vis_strdup(const char *text);
void vis_free(void *pointer);

/* Test hook (not exported): make the allocation after `count` more
 * successful ones fail, on every thread; a negative count turns failures
 * off. Returns how many allocations were attempted since the last call. */
long vis_alloc_fail_after(long count);

#endif
