/*
 * Plate reading alone (white-box): how often the reader gets the text of
 * each photo of the dev data right when handed the ground-truth plate box,
 * and when handed that box jittered (each edge moved by up to 8% of the
 * plate's width or 15% of its height, a fixed pseudo-random draw), as a
 * detector's boxes are; and what a reading costs, on one thread.
 *
 *   bench_plate_ocr DATA_DIR [-v]
 *
 * It also reads, per image, a region of the plate's size where there is no
 * plate (a corner of the image): the CPU cost of a false detection, and how
 * many such regions still give a reading of confidence >= 0.5.
 *
 * DATA_DIR holds us/, eu/ and br/ (images with one ground-truth .txt each:
 * "<image>\t<x>\t<y>\t<w>\t<h>\t<TEXT>"). Without it the program says so and
 * exits 0. Text is compared upper-case letters and digits only. -v lists
 * every reading.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <ctype.h>
#include <dirent.h>
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/alloc.h"
#include "plate/plate_ocr_tess.h"
#include "plate/plate_reader.h"

#define MAX_IMAGES 1024

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* CPU time of this thread: what a reading costs even when other programs
 * share the machine (wall time then includes waiting for a core). */
static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int compare_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void normalise(char *out, const char *in)
{
    int n = 0;
    for (; *in && n < 31; in++)
        if (isalnum((unsigned char)*in))
            out[n++] = (char)toupper((unsigned char)*in);
    out[n] = '\0';
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static float jitter(uint32_t *s, float range)
{
    return ((float)(lcg(s) % 2001) / 1000.0f - 1.0f) * range;
}

static void box_region(plate_region *r, float x, float y, float w, float h)
{
    memset(r, 0, sizeof *r);
    r->box[0] = (int)x;
    r->box[1] = (int)y;
    r->box[2] = (int)w;
    r->box[3] = (int)h;
    const float q[4][2] = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
    memcpy(r->corners, q, sizeof q);
    r->score = 1;
}

/* Load an image as gray into a malloc'd vis_image. */
static int load_gray(const char *path, vis_image *img)
{
    PIX *pix = pixRead(path);
    if (!pix)
        return -1;
    PIX *g = pixConvertTo8(pix, 0);
    pixDestroy(&pix);
    if (!g)
        return -1;
    int w = pixGetWidth(g), h = pixGetHeight(g);
    img->data = malloc((size_t)w * h);
    img->width = w;
    img->height = h;
    img->stride = (size_t)w;
    img->channels = 1;
    l_uint32 *line = pixGetData(g);
    int wpl = pixGetWpl(g);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            img->data[(size_t)y * w + x] = (uint8_t)GET_DATA_BYTE(line + y * wpl, x);
    pixDestroy(&g);
    return 0;
}

static int in_candidates(const plate_reading *r, const char *truth)
{
    for (int i = 0; i < r->candidate_count; i++) {
        char t[32];
        normalise(t, r->candidates[i].text);
        if (!strcmp(t, truth))
            return 1;
    }
    return 0;
}

static int run_set(const char *dir, const char *set, uint32_t country, int verbose)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, set);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    char *names[MAX_IMAGES];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < MAX_IMAGES) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".txt"))
            names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)count, sizeof *names, compare_name);

    plate_reader_config config = {.countries = country, .max_candidates = 10};
    plate_reader *reader;
    vis_error_buffer errors = {{0}};
    double t0 = now_ms();
    if (plate_reader_new(&reader, &config, &errors) != VISION_OK) {
        fprintf(stderr, "plate_reader_new: %s\n", errors.message);
        return -1;
    }
    double init_ms = now_ms() - t0;
    /* Tesseract's LSTM engine on the same ground-truth box, as a user of
     * Tesseract alone would call it: the library's reading measured
     * against it (docs/ACCURACY.md). */
    plate_tess *tess = NULL;
    if (plate_tess_new(&tess, NULL, &errors) != VISION_OK)
        fprintf(stderr, "Tesseract: %s (its columns stay empty)\n", errors.message);
    int tess_top1 = 0, ntess = 0;
    double *tess_ms = calloc((size_t)count + 1, sizeof *tess_ms);
    int images = 0, top1 = 0, topn = 0, jtop1 = 0, jtopn = 0;
    double *ms = calloc((size_t)count * 2, sizeof *ms);
    double *cpu = calloc((size_t)count * 2, sizeof *cpu);
    double *bg_cpu = calloc((size_t)count, sizeof *bg_cpu);
    int nbg = 0, bg_read = 0;
    int nms = 0;
    uint32_t seed = 12345;
    for (int i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s/%s", dir, set, names[i]);
        FILE *f = fopen(path, "r");
        char image[512], text[64];
        int x, y, w, h;
        int ok = f && fscanf(f, "%511s %d %d %d %d %63s", image, &x, &y, &w, &h, text) == 6;
        if (f)
            fclose(f);
        if (!ok)
            continue;
        snprintf(path, sizeof path, "%s/%s/%s", dir, set, image);
        vis_image img;
        if (load_gray(path, &img) != 0)
            continue;
        char truth[32];
        normalise(truth, text);
        images++;
        for (int pass = 0; pass < 2; pass++) {
            plate_region region;
            if (pass == 0)
                box_region(&region, (float)x, (float)y, (float)w, (float)h);
            else {
                float x0 = x + jitter(&seed, 0.08f * w), x1 = x + w + jitter(&seed, 0.08f * w);
                float y0 = y + jitter(&seed, 0.15f * h), y1 = y + h + jitter(&seed, 0.15f * h);
                box_region(&region, x0, y0, x1 - x0, y1 - y0);
            }
            plate_reading reading;
            double t = now_ms(), c = cpu_ms();
            int rc = plate_reader_read(reader, &img, NULL, &region, &reading, &errors);
            cpu[nms] = cpu_ms() - c;
            ms[nms++] = now_ms() - t;
            if (rc != VISION_OK) {
                fprintf(stderr, "%s: %s\n", image, errors.message);
                continue;
            }
            char got[32] = "";
            if (reading.candidate_count)
                normalise(got, reading.candidates[0].text);
            int right = !strcmp(got, truth), inn = in_candidates(&reading, truth);
            if (pass == 0)
                top1 += right, topn += inn;
            else
                jtop1 += right, jtopn += inn;
            if (verbose)
                printf("%s %s %-6s truth %-9s read %-9s %.2f %s%s\n", set, image,
                       pass ? "jitter" : "exact", truth, got,
                       reading.candidate_count ? reading.candidates[0].confidence : 0.0f,
                       reading.candidate_count ? reading.candidates[0].pattern : "",
                       right ? "" : (inn ? "  (in top-N)" : "  MISS"));
        }
        if (tess) {
            /* the box and a tenth of its height around it, inside the image */
            int m = h / 10, cx = x - m > 0 ? x - m : 0, cy = y - m > 0 ? y - m : 0;
            int cw = (x + w + m < img.width ? x + w + m : img.width) - cx;
            int ch = (y + h + m < img.height ? y + h + m : img.height) - cy;
            char got[64];
            float conf;
            double c = cpu_ms();
            if (cw > 0 && ch > 0 &&
                plate_tess_read_line(tess, img.data + (size_t)cy * img.stride + cx, img.stride, cw,
                                     ch, got, sizeof got, &conf) == VISION_OK) {
                tess_ms[ntess++] = cpu_ms() - c;
                tess_top1 += !strcmp(got, truth);
                if (verbose)
                    printf("%s %s tesseract truth %-9s read %-9s %.2f\n", set, image, truth, got,
                           conf);
            }
        }
        /* a region of the plate's size where there is no plate (the
         * image's top-left corner, or its bottom-left when the plate is
         * there): what a false detection costs */
        {
            plate_region region;
            float by = (y > img.height / 2) ? 0.0f : (float)(img.height - h - 1);
            box_region(&region, 0.0f, by, (float)w, (float)h);
            plate_reading reading;
            double c = cpu_ms();
            if (plate_reader_read(reader, &img, NULL, &region, &reading, &errors) == VISION_OK) {
                bg_cpu[nbg++] = cpu_ms() - c;
                bg_read += reading.candidate_count > 0 && reading.candidates[0].confidence >= 0.5f;
            }
        }
        free(img.data);
    }
    qsort(bg_cpu, (size_t)nbg, sizeof *bg_cpu, compare_double);
    qsort(ms, (size_t)nms, sizeof *ms, compare_double);
    qsort(cpu, (size_t)nms, sizeof *cpu, compare_double);
    double median = nms ? ms[nms / 2] : 0, p90 = nms ? ms[nms * 9 / 10] : 0;
    double cpu_median = nms ? cpu[nms / 2] : 0, cpu_p90 = nms ? cpu[nms * 9 / 10] : 0;
    qsort(tess_ms, (size_t)ntess, sizeof *tess_ms, compare_double);
    char tess_cols[64] = " | |";
    if (ntess)
        snprintf(tess_cols, sizeof tess_cols, " %.1f%% | %.2f |", 100.0 * tess_top1 / ntess,
                 tess_ms[ntess / 2]);
    printf("| %s | %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.2f | %.2f | %.2f | %.2f | %.0f | "
           "%.2f | %d |%s\n",
           set, images, 100.0 * top1 / (images ? images : 1), 100.0 * topn / (images ? images : 1),
           100.0 * jtop1 / (images ? images : 1), 100.0 * jtopn / (images ? images : 1), median,
           p90, cpu_median, cpu_p90, init_ms, nbg ? bg_cpu[nbg / 2] : 0.0, bg_read, tess_cols);
    fflush(stdout);
    free(ms);
    free(cpu);
    free(bg_cpu);
    free(tess_ms);
    plate_tess_free(tess);
    for (int i = 0; i < count; i++)
        free(names[i]);
    plate_reader_free(reader);
    return 0;
}

int main(int argc, char **argv)
{
    /* One thread, set before OpenCV or Tesseract read their settings: the
     * program runs itself again with the variables in place. */
    if (!getenv("OPENCV_FOR_THREADS_NUM") || !getenv("OMP_THREAD_LIMIT")) {
        setenv("OPENCV_FOR_THREADS_NUM", "1", 1);
        setenv("OMP_THREAD_LIMIT", "1", 1);
        execv("/proc/self/exe", argv);
    }
    const char *dir = argc > 1 ? argv[1] : getenv("VISION_PLATE_DATA");
    int verbose = argc > 2 && !strcmp(argv[2], "-v");
    struct stat st;
    if (!dir || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("bench_plate_ocr: no plate data folder given or found (%s); skipped\n",
               dir ? dir : "none");
        return 0;
    }
    printf("Reading from the ground-truth box (exact) and from a jittered box; one thread; "
           "ms = plate_reader_read() per reading (wall clock, and CPU time of the thread), both passes.\n\n");
    printf("| set | images | top-1 exact | top-N exact | top-1 jittered | top-N jittered | median "
           "ms | p90 ms | median CPU ms | p90 CPU ms | reader init ms | no-plate region median "
           "CPU ms | no-plate regions read at >= 0.5 | Tesseract LSTM top-1 exact | Tesseract median "
           "CPU ms |\n"
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    static const struct {
        const char *name;
        uint32_t country;
    } sets[] = {{"us", PLATE_COUNTRY_US}, {"eu", PLATE_COUNTRY_EU}, {"br", PLATE_COUNTRY_BR}};
    for (int s = 0; s < 3; s++)
        if (run_set(dir, sets[s].name, sets[s].country, verbose) != 0)
            return 1;
    return 0;
}
