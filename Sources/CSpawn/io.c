// fd passing, memfd, terminal and wait-status helpers the Swift side cannot express directly.
#define _GNU_SOURCE
#include "CSpawn.h"

#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_PASSED_FDS 8

int cspawn_seqpacket_pair(int fds[2]) {
    return socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds);
}

ssize_t cspawn_send(int fd, const void *buf, size_t len, const int *fds, int nfds) {
    if (nfds < 0 || nfds > MAX_PASSED_FDS) {
        errno = EINVAL;
        return -1;
    }
    struct iovec iov = {(void *)buf, len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    union {
        char buf[CMSG_SPACE(MAX_PASSED_FDS * sizeof(int))];
        struct cmsghdr align;
    } control;
    if (nfds > 0) {
        msg.msg_control = control.buf;
        msg.msg_controllen = CMSG_SPACE((size_t)nfds * sizeof(int));
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN((size_t)nfds * sizeof(int));
        memcpy(CMSG_DATA(cmsg), fds, (size_t)nfds * sizeof(int));
    }
    ssize_t n;
    do {
        n = sendmsg(fd, &msg, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    return n;
}

ssize_t cspawn_recv(int fd, void *buf, size_t cap, int *fds, int max_fds, int *nfds) {
    struct iovec iov = {buf, cap};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    union {
        char buf[CMSG_SPACE(MAX_PASSED_FDS * sizeof(int))];
        struct cmsghdr align;
    } control;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    ssize_t n;
    do {
        n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
    } while (n < 0 && errno == EINTR);
    *nfds = 0;
    if (n < 0) return n;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int count = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < count; i++) {
            int got;
            memcpy(&got, CMSG_DATA(c) + (size_t)i * sizeof(int), sizeof got);
            if (*nfds < max_fds) fds[(*nfds)++] = got;
            else close(got);  // more than the caller can take: never leak
        }
    }
    return n;
}

int cspawn_memfd(const char *name) {
    return memfd_create(name, MFD_CLOEXEC);
}

int cspawn_get_winsize(int fd, unsigned short *rows, unsigned short *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) < 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

int cspawn_set_winsize(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws = {rows, cols, 0, 0};
    return ioctl(fd, TIOCSWINSZ, &ws);
}

int cspawn_exit_code(int wstatus) {
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
}

int cspawn_term_signal(int wstatus) {
    return WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0;
}

int cspawn_set_cloexec(int fd) {
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

int cspawn_punch_hole(int fd, long long length) {
    return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, (off_t)length);
}

int cspawn_create_below(const char *base, const char *rest, int file, int uid) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_NO_SYMLINKS;
    int dir = (int)syscall(SYS_openat2, AT_FDCWD, base, &how, sizeof how);
    if (dir < 0) return -1;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", rest);
    char *names[256];
    int n = 0;
    char *save = NULL;
    for (char *name = strtok_r(buf, "/", &save); name && n < 256; name = strtok_r(NULL, "/", &save)) names[n++] = name;
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        if (strcmp(names[i], ".") == 0 || strcmp(names[i], "..") == 0) {
            errno = EINVAL;
            rc = -1;
        } else if (i == n - 1 && file) {
            int fd = openat(dir, names[i], O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
            if (fd >= 0) {
                if (uid >= 0) (void)!fchown(fd, (uid_t)uid, (gid_t)uid);
                close(fd);
            } else if (errno != EEXIST) {
                rc = -1;
            }
        } else {
            int created = mkdirat(dir, names[i], 0755) == 0;
            if (!created && errno != EEXIST) {
                rc = -1;
                break;
            }
            if (created && uid >= 0) (void)!fchownat(dir, names[i], (uid_t)uid, (gid_t)uid, AT_SYMLINK_NOFOLLOW);
            int next = openat(dir, names[i], O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next < 0) rc = -1;
            else {
                close(dir);
                dir = next;
            }
        }
    }
    int err = errno;
    close(dir);
    errno = err;
    return rc;
}
