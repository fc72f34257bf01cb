/*
 * Plate syntax: expanding the table patterns and ranking readings.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "plate_syntax.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define SYNTAX_MAX_PATTERNS 1024
#define SYNTAX_MAX_TOKENS 16
#define SYNTAX_BEAM 12
#define SYNTAX_MAX_SKIPS 3
#define SYNTAX_CHOICES 3

static const char syntax_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
#define MASK_DIGITS 0x3FFull
#define MASK_LETTERS (0xFFFFFFFFFull & ~MASK_DIGITS)
#define MASK_ANY 0xFFFFFFFFFull

typedef struct syntax_pattern {
    const char *name;
    int length;
    float log_prior;
    float rare_cost[PLATE_SYNTAX_CLASSES]; /* log factor per character, <= 0 */
    uint64_t mask[PLATE_TEXT_MAX];
} syntax_pattern;

struct plate_syntax {
    syntax_pattern *patterns;
    int count;
};

typedef struct syntax_token {
    uint64_t mask;
    int min, max;
} syntax_token;

static int char_class(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return 10 + c - 'A';
    return -1;
}

/* Parse a pattern into tokens; -1 when malformed. */
static int parse_pattern(const char *p, syntax_token *tokens, int capacity)
{
    int n = 0;
    while (*p) {
        if (n == capacity)
            return -1;
        syntax_token *t = &tokens[n++];
        t->min = t->max = 1;
        if (*p == '@')
            t->mask = MASK_LETTERS, p++;
        else if (*p == '#')
            t->mask = MASK_DIGITS, p++;
        else if (*p == '?')
            t->mask = MASK_ANY, p++;
        else if (*p == '[') {
            t->mask = 0;
            p++;
            while (*p && *p != ']') {
                int a = char_class(p[0]);
                if (a < 0)
                    return -1;
                int b = a;
                if (p[1] == '-' && p[2] && p[2] != ']') {
                    b = char_class(p[2]);
                    if (b < a)
                        return -1;
                    p += 3;
                } else
                    p++;
                for (int c = a; c <= b; c++)
                    t->mask |= 1ull << c;
            }
            if (*p != ']' || !t->mask)
                return -1;
            p++;
        } else {
            int c = char_class(*p);
            if (c < 0)
                return -1;
            t->mask = 1ull << c;
            p++;
        }
        if (*p == '{') {
            char *end;
            p++;
            long a = strtol(p, &end, 10), b = a;
            if (end == p)
                return -1;
            p = end;
            if (*p == ',') {
                p++;
                b = strtol(p, &end, 10);
                if (end == p)
                    return -1;
                p = end;
            }
            if (*p != '}' || a < 0 || b < a || b > PLATE_TEXT_MAX)
                return -1;
            p++;
            t->min = (int)a;
            t->max = (int)b;
        }
    }
    return n;
}

typedef struct expand_state {
    plate_syntax *syntax;
    const plate_syntax_entry *entry;
    float rare_cost[PLATE_SYNTAX_CLASSES];
    const syntax_token *tokens;
    int token_count;
    uint64_t mask[PLATE_TEXT_MAX];
    int overflow;
} expand_state;

static void add_pattern(expand_state *s, int length)
{
    plate_syntax *syn = s->syntax;
    if (length == 0 || (s->entry->max_length > 0 && length > s->entry->max_length))
        return;
    float log_prior = logf(s->entry->prior);
    for (int i = 0; i < syn->count; i++) {
        syntax_pattern *q = &syn->patterns[i];
        if (q->length == length && !memcmp(q->mask, s->mask, sizeof(uint64_t) * (size_t)length)) {
            if (log_prior > q->log_prior) { /* same shape: keep the likelier name */
                q->log_prior = log_prior;
                q->name = s->entry->name;
            }
            /* a character is rare for a shape only if rare for all its
             * countries */
            for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++)
                q->rare_cost[c] = fmaxf(q->rare_cost[c], s->rare_cost[c]);
            return;
        }
    }
    if (syn->count == SYNTAX_MAX_PATTERNS) {
        s->overflow = 1;
        return;
    }
    syntax_pattern *q = &syn->patterns[syn->count++];
    q->name = s->entry->name;
    q->length = length;
    q->log_prior = log_prior;
    memcpy(q->rare_cost, s->rare_cost, sizeof q->rare_cost);
    memcpy(q->mask, s->mask, sizeof(uint64_t) * (size_t)length);
}

static void expand(expand_state *s, int token, int length)
{
    if (token == s->token_count) {
        add_pattern(s, length);
        return;
    }
    const syntax_token *t = &s->tokens[token];
    for (int r = t->min; r <= t->max; r++) {
        if (length + r > PLATE_TEXT_MAX)
            break;
        for (int k = 0; k < r; k++)
            s->mask[length + k] = t->mask;
        expand(s, token + 1, length + r);
    }
}

int plate_syntax_new(plate_syntax **out, uint32_t countries, vis_error_buffer *errors)
{
    *out = NULL;
    if (!(countries & (PLATE_COUNTRY_US | PLATE_COUNTRY_EU | PLATE_COUNTRY_BR)))
        return vis_fail(errors, VISION_E_OPTION, "no known country in the set 0x%x", countries);
    plate_syntax *syn = vis_calloc(1, sizeof *syn);
    if (syn)
        syn->patterns = vis_calloc(SYNTAX_MAX_PATTERNS, sizeof *syn->patterns);
    if (!syn || !syn->patterns) {
        plate_syntax_free(syn);
        return vis_fail(errors, VISION_E_NO_MEMORY, "out of memory for the plate syntax");
    }
    for (int i = 0; i < plate_syntax_table_size; i++) {
        const plate_syntax_entry *e = &plate_syntax_table[i];
        if (!(e->country & countries))
            continue;
        syntax_token tokens[SYNTAX_MAX_TOKENS];
        int n = parse_pattern(e->pattern, tokens, SYNTAX_MAX_TOKENS);
        if (n <= 0 || !(e->prior > 0.0f && e->prior <= 1.0f)) {
            plate_syntax_free(syn);
            return vis_fail(errors, VISION_E_INTERNAL, "malformed plate pattern \"%s\"",
                            e->pattern);
        }
        expand_state s = {.syntax = syn, .entry = e, .tokens = tokens, .token_count = n};
        for (int r = 0; r < plate_syntax_rare_table_size; r++) {
            const plate_syntax_rare *rare = &plate_syntax_rare_table[r];
            if (!(rare->country & e->country))
                continue;
            if (!(rare->factor > 0.0f && rare->factor <= 1.0f)) {
                plate_syntax_free(syn);
                return vis_fail(errors, VISION_E_INTERNAL, "bad rare-character factor");
            }
            for (const char *c = rare->chars; *c; c++) {
                int k = char_class(*c);
                if (k >= 0)
                    s.rare_cost[k] = logf(rare->factor);
            }
        }
        expand(&s, 0, 0);
        if (s.overflow) {
            plate_syntax_free(syn);
            return vis_fail(errors, VISION_E_INTERNAL, "too many plate patterns");
        }
    }
    *out = syn;
    return VISION_OK;
}

void plate_syntax_free(plate_syntax *syntax)
{
    if (!syntax)
        return;
    vis_free(syntax->patterns);
    vis_free(syntax);
}

const char *plate_syntax_match(const plate_syntax *syntax, const char *text)
{
    int length = (int)strlen(text);
    const char *best = NULL;
    float best_prior = -INFINITY;
    for (int i = 0; i < syntax->count; i++) {
        const syntax_pattern *q = &syntax->patterns[i];
        if (q->length != length || !q->name[0])
            continue;
        int k = 0;
        for (; k < length; k++) {
            int c = char_class(text[k]);
            if (c < 0 || !(q->mask[k] >> c & 1))
                break;
        }
        if (k == length && q->log_prior > best_prior) {
            best = q->name;
            best_prior = q->log_prior;
        }
    }
    return best;
}

/* Look-alike letter for each digit and digit for each letter, or -1:
 * 0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B. A character is given at least
 * PLATE_SYNTAX_TWIN_FLOOR of its look-alike's probability for 0/O/D/Q, 1/I
 * and 6/G, which plate fonts draw (nearly) alike, but only
 * PLATE_SYNTAX_TWIN_FLOOR_FAR for 2/Z, 5/S and 8/B, whose shapes differ
 * more: a confident 5 read as S, or Z read as 2, to suit a pattern
 * must cost more than the prior between two national forms (Spanish
 * NNNNLLL against British LLNNLLL, Mercosur against the grey LLLNNNN). */
#define PLATE_SYNTAX_TWIN_FLOOR 0.25f
#define PLATE_SYNTAX_TWIN_FLOOR_FAR 0.05f
static const signed char syntax_twin[PLATE_SYNTAX_CLASSES] = {
    /* 0..9 */ 24 /* O */, 18 /* I */, 35 /* Z */, -1, -1, 28 /* S */, 16 /* G */, -1,
    11 /* B */, -1,
    /* A..Z */ -1, 8, -1, 0 /* D */, -1, -1, 6, -1, 1, -1, -1, -1, -1, -1, 0 /* O */, -1,
    0 /* Q */, -1, 5, -1, -1, -1, -1, -1, -1, 2};

/* Whether class c and its twin are drawn (nearly) alike: 0/O/D/Q, 1/I,
 * and 6/G (the Brazilian font's 6 is a G with a bar). */
static int syntax_twin_near(int c)
{
    int t = syntax_twin[c];
    return c == 0 || t == 0 || c == 1 || t == 1 || c == 6 || t == 6;
}

/* A partial reading while aligning one pattern with the glyphs. */
typedef struct hypothesis {
    float score; /* sum of log probabilities and skip costs */
    int length;
    char text[PLATE_TEXT_MAX + 1];
    uint8_t glyph[PLATE_TEXT_MAX];
} hypothesis;

typedef struct beam {
    hypothesis h[SYNTAX_BEAM];
    int count;
} beam;

static void beam_push(beam *b, const hypothesis *h)
{
    int pos = b->count;
    if (pos == SYNTAX_BEAM) {
        if (h->score <= b->h[SYNTAX_BEAM - 1].score)
            return;
        pos = SYNTAX_BEAM - 1;
    } else
        b->count++;
    while (pos > 0 && b->h[pos - 1].score < h->score) {
        b->h[pos] = b->h[pos - 1];
        pos--;
    }
    b->h[pos] = *h;
}

/* Log probability of leaving a glyph out of the reading. */
static float skip_cost(const plate_glyph_probs *g)
{
    float p = g->noise;
    return logf(p > 1e-3f ? p : 1e-3f) - 0.5f;
}

static void add_candidate(plate_candidate *out, int *n, int capacity, const char *text,
                          float confidence, const char *pattern, int *best_slot)
{
    *best_slot = -1;
    for (int i = 0; i < *n; i++)
        if (!strcmp(out[i].text, text)) {
            if (confidence <= out[i].confidence)
                return;
            /* remove and reinsert below */
            memmove(&out[i], &out[i + 1], sizeof *out * (size_t)(*n - i - 1));
            (*n)--;
            break;
        }
    int pos = *n;
    if (pos == capacity) {
        if (confidence <= out[capacity - 1].confidence)
            return;
        pos = capacity - 1;
    } else
        (*n)++;
    while (pos > 0 && out[pos - 1].confidence < confidence) {
        out[pos] = out[pos - 1];
        pos--;
    }
    memset(&out[pos], 0, sizeof out[pos]);
    strncpy(out[pos].text, text, PLATE_TEXT_MAX);
    out[pos].confidence = confidence;
    strncpy(out[pos].pattern, pattern, PLATE_PATTERN_MAX);
    *best_slot = pos;
}

int plate_syntax_rank(const plate_syntax *syntax, const plate_glyph_probs *glyphs, int count,
                      plate_candidate *out, int capacity, float *char_confidence, int *glyph_of)
{
    if (count <= 0 || capacity <= 0)
        return 0;
    if (count > PLATE_SYNTAX_MAX_GLYPHS)
        count = PLATE_SYNTAX_MAX_GLYPHS;
    float skip[PLATE_SYNTAX_MAX_GLYPHS];
    float logp[PLATE_SYNTAX_MAX_GLYPHS][PLATE_SYNTAX_CLASSES];
    uint8_t order[PLATE_SYNTAX_MAX_GLYPHS][PLATE_SYNTAX_CLASSES];
    for (int i = 0; i < count; i++) {
        skip[i] = skip_cost(&glyphs[i]);
        for (int c = 0; c < PLATE_SYNTAX_CLASSES; c++) {
            /* a character and its look-alike are never told apart for sure
             * by shape alone: the position's pattern may overrule */
            float p = glyphs[i].prob[c];
            int t = syntax_twin[c];
            if (t >= 0) {
                float floor = syntax_twin_near(c) ? PLATE_SYNTAX_TWIN_FLOOR
                                                  : PLATE_SYNTAX_TWIN_FLOOR_FAR;
                if (floor * glyphs[i].prob[t] > p)
                    p = floor * glyphs[i].prob[t];
            }
            logp[i][c] = logf(p > 1e-6f ? p : 1e-6f);
            /* insertion sort, most likely first */
            int k = c;
            while (k > 0 && logp[i][order[i][k - 1]] < logp[i][c]) {
                order[i][k] = order[i][k - 1];
                k--;
            }
            order[i][k] = (uint8_t)c;
        }
    }

    int n = 0;
    hypothesis best_full = {.score = -INFINITY};
    float best_norm = -INFINITY;
    /* beams[j]: hypotheses with j characters after the glyphs seen so far */
    static const int max_len = PLATE_TEXT_MAX;
    beam cur[PLATE_TEXT_MAX + 1], next[PLATE_TEXT_MAX + 1];
    for (int pi = 0; pi < syntax->count; pi++) {
        const syntax_pattern *q = &syntax->patterns[pi];
        int L = q->length;
        if (L > count || count - L > SYNTAX_MAX_SKIPS || L > max_len)
            continue;
        for (int j = 0; j <= L; j++)
            cur[j].count = 0;
        hypothesis empty = {.score = 0.0f};
        beam_push(&cur[0], &empty);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j <= L; j++)
                next[j].count = 0;
            for (int j = 0; j <= L; j++)
                for (int b = 0; b < cur[j].count; b++) {
                    const hypothesis *h = &cur[j].h[b];
                    /* the glyphs left must still fill the pattern */
                    if (count - i - 1 >= L - j) {
                        hypothesis s = *h;
                        s.score += skip[i];
                        beam_push(&next[j], &s);
                    }
                    if (j < L) {
                        int taken = 0;
                        for (int k = 0; k < PLATE_SYNTAX_CLASSES && taken < SYNTAX_CHOICES; k++) {
                            int c = order[i][k];
                            if (!(q->mask[j] >> c & 1))
                                continue;
                            taken++;
                            hypothesis t = *h;
                            t.score += logp[i][c] + q->rare_cost[c];
                            t.text[j] = syntax_chars[c];
                            t.text[j + 1] = '\0';
                            t.glyph[j] = (uint8_t)i;
                            t.length = j + 1;
                            beam_push(&next[j + 1], &t);
                        }
                    }
                }
            memcpy(cur, next, sizeof(beam) * (size_t)(L + 1));
        }
        for (int b = 0; b < cur[L].count; b++) {
            const hypothesis *h = &cur[L].h[b];
            float norm = h->score / (float)L + q->log_prior;
            int slot;
            add_candidate(out, &n, capacity, h->text, expf(norm), q->name, &slot);
            if (norm > best_norm) {
                best_norm = norm;
                best_full = *h;
            }
        }
    }
    if (n > 0 && best_full.length > 0) {
        for (int k = 0; k < best_full.length; k++) {
            int g = best_full.glyph[k];
            int c = char_class(best_full.text[k]);
            if (char_confidence)
                char_confidence[k] = glyphs[g].prob[c];
            if (glyph_of)
                glyph_of[k] = g;
        }
    }
    return n;
}
