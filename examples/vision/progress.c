/*
 * vision command: progress line on stderr.
 *
 * Copyright 2026 The libvision authors. SPDX-License-Identifier: Apache-2.0
 */
#include "progress.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define REDRAW_SECONDS 0.25

/* A progress line is on the terminal now. */
static volatile sig_atomic_t line_shown;

/* Ctrl-C while a line is shown: erase it, so the shell's prompt starts on a
 * clean line, then die of the signal as if not caught. */
static void on_signal(int sig)
{
    if (line_shown) {
        static const char erase[] = "\r\033[K";
        ssize_t ignored = write(STDERR_FILENO, erase, sizeof erase - 1);
        (void)ignored;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void catch_signals_once(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        struct sigaction old;
        /* Leave alone what the caller's environment ignores (nohup, &). */
        if (sigaction(signals[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_handler = on_signal;
            sigemptyset(&action.sa_mask);
            sigaction(signals[i], &action, NULL);
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int progress_wanted(void)
{
    const char *force = getenv("VISION_PROGRESS");
    if (force && *force)
        return strcmp(force, "0") != 0;
    const char *term = getenv("TERM");
    return isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
}

void progress_clear(void)
{
    if (!line_shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    line_shown = 0;
}

void progress_begin(progress *p, const char *input, int64_t total)
{
    memset(p, 0, sizeof *p);
    p->enabled = progress_wanted();
    p->total = total > 0 ? total : -1;
    p->start = now();
    p->last_draw = p->start;
    /* The last part of a path, shortened from the left to fit. */
    const char *base = strrchr(input, '/');
    base = base && base[1] ? base + 1 : input;
    size_t length = strlen(base);
    if (length < sizeof p->name)
        memcpy(p->name, base, length + 1);
    else
        snprintf(p->name, sizeof p->name, "...%s", base + length - (sizeof p->name - 4));
}

static void format_duration(char *out, size_t size, double seconds)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(out, size, "%ld:%02ld", s / 60, s % 60);
}

static void draw(progress *p, double t)
{
    double elapsed = t - p->start;
    double fps = elapsed > 0 ? (double)p->done / elapsed : 0;
    char line[160];
    int n;
    if (p->total > 0) {
        int64_t total = p->done > p->total ? p->done : p->total;
        n = snprintf(line, sizeof line, "%s: frame %lld/%lld %d%%, %.1f fps", p->name,
                     (long long)p->done, (long long)total, (int)(100 * p->done / total), fps);
        if (fps > 0 && total > p->done && n > 0 && (size_t)n < sizeof line) {
            char left[32];
            format_duration(left, sizeof left, (double)(total - p->done) / fps);
            snprintf(line + n, sizeof line - (size_t)n, ", %s left", left);
        }
    } else {
        char spent[32];
        format_duration(spent, sizeof spent, elapsed);
        snprintf(line, sizeof line, "%s: frame %lld, %.1f fps, %s", p->name, (long long)p->done,
                 fps, spent);
    }
    catch_signals_once();
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    line_shown = 1;
    p->last_draw = t;
}

void progress_frame(progress *p)
{
    p->done++;
    if (!p->enabled)
        return;
    double t = now();
    if (t - p->last_draw >= REDRAW_SECONDS || !line_shown) {
        if (t - p->start >= REDRAW_SECONDS)
            draw(p, t);
    }
}

void progress_end(progress *p)
{
    if (p->enabled)
        progress_clear();
    p->enabled = 0;
}
