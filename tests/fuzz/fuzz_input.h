/*
 * Fuzzing helpers: reading parameters from fuzz input, and buffers that end
 * at an inaccessible page so that any read past them faults at once.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#ifndef VISION_FUZZ_INPUT_H
#define VISION_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Consumes fuzz bytes from the front; past the end it yields zeros. */
typedef struct fuzz_input {
    const uint8_t *data;
    size_t size;
} fuzz_input;

static inline uint32_t fuzz_u32(fuzz_input *in, uint32_t max_inclusive)
{
    uint32_t value = 0;
    for (int i = 0; i < 4; i++) {
        value = (value << 8) | (in->size ? *in->data : 0);
        if (in->size) {
            in->data++;
            in->size--;
        }
    }
    return max_inclusive == UINT32_MAX ? value : value % (max_inclusive + 1);
}

static inline uint8_t fuzz_u8(fuzz_input *in)
{
    uint8_t value = in->size ? *in->data : 0;
    if (in->size) {
        in->data++;
        in->size--;
    }
    return value;
}

static inline double fuzz_double(fuzz_input *in)
{
    double value = 0;
    uint8_t bytes[sizeof value] = {0};
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = fuzz_u8(in);
    memcpy(&value, bytes, sizeof value);
    return value;
}

/* A buffer of `size` bytes whose last byte is followed by a PROT_NONE page.
 * Filled from the fuzz input (then zeros). */
typedef struct guarded_buffer {
    uint8_t *mapping;
    size_t mapping_size;
    uint8_t *data;
} guarded_buffer;

static inline int guarded_alloc(guarded_buffer *b, size_t size, fuzz_input *fill)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t usable = (size + page - 1) / page * page;
    b->mapping_size = usable + page;
    b->mapping = mmap(NULL, b->mapping_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
    if (b->mapping == MAP_FAILED)
        return -1;
    mprotect(b->mapping + usable, page, PROT_NONE);
    b->data = b->mapping + usable - size;
    size_t take = fill->size < size ? fill->size : size;
    memcpy(b->data, fill->data, take);
    memset(b->data + take, 0, size - take);
    fill->data += take;
    fill->size -= take;
    return 0;
}

static inline void guarded_free(guarded_buffer *b)
{
    if (b->mapping && b->mapping != MAP_FAILED)
        munmap(b->mapping, b->mapping_size);
    b->mapping = NULL;
}

#endif
