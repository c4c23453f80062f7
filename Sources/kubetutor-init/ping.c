// `ping`: busybox-like ICMP echo (`ping [-c N] [-W SEC] [-w SEC] [-i SEC] [-q] HOST`), so a learner
// can check that pods reach each other by IP. Uses an ICMP datagram socket where the netns allows it
// (net.ipv4.ping_group_range), else a raw socket (root of the cluster owns the pod netns).
#define _GNU_SOURCE
#include "applets.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DATA_BYTES 56

static volatile sig_atomic_t interrupted;
static void on_interrupt(int sig) { (void)sig; interrupted = 1; }

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static uint16_t checksum(const void *data, size_t len) {
    const uint8_t *p = data;
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2) sum += (uint32_t)(p[i] << 8 | p[i + 1]);
    if (len & 1) sum += (uint32_t)(p[len - 1] << 8);
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return htons((uint16_t)~sum);
}

struct stats {
    unsigned sent, received;
    double min, max, sum;
};

/// Reads one echo reply for our id; returns its seq (>= 0), or -1 for anything else.
static int read_reply(int s, int raw, uint16_t id, int *ttl) {
    char buf[512], control[64];
    struct iovec iov = {buf, sizeof buf};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(s, &msg, MSG_DONTWAIT);
    if (n <= 0) return -1;
    struct icmphdr *icmp = (struct icmphdr *)buf;
    if (raw) {
        struct iphdr *ip = (struct iphdr *)buf;
        size_t header = (size_t)ip->ihl * 4;
        if ((size_t)n < header + sizeof *icmp) return -1;
        *ttl = ip->ttl;
        icmp = (struct icmphdr *)(buf + header);
        if (icmp->un.echo.id != htons(id)) return -1;
    } else {
        *ttl = -1;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL) memcpy(ttl, CMSG_DATA(c), sizeof *ttl);
    }
    if (icmp->type != ICMP_ECHOREPLY) return -1;
    return ntohs(icmp->un.echo.sequence);
}

int ping_main(int argc, char **argv) {
    long count = 0;
    double wait_first = 10, deadline = 0, interval = 1;
    int quiet = 0;
    const char *host = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            host = a;
        } else if (strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (strchr("cWwi", a[1]) && !a[2] && i + 1 < argc) {
            double v = atof(argv[++i]);
            if (a[1] == 'c') count = (long)v; else if (a[1] == 'W') wait_first = v; else if (a[1] == 'w') deadline = v; else interval = v;
        } else {
            fprintf(stderr, "ping: unrecognized option '%s'\n", a);
            return 1;
        }
    }
    if (!host) {
        fprintf(stderr, "BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n");
        return 1;
    }
    struct sockaddr_in to = {.sin_family = AF_INET};
    if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &to.sin_addr) != 1) {
        fprintf(stderr, "ping: bad address '%s'\n", host);
        return 1;
    }
    int raw = 0, s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (s < 0) {
        raw = 1;
        s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    }
    if (s < 0) {
        fprintf(stderr, "ping: permission denied (are you root?)\n");
        return 1;
    }
    int on = 1;
    setsockopt(s, IPPROTO_IP, IP_RECVTTL, &on, sizeof on);
    uint16_t id = (uint16_t)getpid();
    if (!raw) {  // the kernel sets the id of a datagram socket to its port: learn it
        struct sockaddr_in self;
        socklen_t len = sizeof self;
        if (getsockname(s, (struct sockaddr *)&self, &len) == 0) id = ntohs(self.sin_port);
    }
    signal(SIGINT, on_interrupt);
    char ip[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &to.sin_addr, ip, sizeof ip);
    printf("PING %s (%s): %d data bytes\n", host, ip, DATA_BYTES);
    fflush(stdout);

    struct stats st = {.min = 1e18};
    double sent_at[65536 / 64];  // by seq modulo the table size
    double start = now_ms(), next_send = start, last_sent = start;
    while (!interrupted) {
        double now = now_ms();
        if (deadline > 0 && now - start >= deadline * 1000) break;
        int all_sent = count > 0 && st.sent >= (unsigned)count;
        if (all_sent && (st.received >= (unsigned)count || now - last_sent >= wait_first * 1000)) break;
        if (!all_sent && now >= next_send) {
            uint8_t packet[sizeof(struct icmphdr) + DATA_BYTES];
            memset(packet, 0, sizeof packet);
            struct icmphdr *icmp = (struct icmphdr *)packet;
            icmp->type = ICMP_ECHO;
            icmp->un.echo.id = htons(id);
            icmp->un.echo.sequence = htons((uint16_t)st.sent);
            icmp->checksum = checksum(packet, sizeof packet);
            sent_at[st.sent % (sizeof sent_at / sizeof sent_at[0])] = now;
            if (sendto(s, packet, sizeof packet, 0, (struct sockaddr *)&to, sizeof to) < 0 && !quiet)
                fprintf(stderr, "ping: sendto: %s\n", strerror(errno));
            st.sent++;
            last_sent = now;
            next_send = now + interval * 1000;
            continue;
        }
        double until = all_sent ? last_sent + wait_first * 1000 : next_send;
        if (deadline > 0 && start + deadline * 1000 < until) until = start + deadline * 1000;
        struct pollfd p = {s, POLLIN, 0};
        int timeout = until > now ? (int)(until - now) + 1 : 0;
        if (poll(&p, 1, timeout) <= 0) continue;
        int ttl, seq;
        while ((seq = read_reply(s, raw, id, &ttl)) >= 0) {
            if ((unsigned)seq >= st.sent) continue;
            double rtt = now_ms() - sent_at[seq % (sizeof sent_at / sizeof sent_at[0])];
            st.received++;
            st.sum += rtt;
            if (rtt < st.min) st.min = rtt;
            if (rtt > st.max) st.max = rtt;
            if (!quiet) printf("%d bytes from %s: seq=%d ttl=%d time=%.3f ms\n", DATA_BYTES + 8, ip, seq, ttl, rtt);
            fflush(stdout);
        }
    }
    printf("\n--- %s ping statistics ---\n", host);
    printf("%u packets transmitted, %u packets received, %u%% packet loss\n", st.sent, st.received,
           st.sent ? (st.sent - st.received) * 100 / st.sent : 0);
    if (st.received)
        printf("round-trip min/avg/max = %.3f/%.3f/%.3f ms\n", st.min, st.sum / st.received, st.max);
    return st.received ? 0 : 1;
}
