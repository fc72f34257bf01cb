/*
 * vision crowd: occupancy, fluidity and direction of motion in regions of
 * interest, per analysed frame and as events, in JSON Lines.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "json.h"
#include "progress.h"
#include "source.h"

const char command_crowd_help[] =
    "Usage: vision crowd [OPTIONS] INPUT\n"
    "\n"
    "Measure crowds in regions of INPUT (an image, a video, a Y4M file or raw\n"
    "frames; \"-\" is stdin) and print JSON Lines: per analysed frame\n"
    "  {\"frame\":N,\"pts_ms\":T,\"process_ms\":T,\"rois\":[{\"id\":\"door\",\"occupancy\":P,\n"
    "   \"fluidity\":P,\"direction\":DEG_or_null,\"motion\":M}]}\n"
    "and per event\n"
    "  {\"event\":\"occupancy\"|\"fluidity\"|\"direction\",\"frame\":N,\"pts_ms\":T,\n"
    "   \"roi\":\"door\",\"percentage\":P,\"level\":L,\"angle\":DEG}\n"
    "(level events carry \"angle\":null, direction events \"percentage\":null and\n"
    "\"level\":null). Directions are degrees, 0 = up, 90 = right, clockwise; null\n"
    "is \"no motion\". Motion is in pixels of the processing image per analysed frame.\n"
    "\n"
    "Options:\n"
    "  --roi ID=X,Y;X,Y;X,Y...  a region: 3 or more points, coordinates 0..1 of\n"
    "                      width and height (repeatable; quote it for the shell).\n"
    "                      Default: one region \"frame\", the whole frame\n"
    "  --set KEY=VALUE     a region config field for every region, by its Kurento\n"
    "                      name (occupancyLevelMin, occupancyLevelMed,\n"
    "                      occupancyLevelMax, occupancyNumFramesToEvent,\n"
    "                      fluidityLevelMin, fluidityLevelMed, fluidityLevelMax,\n"
    "                      fluidityNumFramesToEvent, sendOpticalFlowEvent,\n"
    "                      opticalFlowNumFramesToEvent, opticalFlowNumFramesToReset,\n"
    "                      opticalFlowAngleOffset) or ours (deadBand, cooldownFrames,\n"
    "                      directionSectors, minMotion); repeatable\n"
    "  --width N           processing width (default 320; 0 = the frame's)\n"
    "  --every N           analyse one frame in N (default 1)\n"
    "  --overlay OUT.y4m   write every frame with the overlay drawn (regions in\n"
    "                      green, static crowd red, moving crowd blue) as Y4M 4:2:0\n"
    "  --events-only       print events only\n"
    "\n" FRAME_SOURCE_OPTIONS_HELP "\n"
    "Other options:\n"
    "  -h, --help          show this help\n"
    "\n"
    "Progress goes to stderr when it is a terminal; VISION_PROGRESS=0 turns it\n"
    "off, VISION_PROGRESS=1 on.\n"
    "\n"
    "Exit status: 0 the input was read to its end, 1 the library failed, 2 bad\n"
    "command line, 3 the input (or the overlay file) was missing, unreadable or\n"
    "malformed, 4 the results could not be written.\n";

#define MAX_REGIONS 64
#define MAX_SETTINGS 64

typedef struct crowd_cli {
    int events_only;
    vision_crowd *crowd;
    int64_t frame; /* index of the frame being processed */
    int64_t pts_ns;
} crowd_cli;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* --- regions from the command line -------------------------------------- */

/* Read a decimal number in the C locale; returns the end or NULL. */
static const char *read_number(const char *p, double *out)
{
    int negative = 0, digits = 0;
    double value = 0, scale = 0.1;
    if (*p == '-' || *p == '+')
        negative = *p++ == '-';
    while (*p >= '0' && *p <= '9') {
        value = value * 10 + (*p++ - '0');
        digits++;
    }
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10, digits++)
            value += (*p - '0') * scale;
    if (!digits)
        return NULL;
    *out = negative ? -value : value;
    return p;
}

/* "ID=x,y;x,y;..." into id and points. Returns the point count, or -1. */
static int parse_roi(const char *text, char *id, size_t id_size, vision_crowd_point **points)
{
    const char *equals = strchr(text, '=');
    if (!equals || equals == text || (size_t)(equals - text) >= id_size)
        return -1;
    memcpy(id, text, (size_t)(equals - text));
    id[equals - text] = '\0';
    size_t capacity = 8, count = 0;
    vision_crowd_point *list = malloc(capacity * sizeof *list);
    if (!list)
        return -1;
    const char *p = equals + 1;
    while (*p) {
        double x, y;
        if (!(p = read_number(p, &x)) || *p++ != ',' || !(p = read_number(p, &y)) ||
            (*p && *p != ';')) {
            free(list);
            return -1;
        }
        if (*p == ';')
            p++;
        if (count == capacity) {
            vision_crowd_point *grown = realloc(list, 2 * capacity * sizeof *list);
            if (!grown) {
                free(list);
                return -1;
            }
            list = grown;
            capacity *= 2;
        }
        list[count++] = (vision_crowd_point){x, y};
    }
    *points = list;
    return (int)count;
}

/* --- output ------------------------------------------------------------- */

static void on_event(const vision_crowd_event *event, void *user_data)
{
    const crowd_cli *cli = user_data;
    fputc('{', stdout);
    json_write_crowd_event(stdout, event, cli->frame);
    fputs("}\n", stdout);
}

static void print_frame(const crowd_cli *cli, double process_ms, size_t regions)
{
    printf("{\"frame\":%lld,\"pts_ms\":", (long long)cli->frame);
    json_write_pts_ms(stdout, cli->pts_ns);
    fputs(",\"process_ms\":", stdout);
    json_write_number(stdout, process_ms, 3);
    fputs(",\"rois\":[", stdout);
    for (size_t i = 0; i < regions; i++) {
        vision_crowd_result r;
        vision_crowd_result_init(&r);
        if (vision_crowd_get_result_at(&r, cli->crowd, i) != VISION_OK)
            continue;
        fputs(i ? ",{\"id\":" : "{\"id\":", stdout);
        json_write_string(stdout, r.region_id);
        fputs(",\"occupancy\":", stdout);
        json_write_number(stdout, r.occupancy, 2);
        fputs(",\"fluidity\":", stdout);
        json_write_number(stdout, r.fluidity, 2);
        fputs(",\"direction\":", stdout);
        if (r.has_direction)
            json_write_number(stdout, r.direction, 1);
        else
            fputs("null", stdout);
        fputs(",\"motion\":", stdout);
        json_write_number(stdout, r.motion, 3);
        fputs("}", stdout);
    }
    fputs("]}\n", stdout);
}

/* --- overlay as Y4M ----------------------------------------------------- */

typedef struct overlay_writer {
    FILE *file;
    uint32_t width, height;
    uint8_t *buffer;
    uint64_t size;
} overlay_writer;

static uint8_t clamp_u8(double v)
{
    return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : lrint(v));
}

/* Bytes of R, G and B in a pixel of a packed RGB format, or -1. */
static int rgb_offsets(uint32_t format, int *bpp, int *r, int *g, int *b)
{
    static const struct {
        uint32_t format;
        int bpp, r, g, b;
    } table[] = {
        {VISION_PIXEL_FORMAT_RGB, 3, 0, 1, 2},  {VISION_PIXEL_FORMAT_BGR, 3, 2, 1, 0},
        {VISION_PIXEL_FORMAT_RGBA, 4, 0, 1, 2}, {VISION_PIXEL_FORMAT_BGRA, 4, 2, 1, 0},
        {VISION_PIXEL_FORMAT_ARGB, 4, 1, 2, 3}, {VISION_PIXEL_FORMAT_ABGR, 4, 3, 2, 1},
        {VISION_PIXEL_FORMAT_RGBX, 4, 0, 1, 2}, {VISION_PIXEL_FORMAT_BGRX, 4, 2, 1, 0},
        {VISION_PIXEL_FORMAT_XRGB, 4, 1, 2, 3}, {VISION_PIXEL_FORMAT_XBGR, 4, 3, 2, 1},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].format == format) {
            *bpp = table[i].bpp;
            *r = table[i].r;
            *g = table[i].g;
            *b = table[i].b;
            return 0;
        }
    return -1;
}

/* Any frame to I420 in `out` (BT.601 limited range, like the YUV inputs). */
static void to_i420(const vision_frame *in, vision_frame *out)
{
    uint32_t w = in->width, h = in->height, cw = (w + 1) / 2, ch = (h + 1) / 2;
    uint8_t *Y = out->planes[0], *U = out->planes[1], *V = out->planes[2];
    int bpp, r, g, b;
    if (rgb_offsets(in->format, &bpp, &r, &g, &b) == 0) {
        for (uint32_t y = 0; y < h; y++)
            for (uint32_t x = 0; x < w; x++) {
                const uint8_t *p = in->planes[0] + (size_t)y * in->strides[0] + (size_t)x * bpp;
                Y[(size_t)y * w + x] = clamp_u8(16 + 0.257 * p[r] + 0.504 * p[g] + 0.098 * p[b]);
                if (!(x & 1) && !(y & 1)) {
                    U[(size_t)(y / 2) * cw + x / 2] =
                        clamp_u8(128 - 0.148 * p[r] - 0.291 * p[g] + 0.439 * p[b]);
                    V[(size_t)(y / 2) * cw + x / 2] =
                        clamp_u8(128 + 0.439 * p[r] - 0.368 * p[g] - 0.071 * p[b]);
                }
            }
        return;
    }
    memset(U, 128, (size_t)cw * ch);
    memset(V, 128, (size_t)cw * ch);
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *row = in->planes[0] + (size_t)y * in->strides[0];
        uint8_t *o = Y + (size_t)y * w;
        switch (in->format) {
        case VISION_PIXEL_FORMAT_GRAY8:
            for (uint32_t x = 0; x < w; x++)
                o[x] = (uint8_t)(16 + row[x] * 219 / 255);
            break;
        case VISION_PIXEL_FORMAT_GRAY16_LE:
            for (uint32_t x = 0; x < w; x++)
                o[x] = (uint8_t)(16 + row[2 * x + 1] * 219 / 255);
            break;
        case VISION_PIXEL_FORMAT_YUY2:
        case VISION_PIXEL_FORMAT_UYVY: {
            int luma = in->format == VISION_PIXEL_FORMAT_YUY2 ? 0 : 1;
            int u = in->format == VISION_PIXEL_FORMAT_YUY2 ? 1 : 0;
            for (uint32_t x = 0; x < w; x++) {
                o[x] = row[2 * x + luma];
                if (!(y & 1) && !(x & 1)) {
                    U[(size_t)(y / 2) * cw + x / 2] = row[2 * x + u];
                    V[(size_t)(y / 2) * cw + x / 2] = row[2 * x + u + 2];
                }
            }
            break;
        }
        default: /* I420, YV12, NV12, NV21: luma as is */
            memcpy(o, row, w);
        }
    }
    for (uint32_t y = 0; y < ch; y++)
        for (uint32_t x = 0; x < cw; x++) {
            uint8_t *u = &U[(size_t)y * cw + x], *v = &V[(size_t)y * cw + x];
            switch (in->format) {
            case VISION_PIXEL_FORMAT_I420:
                *u = in->planes[1][(size_t)y * in->strides[1] + x];
                *v = in->planes[2][(size_t)y * in->strides[2] + x];
                break;
            case VISION_PIXEL_FORMAT_YV12:
                *v = in->planes[1][(size_t)y * in->strides[1] + x];
                *u = in->planes[2][(size_t)y * in->strides[2] + x];
                break;
            case VISION_PIXEL_FORMAT_NV12:
            case VISION_PIXEL_FORMAT_NV21: {
                const uint8_t *pair = in->planes[1] + (size_t)y * in->strides[1] + 2 * x;
                int swap = in->format == VISION_PIXEL_FORMAT_NV21;
                *u = pair[swap];
                *v = pair[!swap];
                break;
            }
            default:
                break;
            }
        }
}

static int overlay_write(overlay_writer *w, vision_crowd *crowd, const vision_frame *in, double fps)
{
    if (!w->buffer) {
        w->width = in->width;
        w->height = in->height;
        if (vision_pixel_format_buffer_size(&w->size, VISION_PIXEL_FORMAT_I420, w->width,
                                            w->height) != VISION_OK ||
            !(w->buffer = malloc(w->size)))
            return -1;
        int num = fps > 0 ? (int)lrint(fps * 1000) : 25000, den = 1000;
        fprintf(w->file, "YUV4MPEG2 W%u H%u F%d:%d Ip A1:1 C420jpeg\n", w->width, w->height, num,
                den);
    }
    if (in->width != w->width || in->height != w->height)
        return 1; /* a Y4M stream has one size: later sizes are left out */
    vision_frame out;
    vision_frame_init(&out);
    vision_frame_wrap(&out, VISION_PIXEL_FORMAT_I420, w->width, w->height, w->buffer, w->size);
    to_i420(in, &out);
    if (vision_crowd_draw(crowd, &out) != VISION_OK)
        return -1;
    fputs("FRAME\n", w->file);
    return fwrite(w->buffer, 1, w->size, w->file) == w->size ? 0 : -1;
}

/* --- the command -------------------------------------------------------- */

int command_crowd(int argc, char **argv)
{
    enum { OPT_ROI = 1, OPT_SET, OPT_WIDTH, OPT_EVERY, OPT_OVERLAY, OPT_EVENTS_ONLY };
    static const struct option long_options[] = {
        FRAME_SOURCE_LONG_OPTIONS,
        {"roi", required_argument, NULL, OPT_ROI},
        {"set", required_argument, NULL, OPT_SET},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"every", required_argument, NULL, OPT_EVERY},
        {"overlay", required_argument, NULL, OPT_OVERLAY},
        {"events-only", no_argument, NULL, OPT_EVENTS_ONLY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    frame_source_options source_options = {0};
    vision_crowd_options options;
    vision_crowd_options_init(&options);
    const char *rois[MAX_REGIONS], *settings[MAX_SETTINGS], *overlay_path = NULL;
    int roi_count = 0, setting_count = 0;
    crowd_cli cli = {0};
    char error[512];
    optind = 0;
    opterr = 0;
    int c, index = 0;
    while ((c = getopt_long(argc, argv, ":h", long_options, &index)) != -1) {
        char *end;
        int common = cli_common_option("crowd", command_crowd_help, c, argv);
        if (common >= 0)
            return common;
        switch (c) {
        case OPT_ROI:
            if (roi_count == MAX_REGIONS) {
                cli_error("crowd", "at most %d --roi", MAX_REGIONS);
                return EXIT_USAGE;
            }
            rois[roi_count++] = optarg;
            break;
        case OPT_SET:
            if (setting_count == MAX_SETTINGS || !strchr(optarg, '=')) {
                cli_error("crowd", "--set takes KEY=VALUE (at most %d), not '%s'", MAX_SETTINGS,
                          optarg);
                return EXIT_USAGE;
            }
            settings[setting_count++] = optarg;
            break;
        case OPT_WIDTH:
        case OPT_EVERY: {
            unsigned long value = strtoul(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end || value > 100000) {
                cli_error("crowd", "--%s takes a whole number, not '%s'",
                          c == OPT_WIDTH ? "width" : "every", optarg);
                return EXIT_USAGE;
            }
            if (c == OPT_WIDTH)
                options.processing_width = (uint32_t)value;
            else
                options.analyse_every = (uint32_t)value;
            break;
        }
        case OPT_OVERLAY:
            overlay_path = optarg;
            break;
        case OPT_EVENTS_ONLY:
            cli.events_only = 1;
            break;
        case FRAME_SOURCE_OPTION:
            if (frame_source_parse_option(&source_options, long_options[index].name, optarg, error,
                                          sizeof error) != 1) {
                cli_error("crowd", "%s", error);
                return EXIT_USAGE;
            }
            break;
        default:
            break;
        }
    }
    if (frame_source_check_options(&source_options, error, sizeof error) != 0) {
        cli_error("crowd", "%s", error);
        return EXIT_USAGE;
    }
    if (optind + 1 != argc) {
        cli_error("crowd", optind >= argc ? "no INPUT given; see 'vision help crowd'"
                                          : "one INPUT only; see 'vision help crowd'");
        return EXIT_USAGE;
    }

    vision_crowd_region_config config;
    vision_crowd_region_config_init(&config);
    for (int i = 0; i < setting_count; i++) {
        char key[128];
        const char *equals = strchr(settings[i], '=');
        size_t length = (size_t)(equals - settings[i]);
        if (length >= sizeof key) {
            cli_error("crowd", "--set %s: unknown field", settings[i]);
            return EXIT_USAGE;
        }
        memcpy(key, settings[i], length);
        key[length] = '\0';
        if (vision_crowd_region_config_set(&config, key, equals + 1) != VISION_OK) {
            cli_error("crowd", "--set %s: %s", settings[i], vision_last_error());
            return EXIT_USAGE;
        }
    }
    if (vision_crowd_new(&cli.crowd, &options) != VISION_OK) {
        cli_error("crowd", "%s", vision_last_error());
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    if (roi_count == 0) {
        static const vision_crowd_point whole[4] = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        if (vision_crowd_add_region(cli.crowd, "frame", whole, 4, &config) != VISION_OK) {
            cli_error("crowd", "%s", vision_crowd_last_error(cli.crowd));
            status = EXIT_USAGE;
        }
    }
    for (int i = 0; i < roi_count && status == EXIT_OK; i++) {
        char id[VISION_CROWD_REGION_ID_MAX + 1];
        vision_crowd_point *points = NULL;
        int count = parse_roi(rois[i], id, sizeof id, &points);
        if (count < 0) {
            cli_error("crowd", "--roi '%s': expected ID=X,Y;X,Y;X,Y...", rois[i]);
            status = EXIT_USAGE;
            break;
        }
        if (vision_crowd_add_region(cli.crowd, id, points, (size_t)count, &config) != VISION_OK) {
            cli_error("crowd", "--roi '%s': %s", rois[i], vision_crowd_last_error(cli.crowd));
            status = EXIT_USAGE;
        }
        free(points);
    }
    if (status != EXIT_OK) {
        vision_crowd_free(cli.crowd);
        return status;
    }
    vision_crowd_set_callback(cli.crowd, on_event, &cli);

    frame_source *source = NULL;
    if (frame_source_open(&source, argv[optind], &source_options, error, sizeof error) !=
        VISION_OK) {
        cli_error("crowd", "%s", error);
        vision_crowd_free(cli.crowd);
        return EXIT_INPUT;
    }
    overlay_writer overlay = {0};
    if (overlay_path && !(overlay.file = fopen(overlay_path, "wb"))) {
        cli_error("crowd", "%s: cannot write the overlay", overlay_path);
        frame_source_close(source);
        vision_crowd_free(cli.crowd);
        return EXIT_INPUT;
    }
    size_t regions = 0;
    vision_crowd_region_count(&regions, cli.crowd);
    progress bar;
    progress_begin(&bar, strcmp(argv[optind], "-") == 0 ? "stdin" : argv[optind],
                   frame_source_count(source));
    vision_frame frame;
    int rc;
    while ((rc = frame_source_read(source, &frame, error, sizeof error)) == 1) {
        cli.frame = frame_source_index(source);
        cli.pts_ns = frame.pts_ns;
        double start = now_ms();
        int analysed = vision_crowd_process(cli.crowd, &frame);
        double elapsed = now_ms() - start;
        if (analysed != VISION_OK) {
            cli_error("crowd", "%s: frame %lld: %s", argv[optind], (long long)cli.frame,
                      vision_crowd_last_error(cli.crowd));
            status = EXIT_FAILURE_ANALYSIS;
            break;
        }
        vision_crowd_result first;
        vision_crowd_result_init(&first);
        if (!cli.events_only && vision_crowd_get_result_at(&first, cli.crowd, 0) == VISION_OK &&
            first.valid && first.frame_index == (uint64_t)cli.frame)
            print_frame(&cli, elapsed, regions);
        if (overlay.file &&
            overlay_write(&overlay, cli.crowd, &frame, frame_source_fps(source)) < 0) {
            cli_error("crowd", "%s: cannot write the overlay", overlay_path);
            status = EXIT_INPUT;
            break;
        }
        /* Lines go out as frames arrive, for live pipes. */
        if (cli_flush() != 0)
            break;
        progress_frame(&bar);
    }
    progress_end(&bar);
    if (rc < 0) {
        cli_error("crowd", "%s", error);
        status = EXIT_INPUT;
    }
    if (overlay.file && fclose(overlay.file) != 0 && status == EXIT_OK) {
        cli_error("crowd", "%s: cannot write the overlay", overlay_path);
        status = EXIT_INPUT;
    }
    free(overlay.buffer);
    frame_source_close(source);
    vision_crowd_free(cli.crowd);
    int output = cli_finish_output("crowd");
    return output != EXIT_OK ? output : status;
}
