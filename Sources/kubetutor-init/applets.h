// Shared declarations of kubetutor-init: the cluster init server and the offline images' programs.
// Everything here is plain C over raw syscalls and a little libc; the binary is linked statically so
// that pod holders forked from it stay tiny.
#ifndef KUBETUTOR_INIT_APPLETS_H
#define KUBETUTOR_INIT_APPLETS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/// The cluster init: serves requests on the control socket (fd 3). `isolated` is 0 in the mode
/// without namespaces (KUBETUTOR_ISOLATION=none or when user namespaces are blocked).
int init_main(int isolated);

int nginx_main(int argc, char **argv);
int wget_main(int argc, char **argv);
int ps_main(int argc, char **argv);
int hostname_main(int argc, char **argv);
int ping_main(int argc, char **argv);

/// What a child reports over its CLOEXEC pipe when setup or exec fails: the stage, errno and a
/// runc-style detail (e.g. `exec: "foo": executable file not found in $PATH`).
struct child_failure {
    char stage[64];
    int err;
    char detail[400];
};

/// A request to start a process: argv/env are NULL-terminated arrays pointing into the request buffer.
struct start_request {
    char **argv;
    char **envp;
    const char *workdir;
    int stdio[3];
    int tty;
};

/// Starts a holder that pauses forever: a pod sandbox (owner of new UTS/IPC/NET namespaces) or, with
/// `node`, a node (owner of new UTS/NET namespaces, forwarding on). Returns pid or -1 with `fail` filled.
pid_t spawn_holder(int isolated, int node, const char *hostname, int *pidfd_out, struct child_failure *fail);
/// Starts a container in the holder's UTS/IPC/NET with its own PID and mount namespaces.
pid_t spawn_container(int isolated, int holder_pidfd, const struct start_request *req, int *pidfd_out,
                      struct child_failure *fail);
/// Starts a process inside a running container's namespaces (kubectl exec).
pid_t spawn_exec(int isolated, int container_pidfd, int own_pidns_fd, const struct start_request *req,
                 int *pidfd_out, struct child_failure *fail);

/// Finds `name` in the PATH of `envp` (or the default PATH) and execve's it; on return `fail` says why.
void exec_in_path(char **argv, char **envp, struct child_failure *fail);

/// Formats `now` like nginx's error log ("2026/11/26 01:02:03") or access log ("26/Nov/2026:01:02:03 +0000").
void format_error_log_time(char *out, size_t cap);
void format_access_log_time(char *out, size_t cap);

/// Writes all of `len` bytes, retrying on EINTR and short writes. Returns 0 or -1.
int write_all(int fd, const void *buf, size_t len);

#endif
