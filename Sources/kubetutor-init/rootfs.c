// A container's root, assembled in its own mount namespace the way runc does under containerd:
// an overlay of the image tree (read-only lower layer) and a private tmpfs (the writable layer,
// gone with the container), the pod's files (/etc/hostname, hosts, resolv.conf), volume mounts,
// a minimal /dev, /proc with the OCI default masked and read-only paths, read-only /sys, then
// pivot_root and the old root detached. Paths inside the root are resolved with RESOLVE_IN_ROOT,
// so an image symlink or a mountPath can never point a mount outside it.
#define _GNU_SOURCE
#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define ROOT STAGING "/root"
#define RW STAGING "/rw"
/// Default size of a volume's tmpfs (emptyDir without sizeLimit) and of the writable layer.
#define DEFAULT_VOLUME_SIZE (256LL << 20)

static void fail_path(int pipe_fd, const char *stage, const char *path) {
    int err = errno;
    char detail[400];
    snprintf(detail, sizeof detail, "%s %s: %s", stage, path, strerror(err));
    child_fail_detail(pipe_fd, stage, err, detail);
}

static int openat2_in_root(int root, const char *path, int flags) {
    struct open_how how;
    memset(&how, 0, sizeof how);
    how.flags = (uint64_t)(flags | O_CLOEXEC);
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    while (*path == '/') path++;
    if (*path == 0) path = ".";
    return (int)syscall(SYS_openat2, root, path, &how, sizeof how);
}

/// Opens `path` under `root` (O_PATH), creating missing directories (mode 0755) or, with `file`,
/// an empty file as the last component. Returns the fd or -1.
static int ensure_in_root(int root, const char *path, int file) {
    int fd = openat2_in_root(root, path, O_PATH);
    if (fd >= 0 || errno != ENOENT) return fd;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", path);
    char *last = strrchr(buf, '/');
    const char *name = buf;
    int parent;
    if (last && last != buf) {
        *last = 0;
        name = last + 1;
        parent = ensure_in_root(root, buf, 0);
    } else {
        if (last) name = last + 1;
        parent = openat2_in_root(root, "/", O_PATH);
    }
    if (parent < 0) return -1;
    int dir = openat(parent, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    close(parent);
    if (dir < 0) return -1;
    int rc = file ? mknodat(dir, name, S_IFREG | 0644, 0) : mkdirat(dir, name, 0755);
    if (rc < 0 && errno != EEXIST) {
        close(dir);
        return -1;
    }
    close(dir);
    return openat2_in_root(root, path, O_PATH);
}

/// Mounts `source` (a path in init's tree) over `target` inside the root.
static void bind_into(int pipe_fd, int root, const char *source, const char *target, int file, int read_only) {
    int fd = ensure_in_root(root, target, file);
    if (fd < 0) fail_path(pipe_fd, "create mount point", target);
    char at[64];
    snprintf(at, sizeof at, "/proc/self/fd/%d", fd);
    if (mount(source, at, NULL, MS_BIND | MS_REC, NULL) < 0) fail_path(pipe_fd, "bind mount", target);
    close(fd);
    if (!read_only) return;
    // The old descriptor names the directory underneath: open the path again to reach the new mount.
    fd = openat2_in_root(root, target, O_PATH);
    if (fd < 0) fail_path(pipe_fd, "open mount", target);
    snprintf(at, sizeof at, "/proc/self/fd/%d", fd);
    // A host directory's mount flags are locked in this user namespace: keep noexec and atime as they are.
    struct statvfs st;
    unsigned long keep = 0;
    if (statvfs(at, &st) == 0) {
        if (st.f_flag & ST_NOEXEC) keep |= MS_NOEXEC;
        if (st.f_flag & ST_NOATIME) keep |= MS_NOATIME;
        else if (st.f_flag & ST_RELATIME) keep |= MS_RELATIME;
        else keep |= MS_STRICTATIME;
        if (st.f_flag & ST_NODIRATIME) keep |= MS_NODIRATIME;
    }
    if (mount(NULL, at, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | keep, NULL) < 0)
        fail_path(pipe_fd, "remount read-only", target);
    close(fd);
}

static void write_text(int pipe_fd, const char *path, const char *text) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0 || write_all(fd, text, strlen(text)) < 0) fail_path(pipe_fd, "write", path);
    close(fd);
}

/// /dev: init's template (the six devices bound from the host's, the links and directories) bound
/// recursively and made read-only, then the container's own devpts, shm and termination log.
/// runc builds a writable tmpfs instead; binding the template takes 5 mounts instead of 9 plus a
/// dozen file creations on every start (new files cannot be made in a container's /dev here).
static void minimal_dev(int pipe_fd) {
    if (mount("/dev", ROOT "/dev", NULL, MS_BIND | MS_REC, NULL) < 0) fail_path(pipe_fd, "bind", "/dev");
    if (mount(NULL, ROOT "/dev", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NOEXEC, NULL) < 0)
        fail_path(pipe_fd, "remount read-only", "/dev");
    // Group tty (5) owns the terminals, as under runc; a rootless cluster maps only gid 0 and goes without.
    if (mount("devpts", ROOT "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5") < 0 &&
        (errno != EINVAL ||
         mount("devpts", ROOT "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620") < 0))
        fail_path(pipe_fd, "mount devpts", "/dev/pts");
    if (mount("shm", ROOT "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k") < 0)
        fail_path(pipe_fd, "mount tmpfs", "/dev/shm");
    // The termination log is the container's own: a file of its writable layer's tmpfs.
    int fd = open(RW "/termination-log", O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) fail_path(pipe_fd, "create", RW "/termination-log");
    fchmod(fd, 0666);
    close(fd);
    if (mount(RW "/termination-log", ROOT "/dev/termination-log", NULL, MS_BIND, NULL) < 0)
        fail_path(pipe_fd, "bind", "/dev/termination-log");
}

/// The OCI runtime spec's default masked paths (hidden) and read-only paths, as containerd sets them.
static const char *const masked_paths[] = {"/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
                                           "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats",
                                           "/proc/sched_debug", "/proc/scsi", "/sys/firmware",
                                           "/sys/devices/virtual/powercap", NULL};
static const char *const readonly_paths[] = {"/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
                                             "/proc/sysrq-trigger", NULL};

static void proc_and_sys(int pipe_fd) {
    if (mount("proc", ROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        fail_path(pipe_fd, "mount proc", "/proc");
    if (mount("sysfs", ROOT "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        fail_path(pipe_fd, "mount sysfs", "/sys");
    char path[128];
    for (const char *const *m = masked_paths; *m; m++) {
        snprintf(path, sizeof path, ROOT "%s", *m);
        struct stat st;
        if (lstat(path, &st) < 0) continue;
        int rc = S_ISDIR(st.st_mode) ? mount("tmpfs", path, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=0")
                                     : mount(ROOT "/dev/null", path, NULL, MS_BIND, NULL);
        if (rc < 0) fail_path(pipe_fd, "mask", *m);
    }
    for (const char *const *r = readonly_paths; *r; r++) {
        snprintf(path, sizeof path, ROOT "%s", *r);
        if (access(path, F_OK) < 0) continue;
        if (mount(path, path, NULL, MS_BIND | MS_REC, NULL) < 0 ||
            mount(NULL, path, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
            fail_path(pipe_fd, "make read-only", *r);
    }
}

void rootfs_enter(int pipe_fd, pid_t holder, const struct start_request *req) {
    if (!image_known(req->image)) {
        errno = ENOENT;
        fail_path(pipe_fd, "find image", req->image);
    }
    char opts[512];
    long long size = req->rootfs_size > 0 ? req->rootfs_size : DEFAULT_VOLUME_SIZE;
    snprintf(opts, sizeof opts, "mode=0755,size=%lld", size);
    if (mount("tmpfs", RW, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) fail_path(pipe_fd, "mount writable layer", RW);
    if (mkdir(RW "/upper", 0755) < 0 || mkdir(RW "/work", 0755) < 0) fail_path(pipe_fd, "mkdir", RW);
    snprintf(opts, sizeof opts, "lowerdir=" STAGING "/images/%s,upperdir=" RW "/upper,workdir=" RW "/work", req->image);
    if (mount("overlay", ROOT, "overlay", MS_NOSUID | MS_NODEV, opts) < 0) fail_path(pipe_fd, "mount overlay root", ROOT);
    int root = open(ROOT, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) fail_path(pipe_fd, "open", ROOT);
    // The kubelet's managed files are the pod's, bind-mounted into each container (as the kubelet
    // mounts /var/lib/kubelet/pods/<uid>/etc-hosts): written once, no copy-up into the image layer.
    char path[1200];
    for (int i = 0; i < req->nfiles; i++) {
        const char *name = strrchr(req->file_path[i], '/');
        snprintf(path, sizeof path, PODS "/%d/_etc/%s", (int)holder, name ? name + 1 : req->file_path[i]);
        bind_into(pipe_fd, root, path, req->file_path[i], 1, 0);
    }
    minimal_dev(pipe_fd);
    proc_and_sys(pipe_fd);
    for (int i = 0; i < req->nmounts; i++) {
        const struct mount_request *m = &req->mounts[i];
        int host_file = strcmp(m->kind, "hostfile") == 0;
        if (host_file || strcmp(m->kind, "hostpath") == 0) {
            // source is "<allowed directory index>/<path below it>", checked and created by the kubelet.
            char allowed[64];
            const char *slash = strchr(m->source, '/');
            snprintf(allowed, sizeof allowed, "/host/%.*s", slash ? (int)(slash - m->source) : 0, m->source);
            int top = slash ? open(allowed, O_PATH | O_DIRECTORY | O_CLOEXEC) : -1;
            int at = top < 0 ? -1 : openat2_in_root(top, slash + 1, O_PATH);
            if (at < 0) fail_path(pipe_fd, "open host path", m->source);
            char from[64];
            snprintf(from, sizeof from, "/proc/self/fd/%d", at);
            bind_into(pipe_fd, root, from, m->target, host_file, m->read_only);
            close(at);
            close(top);
            continue;
        }
        if (strcmp(m->kind, "emptydir") != 0) {
            errno = EINVAL;
            fail_path(pipe_fd, "unknown volume kind", m->kind);
        }
        char source[600];
        snprintf(source, sizeof source, PODS "/%d/%s", (int)holder, m->source);
        if (m->sub_path[0]) {
            // The kubelet creates a missing subPath directory inside the volume.
            int vol = open(source, O_PATH | O_DIRECTORY | O_CLOEXEC);
            int sub = vol < 0 ? -1 : ensure_in_root(vol, m->sub_path, 0);
            if (sub < 0) fail_path(pipe_fd, "create subPath", m->sub_path);
            snprintf(source, sizeof source, "/proc/self/fd/%d", sub);
            bind_into(pipe_fd, root, source, m->target, 0, m->read_only);
            close(sub);
            close(vol);
        } else {
            bind_into(pipe_fd, root, source, m->target, 0, m->read_only);
        }
    }
    close(root);
    if (req->read_only_root && mount(NULL, ROOT, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
        fail_path(pipe_fd, "remount root read-only", "/");
    if (chdir(ROOT) < 0) fail_path(pipe_fd, "chdir", ROOT);
    if (syscall(SYS_pivot_root, ".", ".") < 0) fail_path(pipe_fd, "pivot_root", ROOT);
    if (umount2(".", MNT_DETACH) < 0) fail_path(pipe_fd, "detach old root", "/");
    if (chdir("/") < 0) fail_path(pipe_fd, "chdir", "/");
}

int pod_volume_ensure(pid_t holder, const char *name, long long size, char *path, size_t cap,
                      struct child_failure *fail) {
    char pod[64];
    snprintf(pod, sizeof pod, PODS "/%d", (int)holder);
    snprintf(path, cap, "%s/%s", pod, name);
    if (access(path, F_OK) == 0) return 0;
    char opts[64];
    snprintf(opts, sizeof opts, "mode=0777,size=%lld", size > 0 ? size : DEFAULT_VOLUME_SIZE);
    if ((mkdir(pod, 0755) < 0 && errno != EEXIST) || mkdir(path, 0777) < 0 ||
        mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, opts) < 0) {
        int err = errno;
        char detail[300];
        snprintf(detail, sizeof detail, "create volume %s: %s", name, strerror(err));
        set_failure(fail, "create volume", err, detail);
        return -1;
    }
    return 0;
}

int pod_files_ensure(pid_t holder, const struct start_request *req, struct child_failure *fail) {
    char dir[64], path[600];
    snprintf(dir, sizeof dir, PODS "/%d", (int)holder);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) goto failed;
    snprintf(dir, sizeof dir, PODS "/%d/_etc", (int)holder);
    if (mkdir(dir, 0755) < 0 && errno != EEXIST) goto failed;
    for (int i = 0; i < req->nfiles; i++) {
        const char *name = strrchr(req->file_path[i], '/');
        snprintf(path, sizeof path, "%s/%s", dir, name ? name + 1 : req->file_path[i]);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 && errno == EEXIST) continue;  // the pod's first container wrote it
        if (fd < 0 || write_all(fd, req->file_text[i], strlen(req->file_text[i])) < 0) {
            if (fd >= 0) close(fd);
            goto failed;
        }
        close(fd);
    }
    return 0;
failed:;
    int err = errno;
    char detail[300];
    snprintf(detail, sizeof detail, "write the pod's /etc files: %s", strerror(err));
    set_failure(fail, "write pod files", err, detail);
    return -1;
}

void pod_volumes_release(pid_t holder) {
    char pod[64], path[600];
    snprintf(pod, sizeof pod, PODS "/%d/_etc", (int)holder);
    DIR *files = opendir(pod);
    if (files) {
        for (struct dirent *e; (e = readdir(files));) {
            if (e->d_name[0] == '.') continue;
            snprintf(path, sizeof path, "%s/%s", pod, e->d_name);
            unlink(path);
        }
        closedir(files);
        rmdir(pod);
    }
    snprintf(pod, sizeof pod, PODS "/%d", (int)holder);
    DIR *d = opendir(pod);
    if (!d) return;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || e->d_name[0] == '_') continue;
        snprintf(path, sizeof path, "%s/%s", pod, e->d_name);
        umount2(path, MNT_DETACH);
        rmdir(path);
    }
    closedir(d);
    rmdir(pod);
}
