// `hostname`: prints the UTS namespace's host name (the pod name inside a pod); `hostname -i`
// prints the pod's addresses (busybox resolves the name, which in a Kubernetes pod's /etc/hosts
// maps to the pod IP; containers here see the host's /etc/hosts, so the interfaces answer instead).
#define _GNU_SOURCE
#include "applets.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

static int print_addresses(void) {
    struct ifaddrs *list;
    if (getifaddrs(&list) < 0) {
        perror("hostname");
        return 1;
    }
    const char *sep = "";
    int found = 0;
    for (struct ifaddrs *a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET || (a->ifa_flags & IFF_LOOPBACK)) continue;
        char ip[INET_ADDRSTRLEN];
        inet_ntop(AF_INET, &((struct sockaddr_in *)a->ifa_addr)->sin_addr, ip, sizeof ip);
        printf("%s%s", sep, ip);
        sep = " ";
        found = 1;
    }
    freeifaddrs(list);
    printf(found ? "\n" : "127.0.0.1\n");  // a pod on no node has only loopback
    return 0;
}

int hostname_main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "-i") == 0) return print_addresses();
    struct utsname u;
    if (uname(&u) < 0) {
        perror("hostname");
        return 1;
    }
    printf("%s\n", u.nodename);
    return 0;
}
