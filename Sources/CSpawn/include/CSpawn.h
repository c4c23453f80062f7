#ifndef CSPAWN_H
#define CSPAWN_H
// Small C used by the Swift side of the runtime. Only raw syscalls run between clone and exec.
int cspawn_placeholder(void);
#endif
