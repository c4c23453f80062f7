// A volume of projected files (downwardAPI now; configMap and secret use the same), written the way
// the kubelet's AtomicWriter writes them: the files go into a new hidden directory `..<time>`, the
// `..data` symlink is swapped to it in one rename, each top-level name is a symlink through
// `..data`, and the previous directory is removed. A reader never sees a half-written set.
#define _GNU_SOURCE
#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/// Removes `name` below `dir` and everything under it (no symlink is followed).
static void remove_tree_at(int dir, const char *name) {
    int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        DIR *d = fdopendir(fd);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)))
                if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) remove_tree_at(dirfd(d), e->d_name);
            closedir(d);
        } else {
            close(fd);
        }
        unlinkat(dir, name, AT_REMOVEDIR);
    } else {
        unlinkat(dir, name, 0);
    }
}

/// Writes `text` at the relative `path` below `dir`, making its directories (0755).
static int write_below(int dir, const char *path, const char *text, mode_t mode) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    int at = dup(dir);
    char *name = buf;
    for (char *slash; (slash = strchr(name, '/')); name = slash + 1) {
        *slash = 0;
        if (mkdirat(at, name, 0755) < 0 && errno != EEXIST) goto failed;
        int next = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0) goto failed;
        close(at);
        at = next;
    }
    int fd = openat(at, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) goto failed;
    int rc = write_all(fd, text, strlen(text));
    if (rc == 0) rc = fchmod(fd, mode);
    close(fd);
    close(at);
    return rc;
failed:;
    int err = errno;
    close(at);
    errno = err;
    return -1;
}

int pod_volume_files(pid_t holder, const char *name, int nfiles, char **paths, const mode_t *modes, char **texts,
                     struct child_failure *fail) {
    char path[512];
    if (pod_volume_ensure(holder, name, 1 << 20, path, sizeof path, fail) < 0) return -1;
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) goto failed;
    // The previous data directory, to remove once ..data points at the new one.
    char old[256] = "";
    ssize_t len = readlinkat(dir, "..data", old, sizeof old - 1);
    old[len > 0 ? len : 0] = 0;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char fresh[64];
    snprintf(fresh, sizeof fresh, "..%04d_%02d_%02d_%02d_%02d_%02d.%09ld", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min, tm.tm_sec, now.tv_nsec);
    if (mkdirat(dir, fresh, 0755) < 0) goto failed_dir;
    int data = openat(dir, fresh, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (data < 0) goto failed_dir;
    for (int i = 0; i < nfiles; i++) {
        if (write_below(data, paths[i], texts[i], modes[i]) < 0) {
            close(data);
            goto failed_dir;
        }
    }
    close(data);
    unlinkat(dir, "..data_tmp", 0);
    if (symlinkat(fresh, dir, "..data_tmp") < 0 || renameat(dir, "..data_tmp", dir, "..data") < 0) goto failed_dir;
    // Top-level names: a symlink each through ..data; names no longer projected go.
    for (int i = 0; i < nfiles; i++) {
        char top[256], target[300];
        snprintf(top, sizeof top, "%s", paths[i]);
        char *slash = strchr(top, '/');
        if (slash) *slash = 0;
        snprintf(target, sizeof target, "..data/%s", top);
        if (symlinkat(target, dir, top) < 0 && errno != EEXIST) goto failed_dir;
    }
    DIR *d = fdopendir(dup(dir));
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            int kept = 0;
            for (int i = 0; i < nfiles && !kept; i++) {
                size_t l = strlen(e->d_name);
                kept = strncmp(paths[i], e->d_name, l) == 0 && (paths[i][l] == 0 || paths[i][l] == '/');
            }
            if (!kept) unlinkat(dir, e->d_name, 0);
        }
        closedir(d);
    }
    if (old[0] == '.' && old[1] == '.' && !strchr(old, '/')) remove_tree_at(dir, old);
    close(dir);
    return 0;
failed_dir:;
    int err = errno;
    close(dir);
    errno = err;
failed:;
    char detail[300];
    snprintf(detail, sizeof detail, "write volume %s: %s", name, strerror(errno));
    set_failure(fail, "write volume files", errno, detail);
    return -1;
}
