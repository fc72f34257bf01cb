/*
 * vision plate: find and read licence plates in images, videos, Y4M or raw
 * frames, and print JSON Lines (see docs/cli.md).
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <vision/vision.h>

#include "commands.h"
#include "json.h"
#include "progress.h"
#include "source.h"

typedef struct plate_cli {
    vision_plate_options options;
    int mode_forced; /* --still or --video given */
    int every;       /* video: print every N-th frame line */
    frame_source_options source;
    const char *file; /* input being read, for event lines */
} plate_cli;

const char command_plate_help[] =
    "Usage: vision plate [OPTIONS] INPUT...\n"
    "\n"
    "Find and read licence plates. One JSON line per image or analysed frame:\n"
    "  {\"file\":\"car.jpg\",\"frame\":0,\"width\":1280,\"height\":720,\"process_ms\":12.3,\n"
    "   \"plates\":[{\"text\":\"BA123XY\",\"confidence\":0.93,\"pattern\":\"eu-sk\",\n"
    "   \"char_confidence\":[...],\"box\":[x,y,w,h],\"corners\":[[x,y],[x,y],[x,y],[x,y]],\n"
    "   \"candidates\":[{\"text\":\"BA123XY\",\"confidence\":0.93}],\"track\":null}]}\n"
    "Videos, Y4M and raw frames run in video mode (plates tracked, \"track\" is the\n"
    "track id) and also print one line per event:\n"
    "  {\"file\":\"clip.mp4\",\"event\":\"new\",\"frame\":42,\"track\":3,\"text\":...}\n"
    "(\"new\": first confident reading; \"update\": reading changed or clearly\n"
    "improved; \"end\": the track ended, with its best reading). process_ms is the\n"
    "library's time for the frame, decoding excluded.\n"
    "\n"
    "Plate options:\n"
    "  --country LIST        countries to read: us, eu, br or all, comma-separated\n"
    "                        (default all)\n"
    "  --top N               candidates per plate, 1..10 (default 5)\n"
    "  --min-confidence C    leave out plates read with less, 0..1 (default 0.5)\n"
    "  --min-width PX        narrowest plate looked for, frame pixels\n"
    "  --max-width PX        widest plate looked for, frame pixels\n"
    "  --analysis-width PX   search plates in frames scaled to this width (plates\n"
    "                        are still read at full resolution); default full size\n"
    "  --roi X,Y,X,Y,...     region of interest: polygon of 3..16 points relative\n"
    "                        to the frame (0..1)\n"
    "  --ocr-data DIR        Tesseract data directory (default: the system's)\n"
    "  --still, --video      force the mode (default: still for images, video for\n"
    "                        videos, Y4M and raw frames)\n"
    "  --every N             video: print a frame line every N frames only (events\n"
    "                        are always printed; every frame is analysed)\n"
    "\n" FRAME_SOURCE_OPTIONS_HELP "\n"
    "Other options:\n"
    "  -h, --help            show this help\n"
    "\n"
    "Exit status: 0 all inputs read, 1 the library failed on a frame, 2 bad command\n"
    "line or options, 3 an input was missing, unreadable or malformed.\n";

static void on_event(const vision_plate_event *e, void *user_data)
{
    const plate_cli *cli = user_data;
    fputs("{\"file\":", stdout);
    json_write_string(stdout, cli->file);
    fputc(',', stdout);
    json_write_plate_event(stdout, e);
    fputs("}\n", stdout);
}

static void print_frame(const vision_plate *h, const char *file, int64_t frame,
                        const vision_frame *f, double ms)
{
    printf("{\"file\":");
    json_write_string(stdout, file);
    printf(",\"frame\":%lld,\"width\":%u,\"height\":%u,\"process_ms\":%.2f,\"plates\":[",
           (long long)frame, f->width, f->height, ms);
    uint32_t n = vision_plate_result_count(h);
    for (uint32_t i = 0; i < n; i++) {
        vision_plate_result r = VISION_PLATE_RESULT_INIT;
        if (vision_plate_get_result(&r, h, i) != VISION_OK)
            continue;
        printf("%s{\"text\":", i ? "," : "");
        json_write_string(stdout, r.text);
        printf(",\"confidence\":%.3f,\"pattern\":", r.confidence);
        json_write_string(stdout, r.pattern);
        printf(",\"char_confidence\":[");
        for (uint32_t k = 0; k < r.char_count && k < VISION_PLATE_TEXT_SIZE; k++)
            printf("%s%.2f", k ? "," : "", r.char_confidence[k]);
        printf("],");
        json_write_plate_geometry(stdout, r.box, r.corners);
        printf(",");
        json_write_plate_candidates(stdout, r.candidate_count, r.candidates, r.candidate_confidence);
        if (r.track_id >= 0)
            printf(",\"track\":%d}", r.track_id);
        else
            printf(",\"track\":null}");
    }
    printf("]}\n");
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int parse_roi(vision_plate_options *o, const char *text)
{
    uint32_t n = 0;
    const char *p = text;
    while (*p) {
        char *end;
        double v = strtod(p, &end);
        if (end == p || n >= 2 * VISION_PLATE_ROI_MAX_POINTS)
            return -1;
        o->roi[n++] = v;
        p = end;
        if (*p == ',')
            p++;
        else if (*p)
            return -1;
    }
    if (n % 2)
        return -1;
    o->roi_point_count = n / 2;
    return 0;
}

/* Read one input to its end; returns an exit code. */
static int run_input(plate_cli *cli, const char *path, vision_plate *still)
{
    char error[512] = "";
    frame_source *source = NULL;
    if (frame_source_open(&source, path, &cli->source, error, sizeof error) != VISION_OK) {
        cli_error("plate", "%s", error);
        return EXIT_INPUT;
    }
    int video = frame_source_get_kind(source) != FRAME_SOURCE_IMAGE;
    if (cli->mode_forced)
        video = cli->options.mode == VISION_PLATE_MODE_VIDEO;

    vision_plate *h = still;
    if (video) {
        /* A fresh handle per video: tracks never run from one input into the next. */
        vision_plate_options o = cli->options;
        o.mode = VISION_PLATE_MODE_VIDEO;
        if (vision_plate_new(&h, &o) != VISION_OK) {
            cli_error("plate", "%s", vision_last_error());
            frame_source_close(source);
            return EXIT_FAILURE_ANALYSIS;
        }
        vision_plate_set_callback(h, on_event, cli);
    }

    cli->file = path;
    progress bar;
    progress_begin(&bar, strcmp(path, "-") == 0 ? "stdin" : path, frame_source_count(source));
    int status = EXIT_OK, got;
    vision_frame frame;
    while ((got = frame_source_read(source, &frame, error, sizeof error)) == 1) {
        double t0 = now_ms();
        int prc = vision_plate_process(h, &frame);
        double ms = now_ms() - t0;
        int64_t index = frame_source_index(source);
        if (prc != VISION_OK) {
            cli_error("plate", "%s frame %lld: %s", path, (long long)index,
                      vision_plate_last_error(h));
            status = EXIT_FAILURE_ANALYSIS;
            continue; /* the handle stays usable */
        }
        if (!video || index % cli->every == 0)
            print_frame(h, path, index, &frame, ms);
        fflush(stdout);
        progress_frame(&bar);
    }
    progress_end(&bar);
    if (got < 0) {
        cli_error("plate", "%s", error);
        status = EXIT_INPUT;
    }
    if (video) {
        vision_plate_flush(h); /* END events of the tracks still open */
        vision_plate_free(h);
        fflush(stdout);
    }
    frame_source_close(source);
    return status;
}

enum {
    OPT_COUNTRY = 0x6000,
    OPT_TOP,
    OPT_MIN_CONFIDENCE,
    OPT_MIN_WIDTH,
    OPT_MAX_WIDTH,
    OPT_ANALYSIS_WIDTH,
    OPT_ROI,
    OPT_OCR_DATA,
    OPT_STILL,
    OPT_VIDEO,
    OPT_EVERY
};

/* A whole number in lo..hi, or -1 with a message. */
static int parse_int(const char *text, int lo, int hi, const char *option, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (end == text || *end || v < lo || v > hi) {
        cli_error("plate", "%s wants a whole number in %d..%d, not '%s'", option, lo, hi, text);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int command_plate(int argc, char **argv)
{
    static const struct option long_options[] = {
        FRAME_SOURCE_LONG_OPTIONS,
        {"country", required_argument, NULL, OPT_COUNTRY},
        {"top", required_argument, NULL, OPT_TOP},
        {"min-confidence", required_argument, NULL, OPT_MIN_CONFIDENCE},
        {"min-width", required_argument, NULL, OPT_MIN_WIDTH},
        {"max-width", required_argument, NULL, OPT_MAX_WIDTH},
        {"analysis-width", required_argument, NULL, OPT_ANALYSIS_WIDTH},
        {"roi", required_argument, NULL, OPT_ROI},
        {"ocr-data", required_argument, NULL, OPT_OCR_DATA},
        {"still", no_argument, NULL, OPT_STILL},
        {"video", no_argument, NULL, OPT_VIDEO},
        {"every", required_argument, NULL, OPT_EVERY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    plate_cli cli;
    memset(&cli, 0, sizeof cli);
    vision_plate_options_init(&cli.options);
    cli.every = 1;
    char error[512];
    optind = 0; /* glibc: start afresh, the command may run more than once per process */
    opterr = 0;
    int c, index = 0;
    while ((c = getopt_long(argc, argv, ":h", long_options, &index)) != -1) {
        int value;
        char *end;
        int common = cli_common_option("plate", command_plate_help, c, argv);
        if (common >= 0)
            return common;
        switch (c) {
        case FRAME_SOURCE_OPTION:
            if (frame_source_parse_option(&cli.source, long_options[index].name, optarg, error,
                                          sizeof error) != 1) {
                cli_error("plate", "%s", error);
                return EXIT_USAGE;
            }
            break;
        case OPT_COUNTRY:
            if (vision_plate_countries_parse(&cli.options.countries, optarg) != VISION_OK) {
                cli_error("plate", "--country: %s", vision_last_error());
                return EXIT_USAGE;
            }
            break;
        case OPT_TOP:
            if (parse_int(optarg, 1, VISION_PLATE_MAX_CANDIDATES, "--top", &value))
                return EXIT_USAGE;
            cli.options.top_n = value;
            break;
        case OPT_MIN_CONFIDENCE:
            cli.options.min_confidence = strtod(optarg, &end);
            if (end == optarg || *end || !(cli.options.min_confidence >= 0) ||
                cli.options.min_confidence > 1) {
                cli_error("plate", "--min-confidence wants a number in 0..1, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_MIN_WIDTH:
            if (parse_int(optarg, 0, (int)VISION_FRAME_MAX_DIMENSION, "--min-width", &value))
                return EXIT_USAGE;
            cli.options.min_plate_width = value;
            break;
        case OPT_MAX_WIDTH:
            if (parse_int(optarg, 0, (int)VISION_FRAME_MAX_DIMENSION, "--max-width", &value))
                return EXIT_USAGE;
            cli.options.max_plate_width = value;
            break;
        case OPT_ANALYSIS_WIDTH:
            if (parse_int(optarg, 0, (int)VISION_FRAME_MAX_DIMENSION, "--analysis-width", &value))
                return EXIT_USAGE;
            cli.options.analysis_width = value;
            break;
        case OPT_ROI:
            if (parse_roi(&cli.options, optarg) != 0) {
                cli_error("plate", "--roi wants x,y,x,y,... with 3 to %d points",
                          VISION_PLATE_ROI_MAX_POINTS);
                return EXIT_USAGE;
            }
            break;
        case OPT_OCR_DATA:
            cli.options.ocr_data_path = optarg;
            break;
        case OPT_STILL:
        case OPT_VIDEO:
            cli.options.mode = c == OPT_VIDEO ? VISION_PLATE_MODE_VIDEO : VISION_PLATE_MODE_STILL;
            cli.mode_forced = 1;
            break;
        case OPT_EVERY:
            if (parse_int(optarg, 1, 1000000, "--every", &value))
                return EXIT_USAGE;
            cli.every = value;
            break;
        default:
            break;
        }
    }
    if (frame_source_check_options(&cli.source, error, sizeof error) != 0) {
        cli_error("plate", "%s", error);
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("plate", "no INPUT given; see 'vision help plate'");
        return EXIT_USAGE;
    }

    /* Make the handle once up front: bad options are a usage error, missing
     * OCR data is said once. It serves every still image. */
    vision_plate_options still_options = cli.options;
    still_options.mode = VISION_PLATE_MODE_STILL;
    vision_plate *still = NULL;
    int rc = vision_plate_new(&still, &still_options);
    if (rc != VISION_OK) {
        cli_error("plate", "%s", vision_last_error());
        return rc == VISION_E_OPTION || rc == VISION_E_REGION ? EXIT_USAGE : EXIT_FAILURE_ANALYSIS;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc; i++) {
        int s = run_input(&cli, argv[i], still);
        if (s != EXIT_OK && (status == EXIT_OK || s == EXIT_INPUT))
            status = s;
    }
    vision_plate_free(still);
    return status;
}
