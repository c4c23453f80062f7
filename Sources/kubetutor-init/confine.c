// The last steps before a container's (or exec'd) process runs, in runc's order: join the pod's
// cgroups, no_new_privs, drop every capability outside the set (bounding set included), switch to
// the container's user, and install the seccomp filter.
//
// The filter is a deny list of what containerd's RuntimeDefault profile refuses a container
// without CAP_SYS_ADMIN (mount and the new mount API, namespaces, keyrings, modules, kexec, BPF,
// perf, io_uring, clock and swap changes, ...), with clone refused namespace flags and clone3
// answered ENOSYS as the profile does, so that libc falls back to clone. The profile itself is an
// allow list of about 350 calls; a deny list of the dangerous ones is equivalent for what a pod
// may run here and keeps the filter short (it runs on every system call of every pod).
#define _GNU_SOURCE
#include "init.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_CLEAR_ALL 4
#endif

static const int denied[] = {
    SYS_mount, SYS_umount2, SYS_pivot_root, SYS_swapon, SYS_swapoff, SYS_reboot, SYS_kexec_load,
#ifdef SYS_kexec_file_load
    SYS_kexec_file_load,
#endif
    SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_iopl, SYS_ioperm, SYS_syslog, SYS_acct,
    SYS_settimeofday, SYS_clock_settime, SYS_clock_adjtime, SYS_adjtimex, SYS_keyctl, SYS_add_key,
    SYS_request_key, SYS_bpf, SYS_perf_event_open, SYS_userfaultfd, SYS_open_by_handle_at, SYS_lookup_dcookie,
    SYS_quotactl, SYS_unshare, SYS_setns, SYS_uselib, SYS_vhangup, SYS_fanotify_init, SYS_create_module,
    SYS_get_kernel_syms, SYS_query_module, SYS_nfsservctl, SYS__sysctl,
#ifdef SYS_fsopen
    SYS_fsopen, SYS_fsconfig, SYS_fsmount, SYS_fspick, SYS_move_mount, SYS_open_tree,
#endif
#ifdef SYS_mount_setattr
    SYS_mount_setattr,
#endif
#ifdef SYS_quotactl_fd
    SYS_quotactl_fd,
#endif
#ifdef SYS_io_uring_setup
    SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register,
#endif
};

#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)
#define NDENIED (int)(sizeof denied / sizeof denied[0])
#define MAX_FILTER (16 + 3 * NDENIED)

static int compare_ints(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/// Emits a binary search over sorted[lo, hi): a JGE split per level, then at most 4 compares, each
/// block ending in ALLOW. The kernel runs the filter for every syscall number when it builds its
/// cache at attach time: a search instead of a chain of ~60 compares makes attaching 4× cheaper.
static int emit_search(struct sock_filter *f, int n, const int *sorted, int lo, int hi) {
    if (hi - lo <= 4) {
        for (int i = lo; i < hi; i++) {
            f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)sorted[i], 0, 1);
            f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
        }
        f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
        return n;
    }
    int mid = (lo + hi) / 2;
    int split = n++;
    n = emit_search(f, n, sorted, lo, mid);
    // Jump over the lower half when nr >= sorted[mid].
    f[split] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, (unsigned)sorted[mid], (unsigned char)(n - split - 1), 0);
    return emit_search(f, n, sorted, mid, hi);
}

static int install_seccomp(void) {
    struct sock_filter f[MAX_FILTER];
    int sorted[NDENIED];
    memcpy(sorted, denied, sizeof sorted);
    qsort(sorted, NDENIED, sizeof sorted[0], compare_ints);
    int n = 0;
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    // Other ABIs (i386 through int 0x80, x32) have other numbers: refuse them all.
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, NS_FLAGS, 0, 1);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    n = emit_search(f, n, sorted, 0, NDENIED);
    struct sock_fprog prog = {(unsigned short)n, f};
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

void confine(int pipe_fd, const struct confinement *conf, const int *cgroups, int ncgroups) {
    for (int i = 0; i < ncgroups; i++)
        if (write(cgroups[i], "0", 1) < 0) child_fail_detail(pipe_fd, "join cgroup", errno, "");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) child_fail_detail(pipe_fd, "set no_new_privs", errno, "");
    for (int cap = 0; cap < 64; cap++) {
        if (conf->caps & (1ULL << cap)) continue;
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
            if (errno == EINVAL) break;  // past the kernel's last capability
            child_fail_detail(pipe_fd, "drop capability", errno, "");
        }
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    if (setresgid(conf->gid, conf->gid, conf->gid) < 0 || setresuid(conf->uid, conf->uid, conf->uid) < 0) {
        int err = errno;
        char detail[200];
        snprintf(detail, sizeof detail, "setresuid/setresgid to %u:%u: %s (kubetutor maps ids 0-65535 when "
                 "started as root, only 0 otherwise)", conf->uid, conf->gid, strerror(err));
        child_fail_detail(pipe_fd, "set user", err, detail);
    }
    if (conf->uid == 0) {
        struct __user_cap_header_struct head = {_LINUX_CAPABILITY_VERSION_3, 0};
        struct __user_cap_data_struct data[2];
        memset(data, 0, sizeof data);
        for (int i = 0; i < 2; i++) {
            uint32_t word = (uint32_t)(conf->caps >> (32 * i));
            data[i].effective = data[i].permitted = data[i].inheritable = word;
        }
        if (syscall(SYS_capset, &head, data) < 0) child_fail_detail(pipe_fd, "set capabilities", errno, "");
    }
    if (install_seccomp() < 0) child_fail_detail(pipe_fd, "install seccomp filter", errno, "");
}
