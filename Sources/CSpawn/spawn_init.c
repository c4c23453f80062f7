// Vfork-style clones from the multithreaded Swift process: the cluster init, the user-namespace
// probe and the benchmark baseline. Between clone and execve the child shares kubetutor's memory,
// so it uses raw syscalls only and reports failures by writing into the parent's (suspended) frame.
#define _GNU_SOURCE
#include "CSpawn.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <pthread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHILD_STACK_SIZE (64 * 1024)

struct child_args {
    const char *path;
    int exec_fd;      // >= 0: execveat(exec_fd, "", AT_EMPTY_PATH) instead of execve(path)
    int sync_fd;      // >= 0: wait for one byte (the parent wrote our maps) before going on
    char *const *argv;
    int control_fd;   // -1: none
    int no_deathsig;  // keep running when the spawning thread dies (the cgroup janitor)
    int map_ids;      // write setgroups/uid_map/gid_map
    int probe_only;   // after mapping, unshare NET|UTS and exit 0
    char uid_map[32];
    char gid_map[32];
    sigset_t parent_mask;
    volatile const char *stage;
    volatile int err;
};

/// A syscall returning -errno. glibc's syscall() is a plain wrapper (no locks, no allocation); the
/// errno it sets is the suspended parent thread's, read immediately and never relied on afterwards.
static long raw(long nr, long a, long b, long c, long d) {
    long ret = syscall(nr, a, b, c, d);
    return ret < 0 ? -(long)errno : ret;
}

static int child_fail(struct child_args *a, const char *stage, long ret) {
    a->stage = stage;
    a->err = (int)-ret;
    raw(SYS_exit, 127, 0, 0, 0);
    return 127;
}

static long write_proc_file(const char *path, const char *text) {
    long fd = raw(SYS_openat, AT_FDCWD, (long)path, O_WRONLY | O_CLOEXEC, 0);
    if (fd < 0) return fd;
    long len = 0;
    while (text[len]) len++;
    long ret = raw(SYS_write, fd, (long)text, len, 0);
    raw(SYS_close, fd, 0, 0, 0);
    return ret < 0 ? ret : 0;
}

static int child_main(void *p) {
    struct child_args *a = p;
    long ret;
    if (a->control_fd >= 0 && !a->no_deathsig && (ret = raw(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL, 0, 0)) < 0)
        return child_fail(a, "prctl(PR_SET_PDEATHSIG)", ret);
    if (a->sync_fd >= 0) {
        char go = 0;
        do {
            ret = raw(SYS_read, a->sync_fd, (long)&go, 1, 0);
        } while (ret == -EINTR);
        if (ret != 1 || go != 'g') return child_fail(a, "wait for uid/gid maps", ret < 0 ? ret : -EPROTO);
        // Our ids are still the parent's (host root, unmapped when a range was mapped): become the
        // namespace's root, which is host uid ROOT_MAP_BASE, before execve keeps the capabilities.
        if ((ret = raw(SYS_setresgid, 0, 0, 0, 0)) < 0) return child_fail(a, "setresgid(0)", ret);
        if ((ret = raw(SYS_setresuid, 0, 0, 0, 0)) < 0) return child_fail(a, "setresuid(0)", ret);
    }
    if (a->map_ids) {
        if ((ret = write_proc_file("/proc/self/setgroups", "deny")) < 0) return child_fail(a, "write /proc/self/setgroups", ret);
        if ((ret = write_proc_file("/proc/self/uid_map", a->uid_map)) < 0) return child_fail(a, "write /proc/self/uid_map", ret);
        if ((ret = write_proc_file("/proc/self/gid_map", a->gid_map)) < 0) return child_fail(a, "write /proc/self/gid_map", ret);
    }
    if (a->probe_only) {
        if ((ret = raw(SYS_unshare, CLONE_NEWNET | CLONE_NEWUTS, 0, 0, 0)) < 0)
            return child_fail(a, "unshare(CLONE_NEWNET|CLONE_NEWUTS)", ret);
        raw(SYS_exit, 0, 0, 0, 0);
    }
    if (a->control_fd >= 0) {
        if (a->control_fd != 3) ret = raw(SYS_dup3, a->control_fd, 3, 0, 0);
        else ret = raw(SYS_fcntl, 3, F_SETFD, 0, 0);
        if (ret < 0) return child_fail(a, "dup2 control socket", ret);
    }
    raw(SYS_rt_sigprocmask, SIG_SETMASK, (long)&a->parent_mask, 0, sizeof(long));
    static char *const empty_env[] = {NULL};
    if (a->exec_fd >= 0) {
        // By descriptor: the cluster's root is not host root and may not search the directories
        // above the binary (a clone in /root, mode 0700).
        ret = syscall(SYS_execveat, a->exec_fd, "", a->argv, empty_env, AT_EMPTY_PATH);
        ret = ret < 0 ? -(long)errno : ret;
    } else {
        ret = raw(SYS_execve, (long)a->path, (long)a->argv, (long)empty_env, 0);
    }
    return child_fail(a, "execve", ret);
}

/// Runs child_main on its own stack with all signals blocked around the clone (a Swift signal
/// handler must never run on the shared memory of a vfork child). Returns pid or -1 (errno).
static pid_t vfork_clone(struct child_args *a, int ns_flags) {
    void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) return -1;
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &a->parent_mask);
    a->stage = NULL;
    a->err = 0;
    pid_t pid = clone(child_main, (char *)stack + CHILD_STACK_SIZE, CLONE_VM | CLONE_VFORK | ns_flags | SIGCHLD, a);
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &a->parent_mask, NULL);
    munmap(stack, CHILD_STACK_SIZE);
    errno = saved;
    return pid;
}

static void fill_maps(struct child_args *a) {
    snprintf(a->uid_map, sizeof a->uid_map, "0 %u 1", (unsigned)geteuid());
    snprintf(a->gid_map, sizeof a->gid_map, "0 %u 1", (unsigned)getegid());
}

/// After the vfork child ran: reports its failure (and reaps it), or returns the pid.
static pid_t finish(struct child_args *a, pid_t pid, const char *clone_stage, cspawn_failure *failure) {
    if (pid < 0) {
        failure->stage = clone_stage;
        failure->err = errno;
        return -1;
    }
    if (a->stage) {
        failure->stage = (const char *)a->stage;
        failure->err = a->err;
        while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR) {}
        return -1;
    }
    failure->stage = NULL;
    failure->err = 0;
    return pid;
}

/// The host ids that the cluster's ids 0..65535 map to when kubetutor runs as root: container root
/// must not be host root (containerd's user-namespaced pods do the same with a 65536-id range).
#define ROOT_MAP_BASE 1000000000u
#define ROOT_MAP_SIZE 65536u

static void init_args(struct child_args *a) {
    memset(a, 0, sizeof *a);
    a->exec_fd = -1;
    a->sync_fd = -1;
    a->control_fd = -1;
}

static int write_child_file(pid_t pid, const char *name, const char *text) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/// The child waits on `sync` while we (still host root, or the owner) write its maps; a parent
/// with CAP_SETUID may map a whole range, which a process inside the namespace may not.
static const char *write_maps(pid_t pid, unsigned uid, unsigned gid) {
    char uid_map[64], gid_map[64];
    if (uid == 0) {
        snprintf(uid_map, sizeof uid_map, "0 %u %u", ROOT_MAP_BASE, ROOT_MAP_SIZE);
        snprintf(gid_map, sizeof gid_map, "0 %u %u", ROOT_MAP_BASE, ROOT_MAP_SIZE);
    } else {
        snprintf(uid_map, sizeof uid_map, "0 %u 1", uid);
        snprintf(gid_map, sizeof gid_map, "0 %u 1", gid);
    }
    if (write_child_file(pid, "setgroups", "deny") < 0) return "write /proc/<init>/setgroups";
    if (write_child_file(pid, "uid_map", uid_map) < 0) return "write /proc/<init>/uid_map";
    if (write_child_file(pid, "gid_map", gid_map) < 0) return "write /proc/<init>/gid_map";
    return NULL;
}

unsigned cspawn_cluster_root_uid(void) { return geteuid() == 0 ? ROOT_MAP_BASE : (unsigned)geteuid(); }

pid_t cspawn_start_init(const char *path, char *const argv[], int control_fd, int isolated,
                        cspawn_failure *failure) {
    struct child_args a;
    init_args(&a);
    a.path = path;
    a.argv = argv;
    a.control_fd = control_fd;
    if (!isolated) {
        pid_t pid = vfork_clone(&a, 0);
        return finish(&a, pid, "clone", failure);
    }
    // Isolated: new user, PID, network (the cluster network: bridge kt0 joins the nodes, the host's
    // own network is never touched) and mount namespaces (init's private tree of image roots).
    int exec_fd = open(path, O_PATH | O_CLOEXEC);
    if (exec_fd < 0) {
        failure->stage = "open kubetutor-init";
        failure->err = errno;
        return -1;
    }
    int sync[2];
    if (pipe2(sync, O_CLOEXEC) < 0) {
        failure->stage = "pipe";
        failure->err = errno;
        close(exec_fd);
        return -1;
    }
    a.exec_fd = exec_fd;
    a.sync_fd = sync[0];
    // Exec happens after the maps are written, so no CLONE_VFORK: the child shares our memory but
    // runs on its own stack with raw syscalls only, and we wait for its execve before returning.
    void *stack = mmap(NULL, CHILD_STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        failure->stage = "mmap";
        failure->err = errno;
        close(exec_fd), close(sync[0]), close(sync[1]);
        return -1;
    }
    int exec_pipe[2];
    if (pipe2(exec_pipe, O_CLOEXEC) < 0) {
        failure->stage = "pipe";
        failure->err = errno;
        munmap(stack, CHILD_STACK_SIZE);
        close(exec_fd), close(sync[0]), close(sync[1]);
        return -1;
    }
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &a.parent_mask);
    pid_t pid = clone(child_main, (char *)stack + CHILD_STACK_SIZE,
                      CLONE_VM | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWNS | SIGCHLD, &a);
    int saved = errno;
    pthread_sigmask(SIG_SETMASK, &a.parent_mask, NULL);
    close(sync[0]);
    close(exec_pipe[1]);
    const char *map_stage = NULL;
    int map_err = 0;
    if (pid > 0) {
        map_stage = write_maps(pid, (unsigned)geteuid(), (unsigned)getegid());
        map_err = errno;
        char go = map_stage ? 'x' : 'g';
        (void)!write(sync[1], &go, 1);
        // EOF once the child's execve closed its copy (CLOEXEC) or it exited.
        char byte;
        while (read(exec_pipe[0], &byte, 1) < 0 && errno == EINTR) {}
    }
    close(sync[1]);
    close(exec_pipe[0]);
    close(exec_fd);
    if (pid < 0) {
        munmap(stack, CHILD_STACK_SIZE);
        failure->stage = "clone(CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET|CLONE_NEWNS)";
        failure->err = saved;
        return -1;
    }
    if (map_stage) {
        while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR) {}
        munmap(stack, CHILD_STACK_SIZE);
        failure->stage = map_stage;
        failure->err = map_err;
        return -1;
    }
    pid = finish(&a, pid, "clone", failure);
    munmap(stack, CHILD_STACK_SIZE);
    return pid;
}

pid_t cspawn_start_detached(const char *path, char *const argv[], int fd3, cspawn_failure *failure) {
    struct child_args a;
    init_args(&a);
    a.path = path;
    a.argv = argv;
    a.control_fd = fd3;
    a.no_deathsig = 1;
    return finish(&a, vfork_clone(&a, 0), "clone", failure);
}

int cspawn_probe_userns(cspawn_failure *failure) {
    struct child_args a;
    init_args(&a);
    a.map_ids = 1;
    a.probe_only = 1;
    fill_maps(&a);
    pid_t pid = finish(&a, vfork_clone(&a, CLONE_NEWUSER), "clone(CLONE_NEWUSER)", failure);
    if (pid < 0) return -1;
    while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR) {}
    return 0;
}

int64_t cspawn_baseline_spawn(const char *path, int isolated, cspawn_failure *failure) {
    struct child_args a;
    init_args(&a);
    char *argv[] = {(char *)path, NULL};
    a.path = path;
    a.argv = argv;
    a.map_ids = isolated;
    fill_maps(&a);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int flags = isolated ? (CLONE_NEWUSER | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWNS) : 0;
    pid_t pid = finish(&a, vfork_clone(&a, flags), "clone", failure);
    if (pid < 0) return -1;
    while (waitpid(pid, NULL, __WALL) < 0 && errno == EINTR) {}
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (int64_t)(t1.tv_sec - t0.tv_sec) * 1000000000 + (t1.tv_nsec - t0.tv_nsec);
}
