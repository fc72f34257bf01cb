/*
 * vision command: global options, help and dispatch to subcommands.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <vision/vision.h>

#include "commands.h"
#include "progress.h"

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < cli_command_count; i++)
        if (strcmp(cli_commands[i].name, name) == 0)
            return &cli_commands[i];
    return NULL;
}

static void print_usage(FILE *out)
{
    fputs("Usage: vision [--version] [--help] COMMAND [OPTIONS] [INPUT...]\n"
          "\n"
          "Analyse video frames with libvision. Each INPUT is a still image, a video\n"
          "file, a YUV4MPEG2 (.y4m) file or raw frames (with --format and --size);\n"
          "\"-\" reads Y4M or raw frames from stdin. Results are JSON Lines on stdout.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < cli_command_count; i++)
        fprintf(out, "  %-8s %s\n", cli_commands[i].name, cli_commands[i].summary);
    fputs("\n"
          "Options:\n"
          "  -h, --help     show this help; `vision help COMMAND` for a command's\n"
          "  -V, --version  show the versions of the command and of libvision\n"
          "\n"
          "Exit status: 0 success, 1 analysis failed, 2 bad command line,\n"
          "3 input missing, unreadable or malformed, 4 results could not be written.\n",
          out);
}

int cli_common_option(const char *command, const char *help, int c, char **argv)
{
    switch (c) {
    case 'h':
        fputs(help, stdout);
        return cli_finish_output(command);
    case ':':
        cli_error(command, "option '%s' needs a value", argv[optind - 1]);
        return EXIT_USAGE;
    case '?':
        cli_error(command, "unknown option '%s'; see 'vision help %s'", argv[optind - 1], command);
        return EXIT_USAGE;
    default:
        return -1;
    }
}

void cli_error(const char *command, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fflush(stdout);
    progress_clear();
    if (command)
        fprintf(stderr, "vision %s: ", command);
    else
        fputs("vision: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

/* errno of the first failed write to stdout, 0 if none. */
static int output_errno;

int cli_flush(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return 0;
    if (output_errno == 0)
        output_errno = errno;
    return -1;
}

int cli_finish_output(const char *command)
{
    cli_flush();
    int error = output_errno;
    if (ferror(stdout) || error != 0) {
        if (error != 0)
            cli_error(command, "cannot write the results: %s", strerror(error));
        else
            cli_error(command, "cannot write the results");
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

static int print_help_of(const char *name)
{
    const cli_command *c = find_command(name);
    if (!c) {
        cli_error(NULL, "no command '%s'; run 'vision --help' for the list", name);
        return EXIT_USAGE;
    }
    fputs(c->help, stdout);
    return EXIT_OK;
}

/* --help or -h among a subcommand's arguments, before any "--". */
static int wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0) {
        print_usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0) {
        printf("vision %s (libvision %s)\n", VISION_VERSION_STRING, vision_version_string());
        return EXIT_OK;
    }
    if (strcmp(first, "help") == 0) {
        if (argc == 2) {
            print_usage(stdout);
            return EXIT_OK;
        }
        if (argc > 3) {
            cli_error(NULL, "'help' takes one command name");
            return EXIT_USAGE;
        }
        return print_help_of(argv[2]);
    }
    if (first[0] == '-') {
        cli_error(NULL, "unknown option '%s'; run 'vision --help'", first);
        return EXIT_USAGE;
    }
    const cli_command *c = find_command(first);
    if (!c) {
        cli_error(NULL, "unknown command '%s'; run 'vision --help' for the list", first);
        return EXIT_USAGE;
    }
    if (wants_help(argc - 1, argv + 1)) {
        fputs(c->help, stdout);
        return EXIT_OK;
    }
    return c->run(argc - 1, argv + 1);
}
