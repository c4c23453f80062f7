// The offline images as trees shaped like the real ones, built once when the cluster starts, in
// init's own mount namespace: a tmpfs over /tmp that the host never sees. Containers get each tree
// as the read-only lower layer of an overlay root (rootfs.c), like containerd's overlayfs snapshotter.
//
// Programs: Debian's busybox-static (copied in; every applet in the busybox and alpine images, a
// coreutils-like subset in nginx and ubuntu, which have no ps, wget or ping, as on a real cluster)
// and init's own binary as /usr/sbin/nginx. Nothing of the host's tree is visible in a container.
#define _GNU_SOURCE
#include "init.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nginx_pages.h"

#define IMAGES STAGING "/images"

/// The programs of a Debian-like image (coreutils, findutils, grep, sed, tar, gzip, hostname,
/// util-linux's mount/umount, login's su): what `busybox` provides of them.
static const char *const debian_tools[] = {
    "[", "basename", "cat", "chgrp", "chmod", "chown", "cmp", "cp", "cut", "date", "dd", "df", "diff", "dirname",
    "du", "echo", "egrep", "env", "expr", "false", "fgrep", "find", "getopt", "grep", "groups", "gunzip",
    "gzip", "head", "hostname", "id", "kill", "ln", "logname", "ls", "md5sum", "mkdir", "mkfifo", "mknod",
    "mktemp", "more", "mount", "mv", "nproc", "od", "printf", "pwd", "readlink", "realpath", "rm", "rmdir",
    "sed", "seq", "sha1sum", "sha256sum", "sleep", "sort", "stat", "stty", "su", "sync", "tac", "tail",
    "tar", "tee", "test", "timeout", "touch", "tr", "true", "truncate", "tty", "umount", "uname", "uniq",
    "unlink", "wc", "which", "whoami", "xargs", "yes", "zcat", NULL};

struct file_entry {
    const char *path;
    const char *text;
    mode_t mode;
};

struct image_tree {
    const char *name;
    const char *const *dirs;       // created 0755 (tmp: 1777)
    const char *const *links;      // pairs: path, target
    const char *const *more_dirs;  // then these, and these links (the image's own on top of its base)
    const char *const *more_links;
    const struct file_entry *files;
    const char *busybox_at;        // where the busybox binary goes
    const char *applet_dir;        // where applet links go ("" for none)
    int all_applets;               // every applet, else debian_tools
    const char *nginx_at;          // init's binary as nginx, or NULL
    int bash;                      // Debian-like: bash-static as /usr/bin/bash and /usr/bin/sh
};

static const char busybox_passwd[] =
    "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\n"
    "sys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\nmail:x:8:8:mail:/var/spool/mail:/bin/false\n"
    "www-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\n"
    "nobody:x:65534:65534:nobody:/home:/bin/false\n";
static const char busybox_group[] =
    "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nlp:x:7:\nmail:x:8:\nkmem:x:9:\n"
    "wheel:x:10:root\ncdrom:x:11:\ndialout:x:18:\nfloppy:x:19:\nvideo:x:28:\naudio:x:29:\ntape:x:32:\n"
    "www-data:x:33:\noperator:x:37:\nutmp:x:43:\nplugdev:x:46:\nstaff:x:50:\nlock:x:54:\nnetdev:x:82:\n"
    "users:x:100:\nnobody:x:65534:\n";
static const char debian_passwd[] =
    "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    "bin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nsync:x:4:65534:sync:/bin:/bin/sync\n"
    "www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n";
static const char nginx_passwd_extra[] = "nginx:x:101:101:nginx user:/nonexistent:/bin/false\n";
static const char debian_group[] =
    "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nmail:x:8:\nwww-data:x:33:\n"
    "users:x:100:\nnogroup:x:65534:\n";
/// Debian's /etc/bash.bashrc prompt: `root@sample-pod:/#`.
static const char bash_bashrc[] = "# System-wide .bashrc file for interactive bash(1) shells.\n"
                                  "PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '\n";
static const char default_hosts[] = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
static const char nsswitch[] = "passwd: files\ngroup: files\nhosts: files dns\n";

static const char *const busybox_dirs[] = {"bin", "dev", "etc", "etc/network", "home", "lib", "lib64", "proc",
                                           "root", "sys", "tmp", "usr", "usr/sbin", "var", "var/spool",
                                           "var/spool/mail", "var/www", "run", NULL};
static const char *const no_links[] = {NULL};
static const struct file_entry busybox_files[] = {
    {"etc/passwd", busybox_passwd, 0644},
    {"etc/group", busybox_group, 0644},
    {"etc/nsswitch.conf", nsswitch, 0644},
    {"etc/hosts", default_hosts, 0644},
    {"etc/os-release", "NAME=\"BusyBox\"\nID=busybox\nVERSION_ID=1.35.0\nPRETTY_NAME=\"BusyBox v1.35.0\"\n", 0644},
    {NULL, NULL, 0}};

static const char *const debian_dirs[] = {
    "boot", "dev", "etc", "home", "media", "mnt", "opt", "proc", "root", "run", "srv", "sys", "tmp", "usr",
    "usr/bin", "usr/sbin", "usr/lib", "usr/lib64", "usr/local", "usr/local/bin", "usr/local/sbin", "usr/share",
    "var", "var/cache", "var/lib", "var/log", "var/tmp", NULL};
static const char *const debian_links[] = {"bin", "usr/bin", "sbin", "usr/sbin", "lib", "usr/lib",
                                           "lib64", "usr/lib64", NULL};

static const char *const nginx_dirs[] = {
    "docker-entrypoint.d", "etc/nginx", "etc/nginx/conf.d", "usr/share/nginx", "usr/share/nginx/html",
    "var/cache/nginx", "var/log/nginx", NULL};
/// As in the nginx image: the logs go to the container's stdout and stderr.
static const char *const nginx_links[] = {"var/log/nginx/access.log", "/dev/stdout",
                                          "var/log/nginx/error.log", "/dev/stderr", NULL};
static const char nginx_conf[] =
    "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\n\n"
    "events {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n"
    "    default_type  application/octet-stream;\n\n    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n"
    "                      '$status $body_bytes_sent \"$http_referer\" '\n"
    "                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n"
    "    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n\n    keepalive_timeout  65;\n\n"
    "    include /etc/nginx/conf.d/*.conf;\n}\n";
static const char nginx_default_conf[] =
    "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n"
    "        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n"
    "    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n";
static const char debian_os_release[] =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
    "VERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n";

static const struct file_entry nginx_files[] = {
    {"etc/passwd", NULL, 0644},  // debian_passwd + nginx_passwd_extra, written below
    {"etc/group", debian_group, 0644},
    {"etc/nsswitch.conf", nsswitch, 0644},
    {"etc/os-release", debian_os_release, 0644},
    {"etc/debian_version", "12.8\n", 0644},
    {"etc/nginx/nginx.conf", nginx_conf, 0644},
    {"etc/nginx/conf.d/default.conf", nginx_default_conf, 0644},
    {"etc/nginx/mime.types", "types {\n    text/html html htm shtml;\n    text/css css;\n    image/png png;\n}\n", 0644},
    {"usr/share/nginx/html/index.html", nginx_welcome_page, 0644},
    {"usr/share/nginx/html/50x.html", nginx_50x_page, 0644},
    {"docker-entrypoint.sh", "#!/bin/sh\nset -e\nexec \"$@\"\n", 0755},
    {"etc/bash.bashrc", bash_bashrc, 0644},
    {"etc/hosts", default_hosts, 0644},
    {NULL, NULL, 0}};

static const struct file_entry ubuntu_files[] = {
    {"etc/passwd", debian_passwd, 0644},
    {"etc/group", debian_group, 0644},
    {"etc/nsswitch.conf", nsswitch, 0644},
    {"etc/os-release",
     "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION=\"24.04.1 LTS (Noble Numbat)\"\n"
     "VERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n", 0644},
    {"etc/lsb-release", "DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\n", 0644},
    {"etc/bash.bashrc", bash_bashrc, 0644},
    {"etc/hosts", default_hosts, 0644},
    {NULL, NULL, 0}};

static const char *const alpine_dirs[] = {"bin", "dev", "etc", "etc/apk", "home", "lib", "media", "mnt", "opt",
                                          "proc", "root", "run", "sbin", "srv", "sys", "tmp", "usr", "usr/bin",
                                          "usr/sbin", "usr/lib", "usr/local", "usr/share", "var", "var/log",
                                          "var/tmp", NULL};
static const struct file_entry alpine_files[] = {
    {"etc/passwd", busybox_passwd, 0644},
    {"etc/group", busybox_group, 0644},
    {"etc/alpine-release", "3.21.0\n", 0644},
    {"etc/hosts", default_hosts, 0644},
    {"etc/os-release",
     "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.21.0\nPRETTY_NAME=\"Alpine Linux v3.21\"\n"
     "HOME_URL=\"https://alpinelinux.org/\"\n", 0644},
    {NULL, NULL, 0}};

static const struct image_tree trees[] = {
    {"busybox", busybox_dirs, no_links, no_links, no_links, busybox_files, "bin/busybox", "bin", 1, NULL},
    {"nginx", debian_dirs, debian_links, nginx_dirs, nginx_links, nginx_files, "usr/lib/busybox", "usr/bin", 0,
     "usr/sbin/nginx", 1},
    {"ubuntu", debian_dirs, debian_links, no_links, no_links, ubuntu_files, "usr/lib/busybox", "usr/bin", 0, NULL, 1},
    {"alpine", alpine_dirs, no_links, no_links, no_links, alpine_files, "bin/busybox", "bin", 1, NULL},
};

static int prepared;
static int have_bash;

int image_known(const char *name) {
    if (!prepared) return 0;
    for (size_t i = 0; i < sizeof trees / sizeof trees[0]; i++)
        if (strcmp(trees[i].name, name) == 0) return 1;
    return 0;
}

static int fail_at(struct child_failure *fail, const char *stage, const char *path) {
    int err = errno;
    char detail[300];
    snprintf(detail, sizeof detail, "%s %s: %s", stage, path, strerror(err));
    set_failure(fail, stage, err, detail);
    return -1;
}

static int write_file(const char *path, const char *a, const char *b, mode_t mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return -1;
    int rc = write_all(fd, a, strlen(a));
    if (rc == 0 && b) rc = write_all(fd, b, strlen(b));
    fchmod(fd, mode);
    close(fd);
    return rc;
}

/// Copies `from` (an open file) to `to` with mode 0755.
static int copy_program(int from, const char *to) {
    struct stat st;
    if (fstat(from, &st) < 0) return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
    if (out < 0) return -1;
    off_t off = 0;
    while (off < st.st_size) {
        ssize_t n = sendfile(out, from, &off, (size_t)(st.st_size - off));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            close(out);
            return -1;
        }
    }
    close(out);
    return 0;
}

/// The applet names of the host's busybox, from `busybox --list` (run once; init is single-threaded
/// here, so a fork is safe). In an mmap'ed scratch area that is unmapped once the trees are built:
/// pod holders are forked from init, and every page init keeps touched counts in their RSS.
#define APPLET_TEXT 8192
#define MAX_APPLETS 1024
static char *applet_names;
static const char **applets;

static int list_applets(struct child_failure *fail) {
    void *scratch = mmap(NULL, APPLET_TEXT + MAX_APPLETS * sizeof(char *), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (scratch == MAP_FAILED) return fail_at(fail, "mmap", "busybox --list");
    applet_names = scratch;
    applets = (const char **)(applet_names + APPLET_TEXT);
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) return fail_at(fail, "pipe", "busybox --list");
    pid_t pid = fork();
    if (pid < 0) return fail_at(fail, "fork", "busybox --list");
    if (pid == 0) {
        dup2(p[1], 1);
        char *const argv[] = {"busybox", "--list", NULL};
        char *const envp[] = {NULL};
        execve(STAGING "/bin/busybox", argv, envp);
        _exit(127);
    }
    close(p[1]);
    size_t len = 0;
    ssize_t n;
    while (len < APPLET_TEXT - 1 && ((n = read(p[0], applet_names + len, APPLET_TEXT - 1 - len)) > 0 || (n < 0 && errno == EINTR)))
        if (n > 0) len += (size_t)n;
    close(p[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    applet_names[len] = 0;
    size_t count = 0;
    for (char *s = applet_names, *line; count < MAX_APPLETS - 1 && (line = strsep(&s, "\n"));)
        if (*line && !strchr(line, '/')) applets[count++] = line;
    applets[count] = NULL;
    if (count == 0) {
        set_failure(fail, "busybox --list", ENOEXEC, "busybox listed no applets");
        return -1;
    }
    return 0;
}

static int build_tree(const struct image_tree *t, struct child_failure *fail) {
    char root[128], path[512], target[512];
    snprintf(root, sizeof root, IMAGES "/%s", t->name);
    if (mkdir(root, 0755) < 0) return fail_at(fail, "mkdir", root);
    for (const char *const *l = t->links; *l; l += 2) {
        snprintf(path, sizeof path, "%s/%s", root, l[0]);
        if (symlink(l[1], path) < 0) return fail_at(fail, "symlink", path);
    }
    for (int pass = 0; pass < 2; pass++) {
        for (const char *const *d = pass ? t->more_dirs : t->dirs; *d; d++) {
            snprintf(path, sizeof path, "%s/%s", root, *d);
            int tmp = strcmp(*d, "tmp") == 0 || strcmp(*d, "var/tmp") == 0;
            if (mkdir(path, tmp ? 01777 : 0755) < 0 && errno != EEXIST) return fail_at(fail, "mkdir", path);
            if (tmp) chmod(path, 01777);
        }
    }
    for (const char *const *l = t->more_links; *l; l += 2) {
        snprintf(path, sizeof path, "%s/%s", root, l[0]);
        if (symlink(l[1], path) < 0) return fail_at(fail, "symlink", path);
    }
    for (const struct file_entry *f = t->files; f->path; f++) {
        snprintf(path, sizeof path, "%s/%s", root, f->path);
        int rc = f->text ? write_file(path, f->text, NULL, f->mode) : write_file(path, debian_passwd, nginx_passwd_extra, f->mode);
        if (rc < 0) return fail_at(fail, "write", path);
    }
    snprintf(path, sizeof path, "%s/%s", root, t->busybox_at);
    if (link(STAGING "/bin/busybox", path) < 0) return fail_at(fail, "link", path);
    if (t->nginx_at) {
        snprintf(path, sizeof path, "%s/%s", root, t->nginx_at);
        if (link(STAGING "/bin/kubetutor-init", path) < 0) return fail_at(fail, "link", path);
    }
    if (t->bash) {
        // A real bash, not busybox's sh: that one runs its applets (wget, ps …) even where the
        // image has none, which would make the nginx image a toolbox it is not.
        snprintf(path, sizeof path, "%s/usr/bin/bash", root);
        if (have_bash ? link(STAGING "/bin/bash", path) < 0 : symlink("/usr/lib/busybox", path) < 0)
            return fail_at(fail, "link", path);
        snprintf(path, sizeof path, "%s/usr/bin/sh", root);
        if (symlink("bash", path) < 0) return fail_at(fail, "symlink", path);
    }
    // Applets as symlinks to the binary, as busybox --install -s makes them.
    const char *const *names = t->all_applets ? applets : debian_tools;
    char rel[128];
    snprintf(rel, sizeof rel, "/%s", t->busybox_at);
    for (const char *const *n = names; *n; n++) {
        if (strcmp(*n, "busybox") == 0) continue;
        snprintf(target, sizeof target, "%s/%s/%s", root, t->applet_dir, *n);
        if (symlink(rel, target) < 0 && errno != EEXIST) return fail_at(fail, "symlink", target);
    }
    return 0;
}

/// Init leaves the host's tree: a small root of its own (pivot_root) with /dev (the six devices
/// containers get, bound from the host's), /proc and read-only /sys (so that containers may mount
/// theirs) and the staging tmpfs at /tmp. Containers copy init's mount namespace when they are
/// cloned; a laptop's dozens of mounts (snaps, cgroups) are then never copied, and init itself no
/// longer sees the host's files.
static int enter_own_root(const int *host_fds, int nhost, struct child_failure *fail) {
    static const char *const devices[] = {"null", "zero", "full", "random", "urandom", "tty", NULL};
    char path[64], source[64];
    if (mount("tmpfs", STAGING, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m") < 0) return fail_at(fail, "mount tmpfs", STAGING);
    if (mkdir(STAGING "/dev", 0755) < 0 || mkdir(STAGING "/proc", 0555) < 0 || mkdir(STAGING "/sys", 0555) < 0 ||
        mkdir(STAGING "/tmp", 0700) < 0)
        return fail_at(fail, "mkdir", STAGING);
    for (const char *const *d = devices; *d; d++) {
        snprintf(path, sizeof path, STAGING "/dev/%s", *d);
        snprintf(source, sizeof source, "/dev/%s", *d);
        int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
        if (fd < 0) return fail_at(fail, "create", path);
        close(fd);
        if (mount(source, path, NULL, MS_BIND, NULL) < 0) return fail_at(fail, "bind", source);
    }
    // The rest of a container's /dev, which containers bind (rootfs.c) instead of building their own.
    static const char *const dev_dirs[] = {"pts", "shm", "mqueue", NULL};
    for (const char *const *d = dev_dirs; *d; d++) {
        snprintf(path, sizeof path, STAGING "/dev/%s", *d);
        if (mkdir(path, strcmp(*d, "shm") == 0 ? 01777 : 0755) < 0) return fail_at(fail, "mkdir", path);
    }
    static const char *const dev_links[] = {"ptmx", "pts/ptmx", "fd", "/proc/self/fd", "stdin", "/proc/self/fd/0",
                                            "stdout", "/proc/self/fd/1", "stderr", "/proc/self/fd/2", "core",
                                            "/proc/kcore", NULL};
    for (const char *const *l = dev_links; *l; l += 2) {
        snprintf(path, sizeof path, STAGING "/dev/%s", l[0]);
        if (symlink(l[1], path) < 0) return fail_at(fail, "symlink", path);
    }
    int log = open(STAGING "/dev/termination-log", O_CREAT | O_WRONLY | O_CLOEXEC, 0666);
    if (log < 0) return fail_at(fail, "create", STAGING "/dev/termination-log");
    close(log);
    if (mount("proc", STAGING "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        return fail_at(fail, "mount proc", STAGING "/proc");
    if (mount("sysfs", STAGING "/sys", "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
        return fail_at(fail, "mount sysfs", STAGING "/sys");
    if (mount("tmpfs", STAGING "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700,size=256m") < 0)
        return fail_at(fail, "mount tmpfs", STAGING "/tmp");
    if (nhost > 0 && mkdir(STAGING "/host", 0700) < 0) return fail_at(fail, "mkdir", STAGING "/host");
    for (int i = 0; i < nhost; i++) {
        snprintf(path, sizeof path, STAGING "/host/%d", i);
        if (mkdir(path, 0755) < 0) return fail_at(fail, "mkdir", path);
        snprintf(source, sizeof source, "/proc/self/fd/%d", host_fds[i]);
        if (mount(source, path, NULL, MS_BIND | MS_REC, NULL) < 0) return fail_at(fail, "bind allowed host path", source);
    }
    if (chdir(STAGING) < 0 || syscall(SYS_pivot_root, ".", ".") < 0) return fail_at(fail, "pivot_root", STAGING);
    if (umount2(".", MNT_DETACH) < 0 || chdir("/") < 0) return fail_at(fail, "detach old root", "/");
    return 0;
}

int images_prepare(const char *busybox, const char *bash, const char *const *host_paths, int nhost,
                   struct child_failure *fail) {
    // Open both programs before /tmp is covered (either may live under it).
    int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (self < 0) return fail_at(fail, "open", "/proc/self/exe");
    int bb = open(busybox, O_RDONLY | O_CLOEXEC);
    if (bb < 0) {
        int err = errno;
        close(self);
        char detail[300];
        snprintf(detail, sizeof detail, "the busybox image needs busybox-static (%s: %s); install it with "
                 "`sudo apt-get install busybox-static`", busybox, strerror(err));
        set_failure(fail, "open busybox", err, detail);
        return -1;
    }
    int host_fds[MAX_HOST_PATHS];
    for (int i = 0; i < nhost; i++) {
        host_fds[i] = open(host_paths[i], O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (host_fds[i] < 0) {
            int err = errno;
            for (int j = 0; j < i; j++) close(host_fds[j]);
            close(self);
            close(bb);
            errno = err;
            return fail_at(fail, "open allowed host path", host_paths[i]);
        }
    }
    int sh = bash ? open(bash, O_RDONLY | O_CLOEXEC) : -1;
    if (sh < 0) fprintf(stderr, "kubetutor-init: %s: %s; the nginx and ubuntu images get busybox's sh "
                        "(install bash-static for theirs)\n", bash ? bash : "bash-static", strerror(errno));
    int rc = -1;
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
        fail_at(fail, "make mounts private", "/");
    } else if (enter_own_root(host_fds, nhost, fail) < 0) {
        // fail says why
    } else if (mkdir(STAGING "/bin", 0755) < 0 || mkdir(IMAGES, 0755) < 0 || mkdir(PODS, 0700) < 0 ||
               mkdir(STAGING "/root", 0755) < 0 || mkdir(STAGING "/rw", 0755) < 0) {
        fail_at(fail, "mkdir", STAGING);
    } else if (copy_program(bb, STAGING "/bin/busybox") < 0) {
        fail_at(fail, "copy", busybox);
    } else if (copy_program(self, STAGING "/bin/kubetutor-init") < 0) {
        fail_at(fail, "copy", "/proc/self/exe");
    } else if (sh >= 0 && copy_program(sh, STAGING "/bin/bash") < 0) {
        fail_at(fail, "copy", bash);
    } else if (list_applets(fail) == 0) {
        have_bash = sh >= 0;
        rc = 0;
        for (size_t i = 0; i < sizeof trees / sizeof trees[0] && rc == 0; i++) rc = build_tree(&trees[i], fail);
        munmap(applet_names, APPLET_TEXT + MAX_APPLETS * sizeof(char *));
        applet_names = NULL;
        applets = NULL;
        // The image layers are read-only, as a snapshot's lower directories are.
        if (rc == 0 && (mount(IMAGES, IMAGES, NULL, MS_BIND | MS_REC, NULL) < 0 ||
                        mount(NULL, IMAGES, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0))
            rc = fail_at(fail, "remount read-only", IMAGES);
    }
    close(self);
    close(bb);
    if (sh >= 0) close(sh);
    for (int i = 0; i < nhost; i++) close(host_fds[i]);
    if (rc == 0) prepared = 1;
    return rc;
}
