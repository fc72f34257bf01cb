/*
 * Gray downscaling by whole factors.
 *
 * Analyses shrink 1080p and 720p frames by 2, 4 or 6 on every frame, so this
 * is the hottest loop of the library that is not analysis itself. A k x k
 * box mean is what area interpolation computes for whole factors; doing it
 * here in one streaming pass (rows summed into 16-bit sums, then k columns
 * at a time) costs about as much as reading the source once. Factors 2 and
 * 4 have SSE2 paths; others use the portable loop, which the compiler
 * vectorises for the row sums.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "downscale.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* sums[x] += row[x] for a whole row. Written out for SSE2 because compilers
 * at -O2 (distribution builds) leave the widening add scalar, which made
 * 1080p to 320 wide cost 1.2 ms instead of 0.3. */
static void add_row(uint16_t *sums, const uint8_t *row, int width)
{
    int x = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    for (; x + 16 <= width; x += 16) {
        __m128i pixels = _mm_loadu_si128((const __m128i *)(row + x));
        __m128i low = _mm_loadu_si128((const __m128i *)(sums + x));
        __m128i high = _mm_loadu_si128((const __m128i *)(sums + x + 8));
        low = _mm_add_epi16(low, _mm_unpacklo_epi8(pixels, zero));
        high = _mm_add_epi16(high, _mm_unpackhi_epi8(pixels, zero));
        _mm_storeu_si128((__m128i *)(sums + x), low);
        _mm_storeu_si128((__m128i *)(sums + x + 8), high);
    }
#endif
    for (; x < width; x++)
        sums[x] = (uint16_t)(sums[x] + row[x]);
}

/* Portable path: sum k rows, then k columns, then divide with rounding. */
static void box_generic(const uint8_t *src, size_t src_stride, int k, uint8_t *dst,
                        size_t dst_stride, int dst_width, int dst_height, uint16_t *sums)
{
    const int width = dst_width * k;
    const uint32_t area = (uint32_t)(k * k);
    for (int y = 0; y < dst_height; y++) {
        const uint8_t *row = src + (size_t)y * k * src_stride;
        memset(sums, 0, (size_t)width * sizeof *sums);
        for (int r = 0; r < k; r++, row += src_stride)
            add_row(sums, row, width);
        uint8_t *out = dst + (size_t)y * dst_stride;
        for (int x = 0; x < dst_width; x++) {
            uint32_t total = 0;
            for (int c = 0; c < k; c++)
                total += sums[x * k + c];
            out[x] = (uint8_t)((total + area / 2) / area);
        }
    }
}

#if defined(__SSE2__)
/* Factor 2: the mean of two rounded averages equals the rounded 2x2 mean
 * except for ties, so sum in 16 bits instead to stay exact. */
static void box2_sse2(const uint8_t *src, size_t src_stride, uint8_t *dst, size_t dst_stride,
                      int dst_width, int dst_height)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i ones = _mm_set1_epi16(1);
    const __m128i two = _mm_set1_epi32(2);
    for (int y = 0; y < dst_height; y++) {
        const uint8_t *a = src + (size_t)(2 * y) * src_stride;
        const uint8_t *b = a + src_stride;
        uint8_t *out = dst + (size_t)y * dst_stride;
        int x = 0;
        for (; x + 8 <= dst_width; x += 8) {
            __m128i ra = _mm_loadu_si128((const __m128i *)(a + 2 * x));
            __m128i rb = _mm_loadu_si128((const __m128i *)(b + 2 * x));
            __m128i lo = _mm_add_epi16(_mm_unpacklo_epi8(ra, zero), _mm_unpacklo_epi8(rb, zero));
            __m128i hi = _mm_add_epi16(_mm_unpackhi_epi8(ra, zero), _mm_unpackhi_epi8(rb, zero));
            /* madd with ones adds neighbouring columns: 4 sums of 2x2 each. */
            __m128i s0 = _mm_srli_epi32(_mm_add_epi32(_mm_madd_epi16(lo, ones), two), 2);
            __m128i s1 = _mm_srli_epi32(_mm_add_epi32(_mm_madd_epi16(hi, ones), two), 2);
            __m128i packed = _mm_packs_epi32(s0, s1);
            _mm_storel_epi64((__m128i *)(out + x), _mm_packus_epi16(packed, packed));
        }
        for (; x < dst_width; x++)
            out[x] = (uint8_t)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
    }
}

/* Factor 4: 64 source columns from 4 rows give 16 output pixels. */
static void box4_sse2(const uint8_t *src, size_t src_stride, uint8_t *dst, size_t dst_stride,
                      int dst_width, int dst_height)
{
    const __m128i zero = _mm_setzero_si128();
    const __m128i ones = _mm_set1_epi16(1);
    const __m128i eight = _mm_set1_epi32(8);
    for (int y = 0; y < dst_height; y++) {
        const uint8_t *r0 = src + (size_t)(4 * y) * src_stride;
        const uint8_t *r1 = r0 + src_stride;
        const uint8_t *r2 = r1 + src_stride;
        const uint8_t *r3 = r2 + src_stride;
        uint8_t *out = dst + (size_t)y * dst_stride;
        int x = 0;
        for (; x + 4 <= dst_width; x += 4) {
            /* 16 source columns -> 4 outputs. */
            const size_t at = (size_t)4 * x;
            __m128i v0 = _mm_loadu_si128((const __m128i *)(r0 + at));
            __m128i v1 = _mm_loadu_si128((const __m128i *)(r1 + at));
            __m128i v2 = _mm_loadu_si128((const __m128i *)(r2 + at));
            __m128i v3 = _mm_loadu_si128((const __m128i *)(r3 + at));
            __m128i lo = _mm_add_epi16(
                _mm_add_epi16(_mm_unpacklo_epi8(v0, zero), _mm_unpacklo_epi8(v1, zero)),
                _mm_add_epi16(_mm_unpacklo_epi8(v2, zero), _mm_unpacklo_epi8(v3, zero)));
            __m128i hi = _mm_add_epi16(
                _mm_add_epi16(_mm_unpackhi_epi8(v0, zero), _mm_unpackhi_epi8(v1, zero)),
                _mm_add_epi16(_mm_unpackhi_epi8(v2, zero), _mm_unpackhi_epi8(v3, zero)));
            /* Pairs of columns, then pairs of pairs: sums of 4x4 blocks. */
            __m128i pairs = _mm_packs_epi32(_mm_madd_epi16(lo, ones), _mm_madd_epi16(hi, ones));
            __m128i blocks = _mm_madd_epi16(pairs, ones);
            __m128i mean = _mm_srli_epi32(_mm_add_epi32(blocks, eight), 4);
            __m128i packed = _mm_packs_epi32(mean, mean);
            packed = _mm_packus_epi16(packed, packed);
            uint32_t four = (uint32_t)_mm_cvtsi128_si32(packed);
            memcpy(out + x, &four, 4);
        }
        for (; x < dst_width; x++) {
            uint32_t total = 0;
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 4; c++)
                    total += r0[(size_t)r * src_stride + 4 * (size_t)x + c];
            out[x] = (uint8_t)((total + 8) >> 4);
        }
    }
}
#endif

int vis_downscale_gray_box(const uint8_t *src, size_t src_stride, int src_width, int src_height,
                           uint8_t *dst, size_t dst_stride, int dst_width, int dst_height,
                           uint16_t *row_sums)
{
    if (dst_width < 1 || dst_height < 1 || src_width % dst_width || src_height % dst_height)
        return 0;
    int k = src_width / dst_width;
    /* 255 * k must fit the 16-bit row sums. */
    if (k < 2 || k > 15 || src_height / dst_height != k)
        return 0;
#if defined(__SSE2__)
    if (k == 2) {
        box2_sse2(src, src_stride, dst, dst_stride, dst_width, dst_height);
        return 1;
    }
    if (k == 4) {
        box4_sse2(src, src_stride, dst, dst_stride, dst_width, dst_height);
        return 1;
    }
#endif
    box_generic(src, src_stride, k, dst, dst_stride, dst_width, dst_height, row_sums);
    return 1;
}
