// The cluster init: a single-threaded server on the SOCK_SEQPACKET control socket (fd 3).
//
// Requests (NUL-separated fields, stdio fds as SCM_RIGHTS):
//   sandbox <id> <hostname> [<node-index>]                                  -> ok <id> <pid> [<pod-ip>]
//   node <id> <index> <name>      (create, or start again after nodestop)   -> ok <id> [<pid>]
//   nodestop <id> <index>         (SIGKILL every process of the node at once)
//   container <id> <holder-pid> <workdir> <image> <uid> <gid> <caps-hex> <ro-root 0|1> <rootfs-bytes>
//             <nmounts> (<kind> <source> <target> <ro 0|1> <bytes> <subpath>)... <nfiles> (<path> <text>)...
//             (kind emptydir: source is the volume's name; hostpath/hostfile: "<allowed dir index>/<path>")
//             <argc> <argv...> <envc> <env...>                    + 3 stdio fds, then cgroup.procs fds
//   exec <id> <container-pid> <tty 0|1> <workdir> <argc> <argv...> <envc> <env...> + 3 fds
//   volume <id> <holder-pid> <name> <nfiles> (<path> <mode-octal> <text>)...  (projected files, atomic)
//   portconnect <id> <holder-pid> <port>  -> ok <id> socket (+ a socket connected to the pod's localhost:<port>)
//   signal <id> <pid> <signo>
//   shutdown <id>
// Replies: `ok <id> [<pid>]` (+ the process's pidfd), `err <id> <stage> <errno> <detail>`.
// Asynchronously: `exit <pid> <wstatus>` for every started process, after its `ok`.
//
// In isolated mode init is PID 1 of the cluster PID namespace: when it dies (control socket EOF,
// shutdown, or PR_SET_PDEATHSIG when kubetutor dies, even by SIGKILL) the kernel kills every pod process.
#define _GNU_SOURCE
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_MESSAGE 65536
#define MAX_FIELDS 4096

int isolated_mode;
int own_pidns_fd = -1;
/// Why the image trees could not be built (every container start then reports it); stage "" when fine.
static struct child_failure images_failure;

/// Kills everything init started; in isolated mode the whole PID namespace.
static void kill_everything(void) {
    if (isolated_mode) {
        kill(-1, SIGKILL);
        return;
    }
    for (size_t i = 0; i < tracked_count(); i++) {
        kill(-tracked_at(i)->pid, SIGKILL);  // each child leads its own session/process group
        kill(tracked_at(i)->pid, SIGKILL);
    }
    // Reap them (and adopted orphans) before exiting, so none lingers as a zombie of the host's
    // PID 1; alarm bounds the wait should one be stuck in the kernel.
    alarm(2);
    while (waitpid(-1, NULL, 0) > 0 || errno == EINTR) {}
}

/// Parses `<argc> argv... <envc> env...` from fields[*at]; NULL-terminates both lists in place.
static int parse_lists(char **fields, int nfields, int *at, struct start_request *req, char **storage) {
    int argc = atoi(fields[*at]);
    if (argc < 1 || *at + 1 + argc >= nfields) return -1;
    req->argv = storage;
    for (int i = 0; i < argc; i++) storage[i] = fields[*at + 1 + i];
    storage[argc] = NULL;
    *at += 1 + argc;
    int envc = atoi(fields[*at]);
    if (envc < 0 || *at + 1 + envc > nfields) return -1;
    req->envp = storage + argc + 1;
    for (int i = 0; i < envc; i++) req->envp[i] = fields[*at + 1 + i];
    req->envp[envc] = NULL;
    *at += 1 + envc;
    return 0;
}

static int parse_int(const char *text, long long min, long long max, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || *text == 0 || *end != 0 || v < min || v > max) return -1;
    *out = v;
    return 0;
}

/// The container fields between the workdir and argc (see the protocol above).
static int parse_container(char **f, int n, int *at, struct start_request *req) {
    long long v;
    if (*at + 7 > n) return -1;
    req->image = f[(*at)++];
    if (parse_int(f[(*at)++], 0, 4294967294LL, &v) < 0) return -1;
    req->conf.uid = (unsigned)v;
    if (parse_int(f[(*at)++], 0, 4294967294LL, &v) < 0) return -1;
    req->conf.gid = (unsigned)v;
    char *end;
    req->conf.caps = strtoull(f[(*at)++], &end, 16);
    if (*end) return -1;
    req->read_only_root = strcmp(f[(*at)++], "1") == 0;
    if (parse_int(f[(*at)++], 0, 1LL << 50, &req->rootfs_size) < 0) return -1;
    if (parse_int(f[(*at)++], 0, MAX_MOUNTS, &v) < 0) return -1;
    req->nmounts = (int)v;
    for (int i = 0; i < req->nmounts; i++) {
        if (*at + 6 > n) return -1;
        struct mount_request *m = &req->mounts[i];
        m->kind = f[(*at)++];
        m->source = f[(*at)++];
        m->target = f[(*at)++];
        m->read_only = strcmp(f[(*at)++], "1") == 0;
        if (parse_int(f[(*at)++], 0, 1LL << 50, &m->size) < 0) return -1;
        m->sub_path = f[(*at)++];
        if (strcmp(m->kind, "hostpath") == 0 || strcmp(m->kind, "hostfile") == 0) {
            // "<index>/<path below that allowed directory>" (opened with RESOLVE_IN_ROOT beneath it).
            char *slash;
            long index = strtol(m->source, &slash, 10);
            if (slash == m->source || *slash != '/' || index < 0 || index >= MAX_HOST_PATHS) return -1;
        } else if (strchr(m->source, '/') || m->source[0] == '.' || m->source[0] == 0) {
            return -1;
        }
    }
    if (*at >= n || parse_int(f[(*at)++], 0, MAX_FILES, &v) < 0) return -1;
    req->nfiles = (int)v;
    for (int i = 0; i < req->nfiles; i++) {
        if (*at + 2 > n) return -1;
        req->file_path[i] = f[(*at)++];
        req->file_text[i] = f[(*at)++];
        // Kubelet-managed files live in /etc; their names are plain (no "..", no further "/").
        const char *p = req->file_path[i];
        if (strncmp(p, "/etc/", 5) != 0 || strchr(p + 5, '/') || p[5] == 0 || p[5] == '.') return -1;
    }
    return *at < n ? 0 : -1;
}

/// Starts a container or exec'd process on the node its target runs on.
static void handle_start(char **f, int n, int *fds, int nfds, int is_exec) {
    static char *lists[MAX_FIELDS + 2];
    static struct start_request req;
    const char *id = f[1];
    memset(&req, 0, sizeof req);
    int at = 3;
    if (is_exec) req.tty = atoi(f[at++]);
    req.workdir = f[at++];
    struct tracked *target = find((pid_t)atoi(f[2]));
    if (nfds < 3 || nfds > 3 + MAX_CGROUPS) return reply_bad_request(id, "expected 3 stdio fds and the cgroups");
    if (!is_exec && parse_container(f, n, &at, &req) < 0) return reply_bad_request(id, "malformed container settings");
    if (parse_lists(f, n, &at, &req, lists) < 0) return reply_bad_request(id, "malformed argv/env");
    if (!target) return reply_bad_request(id, is_exec ? "container is not running" : "sandbox is not running");
    memcpy(req.stdio, fds, sizeof req.stdio);
    req.ncgroups = nfds - 3;
    memcpy(req.cgroup_procs, fds + 3, sizeof(int) * (size_t)req.ncgroups);
    int node = target->node, target_pidfd = target->pidfd, pidfd = -1;
    pid_t holder = target->pid;
    struct child_failure fail;
    if (!is_exec && isolated_mode && images_failure.stage[0]) return reply_error(id, &images_failure);
    if (!is_exec && isolated_mode) {
        if (pod_files_ensure(holder, &req, &fail) < 0) return reply_error(id, &fail);
        for (int i = 0; i < req.nmounts; i++) {
            char path[512];
            if (strcmp(req.mounts[i].kind, "emptydir") == 0 && pod_volume_ensure(holder, req.mounts[i].source, req.mounts[i].size, path, sizeof path, &fail) < 0)
                return reply_error(id, &fail);
        }
    }
    pid_t pid;
    if (is_exec) pid = spawn_exec(isolated_mode, target_pidfd, own_pidns_fd, &req, &target->conf, target->cgroups,
                                  target->ncgroups, &pidfd, &fail);
    else pid = spawn_container(isolated_mode, target_pidfd, holder, &req, &pidfd, &fail);
    if (pid < 0) return reply_error(id, &fail);
    reply_started(id, pid, pidfd, NULL);
    struct tracked *t = track(pid, pidfd);
    if (!t) return;
    t->node = node;
    if (!is_exec) {
        t->is_container = 1;
        t->conf = req.conf;
        // Kept for exec'd processes, which join the same cgroups.
        for (int i = 0; i < req.ncgroups; i++) {
            int fd = fcntl(req.cgroup_procs[i], F_DUPFD_CLOEXEC, 3);
            if (fd >= 0) t->cgroups[t->ncgroups++] = fd;
        }
    }
}

/// A projected volume's files for a running sandbox (isolated mode: the volume lives in init's root).
static void handle_volume(char **f, int n) {
    const char *id = f[1];
    static char *paths[MAX_VOLUME_FILES], *texts[MAX_VOLUME_FILES];
    static mode_t modes[MAX_VOLUME_FILES];
    struct tracked *holder = find((pid_t)atoi(f[2]));
    long long count;
    if (parse_int(f[4], 0, MAX_VOLUME_FILES, &count) < 0 || n != 5 + 3 * count) return reply_bad_request(id, "malformed volume files");
    const char *name = f[3];
    if (!name[0] || name[0] == '.' || strchr(name, '/')) return reply_bad_request(id, "malformed volume name");
    for (int i = 0; i < count; i++) {
        paths[i] = f[5 + 3 * i];
        char *end;
        modes[i] = (mode_t)strtol(f[6 + 3 * i], &end, 8) & 07777;
        texts[i] = f[7 + 3 * i];
        // Relative, no "..", no leading "..": the API server validates the same (validateLocalDescendingPath).
        if (*end || !paths[i][0] || paths[i][0] == '/' || strncmp(paths[i], "..", 2) == 0 || strstr(paths[i], "/../") ||
            strstr(paths[i], "//"))
            return reply_bad_request(id, "malformed volume file path");
        size_t l = strlen(paths[i]);
        if (l >= 3 && strcmp(paths[i] + l - 3, "/..") == 0) return reply_bad_request(id, "malformed volume file path");
    }
    if (!holder || !holder->is_sandbox) return reply_bad_request(id, "sandbox is not running");
    if (!isolated_mode) return reply_bad_request(id, "volumes need isolation");
    struct child_failure fail;
    memset(&fail, 0, sizeof fail);
    if (pod_volume_files(holder->pid, name, (int)count, paths, modes, texts, &fail) < 0) return reply_error(id, &fail);
    reply_ok(id);
}

static void handle(char **f, int n, int *fds, int nfds) {
    const char *verb = f[0];
    const char *id = n > 1 ? f[1] : "0";
    if (strcmp(verb, "sandbox") == 0 && (n == 3 || n == 4)) {
        handle_sandbox(id, f[2], n == 4 ? f[3] : NULL);
    } else if (strcmp(verb, "container") == 0 && n >= 6) {
        handle_start(f, n, fds, nfds, 0);
    } else if (strcmp(verb, "exec") == 0 && n >= 7) {
        handle_start(f, n, fds, nfds, 1);
    } else if (strcmp(verb, "node") == 0 && n == 4) {
        handle_node(id, f[2], f[3]);
    } else if (strcmp(verb, "nodestop") == 0 && n == 3) {
        handle_node_stop(id, f[2]);
    } else if (strcmp(verb, "volume") == 0 && n >= 5) {
        handle_volume(f, n);
    } else if (strcmp(verb, "portconnect") == 0 && n == 4) {
        handle_port_connect(id, f[2], f[3]);
    } else if (strcmp(verb, "signal") == 0 && n == 4) {
        pid_t pid = (pid_t)atoi(f[2]);
        if (find(pid)) kill(pid, atoi(f[3]));  // only our own, never a recycled pid
        reply_ok(id);
    } else if (strcmp(verb, "shutdown") == 0) {
        kill_everything();
        reply_ok(id);
        _exit(0);
    } else {
        reply_bad_request(id, "unknown request");
    }
}

/// Reaps every exited child and reports the ones kubetutor knows about.
static void reap(void) {
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        struct tracked *t = find(pid);
        if (!t) continue;
        int node = t->node, is_node = t->is_node, is_sandbox = t->is_sandbox;
        uint8_t ip_host = t->ip_host;
        untrack(pid);  // first: the node's kills below must not reach this now free pid
        if (is_node) node_holder_exited(node, pid);
        if (is_sandbox && isolated_mode) pod_volumes_release(pid);
        if (ip_host) pod_ip_release(node, ip_host);
        char p[16], s[16];
        snprintf(p, sizeof p, "%d", pid);
        snprintf(s, sizeof s, "%d", status);
        const char *fields[] = {"exit", p, s};
        send_fields(fields, 3, -1);
    }
}

static void receive_request(void) {
    static char buf[MAX_MESSAGE];
    static char *fields[MAX_FIELDS];
    union {
        char buf[CMSG_SPACE(8 * sizeof(int))];
        struct cmsghdr align;
    } control;
    struct iovec iov = {buf, sizeof buf - 1};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.buf;
    msg.msg_controllen = sizeof control.buf;
    ssize_t len = recvmsg(CONTROL_FD, &msg, MSG_CMSG_CLOEXEC);
    if (len < 0 && errno == EINTR) return;
    if (len <= 0) {  // kubetutor closed the socket (exit, crash): take the cluster down with us
        kill_everything();
        _exit(0);
    }
    int fds[8], nfds = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
        int count = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
        for (int i = 0; i < count && nfds < 8; i++) memcpy(&fds[nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
    }
    buf[len] = 0;
    int n = 0;
    for (char *p = buf; p < buf + len && n < MAX_FIELDS; p += strlen(p) + 1) fields[n++] = p;
    if (n > 0) handle(fields, n, fds, nfds);
    for (int i = 0; i < nfds; i++) close(fds[i]);
}

int init_main(int isolated, const char *busybox, const char *bash, const char *const *host_paths, int nhost) {
    isolated_mode = isolated;
    // Only the control socket and stderr (for diagnostics) stay; kubetutor's other fds are not ours.
    syscall(SYS_close_range, CONTROL_FD + 1, ~0U, 0);
    int devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (devnull >= 0) {
        dup2(devnull, 0);
        dup2(devnull, 1);
        close(devnull);
    }
    setsid();  // off the learner's terminal: Ctrl-C at the prompt must not reach the cluster
    fcntl(CONTROL_FD, F_SETFD, FD_CLOEXEC);
    own_pidns_fd = open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC);
    if (isolated && cluster_net_prepare() < 0) perror("kubetutor-init: open /proc/self/ns/net");
    if (isolated && images_prepare(busybox, bash, host_paths, nhost, &images_failure) < 0) {
        if (!images_failure.stage[0]) snprintf(images_failure.stage, sizeof images_failure.stage, "prepare images");
        fprintf(stderr, "kubetutor-init: %s\n", images_failure.detail);
    }
    signal(SIGPIPE, SIG_IGN);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGCHLD);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGHUP);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    int sfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0) {
        perror("kubetutor-init: signalfd");
        return 1;
    }
    if (!isolated) {
        // Without a PID namespace nothing kills our children for us: be told (SIGTERM, catchable)
        // when kubetutor dies, and adopt orphans so their pids stay ours.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        prctl(PR_SET_CHILD_SUBREAPER, 1);
        if (getppid() == 1) return 0;
    }
    for (;;) {
        struct pollfd pfds[2] = {{CONTROL_FD, POLLIN, 0}, {sfd, POLLIN, 0}};
        if (poll(pfds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            perror("kubetutor-init: poll");
            kill_everything();
            return 1;
        }
        if (pfds[1].revents & POLLIN) {
            struct signalfd_siginfo si;
            int stop = 0;
            while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
                if (si.ssi_signo != SIGCHLD) stop = 1;
            reap();
            if (stop) {
                kill_everything();
                return 0;
            }
        }
        if (pfds[0].revents & (POLLIN | POLLHUP | POLLERR)) receive_request();
    }
}
