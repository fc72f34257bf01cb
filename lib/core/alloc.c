/*
 * The allocation path, with fault injection for tests.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* -1: never fail. Otherwise the number of allocations still allowed. */
static atomic_long fail_countdown = -1;
static atomic_long attempts;

static int should_fail(void)
{
    atomic_fetch_add_explicit(&attempts, 1, memory_order_relaxed);
    long left = atomic_load_explicit(&fail_countdown, memory_order_relaxed);
    if (left < 0)
        return 0;
    return atomic_fetch_sub_explicit(&fail_countdown, 1, memory_order_relaxed) <= 0;
}

long vis_alloc_fail_after(long count)
{
    atomic_store(&fail_countdown, count < 0 ? -1 : count);
    return atomic_exchange(&attempts, 0);
}

void *vis_malloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *vis_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *vis_realloc(void *pointer, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(pointer, size ? size : 1);
}

char *vis_strdup(const char *text)
{
    size_t length = strlen(text) + 1;
    char *copy = vis_malloc(length);
    if (copy)
        memcpy(copy, text, length);
    return copy;
}

void vis_free(void *pointer)
{
    free(pointer);
}
