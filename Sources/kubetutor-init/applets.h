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
/// Directories a learner allowed for hostPath volumes (kubetutor --allow-host-path), at most this many.
#define MAX_HOST_PATHS 16
int init_main(int isolated, const char *busybox, const char *bash, const char *const *host_paths, int nhost);

int nginx_main(int argc, char **argv);
/// Removes kubetutor's cgroup directories (argv) once fd 3 reaches EOF (kubetutor is gone).
int janitor_main(int argc, char **argv);

/// What a child reports over its CLOEXEC pipe when setup or exec fails: the stage, errno and a
/// runc-style detail (e.g. `exec: "foo": executable file not found in $PATH`).
struct child_failure {
    char stage[64];
    int err;
    char detail[400];
};

#define MAX_MOUNTS 64
#define MAX_FILES 8
#define MAX_CGROUPS 4

/// A volume mount of a container: `kind` "emptydir" (source: the volume's name in the pod).
struct mount_request {
    const char *kind;
    const char *source;
    const char *target;
    int read_only;
    long long size;       // bytes of the volume's tmpfs; 0: the default
    const char *sub_path; // "" for none
};

/// How a container is confined; exec'd processes get the same (OCI process.user, capabilities).
struct confinement {
    unsigned uid, gid;
    uint64_t caps;        // bit n: capability n, the bounding, permitted and effective set
};

/// A request to start a process: argv/env are NULL-terminated arrays pointing into the request buffer.
struct start_request {
    char **argv;
    char **envp;
    const char *workdir;
    int stdio[3];
    int tty;
    // Containers in isolated mode:
    const char *image;           // the image tree under /tmp/images ("busybox", "nginx", ...)
    int read_only_root;
    long long rootfs_size;       // bytes of the writable layer
    struct confinement conf;
    int nmounts;
    struct mount_request mounts[MAX_MOUNTS];
    int nfiles;
    const char *file_path[MAX_FILES];    // per-pod files written into the root: /etc/hosts ...
    const char *file_text[MAX_FILES];
    int ncgroups;
    int cgroup_procs[MAX_CGROUPS];       // open cgroup.procs files: the child writes "0" to each
};

/// Starts a holder that pauses forever: a pod sandbox (owner of new UTS/IPC/NET namespaces) or, with
/// `node`, a node (owner of new UTS/NET namespaces, forwarding on). Returns pid or -1 with `fail` filled.
pid_t spawn_holder(int isolated, int node, const char *hostname, int *pidfd_out, struct child_failure *fail);
/// Starts a container in the holder's UTS/IPC/NET with its own PID and mount namespaces.
pid_t spawn_container(int isolated, int holder_pidfd, pid_t holder, const struct start_request *req, int *pidfd_out,
                      struct child_failure *fail);
/// Starts a process inside a running container's namespaces (kubectl exec).
pid_t spawn_exec(int isolated, int container_pidfd, int own_pidns_fd, const struct start_request *req,
                 const struct confinement *conf, const int *cgroups, int ncgroups, int *pidfd_out,
                 struct child_failure *fail);

// MARK: the container's root and confinement (images.c, rootfs.c, confine.c)

/// Builds the image trees in init's own mount namespace (a tmpfs over /tmp that only init and its
/// children see): programs copied from `busybox`, `bash` (bash-static; NULL or missing: busybox's sh)
/// and init's own binary. 0, or -1 with `fail` filled.
/// Builds the image trees in init's own root, where the allowed host directories appear as
/// /host/0, /host/1, ... (the only host files a container can be given: hostPath volumes).
int images_prepare(const char *busybox, const char *bash, const char *const *host_paths, int nhost,
                   struct child_failure *fail);
/// 1 when `name` is an image tree that images_prepare built.
int image_known(const char *name);
/// The directory of pod `holder`'s volume `name`, created (a tmpfs of `size` bytes) on first use.
int pod_volume_ensure(pid_t holder, const char *name, long long size, char *path, size_t cap,
                      struct child_failure *fail);
/// Writes the request's files (/etc/hosts ...) into pod `holder`'s directory unless there already.
/// Files in one projected volume, at most.
#define MAX_VOLUME_FILES 256
/// Writes a projected volume's files (relative paths, modes, texts) atomically, as the kubelet does.
int pod_volume_files(pid_t holder, const char *name, int nfiles, char **paths, const mode_t *modes, char **texts,
                     struct child_failure *fail);
int pod_files_ensure(pid_t holder, const struct start_request *req, struct child_failure *fail);
/// Unmounts and removes every volume and file of pod `holder` (its holder was reaped).
void pod_volumes_release(pid_t holder);
/// In a new container's child (new mount namespace): overlay root over the image, volumes, /dev,
/// /proc with masked paths, read-only /sys, then pivot_root. Reports failures on `pipe_fd`.
void rootfs_enter(int pipe_fd, pid_t holder, const struct start_request *req);
/// Joins cgroups, drops capabilities to `conf`, sets no_new_privs, switches user and installs the
/// seccomp filter: the last step before exec, for containers and exec'd processes alike.
void confine(int pipe_fd, const struct confinement *conf, const int *cgroups, int ncgroups);
/// Reports `stage` with errno (and an optional detail) over `pipe_fd` and exits the child.
void child_fail_detail(int pipe_fd, const char *stage, int err, const char *detail);

/// Finds `name` in the PATH of `envp` (or the default PATH) and execve's it; on return `fail` says why.
void exec_in_path(char **argv, char **envp, struct child_failure *fail);

/// Formats `now` like nginx's error log ("2026/11/26 01:02:03") or access log ("26/Nov/2026:01:02:03 +0000").
void format_error_log_time(char *out, size_t cap);
void format_access_log_time(char *out, size_t cap);

/// Writes all of `len` bytes, retrying on EINTR and short writes. Returns 0 or -1.
int write_all(int fd, const void *buf, size_t len);

#endif
