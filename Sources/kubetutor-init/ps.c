// `ps`: busybox's default listing (`PID   USER     TIME  COMMAND`) read from /proc, so inside a
// container it shows only the container's own PID namespace.
#define _GNU_SOURCE
#include "applets.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static ssize_t read_file(const char *path, char *buf, size_t cap) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = read(fd, buf, cap - 1);
    close(fd);
    if (n < 0) return -1;
    buf[n] = 0;
    return n;
}

/// User name from /etc/passwd without NSS (the binary is static).
static void user_name(uid_t uid, char *out, size_t cap) {
    snprintf(out, cap, "%u", (unsigned)uid);
    FILE *f = fopen("/etc/passwd", "re");
    if (!f) return;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *name = strtok(line, ":");
        strtok(NULL, ":");
        char *id = strtok(NULL, ":");
        if (name && id && (uid_t)strtoul(id, NULL, 10) == uid) {
            snprintf(out, cap, "%s", name);
            break;
        }
    }
    fclose(f);
}

static void print_process(int pid, long hz) {
    char path[64], stat_buf[1024], cmd[4096], user[64], time_str[16];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_file(path, stat_buf, sizeof stat_buf) < 0) return;
    // comm is in parentheses and may contain spaces: fields resume after the last ')'.
    char *open_paren = strchr(stat_buf, '('), *close_paren = strrchr(stat_buf, ')');
    if (!open_paren || !close_paren) return;
    *close_paren = 0;
    unsigned long utime = 0, stime = 0;
    sscanf(close_paren + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
    unsigned long secs = (utime + stime) / (unsigned long)hz;
    snprintf(time_str, sizeof time_str, "%lu:%02lu", secs / 60, secs % 60);

    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    ssize_t n = read_file(path, cmd, sizeof cmd);
    if (n > 0) {
        for (ssize_t i = 0; i < n - 1; i++)
            if (cmd[i] == 0) cmd[i] = ' ';
    } else {
        snprintf(cmd, sizeof cmd, "[%s]", open_paren + 1);
    }
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d", pid);
    user_name(stat(path, &st) == 0 ? st.st_uid : 0, user, sizeof user);
    printf("%5d %-8.8s %5s %s\n", pid, user, time_str, cmd);
}

static int by_number(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

int ps_main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    DIR *d = opendir("/proc");
    if (!d) {
        perror("ps: /proc");
        return 1;
    }
    int pids[4096], n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096)
        if (isdigit((unsigned char)e->d_name[0])) pids[n++] = atoi(e->d_name);
    closedir(d);
    qsort(pids, (size_t)n, sizeof pids[0], by_number);
    long hz = sysconf(_SC_CLK_TCK);
    if (hz <= 0) hz = 100;
    printf("PID   USER     TIME  COMMAND\n");
    for (int i = 0; i < n; i++) print_process(pids[i], hz);
    return 0;
}
