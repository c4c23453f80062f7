// Internals of the cluster init server shared by its files: the control-socket replies, the table
// of processes init started, and the nodes with their network.
#ifndef KUBETUTOR_INIT_INIT_H
#define KUBETUTOR_INIT_INIT_H

#include "applets.h"

#include <stdint.h>
#include <sys/types.h>

#define CONTROL_FD 3
/// Init's private tmpfs (its own mount namespace covers the host's /tmp): image trees, pod volumes
/// and the mount points where a container assembles its root.
#define STAGING "/tmp"
#define PODS STAGING "/pods"
/// Node indexes 0..250: node IP 172.18.0.(index+2), pod CIDR 10.244.index.0/24.
#define MAX_NODES 251

// MARK: control socket (control.c)

/// Sends fields as one datagram with an optional fd. Exits when kubetutor is gone.
void send_fields(const char *const *fields, int nfields, int fd);
void reply_ok(const char *id);
void reply_error(const char *id, const struct child_failure *fail);
void reply_bad_request(const char *id, const char *what);
/// `ok <id> <pid> [<extra>]` with the pidfd; the process is tracked from here on.
void reply_started(const char *id, pid_t pid, int pidfd, const char *extra);
/// Fills `fail` with a stage, errno and optional detail.
void set_failure(struct child_failure *fail, const char *stage, int err, const char *detail);

// MARK: process table (process_table.c)

/// A process init started and has not reaped yet, and where it runs.
struct tracked {
    pid_t pid;
    int pidfd;
    int node;         // index of its node, -1 when not on a node
    int is_node;      // the node's holder itself
    uint8_t ip_host;  // a pod holder's IP on its node: 10.244.<node>.<ip_host>; 0 for none
    int is_sandbox;   // a pod holder: its volumes go when it is reaped
    // A container: how its exec'd processes are confined, and its cgroups (fds owned here).
    int is_container;
    struct confinement conf;
    int ncgroups;
    int cgroups[MAX_CGROUPS];
};

/// Adds a process (placed on no node); returns its entry, NULL when out of memory (still reaped).
struct tracked *track(pid_t pid, int pidfd);
struct tracked *find(pid_t pid);
/// Closes the pidfd and forgets the process.
void untrack(pid_t pid);
size_t tracked_count(void);
struct tracked *tracked_at(size_t i);

// MARK: nodes and the cluster network (cluster_net.c)

/// A node: in isolated mode a holder process owning the node's UTS (hostname) and network namespaces.
struct node {
    int defined;
    int running;
    char name[64];
    pid_t holder;       // 0 while stopped, and always in the mode without isolation
    int nl;             // netlink socket in the node's network namespace, -1 when none
    int cni0;           // ifindex of the pod bridge in the node
    char uplink[16];    // the kt0 end of the node's eth0 veth, deleted when the node stops
    uint8_t used[32];   // pod IPAM: bit h set when 10.244.<index>.h is taken
    uint8_t last;       // last host number handed out (round robin, like CNI host-local)
};

struct node *node_at(int index);
/// Remembers the cluster network namespace (init's own); call once at start in isolated mode.
int cluster_net_prepare(void);
/// Init's own network namespace (an fd), once prepared.
int cluster_home_netns(void);
/// Wires a new node holder: eth0 on kt0 with the node IP, cni0 with the pod gateway, routes.
int node_net_up(int index, pid_t holder, int pidfd, struct child_failure *fail);
/// Forgets the node's network (its namespace dies with its holder); deletes its kt0 veth at once
/// so a restarted node can take the same IP without an address conflict.
void node_net_down(int index);
/// Gives a pod holder on node `index` an IP: veth into cni0, eth0 address, default route.
int pod_net_attach(int index, pid_t holder, int pidfd, uint8_t *host_out, struct child_failure *fail);
void pod_ip_release(int index, uint8_t host);
/// "10.244.<index>.<host>"
void pod_ip_text(int index, uint8_t host, char *out, size_t cap);

// MARK: requests about nodes and pods on them (node_requests.c)

extern int isolated_mode;
extern int own_pidns_fd;  // init's own PID namespace, to return to after entering a container's

void handle_sandbox(const char *id, const char *hostname, const char *node_index);
void handle_node(const char *id, const char *index, const char *name);
void handle_node_stop(const char *id, const char *index);
/// `portconnect <id> <holder-pid> <port>`: `ok <id> socket` with a socket connected to localhost:<port>
/// in the pod's network namespace (port_forward.c).
void handle_port_connect(const char *id, const char *holder, const char *port);
/// Called when a node holder is reaped: the node is down unless it was already started again.
void node_holder_exited(int index, pid_t pid);

#endif
