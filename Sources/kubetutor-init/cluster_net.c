// The cluster network, all inside the cluster's user namespace (the host's network is never touched):
//
//   init's netns ("the cluster network"): bridge kt0 172.18.0.1/16, forwarding,
//       routes 10.244.N.0/24 via 172.18.0.(N+2)
//   node N's netns: eth0 172.18.0.(N+2)/16 (veth, peer on kt0), default via 172.18.0.1,
//       bridge cni0 10.244.N.1/24, routes to every other node's pod CIDR via its node IP
//   pod netns on node N: eth0 10.244.N.x/24 (veth, peer on the node's cni0), default via 10.244.N.1
//
// Pod addresses are handed out round robin like CNI's host-local IPAM, so an address just released
// (whose veth the kernel may still be tearing down) is not reused at once.
#define _GNU_SOURCE
#include "init.h"
#include "netlink.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static struct node nodes[MAX_NODES];
static int home_netns = -1;  // init's own network namespace
static int cluster_nl = -1;  // netlink in it, opened with kt0 on first use
static int kt0;
static uint32_t veth_serial;

static uint32_t ip4(unsigned a, unsigned b, unsigned c, unsigned d) { return htonl(a << 24 | b << 16 | c << 8 | d); }
static uint32_t node_ip(int index) { return ip4(172, 18, 0, (unsigned)index + 2); }
static uint32_t pod_cidr(int index) { return ip4(10, 244, (unsigned)index, 0); }

struct node *node_at(int index) { return index >= 0 && index < MAX_NODES ? &nodes[index] : NULL; }

int cluster_home_netns(void) { return home_netns; }

int cluster_net_prepare(void) {
    home_netns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
    return home_netns < 0 ? -1 : 0;
}

/// Fills `fail` from errno with the step that failed; returns -1.
static int failed(struct child_failure *fail, const char *stage) {
    set_failure(fail, stage, errno, NULL);
    return -1;
}

/// kt0 and forwarding in the cluster network, made when the first node is.
static int cluster_bridge(struct child_failure *fail) {
    if (cluster_nl >= 0) return 0;
    int nl = nl_open();
    if (nl < 0) return failed(fail, "open netlink");
    const char *stage = NULL;
    int lo = nl_ifindex(nl, "lo");
    if (lo < 0 || nl_link_up(nl, lo) < 0) {
        stage = "bring up lo";
    } else if ((kt0 = nl_add_bridge(nl, "kt0")) < 0 && (errno != EEXIST || (kt0 = nl_ifindex(nl, "kt0")) < 0)) {
        stage = "create bridge kt0";  // (EEXIST: an earlier attempt got this far)
    } else if (nl_add_addr(nl, kt0, ip4(172, 18, 0, 1), 16) < 0) {
        stage = "address kt0";
    } else if (write_sysctl("net/ipv4/ip_forward", "1") < 0) {
        stage = "write net.ipv4.ip_forward";
    }
    // IPv4 only: no IPv6 autoconfiguration chatter on the veths (see spawn.c). Best effort.
    (void)write_sysctl("net/ipv6/conf/default/disable_ipv6", "1");
    (void)write_sysctl("net/ipv6/conf/all/disable_ipv6", "1");
    if (stage) {
        failed(fail, stage);
        close(nl);
        return -1;
    }
    cluster_nl = nl;
    return 0;
}

int node_net_up(int index, pid_t holder, int pidfd, struct child_failure *fail) {
    struct node *n = &nodes[index];
    if (cluster_bridge(fail) < 0) return -1;
    n->nl = nl_open_in(pidfd, home_netns);
    if (n->nl < 0) return failed(fail, "open netlink in node");
    snprintf(n->uplink, sizeof n->uplink, "veth%08x", ++veth_serial);
    if (nl_add_veth(cluster_nl, n->uplink, kt0, "eth0", holder) < 0) return failed(fail, "create node veth");
    int eth0 = nl_ifindex(n->nl, "eth0");
    if (eth0 < 0 || nl_configure(n->nl, eth0, node_ip(index), 16, ip4(172, 18, 0, 1)) < 0) return failed(fail, "configure node eth0");
    n->cni0 = nl_add_bridge(n->nl, "cni0");
    if (n->cni0 < 0) return failed(fail, "create bridge cni0");
    if (nl_add_addr(n->nl, n->cni0, ip4(10, 244, (unsigned)index, 1), 24) < 0) return failed(fail, "address cni0");
    if (nl_replace_route(cluster_nl, pod_cidr(index), 24, node_ip(index)) < 0) return failed(fail, "route to pod CIDR");
    // Like kindnet: each node routes another node's pods straight to that node over kt0.
    for (int m = 0; m < MAX_NODES; m++) {
        if (m == index || !nodes[m].defined) continue;
        if (nl_replace_route(n->nl, pod_cidr(m), 24, node_ip(m)) < 0) return failed(fail, "route to other node");
        if (nodes[m].running && nodes[m].nl >= 0 && nl_replace_route(nodes[m].nl, pod_cidr(index), 24, node_ip(index)) < 0)
            return failed(fail, "route from other node");
    }
    return 0;
}

void node_net_down(int index) {
    struct node *n = &nodes[index];
    if (n->nl >= 0) close(n->nl);
    n->nl = -1;
    if (n->uplink[0] && cluster_nl >= 0) nl_del_link(cluster_nl, n->uplink);  // gone already: fine
    n->uplink[0] = 0;
}

/// The next free host number after the last one handed out (2..254), or 0 when the range is full.
static uint8_t ipam_take(struct node *n) {
    for (int step = 1; step <= 253; step++) {
        uint8_t h = (uint8_t)(2 + (n->last - 2 + step + 253) % 253);
        if (n->used[h / 8] & (1u << (h % 8))) continue;
        n->used[h / 8] |= (uint8_t)(1u << (h % 8));
        n->last = h;
        return h;
    }
    return 0;
}

void pod_ip_release(int index, uint8_t host) {
    struct node *n = node_at(index);
    if (n && host) n->used[host / 8] &= (uint8_t)~(1u << (host % 8));
}

void pod_ip_text(int index, uint8_t host, char *out, size_t cap) { snprintf(out, cap, "10.244.%d.%u", index, host); }

int pod_net_attach(int index, pid_t holder, int pidfd, uint8_t *host_out, struct child_failure *fail) {
    struct node *n = &nodes[index];
    if (n->last < 2) n->last = 1;  // first address handed out: .2
    uint8_t host = ipam_take(n);
    if (!host) {
        char detail[128];
        snprintf(detail, sizeof detail, "no IP addresses available in range set: 10.244.%d.2-10.244.%d.254", index, index);
        set_failure(fail, "allocate pod IP", ENOSPC, detail);
        return -1;
    }
    char veth[16];
    snprintf(veth, sizeof veth, "veth%08x", ++veth_serial);
    int pod_nl = -1, eth0;
    if (nl_add_veth(n->nl, veth, n->cni0, "eth0", holder) < 0) {
        failed(fail, "create pod veth");
    } else if ((pod_nl = nl_open_in(pidfd, home_netns)) < 0) {
        failed(fail, "open netlink in pod");
    } else if ((eth0 = nl_ifindex(pod_nl, "eth0")) < 0 ||
               nl_configure(pod_nl, eth0, ip4(10, 244, (unsigned)index, host), 24, ip4(10, 244, (unsigned)index, 1)) < 0) {
        failed(fail, "configure pod eth0");
    } else {
        close(pod_nl);
        *host_out = host;
        return 0;
    }
    if (pod_nl >= 0) close(pod_nl);
    pod_ip_release(index, host);
    return -1;
}
