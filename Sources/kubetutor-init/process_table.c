// The processes init started and has not reaped yet: the only pids it ever signals (never a
// recycled one), with the node each runs on.
#include "init.h"

#include <stdlib.h>
#include <unistd.h>

static struct tracked *procs;
static size_t nprocs, cap_procs;

struct tracked *track(pid_t pid, int pidfd) {
    if (nprocs == cap_procs) {
        size_t cap = cap_procs ? cap_procs * 2 : 16;
        struct tracked *grown = realloc(procs, cap * sizeof *procs);
        if (!grown) return NULL;  // untracked: still reaped, just never reported
        procs = grown;
        cap_procs = cap;
    }
    procs[nprocs] = (struct tracked){.pid = pid, .pidfd = pidfd, .node = -1};
    return &procs[nprocs++];
}

struct tracked *find(pid_t pid) {
    for (size_t i = 0; i < nprocs; i++)
        if (procs[i].pid == pid) return &procs[i];
    return NULL;
}

void untrack(pid_t pid) {
    for (size_t i = 0; i < nprocs; i++) {
        if (procs[i].pid != pid) continue;
        close(procs[i].pidfd);
        for (int c = 0; c < procs[i].ncgroups; c++) close(procs[i].cgroups[c]);
        procs[i] = procs[--nprocs];
        return;
    }
}

size_t tracked_count(void) { return nprocs; }
struct tracked *tracked_at(size_t i) { return i < nprocs ? &procs[i] : NULL; }
