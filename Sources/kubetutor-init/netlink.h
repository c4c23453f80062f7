// Minimal rtnetlink client for the cluster network: bridges, veth pairs, IPv4 addresses and routes.
// Why not `ip`: one exec of iproute2 per step costs ~17x more per pod than a netlink message.
// Every call talks to the network namespace its socket was opened in and waits for the kernel's ACKs.
// Returns 0, or -1 with errno set to the kernel's answer.
#ifndef KUBETUTOR_INIT_NETLINK_H
#define KUBETUTOR_INIT_NETLINK_H

#include <stdint.h>
#include <sys/types.h>

/// A NETLINK_ROUTE socket bound to the current network namespace.
int nl_open(void);
/// A NETLINK_ROUTE socket bound to the network namespace of the process behind `pidfd`; the caller
/// returns to `home_netns_fd` before this returns (a socket stays in the namespace it was made in).
int nl_open_in(int pidfd, int home_netns_fd);
/// socket(2) in the network namespace of `pidfd`; returns to `home_netns_fd` before this returns.
int socket_in_netns(int pidfd, int home_netns_fd, int domain, int type, int protocol);

/// The index of interface `name` in the socket's namespace.
int nl_ifindex(int nl, const char *name);
/// Sets IFF_UP on an interface.
int nl_link_up(int nl, int ifindex);
/// Creates bridge `name`, up. Returns its ifindex or -1.
int nl_add_bridge(int nl, const char *name);
/// Creates a veth pair: `name` here (enslaved to `master` when > 0, up) and `peer` in the network
/// namespace of process `peer_pid` (as the caller's PID namespace numbers it), down.
int nl_add_veth(int nl, const char *name, int master, const char *peer, pid_t peer_pid);
/// Deletes interface `name` (a veth pair goes as a whole).
int nl_del_link(int nl, const char *name);
/// Adds an IPv4 address (network byte order) with its prefix length.
int nl_add_addr(int nl, int ifindex, uint32_t addr, int prefix);
/// Adds or replaces an IPv4 route `dst/prefix via gateway` (dst 0/0: the default route).
int nl_replace_route(int nl, uint32_t dst, int prefix, uint32_t gateway);

/// An interface's whole setup in one round trip: address, IFF_UP, default route via `gateway`.
int nl_configure(int nl, int ifindex, uint32_t addr, int prefix, uint32_t gateway);

/// Writes a /proc/sys value in the current network namespace (e.g. "net/ipv4/ip_forward").
int write_sysctl(const char *name, const char *value);

#endif
