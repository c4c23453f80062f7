// kubetutor-init: the cluster init (`kubetutor-init init [--no-isolation]`) and, selected by the name
// it is run as (argv[0] basename, or `kubetutor-init <applet> ...`), the offline images' programs.
#include "applets.h"

#include <stdio.h>
#include <string.h>

struct applet {
    const char *name;
    int (*main)(int argc, char **argv);
};

static const struct applet applets[] = {
    {"nginx", nginx_main},
    {"wget", wget_main},
    {"ps", ps_main},
    {"hostname", hostname_main},
    {"ping", ping_main},
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
    if (argc >= 2 && strcmp(argv[1], "init") == 0)
        return init_main(!(argc >= 3 && strcmp(argv[2], "--no-isolation") == 0));
    if (argc >= 2) {
        rc = run_applet(argv[1], argc - 1, argv + 1);
        if (rc >= 0) return rc;
    }
    fprintf(stderr, "usage: kubetutor-init init [--no-isolation]\n"
                    "       kubetutor-init {nginx|wget|ps|hostname|ping} [args...]\n");
    return 2;
}
