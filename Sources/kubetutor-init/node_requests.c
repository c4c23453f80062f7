// Nodes as the tutor's "VMs": `node` starts one (again), `nodestop` kills every process on it at once,
// `sandbox ... <node>` places a pod on it with an IP from its pod CIDR.
//
// Stopping a node SIGKILLs, in one pass, its holder and every pod holder, container and exec on it
// (and their process groups). A container is PID 1 of its own PID namespace, so the kernel takes
// its descendants too: nothing of the node survives, as after a VM's power loss. (A PID namespace
// per node would make it one kill, but the kernel refuses CLONE_NEWPID for a child born into a
// namespace other than init's own, which every container needs.) Without isolation a node is only
// a label: the same kills, no network, and pods get no IP.
#define _GNU_SOURCE
#include "init.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/// Parses a node index; NULL when out of range.
static struct node *parse_node(const char *text, int *index) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == 0 || *end != 0 || value < 0 || value >= MAX_NODES) return NULL;
    *index = (int)value;
    return node_at(*index);
}

/// Kills a holder that never got reported to kubetutor, and reaps it.
static void discard(pid_t pid, int pidfd) {
    kill(pid, SIGKILL);
    while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {}
    close(pidfd);
}

void handle_sandbox(const char *id, const char *hostname, const char *node_index) {
    struct child_failure fail;
    int index = -1, pidfd = -1;
    struct node *n = node_index ? parse_node(node_index, &index) : NULL;
    if (node_index && (!n || !n->defined)) return reply_bad_request(id, "no such node");
    if (n && !n->running) {
        char detail[128];
        snprintf(detail, sizeof detail, "node \"%s\" is not running", n->name);
        set_failure(&fail, "place pod", EHOSTDOWN, detail);
        return reply_error(id, &fail);
    }
    pid_t pid = spawn_holder(isolated_mode, 0, hostname, &pidfd, &fail);
    if (pid < 0) return reply_error(id, &fail);
    uint8_t host = 0;
    if (n && isolated_mode && pod_net_attach(index, pid, pidfd, &host, &fail) < 0) {
        discard(pid, pidfd);
        return reply_error(id, &fail);
    }
    char ip[32];
    pod_ip_text(index, host, ip, sizeof ip);
    reply_started(id, pid, pidfd, host ? ip : NULL);
    struct tracked *t = track(pid, pidfd);
    if (t) {
        t->node = index;
        t->ip_host = host;
        t->is_sandbox = 1;
    }
}

void handle_node(const char *id, const char *index_text, const char *name) {
    struct child_failure fail;
    int index;
    struct node *n = parse_node(index_text, &index);
    if (!n) return reply_bad_request(id, "node index out of range");
    if (!name[0] || strlen(name) >= sizeof n->name) return reply_bad_request(id, "bad node name");
    if (n->defined && strcmp(n->name, name) != 0) {
        char detail[128];
        snprintf(detail, sizeof detail, "node index %d belongs to node \"%s\"", index, n->name);
        set_failure(&fail, "create node", EEXIST, detail);
        return reply_error(id, &fail);
    }
    if (n->running) {
        set_failure(&fail, "start node", EEXIST, "the node is running");
        return reply_error(id, &fail);
    }
    if (!n->defined) {
        memset(n, 0, sizeof *n);
        n->nl = -1;
        snprintf(n->name, sizeof n->name, "%s", name);
        n->defined = 1;
    }
    if (!isolated_mode) {
        n->running = 1;
        return reply_ok(id);
    }
    int pidfd = -1;
    pid_t pid = spawn_holder(1, 1, name, &pidfd, &fail);
    if (pid < 0) return reply_error(id, &fail);
    if (node_net_up(index, pid, pidfd, &fail) < 0) {
        discard(pid, pidfd);
        node_net_down(index);
        return reply_error(id, &fail);
    }
    n->running = 1;
    n->holder = pid;
    reply_started(id, pid, pidfd, NULL);
    struct tracked *t = track(pid, pidfd);
    if (t) {
        t->node = index;
        t->is_node = 1;
    }
}

/// SIGKILLs every process on the node and marks it down; its network namespace dies with them.
static void node_down(int index) {
    struct node *n = node_at(index);
    for (size_t i = 0; i < tracked_count(); i++) {
        struct tracked *t = tracked_at(i);
        if (t->node != index) continue;
        kill(-t->pid, SIGKILL);  // a container's or exec's own session (no-op for holders)
        kill(t->pid, SIGKILL);
    }
    n->running = 0;
    n->holder = 0;
    node_net_down(index);
}

void handle_node_stop(const char *id, const char *index_text) {
    int index;
    struct node *n = parse_node(index_text, &index);
    if (!n || !n->defined) return reply_bad_request(id, "no such node");
    if (n->running) node_down(index);
    reply_ok(id);
}

void node_holder_exited(int index, pid_t pid) {
    struct node *n = node_at(index);
    // Killed from outside: the node's network is gone, so is the node; its pods go with it.
    if (n && n->running && n->holder == pid) node_down(index);
}
