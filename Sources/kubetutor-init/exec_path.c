// PATH lookup with runc's error wording. glibc's execvpe searches the *caller's* PATH, not the one in
// the container's environment, so the search is done here against `envp`.
#define _GNU_SOURCE
#include "applets.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char default_path[] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// Go (runc) prints errno text in lower case: "no such file or directory".
static void lower_strerror(int err, char *out, size_t cap) {
    snprintf(out, cap, "%s", strerror(err));
    if (out[0]) out[0] = (char)tolower((unsigned char)out[0]);
}

static void fail_exec(struct child_failure *fail, int err, const char *fmt, const char *a, const char *b) {
    snprintf(fail->stage, sizeof fail->stage, "exec");
    fail->err = err;
    snprintf(fail->detail, sizeof fail->detail, fmt, a, b);
}

void exec_in_path(char **argv, char **envp, struct child_failure *fail) {
    char reason[128];
    const char *name = argv && argv[0] ? argv[0] : "";
    if (name[0] == 0) {
        fail_exec(fail, ENOENT, "exec: \"%s\": executable file not found in $PATH%s", name, "");
        return;
    }
    if (strchr(name, '/')) {
        struct stat st;
        if (stat(name, &st) < 0) {
            int err = errno;
            lower_strerror(err, reason, sizeof reason);
            snprintf(fail->stage, sizeof fail->stage, "exec");
            fail->err = err;
            snprintf(fail->detail, sizeof fail->detail, "exec: \"%s\": stat %s: %s", name, name, reason);
            return;
        }
        execve(name, argv, envp);
        int err = errno;
        lower_strerror(err, reason, sizeof reason);
        fail_exec(fail, err, "exec: \"%s\": %s", name, reason);
        return;
    }
    const char *path = default_path;
    for (char **e = envp; e && *e; e++)
        if (strncmp(*e, "PATH=", 5) == 0) path = *e + 5;
    char candidate[4096];
    for (const char *p = path;; ) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 0) {
            snprintf(candidate, sizeof candidate, "./%s", name);
        } else {
            snprintf(candidate, sizeof candidate, "%.*s/%s", (int)len, p, name);
        }
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode) && access(candidate, X_OK) == 0) {
            execve(candidate, argv, envp);
            int err = errno;
            lower_strerror(err, reason, sizeof reason);
            fail_exec(fail, err, "exec: \"%s\": %s", name, reason);
            return;
        }
        if (!end) break;
        p = end + 1;
    }
    fail_exec(fail, ENOENT, "exec: \"%s\": executable file not found in $PATH%s", name, "");
}

int write_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void format_error_log_time(char *out, size_t cap) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, cap, "%Y/%m/%d %H:%M:%S", &tm);
}

void format_access_log_time(char *out, size_t cap) {
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, cap, "%d/%b/%Y:%H:%M:%S +0000", &tm);
}
