/*
 * vision demo: the library at work on scenes the program draws itself, with
 * no input file and no download; checks the findings against the truth.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "demo.h"
#include "progress.h"

const char command_demo_help[] =
    "Usage: vision demo [--scene crowd|plate|all] [--format NAME] [--save DIR]\n"
    "                   [--overlay DIR] [--quiet]\n"
    "\n"
    "Run libvision on scenes this program draws itself (no input file, no\n"
    "download) and check what it finds against the truth:\n"
    "  crowd  640x360, 10 s: walkers cross a corridor to the right, then a group\n"
    "         gathers in a region \"door\", stands, and leaves; the occupancy\n"
    "         level of \"door\" must rise to 2 and fall back to 0 on time, and\n"
    "         the direction in \"corridor\" must be right (90 degrees)\n"
    "  plate  1280x720, 3 s: two cars with a European and a Californian plate\n"
    "         drive across; each plate must be announced once and read right\n"
    "         (skipped when the plate fonts or plate support are missing)\n"
    "\n"
    "stdout: JSON Lines, the events as `vision crowd` and `vision plate` print\n"
    "them with a \"scene\" field, then one summary object per scene:\n"
    "  {\"scene\":\"plate\",\"check\":\"passed\"|\"failed\"|\"skipped\",\n"
    "   \"expected\":[...],\"found\":[...]}\n"
    "stderr: a short human summary. Same output on every run.\n"
    "\n"
    "Options:\n"
    "  --scene NAME        crowd, plate or all (default all: crowd then plate)\n"
    "  --format NAME       pixel format the frames are handed over in (default\n"
    "                      I420; any format of `vision frames --format`)\n"
    "  --save DIR          also write the frames as DIR/crowd.y4m and\n"
    "                      DIR/plate.y4m (needs --format I420 or GRAY8)\n"
    "  --overlay DIR       also write the frames with the findings drawn (crowd:\n"
    "                      regions, static and moving crowd; plate: outlines and\n"
    "                      readings) as DIR/crowd-overlay.y4m and\n"
    "                      DIR/plate-overlay.y4m (needs --format I420)\n"
    "  --quiet             no summary on stderr\n"
    "  -h, --help          show this help\n"
    "\n"
    "Exit status: 0 every check passed (or its scene was skipped), 1 a check\n"
    "failed or the library returned an error, 2 bad command line, 4 the\n"
    "results or saved frames could not be written.\n";

void demo_say(const demo_options *options, const char *scene, const char *format, ...)
{
    if (options->quiet)
        return;
    fflush(stdout);
    progress_clear();
    fprintf(stderr, "demo: %s: ", scene);
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

/* --- --save: frames as Y4M ---------------------------------------------- */

int demo_y4m_open(demo_y4m *y4m, const char *dir, const char *name)
{
    memset(y4m, 0, sizeof *y4m);
    if (!dir)
        return 0;
    snprintf(y4m->path, sizeof y4m->path, "%s/%s.y4m", dir, name);
    if (!(y4m->file = fopen(y4m->path, "wb"))) {
        cli_error("demo", "%s: cannot write: %s", y4m->path, strerror(errno));
        return -1;
    }
    return 0;
}

int demo_y4m_write(demo_y4m *y4m, const vision_frame *frame, double fps)
{
    if (!y4m->file)
        return 0;
    int gray = frame->format == VISION_PIXEL_FORMAT_GRAY8;
    if (!gray && frame->format != VISION_PIXEL_FORMAT_I420)
        return -1;
    if (y4m->frames++ == 0)
        fprintf(y4m->file, "YUV4MPEG2 W%u H%u F%ld:1000 Ip A1:1 %s\n", frame->width, frame->height,
                lrint(fps * 1000), gray ? "Cmono" : "C420jpeg");
    if (fputs("FRAME\n", y4m->file) == EOF)
        return -1;
    for (int p = 0; p < (gray ? 1 : 3); p++) {
        uint32_t w = p ? (frame->width + 1) / 2 : frame->width;
        uint32_t h = p ? (frame->height + 1) / 2 : frame->height;
        for (uint32_t y = 0; y < h; y++)
            if (fwrite(frame->planes[p] + (size_t)y * frame->strides[p], 1, w, y4m->file) != w)
                return -1;
    }
    return 0;
}

int demo_y4m_copy(demo_y4m *y4m, const vision_frame *in, vision_frame *out)
{
    uint64_t size;
    if (!y4m->file || in->format != VISION_PIXEL_FORMAT_I420 ||
        vision_pixel_format_buffer_size(&size, in->format, in->width, in->height) != VISION_OK)
        return -1;
    if (y4m->size != size) {
        free(y4m->buffer);
        y4m->size = 0;
        if (!(y4m->buffer = malloc(size)))
            return -1;
        y4m->size = size;
    }
    vision_frame_init(out);
    if (vision_frame_wrap(out, in->format, in->width, in->height, y4m->buffer, size) != VISION_OK)
        return -1;
    for (int p = 0; p < 3; p++) {
        uint32_t w = p ? (in->width + 1) / 2 : in->width;
        uint32_t h = p ? (in->height + 1) / 2 : in->height;
        for (uint32_t y = 0; y < h; y++)
            memcpy(out->planes[p] + (size_t)y * out->strides[p],
                   in->planes[p] + (size_t)y * in->strides[p], w);
    }
    out->pts_ns = in->pts_ns;
    return 0;
}

int demo_y4m_close(demo_y4m *y4m)
{
    int rc = 0;
    if (y4m->file && fclose(y4m->file) != 0)
        rc = -1;
    free(y4m->buffer);
    y4m->file = NULL; /* the path stays, for messages */
    y4m->buffer = NULL;
    return rc;
}

int demo_recording_open(demo_recording *r, const demo_options *options, const char *name)
{
    char overlay_name[256];
    memset(r, 0, sizeof *r);
    snprintf(overlay_name, sizeof overlay_name, "%s-overlay", name);
    if (demo_y4m_open(&r->frames, options->save_dir, name) != 0 ||
        demo_y4m_open(&r->overlay, options->overlay_dir, overlay_name) != 0)
        return -1;
    return 0;
}

int demo_recording_write(demo_recording *r, const vision_frame *frame, double fps,
                         int (*draw)(void *handle, vision_frame *frame), void *handle)
{
    if (demo_y4m_write(&r->frames, frame, fps) != 0) {
        cli_error("demo", "%s: cannot write", r->frames.path);
        return -1;
    }
    if (r->overlay.file) {
        vision_frame drawn;
        if (demo_y4m_copy(&r->overlay, frame, &drawn) != 0 || draw(handle, &drawn) != VISION_OK ||
            demo_y4m_write(&r->overlay, &drawn, fps) != 0) {
            cli_error("demo", "%s: cannot write the overlay", r->overlay.path);
            return -1;
        }
    }
    return 0;
}

int demo_recording_close(demo_recording *r, int report)
{
    demo_y4m *files[2] = {&r->overlay, &r->frames};
    int rc = 0;
    for (int i = 0; i < 2; i++)
        if (demo_y4m_close(files[i]) != 0 && report && rc == 0) {
            cli_error("demo", "%s: cannot write", files[i]->path);
            rc = -1;
        }
    return rc;
}

/* --- the command -------------------------------------------------------- */

int command_demo(int argc, char **argv)
{
    enum { OPT_SCENE = 1, OPT_FORMAT, OPT_SAVE, OPT_OVERLAY, OPT_QUIET };
    static const struct option long_options[] = {
        {"scene", required_argument, NULL, OPT_SCENE},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"save", required_argument, NULL, OPT_SAVE},
        {"overlay", required_argument, NULL, OPT_OVERLAY},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    demo_options options = {VISION_PIXEL_FORMAT_I420, NULL, NULL, 0};
    int run_crowd = 1, run_plate = 1;
    optind = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", long_options, NULL)) != -1) {
        int common = cli_common_option("demo", command_demo_help, c, argv);
        if (common >= 0)
            return common;
        switch (c) {
        case OPT_SCENE:
            run_crowd = strcmp(optarg, "crowd") == 0 || strcmp(optarg, "all") == 0;
            run_plate = strcmp(optarg, "plate") == 0 || strcmp(optarg, "all") == 0;
            if (!run_crowd && !run_plate) {
                cli_error("demo", "--scene takes crowd, plate or all, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_FORMAT: {
            uint32_t format = vision_pixel_format_from_name(optarg);
            if (format == VISION_PIXEL_FORMAT_UNKNOWN) {
                cli_error("demo", "--format: unknown pixel format '%s'", optarg);
                return EXIT_USAGE;
            }
            options.format = format;
            break;
        }
        case OPT_SAVE:
            options.save_dir = optarg;
            break;
        case OPT_OVERLAY:
            options.overlay_dir = optarg;
            break;
        case OPT_QUIET:
            options.quiet = 1;
            break;
        default:
            break;
        }
    }
    if (optind < argc) {
        cli_error("demo", "takes no INPUT ('%s'); see 'vision help demo'", argv[optind]);
        return EXIT_USAGE;
    }
    if (options.save_dir) {
        struct stat st;
        if (options.format != VISION_PIXEL_FORMAT_I420 &&
            options.format != VISION_PIXEL_FORMAT_GRAY8) {
            cli_error("demo", "--save writes Y4M: it needs --format I420 or GRAY8");
            return EXIT_USAGE;
        }
        if (stat(options.save_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("demo", "--save %s: not a directory", options.save_dir);
            return EXIT_USAGE;
        }
    }
    if (options.overlay_dir) {
        struct stat st;
        if (options.format != VISION_PIXEL_FORMAT_I420) {
            cli_error("demo", "--overlay writes Y4M 4:2:0: it needs --format I420");
            return EXIT_USAGE;
        }
        if (stat(options.overlay_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("demo", "--overlay %s: not a directory", options.overlay_dir);
            return EXIT_USAGE;
        }
    }

    int failed = 0, error = 0, write_error = 0;
    demo_outcome outcomes[2] = {DEMO_SKIPPED, DEMO_SKIPPED};
    if (run_crowd)
        outcomes[0] = demo_crowd_run(&options);
    if (run_plate)
        outcomes[1] = demo_plate_run(&options);
    for (int i = 0; i < 2; i++) {
        failed |= outcomes[i] == DEMO_FAILED;
        error |= outcomes[i] == DEMO_ERROR;
        write_error |= outcomes[i] == DEMO_WRITE_ERROR;
    }
    int status = cli_finish_output("demo");
    if (status != EXIT_OK || write_error)
        return EXIT_OUTPUT;
    if (!options.quiet)
        fprintf(stderr, "demo: %s%s\n",
                error    ? "the library returned an error"
                : failed ? "a check FAILED"
                         : "every check passed",
                !error && !failed &&
                        ((run_crowd && outcomes[0] == DEMO_SKIPPED) ||
                         (run_plate && outcomes[1] == DEMO_SKIPPED))
                    ? " (a scene was skipped)"
                    : "");
    return error || failed ? EXIT_FAILURE_ANALYSIS : EXIT_OK;
}
