#ifndef CSPAWN_H
#define CSPAWN_H
// Small C used by the Swift side of the runtime. Only raw syscalls run between clone and exec.
// Each function exists because Swift cannot do it safely or at all: clone with a child stack in a
// multithreaded process, variadic ioctl/fcntl, CMSG_* macros for SCM_RIGHTS, W* status macros.

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// Where a clone child failed: the stage name and errno (stage is NULL on success).
typedef struct {
    const char *stage;
    int err;
} cspawn_failure;

/// Starts the cluster init (`path argv...`). When `isolated`, the child gets new user, PID, network
/// (the cluster network) and mount namespaces; we write its maps (setgroups deny): cluster ids
/// 0..65535 to host ids 1000000000.. when we are root, else cluster 0 to our own euid/egid. It then
/// execs by descriptor as root of the cluster (not of the host). Always: PR_SET_PDEATHSIG(SIGKILL), `control_fd` as fd 3.
/// PDEATHSIG fires when the *calling thread* exits: call this from a thread that lives as long as
/// the cluster. Returns the pid, or -1 with `failure` filled.
pid_t cspawn_start_init(const char *path, char *const argv[], int control_fd, int isolated,
                        cspawn_failure *failure);

/// Starts `path argv...` with `fd3` as its fd 3 and no death signal: a helper that outlives us
/// (the cgroup janitor). Returns the pid, or -1 with `failure` filled.
pid_t cspawn_start_detached(const char *path, char *const argv[], int fd3, cspawn_failure *failure);

/// The host uid that root of the cluster's user namespace is (see cspawn_start_init).
unsigned cspawn_cluster_root_uid(void);

/// Checks that an unprivileged user namespace can be created and used (maps written, then a
/// network + UTS namespace created inside it). Returns 0, or -1 with `failure` filled.
int cspawn_probe_userns(cspawn_failure *failure);

/// The benchmark baseline: a bare vfork-style clone of `path` (e.g. /bin/true) in new user, UTS,
/// IPC, NET, PID and mount namespaces (plain vfork when !isolated), waited for. Returns elapsed
/// nanoseconds, or -1 with `failure` filled.
int64_t cspawn_baseline_spawn(const char *path, int isolated, cspawn_failure *failure);

/// A SOCK_SEQPACKET|SOCK_CLOEXEC socketpair (Swift imports the socket type as an awkward enum).
int cspawn_seqpacket_pair(int fds[2]);

/// sendmsg with up to 8 fds as SCM_RIGHTS (the CMSG_* macros are not importable). MSG_NOSIGNAL.
ssize_t cspawn_send(int fd, const void *buf, size_t len, const int *fds, int nfds);

/// recvmsg receiving up to `max_fds` fds (CLOEXEC); retries EINTR. Returns length, 0 on EOF, -1.
ssize_t cspawn_recv(int fd, void *buf, size_t cap, int *fds, int max_fds, int *nfds);

/// memfd_create(name, MFD_CLOEXEC): container logs live in memory, nothing left on disk.
int cspawn_memfd(const char *name);
/// Frees the first `length` bytes of a memfd (they read as zeros; size and offsets stay): log rotation.
int cspawn_punch_hole(int fd, long long length);
/// Creates the plain names of `rest` below the real directory `base` without following any symlink
/// (a pod may swap one in): directories 0755 or, with `file`, an empty 0644 file last, each new one
/// chowned to `uid` unless it is -1. 0 or -1 with errno.
int cspawn_create_below(const char *base, const char *rest, int file, int uid);


/// Window size get/set on a terminal (ioctl is variadic).
int cspawn_get_winsize(int fd, unsigned short *rows, unsigned short *cols);
int cspawn_set_winsize(int fd, unsigned short rows, unsigned short cols);

/// Decodes a waitpid status: exit code (>= 0) or -1; signal number (> 0) or 0.
int cspawn_exit_code(int wstatus);
int cspawn_term_signal(int wstatus);

/// fcntl(F_SETFD, FD_CLOEXEC) (fcntl is variadic).
int cspawn_set_cloexec(int fd);

#endif
