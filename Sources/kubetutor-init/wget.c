// `wget`: busybox-like HTTP/1.1 client (`wget -qO- URL`, `-O file`, `-q`, `-T secs`), enough for a
// learner to reach nginx from a sidecar on localhost. HTTP only; names resolve without NSS
// (numeric addresses, "localhost", /etc/hosts) because the binary is static.
#define _GNU_SOURCE
#include "applets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct url {
    char host[256];
    int port;
    char path[2048];
};

static int parse_url(const char *text, struct url *u) {
    const char *p = text;
    if (strncmp(p, "http://", 7) == 0) {
        p += 7;
    } else if (strstr(p, "://")) {
        fprintf(stderr, "wget: not an http or ftp url: %s\n", text);
        return -1;
    }
    size_t hostlen = strcspn(p, ":/");
    if (hostlen == 0 || hostlen >= sizeof u->host) {
        fprintf(stderr, "wget: bad address '%s'\n", text);
        return -1;
    }
    memcpy(u->host, p, hostlen);
    u->host[hostlen] = 0;
    p += hostlen;
    u->port = 80;
    if (*p == ':') {
        u->port = atoi(p + 1);
        p += 1 + strspn(p + 1, "0123456789");
    }
    snprintf(u->path, sizeof u->path, "%s", *p ? p : "/");
    return 0;
}

/// Resolves like a tiny /etc/hosts resolver; fills an IPv4 or IPv6 socket address.
static int resolve(const char *host, int port, struct sockaddr_storage *ss, socklen_t *len) {
    struct sockaddr_in *in4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
    memset(ss, 0, sizeof *ss);
    const char *name = strcmp(host, "localhost") == 0 ? "127.0.0.1" : host;
    char from_hosts[64] = "";
    if (inet_pton(AF_INET, name, &in4->sin_addr) != 1 && inet_pton(AF_INET6, name, &in6->sin6_addr) != 1) {
        FILE *f = fopen("/etc/hosts", "re");
        char line[512];
        while (f && !from_hosts[0] && fgets(line, sizeof line, f)) {
            char *save = NULL, *addr = strtok_r(line, " \t\n", &save);
            if (!addr || addr[0] == '#') continue;
            for (char *alias; (alias = strtok_r(NULL, " \t\n", &save));)
                if (strcmp(alias, host) == 0) snprintf(from_hosts, sizeof from_hosts, "%s", addr);
        }
        if (f) fclose(f);
        if (!from_hosts[0]) return -1;
        name = from_hosts;
    }
    if (inet_pton(AF_INET, name, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)port);
        *len = sizeof *in4;
        return 0;
    }
    memset(ss, 0, sizeof *ss);
    if (inet_pton(AF_INET6, name, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)port);
        *len = sizeof *in6;
        return 0;
    }
    return -1;
}

/// Waits for `fd` to be ready; 0 on ready, -1 on timeout (busybox: "download timed out").
static int wait_ready(int fd, short events, int timeout_secs) {
    struct pollfd p = {fd, events, 0};
    int rc;
    do {
        rc = poll(&p, 1, timeout_secs * 1000);
    } while (rc < 0 && errno == EINTR);
    return rc > 0 ? 0 : -1;
}

int wget_main(int argc, char **argv) {
    int quiet = 0, timeout = 900;
    const char *output = NULL, *url_text = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || a[1] == 0) {
            url_text = a;
            continue;
        }
        for (const char *c = a + 1; *c; c++) {
            if (*c == 'q') {
                quiet = 1;
            } else if (*c == 'O' || *c == 'T') {
                const char *value = c[1] ? c + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!value) {
                    fprintf(stderr, "wget: option requires an argument -- '%c'\n", *c);
                    return 1;
                }
                if (*c == 'O') output = value; else timeout = atoi(value);
                break;
            } else {
                fprintf(stderr, "wget: unrecognized option: %s\n", a);
                return 1;
            }
        }
    }
    if (!url_text) {
        fprintf(stderr, "BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-q] [-O FILE] [-T SEC] URL...\n");
        return 1;
    }
    struct url u;
    if (parse_url(url_text, &u) < 0) return 1;
    struct sockaddr_storage ss;
    socklen_t sslen;
    if (resolve(u.host, u.port, &ss, &sslen) < 0) {
        fprintf(stderr, "wget: bad address '%s'\n", u.host);
        return 1;
    }
    char ip[INET6_ADDRSTRLEN] = "";
    if (ss.ss_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, ip, sizeof ip);
    else inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, ip, sizeof ip);
    if (!quiet) fprintf(stderr, "Connecting to %s (%s:%d)\n", u.host, ip, u.port);

    int s = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0 || (connect(s, (struct sockaddr *)&ss, sslen) < 0 && errno != EINPROGRESS)) {
        fprintf(stderr, "wget: can't connect to remote host (%s): %s\n", ip, strerror(errno));
        return 1;
    }
    int soerr = 0;
    socklen_t soerrlen = sizeof soerr;
    if (wait_ready(s, POLLOUT, timeout) < 0) {
        fprintf(stderr, "wget: download timed out\n");
        return 1;
    }
    getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &soerrlen);
    if (soerr) {
        fprintf(stderr, "wget: can't connect to remote host (%s): %s\n", ip, strerror(soerr));
        return 1;
    }
    char request[3072];
    int reqlen = snprintf(request, sizeof request,
                          "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: Wget\r\nConnection: close\r\n\r\n", u.path, u.host);
    fcntl(s, F_SETFL, 0);
    if (write_all(s, request, (size_t)reqlen) < 0) {
        fprintf(stderr, "wget: error sending request: %s\n", strerror(errno));
        return 1;
    }
    size_t cap = 65536, len = 0;
    char *resp = malloc(cap);
    for (;;) {
        if (!resp) return 1;
        if (wait_ready(s, POLLIN, timeout) < 0) {
            fprintf(stderr, "wget: download timed out\n");
            return 1;
        }
        ssize_t n = read(s, resp + len, cap - len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        len += (size_t)n;
        if (len == cap) resp = realloc(resp, cap *= 2);
    }
    close(s);
    char *body = resp ? memmem(resp, len, "\r\n\r\n", 4) : NULL;
    if (!body) {
        fprintf(stderr, "wget: error getting response\n");
        return 1;
    }
    body += 4;
    char *eol = memchr(resp, '\r', len);
    *eol = 0;  // resp now holds the status line, e.g. "HTTP/1.1 200 OK"
    const char *code = strchr(resp, ' ');
    if (!code || atoi(code + 1) < 200 || atoi(code + 1) >= 300) {
        fprintf(stderr, "wget: server returned error: %s\n", resp);
        return 1;
    }
    size_t body_len = len - (size_t)(body - resp);
    char name[256];
    if (!output) {
        const char *slash = strrchr(u.path, '/');
        snprintf(name, sizeof name, "%s", slash && slash[1] ? slash + 1 : "index.html");
        output = name;
    }
    int to_stdout = strcmp(output, "-") == 0;
    int out = to_stdout ? 1 : open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        fprintf(stderr, "wget: can't open '%s': %s\n", output, strerror(errno));
        return 1;
    }
    if (!quiet) fprintf(stderr, to_stdout ? "writing to stdout\n" : "saving to '%s'\n", output);
    if (write_all(out, body, body_len) < 0) {
        fprintf(stderr, "wget: write error: %s\n", strerror(errno));
        return 1;
    }
    if (!quiet) fprintf(stderr, to_stdout ? "written to stdout\n" : "'%s' saved\n", output);
    return 0;
}
