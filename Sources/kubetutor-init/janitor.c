// `kubetutor-init janitor DIR...`: removes kubetutor's cgroup directories once kubetutor is gone,
// however it ended (SIGKILL included). It holds the read end of a pipe as fd 3 whose write end only
// kubetutor has: EOF means kubetutor exited. The cluster's processes die with it (init is PID 1 of
// their namespace), after which their cgroups can be removed, children first.
#define _GNU_SOURCE
#include "applets.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/// rmdir, subdirectories first; 1 when `dir` is gone.
static int remove_tree(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT;
    char path[4096];
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.' || e->d_type != DT_DIR) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        remove_tree(path);
    }
    closedir(d);
    return rmdir(dir) == 0 || errno == ENOENT;
}

int janitor_main(int argc, char **argv) {
    setsid();  // off kubetutor's terminal: the learner's Ctrl-C is not for us
    signal(SIGINT, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    char buf[64];
    for (;;) {
        ssize_t n = read(3, buf, sizeof buf);
        if (n == 0 || (n < 0 && errno != EINTR)) break;
    }
    // The cluster's processes take a moment to die; give them up to 10 s.
    for (int attempt = 0; attempt < 100; attempt++) {
        int gone = 1;
        for (int i = 1; i < argc; i++) gone &= remove_tree(argv[i]);
        if (gone) return 0;
        struct timespec pause = {0, 100 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    return 1;
}
