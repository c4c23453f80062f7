// rtnetlink requests built by hand: one message per call, NLM_F_ACK, the ACK's error becomes errno.
#define _GNU_SOURCE
#include "netlink.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

/// A request under construction: header, fixed part, then attributes (nested via nl_nest_*).
struct nl_msg {
    union {
        struct nlmsghdr hdr;
        char buf[1024];
    } u;
};

static uint32_t next_seq = 1;

static void *nl_tail(struct nl_msg *m) { return m->u.buf + NLMSG_ALIGN(m->u.hdr.nlmsg_len); }

static void nl_init(struct nl_msg *m, uint16_t type, uint16_t flags, const void *fixed, size_t fixed_len) {
    memset(m, 0, sizeof *m);
    m->u.hdr.nlmsg_type = type;
    m->u.hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
    m->u.hdr.nlmsg_seq = next_seq++;
    m->u.hdr.nlmsg_len = (uint32_t)NLMSG_LENGTH(fixed_len);
    memcpy(NLMSG_DATA(&m->u.hdr), fixed, fixed_len);
}

/// Appends an attribute; the buffer is sized for every request here, so overflow is a bug caught as E2BIG.
static struct rtattr *nl_put(struct nl_msg *m, uint16_t type, const void *data, size_t len) {
    size_t need = NLMSG_ALIGN(m->u.hdr.nlmsg_len) + RTA_SPACE(len);
    if (need > sizeof m->u.buf) return NULL;
    struct rtattr *a = nl_tail(m);
    a->rta_type = type;
    a->rta_len = (unsigned short)RTA_LENGTH(len);
    if (len) memcpy(RTA_DATA(a), data, len);
    m->u.hdr.nlmsg_len = (uint32_t)need;
    return a;
}

static void nl_put_str(struct nl_msg *m, uint16_t type, const char *s) { nl_put(m, type, s, strlen(s) + 1); }
static void nl_put_u32(struct nl_msg *m, uint16_t type, uint32_t v) { nl_put(m, type, &v, sizeof v); }

static struct rtattr *nl_nest_begin(struct nl_msg *m, uint16_t type) { return nl_put(m, type, NULL, 0); }
static void nl_nest_end(struct nl_msg *m, struct rtattr *nest) {
    if (nest) nest->rta_len = (unsigned short)((char *)nl_tail(m) - (char *)nest);
}

/// Sends the requests as one datagram (the kernel handles them in order) and waits for every ACK.
/// 0, or -1 with errno from the first request that failed.
static int nl_call_all(int nl, struct nl_msg *const *ms, int count) {
    struct iovec iov[4];
    if (count > 4) {
        errno = E2BIG;
        return -1;
    }
    for (int i = 0; i < count; i++) iov[i] = (struct iovec){ms[i]->u.buf, NLMSG_ALIGN(ms[i]->u.hdr.nlmsg_len)};
    struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
    struct msghdr msg = {.msg_name = &kernel, .msg_namelen = sizeof kernel, .msg_iov = iov, .msg_iovlen = (size_t)count};
    ssize_t n;
    do {
        n = sendmsg(nl, &msg, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return -1;
    int pending = count, first_error = 0;
    char reply[4096];
    while (pending > 0) {
        do {
            n = recv(nl, reply, sizeof reply, 0);
        } while (n < 0 && errno == EINTR);
        if (n < 0) return -1;
        int len = (int)n;
        for (struct nlmsghdr *h = (struct nlmsghdr *)reply; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
            if (h->nlmsg_type != NLMSG_ERROR) continue;
            for (int i = 0; i < count; i++) {
                if (h->nlmsg_seq != ms[i]->u.hdr.nlmsg_seq) continue;
                int err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
                if (err && !first_error) first_error = -err;
                pending--;
            }
        }
    }
    if (!first_error) return 0;
    errno = first_error;
    return -1;
}

static int nl_call(int nl, struct nl_msg *m) { return nl_call_all(nl, &m, 1); }

/// Binds a netlink socket; closes it and returns -1 on failure.
static int nl_bound(int nl) {
    if (nl < 0) return -1;
    struct sockaddr_nl local = {.nl_family = AF_NETLINK};
    if (bind(nl, (struct sockaddr *)&local, sizeof local) < 0) {
        int saved = errno;
        close(nl);
        errno = saved;
        return -1;
    }
    return nl;
}

int nl_open(void) { return nl_bound(socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)); }

int socket_in_netns(int pidfd, int home_netns_fd, int domain, int type, int protocol) {
    if (setns(pidfd, CLONE_NEWNET) < 0) return -1;
    int s = socket(domain, type, protocol);
    int saved = errno;
    if (setns(home_netns_fd, CLONE_NEWNET) < 0) {
        // Stuck in the wrong namespace: everything init did next would be wrong. Say so and stop.
        perror("kubetutor-init: setns back to the cluster network");
        _exit(1);
    }
    errno = saved;
    return s;
}

int nl_open_in(int pidfd, int home_netns_fd) {
    // Bound after returning: a socket stays in the namespace it was made in.
    return nl_bound(socket_in_netns(pidfd, home_netns_fd, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
}

int nl_ifindex(int nl, const char *name) {
    // SIOCGIFINDEX works on any socket, and on this one it answers for the socket's namespace.
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
    if (ioctl(nl, SIOCGIFINDEX, &ifr) < 0) return -1;
    return ifr.ifr_ifindex;
}

int nl_link_up(int nl, int ifindex) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = ifindex, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    struct nl_msg m;
    nl_init(&m, RTM_NEWLINK, 0, &ifi, sizeof ifi);
    return nl_call(nl, &m);
}

int nl_add_bridge(int nl, const char *name) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    struct nl_msg m;
    nl_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
    nl_put_str(&m, IFLA_IFNAME, name);
    struct rtattr *info = nl_nest_begin(&m, IFLA_LINKINFO);
    nl_put_str(&m, IFLA_INFO_KIND, "bridge");
    nl_nest_end(&m, info);
    if (nl_call(nl, &m) < 0) return -1;
    return nl_ifindex(nl, name);
}

int nl_add_veth(int nl, const char *name, int master, const char *peer, pid_t peer_pid) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    struct nl_msg m;
    nl_init(&m, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, &ifi, sizeof ifi);
    nl_put_str(&m, IFLA_IFNAME, name);
    if (master > 0) nl_put_u32(&m, IFLA_MASTER, (uint32_t)master);
    struct rtattr *info = nl_nest_begin(&m, IFLA_LINKINFO);
    nl_put_str(&m, IFLA_INFO_KIND, "veth");
    struct rtattr *data = nl_nest_begin(&m, IFLA_INFO_DATA);
    // The peer is described by its own ifinfomsg and attributes. Not IFF_UP: the kernel opens the
    // peer before pairing it (ENOTCONN); it is brought up from its own namespace.
    struct ifinfomsg peer_ifi = {.ifi_family = AF_UNSPEC};
    struct rtattr *peer_attr = nl_put(&m, VETH_INFO_PEER, &peer_ifi, sizeof peer_ifi);
    nl_put_str(&m, IFLA_IFNAME, peer);
    nl_put_u32(&m, IFLA_NET_NS_PID, (uint32_t)peer_pid);
    nl_nest_end(&m, peer_attr);
    nl_nest_end(&m, data);
    nl_nest_end(&m, info);
    return nl_call(nl, &m);
}

int nl_del_link(int nl, const char *name) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
    struct nl_msg m;
    nl_init(&m, RTM_DELLINK, 0, &ifi, sizeof ifi);
    nl_put_str(&m, IFLA_IFNAME, name);
    return nl_call(nl, &m);
}

static void build_addr(struct nl_msg *m, int ifindex, uint32_t addr, int prefix) {
    struct ifaddrmsg ifa = {.ifa_family = AF_INET, .ifa_prefixlen = (unsigned char)prefix, .ifa_index = (unsigned)ifindex};
    nl_init(m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, &ifa, sizeof ifa);
    nl_put(m, IFA_LOCAL, &addr, sizeof addr);
    nl_put(m, IFA_ADDRESS, &addr, sizeof addr);
}

int nl_add_addr(int nl, int ifindex, uint32_t addr, int prefix) {
    struct nl_msg m;
    build_addr(&m, ifindex, addr, prefix);
    return nl_call(nl, &m);
}

static void build_route(struct nl_msg *m, uint32_t dst, int prefix, uint32_t gateway) {
    struct rtmsg rt = {
        .rtm_family = AF_INET,
        .rtm_dst_len = (unsigned char)prefix,
        .rtm_table = RT_TABLE_MAIN,
        .rtm_protocol = RTPROT_BOOT,
        .rtm_scope = RT_SCOPE_UNIVERSE,
        .rtm_type = RTN_UNICAST,
    };
    nl_init(m, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, &rt, sizeof rt);
    if (prefix > 0) nl_put(m, RTA_DST, &dst, sizeof dst);
    nl_put(m, RTA_GATEWAY, &gateway, sizeof gateway);
}

int nl_replace_route(int nl, uint32_t dst, int prefix, uint32_t gateway) {
    struct nl_msg m;
    build_route(&m, dst, prefix, gateway);
    return nl_call(nl, &m);
}

/// No IPv6 link-local address on this link (IN6_ADDR_GEN_MODE_NONE): no DAD or router solicitation
/// traffic. Best effort: fails harmlessly on a kernel without IPv6.
static void nl_no_ipv6_autoconf(int nl, int ifindex) {
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = ifindex};
    struct nl_msg m;
    nl_init(&m, RTM_NEWLINK, 0, &ifi, sizeof ifi);
    struct rtattr *spec = nl_nest_begin(&m, IFLA_AF_SPEC);
    struct rtattr *inet6 = nl_nest_begin(&m, AF_INET6);
    uint8_t mode = IN6_ADDR_GEN_MODE_NONE;
    nl_put(&m, IFLA_INET6_ADDR_GEN_MODE, &mode, sizeof mode);
    nl_nest_end(&m, inet6);
    nl_nest_end(&m, spec);
    (void)nl_call(nl, &m);
}

int nl_configure(int nl, int ifindex, uint32_t addr, int prefix, uint32_t gateway) {
    nl_no_ipv6_autoconf(nl, ifindex);
    struct nl_msg address, up, route;
    build_addr(&address, ifindex, addr, prefix);
    struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = ifindex, .ifi_flags = IFF_UP, .ifi_change = IFF_UP};
    nl_init(&up, RTM_NEWLINK, 0, &ifi, sizeof ifi);
    build_route(&route, 0, 0, gateway);
    struct nl_msg *all[] = {&address, &up, &route};
    return nl_call_all(nl, all, 3);
}

int write_sysctl(const char *name, const char *value) {
    char path[128];
    snprintf(path, sizeof path, "/proc/sys/%s", name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    size_t len = strlen(value);
    ssize_t n = write(fd, value, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return n == (ssize_t)len ? 0 : -1;
}
