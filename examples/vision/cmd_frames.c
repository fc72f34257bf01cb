/*
 * vision frames: one JSON line per frame of each input, to see what the
 * sources hand to the analyses.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "json.h"
#include "progress.h"
#include "source.h"

const char command_frames_help[] =
    "Usage: vision frames [OPTIONS] INPUT...\n"
    "\n"
    "Read every frame of each INPUT and print one JSON line per frame:\n"
    "  "
    "{\"file\":\"in.y4m\",\"frame\":0,\"pts_ms\":0,\"format\":\"I420\",\"width\":320,\"height\":"
    "240}\n"
    "INPUT is an image, a video, a Y4M file or raw frames; \"-\" is stdin (Y4M, or\n"
    "raw with --format and --size). Frames count from 0 in each input.\n"
    "\n" FRAME_SOURCE_OPTIONS_HELP "\n"
    "Other options:\n"
    "  -h, --help          show this help\n"
    "\n"
    "Progress (frames done, fps, time left) goes to stderr when it is a terminal;\n"
    "VISION_PROGRESS=0 turns it off, VISION_PROGRESS=1 on.\n"
    "\n"
    "Exit status: 0 every input read to its end, 2 bad command line, 3 an input\n"
    "was missing, unreadable or malformed (the others are still read), 4 the\n"
    "results could not be written.\n";

static int frames_of(const char *path, const frame_source_options *options)
{
    char error[512] = "";
    frame_source *source = NULL;
    if (frame_source_open(&source, path, options, error, sizeof error) != VISION_OK) {
        cli_error("frames", "%s", error);
        return EXIT_INPUT;
    }
    const char *name = strcmp(path, "-") == 0 ? "-" : path;
    progress bar;
    progress_begin(&bar, strcmp(path, "-") == 0 ? "stdin" : path, frame_source_count(source));
    vision_frame frame;
    int rc;
    while ((rc = frame_source_read(source, &frame, error, sizeof error)) == 1) {
        fputs("{\"file\":", stdout);
        json_write_string(stdout, name);
        printf(",\"frame\":%lld,\"pts_ms\":", (long long)frame_source_index(source));
        json_write_pts_ms(stdout, frame.pts_ns);
        fputs(",\"format\":", stdout);
        json_write_string(stdout, vision_pixel_format_name(frame.format));
        printf(",\"width\":%u,\"height\":%u}\n", (unsigned)frame.width, (unsigned)frame.height);
        /* Lines go out as frames arrive, for live pipes. */
        if (cli_flush() != 0)
            break;
        progress_frame(&bar);
    }
    progress_end(&bar);
    frame_source_close(source);
    if (rc < 0) {
        cli_error("frames", "%s", error);
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

int command_frames(int argc, char **argv)
{
    static const struct option long_options[] = {
        FRAME_SOURCE_LONG_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    frame_source_options options = {0};
    char error[512];
    optind = 0; /* glibc: start afresh, the command may run more than once per process */
    opterr = 0;
    int c, index = 0;
    while ((c = getopt_long(argc, argv, ":h", long_options, &index)) != -1) {
        int common = cli_common_option("frames", command_frames_help, c, argv);
        if (common >= 0)
            return common;
        if (c != FRAME_SOURCE_OPTION)
            continue;
        if (frame_source_parse_option(&options, long_options[index].name, optarg, error,
                                      sizeof error) != 1) {
            cli_error("frames", "%s", error);
            return EXIT_USAGE;
        }
    }
    if (frame_source_check_options(&options, error, sizeof error) != 0) {
        cli_error("frames", "%s", error);
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("frames", "no INPUT given; see 'vision help frames'");
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = optind; i < argc && !ferror(stdout); i++)
        if (frames_of(argv[i], &options) != EXIT_OK)
            status = EXIT_INPUT;
    int output = cli_finish_output("frames");
    return output != EXIT_OK ? output : status;
}
