// `hostname`: prints the UTS namespace's host name (the pod name inside a pod).
#include "applets.h"

#include <stdio.h>
#include <sys/utsname.h>

int hostname_main(int argc, char **argv) {
    (void)argc;
    (void)argv;
    struct utsname u;
    if (uname(&u) < 0) {
        perror("hostname");
        return 1;
    }
    printf("%s\n", u.nodename);
    return 0;
}
