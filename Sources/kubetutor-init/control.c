// Replies on the control socket (fd 3): NUL-separated fields in one SOCK_SEQPACKET datagram, with
// at most one fd (a pidfd) as SCM_RIGHTS.
#define _GNU_SOURCE
#include "init.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void send_fields(const char *const *fields, int nfields, int fd) {
    char buf[1024];
    size_t len = 0;
    for (int i = 0; i < nfields; i++) {
        size_t n = strlen(fields[i]) + 1;
        if (len + n > sizeof buf) n = sizeof buf - len;
        memcpy(buf + len, fields[i], n);
        len += n;
        buf[len - 1] = 0;
    }
    struct iovec iov = {buf, len};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    if (fd >= 0) {
        msg.msg_control = control.buf;
        msg.msg_controllen = sizeof control.buf;
        struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        cmsg->cmsg_len = CMSG_LEN(sizeof(int));
        memcpy(CMSG_DATA(cmsg), &fd, sizeof fd);
    }
    while (sendmsg(CONTROL_FD, &msg, MSG_NOSIGNAL) < 0) {
        if (errno == EINTR) continue;
        _exit(0);
    }
}

void reply_ok(const char *id) {
    const char *fields[] = {"ok", id};
    send_fields(fields, 2, -1);
}

void reply_error(const char *id, const struct child_failure *fail) {
    char err[16];
    snprintf(err, sizeof err, "%d", fail->err);
    const char *fields[] = {"err", id, fail->stage, err, fail->detail};
    send_fields(fields, 5, -1);
}

void reply_started(const char *id, pid_t pid, int pidfd, const char *extra) {
    char num[16];
    snprintf(num, sizeof num, "%d", pid);
    const char *fields[] = {"ok", id, num, extra};
    send_fields(fields, extra ? 4 : 3, pidfd);
}

void set_failure(struct child_failure *fail, const char *stage, int err, const char *detail) {
    snprintf(fail->stage, sizeof fail->stage, "%s", stage);
    fail->err = err;
    snprintf(fail->detail, sizeof fail->detail, "%s", detail ? detail : "");
}

void reply_bad_request(const char *id, const char *what) {
    struct child_failure fail;
    set_failure(&fail, "request", EINVAL, what);
    reply_error(id, &fail);
}
