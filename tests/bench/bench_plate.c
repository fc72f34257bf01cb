/*
 * Plates end to end, through the public API: accuracy and speed on the
 * real photos of the dev data, side by side with OpenALPR 2.3 on the same
 * images, on one thread.
 *
 *   bench_plate DATA_DIR [--sets us,eu,br] [--top N] [--min-confidence C] [-v|-vv]
 *
 * (min-confidence defaults to 0.1 here, top to 10.)
 *
 * DATA_DIR is ../shared/data/plates: us/, eu/, br/ (images with one
 * ground-truth .txt each: "<image>\t<x>\t<y>\t<w>\t<h>\t<TEXT>") and
 * openalpr-2.3-dev.tsv. Without it the program says so and exits 0.
 *
 * Each image is decoded (Leptonica) into a BGR frame before the clock
 * starts; the time is that of vision_plate_process() alone, wall clock,
 * with the thread's CPU time beside it (it does not grow when other programs
 * share the cores; on an idle machine the two agree).
 * A plate is detected when a reported box has IoU > 0.4 with the ground
 * truth. Top-1 is right when the text of the image's most confident plate
 * equals the truth, letters and digits only, upper case; top-N when the
 * truth is among the candidates of the plate at the ground-truth box (the
 * most confident plate when none is there). The handle reads the set's
 * country only (as OpenALPR's -c), with top_n candidates (default 10, like
 * the OpenALPR figures' -n 10).
 *
 * One thread: the program sets OPENCV_FOR_THREADS_NUM=1 and
 * OMP_THREAD_LIMIT=1 and re-executes itself, so that both are in place
 * before OpenCV or Tesseract (OpenMP) load. Peak memory is the process's
 * peak resident set (getrusage), images included.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <dirent.h>
#include <leptonica/allheaders.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <vision/vision.h>

#define MAX_IMAGES 2048
#define TEXT_SIZE 64

typedef struct sample {
    char image[1536];
    char name[256];
    int box[4];
    char text[TEXT_SIZE];
    /* OpenALPR's figures for the image, when the .tsv has it. */
    int alpr_known, alpr_detected, alpr_top1, alpr_top10;
    double alpr_ms;
} sample;

typedef struct set_figures {
    int images, detected, top1, topn;
    double median_ms, p90_ms, mean_ms;
    double median_cpu_ms, p90_cpu_ms; /* the thread's CPU time: unaffected by other programs */
    int alpr_images, alpr_detected, alpr_top1, alpr_top10;
    double alpr_median_ms, alpr_p90_ms;
} set_figures;

static double clock_ms(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double now_ms(void)
{
    return clock_ms(CLOCK_MONOTONIC);
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_name(const void *a, const void *b)
{
    return strcmp(((const sample *)a)->name, ((const sample *)b)->name);
}

/* Quantile of sorted values, nearest rank. */
static double quantile(const double *sorted, int n, double q)
{
    if (n <= 0)
        return 0;
    int k = (int)(q * n + 0.999999) - 1;
    k = k < 0 ? 0 : k >= n ? n - 1 : k;
    return sorted[k];
}

static double box_iou(const int *a, const int *b)
{
    int x0 = a[0] > b[0] ? a[0] : b[0], y0 = a[1] > b[1] ? a[1] : b[1];
    int x1 = a[0] + a[2] < b[0] + b[2] ? a[0] + a[2] : b[0] + b[2];
    int y1 = a[1] + a[3] < b[1] + b[3] ? a[1] + a[3] : b[1] + b[3];
    if (x1 <= x0 || y1 <= y0)
        return 0;
    double inter = (double)(x1 - x0) * (y1 - y0);
    return inter / ((double)a[2] * a[3] + (double)b[2] * b[3] - inter);
}

static void normalise(char *out, size_t size, const char *in)
{
    size_t n = 0;
    for (; *in && n + 1 < size; in++)
        if (isalnum((unsigned char)*in))
            out[n++] = (char)toupper((unsigned char)*in);
    out[n] = '\0';
}

static int load_set(sample *samples, int capacity, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < capacity) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
            continue;
        char path[1536];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        char line[1024];
        if (fgets(line, sizeof line, f)) {
            sample *s = &samples[n];
            memset(s, 0, sizeof *s);
            char image[256], text[TEXT_SIZE];
            if (sscanf(line, "%255[^\t]\t%d\t%d\t%d\t%d\t%63[^\t\r\n]", image, &s->box[0],
                       &s->box[1], &s->box[2], &s->box[3], text) == 6) {
                snprintf(s->name, sizeof s->name, "%s", image);
                snprintf(s->image, sizeof s->image, "%s/%s", dir, image);
                normalise(s->text, sizeof s->text, text);
                n++;
            }
        }
        fclose(f);
    }
    closedir(d);
    qsort(samples, (size_t)n, sizeof samples[0], compare_name);
    return n;
}

/* OpenALPR's per-image figures: set, image, gt, top1, detected, top1_correct, in_top10, ms. */
static void load_openalpr(sample *samples, int n, const char *tsv, const char *set)
{
    FILE *f = fopen(tsv, "r");
    if (!f)
        return;
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        /* Split on tabs by hand: scanf would let "\t" swallow empty fields. */
        char *field[8];
        int k = 0;
        char *p = line;
        field[k++] = p;
        for (; *p && k < 8; p++) {
            if (*p == '\t') {
                *p = '\0';
                field[k++] = p + 1;
            }
        }
        if (k < 8)
            continue;
        const char *s = field[0], *image = field[1];
        int det = atoi(field[4]), t1 = atoi(field[5]), t10 = atoi(field[6]);
        double ms = atof(field[7]);
        if (strcmp(s, set) != 0)
            continue;
        for (int i = 0; i < n; i++) {
            if (strcmp(samples[i].name, image) == 0) {
                samples[i].alpr_known = 1;
                samples[i].alpr_detected = det;
                samples[i].alpr_top1 = t1;
                samples[i].alpr_top10 = t10;
                samples[i].alpr_ms = ms;
            }
        }
    }
    fclose(f);
}

/* Decode an image into a tightly packed BGR buffer (not timed). */
static uint8_t *decode_bgr(const char *path, int *width, int *height)
{
    PIX *pix = pixRead(path);
    if (!pix)
        return NULL;
    PIX *rgb = pixConvertTo32(pix);
    pixDestroy(&pix);
    if (!rgb)
        return NULL;
    int w = pixGetWidth(rgb), h = pixGetHeight(rgb), wpl = pixGetWpl(rgb);
    uint8_t *bgr = malloc((size_t)w * h * 3);
    if (bgr) {
        const l_uint32 *data = pixGetData(rgb);
        for (int y = 0; y < h; y++) {
            const l_uint32 *line = data + (size_t)y * wpl;
            uint8_t *out = bgr + (size_t)y * w * 3;
            for (int x = 0; x < w; x++) {
                l_uint32 p = line[x];
                out[3 * x] = (uint8_t)(p >> L_BLUE_SHIFT);
                out[3 * x + 1] = (uint8_t)(p >> L_GREEN_SHIFT);
                out[3 * x + 2] = (uint8_t)(p >> L_RED_SHIFT);
            }
        }
    }
    *width = w;
    *height = h;
    pixDestroy(&rgb);
    return bgr;
}

static int run_set(const char *data_dir, const char *set, int top_n, double min_confidence,
                   int verbose, set_figures *fig)
{
    memset(fig, 0, sizeof *fig);
    static sample samples[MAX_IMAGES];
    char dir[1200], tsv[1200];
    snprintf(dir, sizeof dir, "%s/%s", data_dir, set);
    snprintf(tsv, sizeof tsv, "%s/openalpr-2.3-dev.tsv", data_dir);
    int n = load_set(samples, MAX_IMAGES, dir);
    if (n <= 0) {
        fprintf(stderr, "bench_plate: no ground truth in %s\n", dir);
        return -1;
    }
    load_openalpr(samples, n, tsv, set);

    vision_plate_options o = VISION_PLATE_OPTIONS_INIT;
    if (vision_plate_countries_parse(&o.countries, set) != VISION_OK) {
        fprintf(stderr, "bench_plate: %s\n", vision_last_error());
        return -1;
    }
    o.top_n = top_n;
    o.min_confidence = min_confidence;
    vision_plate *h = NULL;
    if (vision_plate_new(&h, &o) != VISION_OK) {
        fprintf(stderr, "bench_plate: %s\n", vision_last_error());
        return -1;
    }
    double *ms = calloc((size_t)n, sizeof *ms), *alpr_ms = calloc((size_t)n, sizeof *alpr_ms);
    double *cpu = calloc((size_t)n, sizeof *cpu);
    if (!ms || !alpr_ms || !cpu) {
        vision_plate_free(h);
        free(ms);
        free(alpr_ms);
        free(cpu);
        return -1;
    }
    int timed = 0;
    for (int i = 0; i < n; i++) {
        sample *s = &samples[i];
        int w, hgt;
        uint8_t *bgr = decode_bgr(s->image, &w, &hgt);
        if (!bgr) {
            fprintf(stderr, "bench_plate: cannot decode %s\n", s->image);
            continue;
        }
        vision_frame f = VISION_FRAME_INIT;
        vision_frame_wrap(&f, VISION_PIXEL_FORMAT_BGR, (uint32_t)w, (uint32_t)hgt, bgr,
                          (uint64_t)w * hgt * 3);
        double t0 = now_ms(), c0 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
        int rc = vision_plate_process(h, &f);
        double t1 = now_ms(), c1 = clock_ms(CLOCK_THREAD_CPUTIME_ID);
        if (rc != VISION_OK) {
            fprintf(stderr, "bench_plate: %s: %s\n", s->name, vision_plate_last_error(h));
            free(bgr);
            continue;
        }
        cpu[timed] = c1 - c0;
        ms[timed++] = t1 - t0;
        fig->images++;

        /* The plate at the ground-truth box, else the most confident one. */
        uint32_t count = vision_plate_result_count(h);
        vision_plate_result best = VISION_PLATE_RESULT_INIT, first = VISION_PLATE_RESULT_INIT;
        int have_best = 0;
        for (uint32_t k = 0; k < count; k++) {
            vision_plate_result r = VISION_PLATE_RESULT_INIT;
            vision_plate_get_result(&r, h, k);
            if (k == 0)
                first = r;
            if (!have_best && box_iou(r.box, s->box) > 0.4) {
                best = r;
                have_best = 1;
            }
        }
        int detected = have_best;
        /* Top-1 is strict: the most confident plate of the image, wherever
         * it is (what OpenALPR's top reading is too). Top-N looks at the
         * candidates of the plate found at the truth's box. */
        const vision_plate_result *chosen = have_best ? &best : count ? &first : NULL;
        int top1 = 0, topn = 0;
        if (count) {
            char t[TEXT_SIZE];
            normalise(t, sizeof t, first.text);
            top1 = strcmp(t, s->text) == 0;
        }
        if (chosen) {
            char t[TEXT_SIZE];
            for (uint32_t c = 0; c < chosen->candidate_count && !topn; c++) {
                normalise(t, sizeof t, chosen->candidates[c]);
                topn = strcmp(t, s->text) == 0;
            }
        }
        fig->detected += detected;
        fig->top1 += top1;
        fig->topn += topn;
        if (s->alpr_known) {
            alpr_ms[fig->alpr_images++] = s->alpr_ms;
            fig->alpr_detected += s->alpr_detected;
            fig->alpr_top1 += s->alpr_top1;
            fig->alpr_top10 += s->alpr_top10;
        }
        if (verbose && !top1)
            printf("    %s %-28s truth %-9s read %-9s %s (%u plates, %.1f ms)\n", set, s->name,
                   s->text, count ? first.text : "-", detected ? "detected" : "not detected", count,
                   t1 - t0);
        if (verbose > 1 && !top1) {
            /* every plate of the image, and the candidates of the one at the
             * truth's box */
            for (uint32_t k = 0; k < count; k++) {
                vision_plate_result r = VISION_PLATE_RESULT_INIT;
                vision_plate_get_result(&r, h, k);
                printf("        plate %u %-9s conf %.3f det %.2f pattern %s box %d,%d,%d,%d%s\n", k,
                       r.text, r.confidence, r.detection_score, r.pattern[0] ? r.pattern : "-",
                       r.box[0], r.box[1], r.box[2], r.box[3],
                       box_iou(r.box, s->box) > 0.4 ? " (truth box)" : "");
            }
            if (chosen)
                for (uint32_t c = 0; c < chosen->candidate_count; c++)
                    printf("          %s %.3f\n", chosen->candidates[c],
                           chosen->candidate_confidence[c]);
        }
        free(bgr);
    }
    qsort(ms, (size_t)timed, sizeof *ms, compare_double);
    qsort(cpu, (size_t)timed, sizeof *cpu, compare_double);
    fig->median_cpu_ms = quantile(cpu, timed, 0.5);
    fig->p90_cpu_ms = quantile(cpu, timed, 0.9);
    qsort(alpr_ms, (size_t)fig->alpr_images, sizeof *alpr_ms, compare_double);
    fig->median_ms = quantile(ms, timed, 0.5);
    fig->p90_ms = quantile(ms, timed, 0.9);
    double sum = 0;
    for (int i = 0; i < timed; i++)
        sum += ms[i];
    fig->mean_ms = timed ? sum / timed : 0;
    fig->alpr_median_ms = quantile(alpr_ms, fig->alpr_images, 0.5);
    fig->alpr_p90_ms = quantile(alpr_ms, fig->alpr_images, 0.9);
    free(ms);
    free(alpr_ms);
    free(cpu);
    vision_plate_free(h);
    return 0;
}

static double pct(int a, int b)
{
    return b ? 100.0 * a / b : 0.0;
}

int main(int argc, char **argv)
{
    /* One thread, set before OpenCV's and OpenMP's runtimes read them. */
    if (!getenv("VISION_BENCH_REEXEC")) {
        setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
        setenv("OMP_THREAD_LIMIT", "1", 1);
        setenv("VISION_BENCH_REEXEC", "1", 1);
        execv("/proc/self/exe", argv);
        /* exec failed: carry on, the variables still reach lazy readers */
    }
    const char *data_dir = NULL, *sets = "us,eu,br";
    int top_n = 10, verbose = 0;
    /* Low: the figures are about what is found and read; the readings'
     * confidences are not calibrated alike across sets (the library's
     * default, 0.5, suits events better). */
    double min_confidence = 0.1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--sets") == 0 && i + 1 < argc)
            sets = argv[++i];
        else if (strcmp(argv[i], "--top") == 0 && i + 1 < argc)
            top_n = atoi(argv[++i]);
        else if (strcmp(argv[i], "--min-confidence") == 0 && i + 1 < argc)
            min_confidence = atof(argv[++i]);
        else if (strcmp(argv[i], "-v") == 0)
            verbose = verbose > 1 ? verbose : 1;
        else if (strcmp(argv[i], "-vv") == 0)
            verbose = 2;
        else if (argv[i][0] == '-') {
            fprintf(stderr, "usage: bench_plate DATA_DIR [--sets us,eu,br] [--top N] "
                            "[--min-confidence C] [-v|-vv]\n");
            return 2;
        } else
            data_dir = argv[i];
    }
    struct stat st;
    if (!data_dir || stat(data_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("bench_plate: data folder %s not found; skipped.\n",
               data_dir ? data_dir : "(none given)");
        return 0;
    }
    if (top_n < 1 || top_n > VISION_PLATE_MAX_CANDIDATES)
        top_n = 10;

    printf("## Plates: end to end on %s (one thread, decode excluded)\n\n", data_dir);
    printf("libvision %s, top_n %d, min_confidence %.2f; OpenALPR 2.3 from "
           "openalpr-2.3-dev.tsv on the same images.\n\n",
           vision_version_string(), top_n, min_confidence);
    printf("| set | images | detected | top-1 right | top-%d right | median ms | p90 ms | "
           "median CPU ms | p90 CPU ms | OpenALPR detected | OpenALPR top-1 | OpenALPR top-10 | "
           "OpenALPR median ms | OpenALPR p90 ms |\n",
           top_n);
    printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    fflush(stdout);
    char list[64];
    snprintf(list, sizeof list, "%s", sets);
    for (char *set = strtok(list, ","); set; set = strtok(NULL, ",")) {
        set_figures fig;
        if (run_set(data_dir, set, top_n, min_confidence, verbose, &fig) != 0)
            continue;
        printf(
            "| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f | %.1f | %.1f | %.1f | %.1f%% | %.1f%% | "
            "%.1f%% | %.0f | %.0f |\n",
            set, fig.images, pct(fig.detected, fig.images), pct(fig.top1, fig.images),
            pct(fig.topn, fig.images), fig.median_ms, fig.p90_ms, fig.median_cpu_ms, fig.p90_cpu_ms,
            pct(fig.alpr_detected, fig.alpr_images), pct(fig.alpr_top1, fig.alpr_images),
            pct(fig.alpr_top10, fig.alpr_images), fig.alpr_median_ms, fig.alpr_p90_ms);
        fflush(stdout);
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\nPeak memory (resident set of the whole benchmark process, decoded images "
           "included): %.1f MB\n",
           ru.ru_maxrss / 1024.0);
    return 0;
}
