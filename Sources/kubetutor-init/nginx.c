// `nginx`: a small HTTP/1.1 server standing in for the nginx image. Listens on 0.0.0.0:80 and
// [::]:80 in the pod's network namespace, serves files from /usr/share/nginx/html (index.html for a
// directory; a file changed in the container is served as changed, with nginx's Last-Modified and
// ETag), answers 404 like nginx otherwise, logs like nginx (notices and errors on stderr, combined
// access log on stdout) and exits on SIGTERM/SIGQUIT. Without isolation, where the host has no such
// directory, it serves the stock welcome page at /. The stock page gains one line naming the pod.
#define _GNU_SOURCE
#include "applets.h"
#include "nginx_pages.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define MAX_CONNS 64
#define CONN_BUF 8192

struct conn {
    int fd;
    size_t len;
    char peer[INET6_ADDRSTRLEN];
    char buf[CONN_BUF];
};

static volatile sig_atomic_t stop_signal;
static struct conn *conns[MAX_CONNS];

static void on_signal(int sig) { stop_signal = sig; }

/// One line of nginx's error log: "2026/11/26 01:02:03 [notice] 1#1: ...".
static void error_log(const char *level, const char *fmt, ...) {
    char when[32], line[1024];
    format_error_log_time(when, sizeof when);
    int n = snprintf(line, sizeof line, "%s [%s] %d#%d: ", when, level, getpid(), getpid());
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    write_all(2, line, (size_t)n);
}

static int listen_on(int family, int port) {
    int s = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0) return -2;  // no IPv6 in this kernel: not an error for [::]
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_storage ss;
    memset(&ss, 0, sizeof ss);
    socklen_t len;
    if (family == AF_INET) {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        a->sin_port = htons((uint16_t)port);
        len = sizeof *a;
    } else {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        a->sin6_port = htons((uint16_t)port);
        setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        len = sizeof *a;
    }
    if (bind(s, (struct sockaddr *)&ss, len) < 0 || listen(s, 511) < 0) {
        int err = errno;
        error_log("emerg", "bind() to %s:%d failed (%d: %s)", family == AF_INET ? "0.0.0.0" : "[::]", port, err,
                  strerror(err));
        close(s);
        return family == AF_INET6 && err == EADDRNOTAVAIL ? -2 : -1;
    }
    return s;
}

static const char *header_value(const char *headers, const char *name, char *out, size_t cap) {
    size_t nlen = strlen(name);
    for (const char *line = headers; line && *line; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : NULL) {
        if (strncasecmp(line, name, nlen) == 0 && line[nlen] == ':') {
            const char *v = line + nlen + 1;
            v += strspn(v, " \t");
            size_t vlen = strcspn(v, "\r\n");
            snprintf(out, cap, "%.*s", (int)(vlen < cap ? vlen : cap - 1), v);
            return out;
        }
        if (line[0] == '\r') break;
    }
    snprintf(out, cap, "-");
    return NULL;
}

#define DOCROOT "/usr/share/nginx/html"

/// The stock welcome page with one line added that names the pod serving it (its hostname), so that
/// requests through a Service visibly spread over the replicas. kubetutor's addition: the real image's
/// page is the stock one. A page the learner wrote is served as written. Malloc'd; NULL when out of memory.
static char *welcome_naming_pod(size_t *len) {
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) < 0) snprintf(host, sizeof host, "unknown");
    const char *end = strstr(nginx_welcome_page, "</body>");
    size_t head = end ? (size_t)(end - nginx_welcome_page) : strlen(nginx_welcome_page);
    size_t cap = strlen(nginx_welcome_page) + strlen(host) + 32;
    char *page = malloc(cap);
    if (!page) return NULL;
    int n = snprintf(page, cap, "%.*s<p>Served by pod %s</p>\n%s", (int)head, nginx_welcome_page, host, nginx_welcome_page + head);
    *len = n > 0 ? (size_t)n : 0;
    return page;
}

/// Reads the file a request target names under DOCROOT (index.html for a directory); 0 when there
/// is none. Without the directory (the mode without isolation) "/" is the stock welcome page.
static int serve_file(const char *target, char **body, size_t *len, struct stat *st) {
    char path[2300];
    size_t tlen = strcspn(target, "?#");
    if (tlen == 0 || target[0] != '/' || strstr(target, "/..")) return 0;
    snprintf(path, sizeof path, DOCROOT "%.*s", (int)tlen, target);
    struct stat dir;
    if (stat(path, &dir) == 0 && S_ISDIR(dir.st_mode)) strncat(path, path[strlen(path) - 1] == '/' ? "index.html" : "/index.html",
                                                              sizeof path - strlen(path) - 1);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (access(DOCROOT, F_OK) == 0) return 0;
        if (strcmp(target, "/") != 0 && strcmp(target, "/index.html") != 0) return 0;
        *body = welcome_naming_pod(len);
        return *body != NULL;
    }
    if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) || st->st_size > (64 << 20)) {
        close(fd);
        return 0;
    }
    *body = malloc((size_t)st->st_size + 1);
    size_t got = 0;
    while (*body && got < (size_t)st->st_size) {
        ssize_t r = read(fd, *body + got, (size_t)st->st_size - got);
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (!*body) return 0;
    *len = got;
    if (got == strlen(nginx_welcome_page) && memcmp(*body, nginx_welcome_page, got) == 0) {
        free(*body);
        *body = welcome_naming_pod(len);
        return *body != NULL;
    }
    return 1;
}

/// Answers one complete request at the head of c->buf. Returns 1 to keep the connection open.
static int respond(struct conn *c, size_t head_len) {
    char *req = c->buf;
    req[head_len - 2] = 0;  // ends the headers block (keeps the last header's "\r\n")
    char method[16] = "", target[2048] = "", version[16] = "";
    sscanf(req, "%15s %2047s %15s", method, target, version);
    char request_line[2200];
    snprintf(request_line, sizeof request_line, "%.*s", (int)strcspn(req, "\r\n"), req);
    const char *headers = strstr(req, "\r\n") ? strstr(req, "\r\n") + 2 : "";
    char agent[256], referer[256], host[256], connection[64];
    header_value(headers, "User-Agent", agent, sizeof agent);
    header_value(headers, "Referer", referer, sizeof referer);
    header_value(headers, "Host", host, sizeof host);
    header_value(headers, "Connection", connection, sizeof connection);
    int keep = strcmp(version, "HTTP/1.1") == 0 ? strcasecmp(connection, "close") != 0
                                               : strcasecmp(connection, "keep-alive") == 0;
    int head = strcmp(method, "HEAD") == 0;
    char *body = NULL;
    size_t body_len = 0;
    struct stat st;
    memset(&st, 0, sizeof st);
    int found = serve_file(target, &body, &body_len, &st);
    if (!found) {
        body = (char *)nginx_not_found_page;
        body_len = strlen(body);
        error_log("error", "*1 open() \"" DOCROOT "%s\" failed (2: No such file or directory), client: %s, "
                  "server: localhost, request: \"%s\", host: \"%s\"", target, c->peer, request_line, host);
    }
    char date[64], modified[64] = "", etag[64] = "";
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    if (found) {
        time_t mtime = st.st_mtime ? st.st_mtime : 1732636500;  // the stock page: Tue, 26 Nov 2024 15:55:00
        gmtime_r(&mtime, &tm);
        strftime(modified, sizeof modified, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        snprintf(etag, sizeof etag, "\"%lx-%zx\"", (unsigned long)mtime, body_len);
    }
    char response[1024];
    int n = snprintf(response, sizeof response,
                     "HTTP/1.1 %s\r\nServer: nginx/" NGINX_VERSION "\r\nDate: %s\r\nContent-Type: text/html\r\n"
                     "Content-Length: %zu\r\n%s%s%sConnection: %s\r\n%s%s%s\r\n",
                     found ? "200 OK" : "404 Not Found", date, body_len, found ? "Last-Modified: " : "", modified,
                     found ? "\r\n" : "", keep ? "keep-alive" : "close", found ? "ETag: " : "", etag,
                     found ? "\r\nAccept-Ranges: bytes\r\n" : "");
    write_all(c->fd, response, (size_t)n);
    if (!head) write_all(c->fd, body, body_len);
    if (found) free(body);
    char when[48], access[4096];
    format_access_log_time(when, sizeof when);
    n = snprintf(access, sizeof access, "%s - - [%s] \"%s\" %d %zu \"%s\" \"%s\" \"-\"\n", c->peer, when, request_line,
                 found ? 200 : 404, head ? (size_t)0 : body_len, referer, agent);
    write_all(1, access, (size_t)(n < (int)sizeof access ? n : (int)sizeof access - 1));
    memmove(c->buf, c->buf + head_len, c->len - head_len);
    c->len -= head_len;
    return keep;
}

static void drop(int i) {
    close(conns[i]->fd);
    free(conns[i]);
    conns[i] = NULL;
}

static void accept_one(int listener) {
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    int fd = accept4(listener, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
    if (fd < 0) return;
    for (int i = 0; i < MAX_CONNS; i++) {
        if (conns[i]) continue;
        struct conn *c = calloc(1, sizeof *c);
        if (!c) break;
        c->fd = fd;
        if (ss.ss_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, c->peer, sizeof c->peer);
        else inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, c->peer, sizeof c->peer);
        conns[i] = c;
        return;
    }
    close(fd);  // over the limit
}

static void serve_readable(int i) {
    struct conn *c = conns[i];
    ssize_t n = read(c->fd, c->buf + c->len, CONN_BUF - 1 - c->len);
    if (n <= 0) return drop(i);
    c->len += (size_t)n;
    c->buf[c->len] = 0;
    for (char *end; (end = strstr(c->buf, "\r\n\r\n"));) {
        if (!respond(c, (size_t)(end + 4 - c->buf))) return drop(i);
        c->buf[c->len] = 0;
    }
    if (c->len >= CONN_BUF - 1) drop(i);  // request header too large: nginx answers 400; we just hang up
}

static void startup_notices(void) {
    struct utsname u;
    struct rlimit rl = {0, 0};
    uname(&u);
    getrlimit(RLIMIT_NOFILE, &rl);
    error_log("notice", "using the \"epoll\" event method");
    error_log("notice", "nginx/" NGINX_VERSION);
    error_log("notice", "built by gcc 12.2.0 (Debian 12.2.0-14)");
    error_log("notice", "OS: %s %s", u.sysname, u.release);
    error_log("notice", "getrlimit(RLIMIT_NOFILE): %lu:%lu", (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max);
    error_log("notice", "start worker processes");
}

int nginx_main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    setvbuf(stdout, NULL, _IONBF, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;  // no SA_RESTART: poll returns EINTR and the loop sees stop_signal
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    const char *port_env = getenv("KUBETUTOR_NGINX_PORT");  // the mode without isolation cannot use :80
    int port = port_env ? atoi(port_env) : 80;
    printf("/docker-entrypoint.sh: Configuration complete; ready for start up\n");
    int l4 = listen_on(AF_INET, port);
    int l6 = l4 >= 0 ? listen_on(AF_INET6, port) : -2;
    if (l4 < 0 || l6 == -1) {
        error_log("emerg", "still could not bind()");
        return 1;
    }
    startup_notices();
    while (!stop_signal) {
        struct pollfd pfds[MAX_CONNS + 2];
        int map[MAX_CONNS + 2], n = 0;
        pfds[n] = (struct pollfd){l4, POLLIN, 0};
        map[n++] = -1;
        if (l6 >= 0) {
            pfds[n] = (struct pollfd){l6, POLLIN, 0};
            map[n++] = -2;
        }
        for (int i = 0; i < MAX_CONNS; i++) {
            if (!conns[i]) continue;
            pfds[n] = (struct pollfd){conns[i]->fd, POLLIN, 0};
            map[n++] = i;
        }
        if (poll(pfds, (nfds_t)n, -1) < 0) continue;
        for (int k = 0; k < n; k++) {
            if (!pfds[k].revents) continue;
            if (map[k] == -1) accept_one(l4);
            else if (map[k] == -2) accept_one(l6);
            else if (conns[map[k]]) serve_readable(map[k]);
        }
    }
    const char *name = stop_signal == SIGQUIT ? "SIGQUIT" : stop_signal == SIGINT ? "SIGINT" : "SIGTERM";
    error_log("notice", "signal %d (%s) received, %s", (int)stop_signal, name,
              stop_signal == SIGQUIT ? "shutting down" : "exiting");
    error_log("notice", "exit");
    return 0;
}
