// Port-forward: a TCP connection to localhost:<port> made inside a pod's network namespace (as
// containerd's CRI does for the kubelet), handed back to kubetutor over the control socket.
#define _GNU_SOURCE
#include "init.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/// A socket of `family` made in the namespace of `pidfd` (or here when pidfd < 0); -1 with errno.
static int socket_in(int pidfd, int family) {
    int type = SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK;
    return pidfd < 0 ? socket(family, type, 0) : socket_in_netns(pidfd, cluster_home_netns(), family, type, 0);
}

/// Connects to the loopback address of `family` on `port`, waiting at most 1 s; the socket or -1 with errno.
static int connect_loopback(int pidfd, int family, int port) {
    int s = socket_in(pidfd, family);
    if (s < 0) return -1;
    struct sockaddr_storage addr;
    memset(&addr, 0, sizeof addr);
    socklen_t len;
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&addr;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        len = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&addr;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        a->sin6_addr = in6addr_loopback;
        len = sizeof *a;
    }
    int rc = connect(s, (struct sockaddr *)&addr, len);
    if (rc < 0 && errno == EINPROGRESS) {
        // Loopback answers at once unless the listener's backlog is full; init must not stall on it.
        struct pollfd p = {s, POLLOUT, 0};
        int err = 0;
        socklen_t elen = sizeof err;
        rc = poll(&p, 1, 1000);
        if (rc == 0) {
            err = ETIMEDOUT;
        } else if (rc > 0) {
            getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &elen);
        } else {
            err = errno;
        }
        rc = err ? -1 : 0;
        errno = err;
    }
    if (rc < 0) {
        int saved = errno;
        close(s);
        errno = saved;
        return -1;
    }
    return s;
}

/// Go's wording of an errno: strerror with a lower-case first letter ("connection refused").
static const char *go_error(int err, char *out, size_t cap) {
    snprintf(out, cap, "%s", strerror(err));
    if (out[0] >= 'A' && out[0] <= 'Z') out[0] = (char)(out[0] - 'A' + 'a');
    return out;
}

void handle_port_connect(const char *id, const char *holder_text, const char *port_text) {
    char *end;
    long port = strtol(port_text, &end, 10);
    if (*end || port < 1 || port > 65535) return reply_bad_request(id, "malformed port");
    struct tracked *holder = find((pid_t)strtol(holder_text, &end, 10));
    if (*end || !holder || !holder->is_sandbox) return reply_bad_request(id, "sandbox is not running");
    int pidfd = isolated_mode ? holder->pidfd : -1;
    int s = connect_loopback(pidfd, AF_INET, (int)port);
    if (s < 0) {
        // As containerd: IPv4 first, then IPv6, and both reasons when neither answers.
        int err4 = errno;
        s = connect_loopback(pidfd, AF_INET6, (int)port);
        if (s < 0) {
            int err6 = errno;
            struct child_failure fail;
            char detail[200];
            char e4[64], e6[64];
            snprintf(detail, sizeof detail, "IPv4: dial tcp4 127.0.0.1:%ld: connect: %s IPv6 dial tcp6 [::1]:%ld: connect: %s",
                     port, go_error(err4, e4, sizeof e4), port, go_error(err6, e6, sizeof e6));
            set_failure(&fail, "connect", err4, detail);
            return reply_error(id, &fail);
        }
    }
    const char *fields[] = {"ok", id, "socket"};
    send_fields(fields, 3, s);
    close(s);
}
