// How init starts pod holders, containers and exec'd processes: clone3 with CLONE_PIDFD, child setup
// in a fixed order of stages, failures reported as (stage, errno, detail) over a CLOEXEC pipe.
#define _GNU_SOURCE
#include "applets.h"
#include "netlink.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

static void fail_with(struct child_failure *fail, const char *stage, int err) {
    snprintf(fail->stage, sizeof fail->stage, "%s", stage);
    fail->err = err;
    fail->detail[0] = 0;
}

/// In the child: report the failure to the parent and end.
static void child_fail(int pipe_fd, struct child_failure *fail) {
    write_all(pipe_fd, fail, sizeof *fail);
    _exit(127);
}

void child_fail_detail(int pipe_fd, const char *stage, int err, const char *detail) {
    struct child_failure fail;
    fail_with(&fail, stage, err);
    snprintf(fail.detail, sizeof fail.detail, "%s", detail ? detail : "");
    child_fail(pipe_fd, &fail);
}

static void child_fail_stage(int pipe_fd, const char *stage) {
    struct child_failure fail;
    fail_with(&fail, stage, errno);
    child_fail(pipe_fd, &fail);
}

/// Children inherit init's blocked signals (for signalfd) and ignored SIGPIPE: undo both.
static void reset_signals(void) {
    sigset_t none;
    sigemptyset(&none);
    for (int sig = 1; sig < NSIG; sig++) signal(sig, SIG_DFL);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/// clone3 with a pidfd; returns 0 in the child, the pid in the parent, -1 on error.
static pid_t clone_with_pidfd(uint64_t flags, int *pidfd) {
    struct clone_args args;
    memset(&args, 0, sizeof args);
    args.flags = flags | CLONE_PIDFD;
    args.pidfd = (uint64_t)(uintptr_t)pidfd;
    args.exit_signal = SIGCHLD;
    return (pid_t)syscall(SYS_clone3, &args, sizeof args);
}

/// Parent side: wait for the child's report; EOF without a report means success (exec or ready).
static pid_t await_child(pid_t pid, int pidfd, int pipe_rd, struct child_failure *fail) {
    struct child_failure got;
    ssize_t n;
    do {
        n = read(pipe_rd, &got, sizeof got);
    } while (n < 0 && errno == EINTR);
    close(pipe_rd);
    if (n == (ssize_t)sizeof got) {
        *fail = got;
        waitpid(pid, NULL, 0);  // reaped here so the SIGCHLD loop never reports a process Swift never saw
        close(pidfd);
        return -1;
    }
    return pid;
}

/// Brings the loopback interface up in the current network namespace.
static int loopback_up(void) {
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0) return -1;
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
    int rc = ioctl(s, SIOCGIFFLAGS, &ifr);
    if (rc == 0) {
        ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
        rc = ioctl(s, SIOCSIFFLAGS, &ifr);
    }
    int saved = errno;
    close(s);
    errno = saved;
    return rc;
}

/// The start of every spawn: a CLOEXEC pipe for the child's failure report, then clone3. In the
/// child (0 returned) the read end is closed and signals are reset; -1 means `fail` says why.
static pid_t clone_reporting(uint64_t flags, int pipefd[2], int *pidfd_out, struct child_failure *fail) {
    if (pipe2(pipefd, O_CLOEXEC) < 0) {
        fail_with(fail, "pipe", errno);
        return -1;
    }
    pid_t pid = clone_with_pidfd(flags, pidfd_out);
    if (pid < 0) {
        fail_with(fail, "clone3", errno);
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        close(pipefd[0]);
        reset_signals();
    }
    return pid;
}

pid_t spawn_holder(int isolated, int node, const char *hostname, int *pidfd_out, struct child_failure *fail) {
    int pipefd[2];
    uint64_t flags = !isolated ? 0 : node ? (CLONE_NEWUTS | CLONE_NEWNET) : (CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET);
    pid_t pid = clone_reporting(flags, pipefd, pidfd_out, fail);
    if (pid < 0) return -1;
    if (pid == 0) {
        if (!isolated) setpgid(0, 0);
        if (isolated && sethostname(hostname, strlen(hostname)) < 0) child_fail_stage(pipefd[1], "sethostname");
        if (isolated && loopback_up() < 0) child_fail_stage(pipefd[1], "bring up lo");
        // A node routes between its pods and the other nodes. In a pod, `ping` may use an ICMP
        // datagram socket: allow gid 0, the only group the cluster's user namespace maps.
        if (isolated && node && write_sysctl("net/ipv4/ip_forward", "1") < 0)
            child_fail_stage(pipefd[1], "write net.ipv4.ip_forward");
        // The pod network is IPv4: a node's veths get no IPv6, so a new pod's link sends nothing the
        // bridge would flood to every other pod. Pods get no sysctl writes at all: each /proc/sys
        // lookup costs more the more network namespaces exist (their dentries share hash chains),
        // which made pod start grow with the pod count. (A pod's eth0 is set to generate no IPv6
        // address over netlink instead; ping falls back to a raw socket, which pod root may open.)
        if (isolated && node) {
            (void)write_sysctl("net/ipv6/conf/default/disable_ipv6", "1");
            (void)write_sysctl("net/ipv6/conf/all/disable_ipv6", "1");
        }
        // Close everything, including the pipe: EOF tells init the holder is ready.
        syscall(SYS_close_range, 0, ~0U, 0);
        for (;;) pause();
    }
    close(pipefd[1]);
    return await_child(pid, *pidfd_out, pipefd[0], fail);
}

/// With a tty, stdio is a console socket (runc's --console-socket): the terminal is opened here,
/// in the container's own devpts, its master sent back over the socket, and the slave becomes
/// 0/1/2 and the controlling tty, owned by the process's user as runc leaves it.
static void install_terminal(int pipe_fd, int console, unsigned uid) {
    int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) child_fail_stage(pipe_fd, "open /dev/ptmx");
    int unlock = 0;
    if (ioctl(master, TIOCSPTLCK, &unlock) < 0) child_fail_stage(pipe_fd, "unlockpt");
    int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (slave < 0) child_fail_stage(pipe_fd, "open pty peer");
    if (uid != 0 && fchown(slave, uid, (gid_t)-1) < 0) child_fail_stage(pipe_fd, "chown pty");
    char byte = 0;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        char buf[CMSG_SPACE(sizeof(int))];
        struct cmsghdr align;
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
    struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);
    cmsg->cmsg_level = SOL_SOCKET;
    cmsg->cmsg_type = SCM_RIGHTS;
    cmsg->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cmsg), &master, sizeof(int));
    if (sendmsg(console, &msg, MSG_NOSIGNAL) < 0) child_fail_stage(pipe_fd, "send pty master");
    close(master);
    for (int i = 0; i < 3; i++)
        if (dup2(slave, i) < 0) child_fail_stage(pipe_fd, "dup2 stdio");
    close(slave);
    syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    if (setsid() < 0) child_fail_stage(pipe_fd, "setsid");
    if (ioctl(0, TIOCSCTTY, 0) < 0) child_fail_stage(pipe_fd, "set controlling tty");
}

/// Installs the request's stdio as 0/1/2 and marks every other inherited fd close-on-exec.
static void install_stdio(int pipe_fd, const struct start_request *req, unsigned uid) {
    if (req->tty) {
        install_terminal(pipe_fd, req->stdio[0], uid);
        return;
    }
    int fds[3];
    // Move them above 2 first so dup2 onto 0..2 never clobbers one still needed.
    for (int i = 0; i < 3; i++) {
        fds[i] = fcntl(req->stdio[i], F_DUPFD_CLOEXEC, 10);
        if (fds[i] < 0) child_fail_stage(pipe_fd, "dup stdio");
    }
    for (int i = 0; i < 3; i++)
        if (dup2(fds[i], i) < 0) child_fail_stage(pipe_fd, "dup2 stdio");
    syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC);
    setsid();  // its own session: the learner's Ctrl-C must not reach pods
}

static void chdir_and_exec(int pipe_fd, const struct start_request *req) {
    const char *dir = req->workdir && req->workdir[0] ? req->workdir : "/";
    if (chdir(dir) < 0) {
        struct child_failure fail;
        fail_with(&fail, "chdir", errno);
        snprintf(fail.detail, sizeof fail.detail, "chdir to cwd (\"%s\") set in config.json failed: %s", dir, strerror(errno));
        child_fail(pipe_fd, &fail);
    }
    struct child_failure fail;
    exec_in_path(req->argv, req->envp, &fail);
    child_fail(pipe_fd, &fail);
}

pid_t spawn_container(int isolated, int holder_pidfd, pid_t holder, const struct start_request *req, int *pidfd_out,
                      struct child_failure *fail) {
    int pipefd[2];
    pid_t pid = clone_reporting(isolated ? (CLONE_NEWPID | CLONE_NEWNS) : 0, pipefd, pidfd_out, fail);
    if (pid < 0) return -1;
    if (pid == 0) {
        if (isolated) {
            if (setns(holder_pidfd, CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) < 0) child_fail_stage(pipefd[1], "setns");
            rootfs_enter(pipefd[1], holder, req);
        }
        install_stdio(pipefd[1], req, req->conf.uid);
        if (isolated) confine(pipefd[1], &req->conf, req->cgroup_procs, req->ncgroups);
        chdir_and_exec(pipefd[1], req);
    }
    close(pipefd[1]);
    return await_child(pid, *pidfd_out, pipefd[0], fail);
}

pid_t spawn_exec(int isolated, int container_pidfd, int own_pidns_fd, const struct start_request *req,
                 const struct confinement *conf, const int *cgroups, int ncgroups, int *pidfd_out,
                 struct child_failure *fail) {
    // The child must be born in the container's PID namespace, and stay init's child so init reaps it.
    if (isolated && setns(container_pidfd, CLONE_NEWPID) < 0) {
        fail_with(fail, "setns pid", errno);
        return -1;
    }
    int pipefd[2];
    pid_t pid = clone_reporting(0, pipefd, pidfd_out, fail);
    if (pid != 0 && isolated) setns(own_pidns_fd, CLONE_NEWPID);
    if (pid < 0) return -1;
    if (pid == 0) {
        if (isolated && setns(container_pidfd, CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) < 0)
            child_fail_stage(pipefd[1], "setns");
        install_stdio(pipefd[1], req, isolated ? conf->uid : 0);
        if (isolated) confine(pipefd[1], conf, cgroups, ncgroups);
        chdir_and_exec(pipefd[1], req);
    }
    close(pipefd[1]);
    return await_child(pid, *pidfd_out, pipefd[0], fail);
}
