// kubetutor-init: the cluster init (`kubetutor-init init [--no-isolation]`) and, selected by the name
// it is run as (argv[0] basename, or `kubetutor-init <applet> ...`), the offline images' programs.
#include "applets.h"

#include <stdio.h>
#include <string.h>

struct applet {
    const char *name;
    int (*main)(int argc, char **argv);
};

/// The one program of the images that no package provides: nginx (Debian's needs its shared
/// libraries and a writable prefix; a stand-in that answers like nginx/1.27 keeps a pod under 1 MiB).
static const struct applet applets[] = {
    {"nginx", nginx_main},
    {"janitor", janitor_main},
};

static const char *basename_of(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int run_applet(const char *name, int argc, char **argv) {
    for (size_t i = 0; i < sizeof applets / sizeof applets[0]; i++)
        if (strcmp(applets[i].name, name) == 0) return applets[i].main(argc, argv);
    return -1;
}

int main(int argc, char **argv) {
    const char *self = argc > 0 ? basename_of(argv[0]) : "kubetutor-init";
    int rc = run_applet(self, argc, argv);
    if (rc >= 0) return rc;
    if (argc >= 2 && strcmp(argv[1], "init") == 0) {
        int isolated = 1;
        const char *busybox = "/bin/busybox", *bash = NULL;
        const char *host_paths[MAX_HOST_PATHS];
        int nhost = 0;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--no-isolation") == 0) isolated = 0;
            else if (strcmp(argv[i], "--busybox") == 0 && i + 1 < argc) busybox = argv[++i];
            else if (strcmp(argv[i], "--bash") == 0 && i + 1 < argc) bash = argv[++i];
            else if (strcmp(argv[i], "--host-path") == 0 && i + 1 < argc && nhost < MAX_HOST_PATHS) host_paths[nhost++] = argv[++i];
        }
        return init_main(isolated, busybox, bash, host_paths, nhost);
    }
    if (argc >= 2) {
        rc = run_applet(argv[1], argc - 1, argv + 1);
        if (rc >= 0) return rc;
    }
    fprintf(stderr, "usage: kubetutor-init init [--no-isolation] [--busybox PATH] [--bash PATH] [--host-path DIR]...\n"
                    "       kubetutor-init nginx [args...]\n");
    return 2;
}
