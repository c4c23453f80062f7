// libedit (BSD editline), used directly as a system library.
//
// Swift cannot call C variadic functions, so every el_set/el_get/history operation the Shell
// module needs gets a fixed-signature `static inline` wrapper here. Nothing in this header
// holds state: a `static` variable in a header would be duplicated per importing module.
#ifndef KUBETUTOR_CEDITLINE_SHIM_H
#define KUBETUTOR_CEDITLINE_SHIM_H

#include <stdio.h>
#include <wchar.h>
#include <histedit.h>
#include <sys/ioctl.h>
#include <termios.h>

/// Prompt callback: returns the prompt text (multibyte, owned by the caller of el_set).
typedef char *(*kt_prompt_fn)(EditLine *);
/// Editor function bound to a key: returns one of the CC_* codes.
typedef unsigned char (*kt_editor_fn)(EditLine *, int);

static inline int kt_el_set_prompt(EditLine *el, kt_prompt_fn fn) {
    return el_set(el, EL_PROMPT, fn);
}

static inline int kt_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

/// EL_SIGNAL 1 makes libedit re-raise signals with kill(0, sig) to the whole process group;
/// kubetutor handles signals itself, so the Shell sets this to 0.
static inline int kt_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int kt_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *kt_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

/// Replaces libedit's character reader (needed to wake up on signals through a self-pipe).
static inline int kt_el_set_getcfn(EditLine *el, el_rfunc_t fn) {
    return el_set(el, EL_GETCFN, fn);
}

static inline int kt_el_add_function(EditLine *el, const char *name, const char *help, kt_editor_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// Binds a key sequence (e.g. "^I") to a function name (built in or added with kt_el_add_function).
static inline int kt_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// Applies one `setty -d <mode>` change to the terminal modes libedit uses while editing,
/// e.g. "-isig" so that Ctrl-C reaches the editor as a key instead of raising SIGINT.
static inline int kt_el_setty_edit(EditLine *el, const char *mode) {
    return el_set(el, EL_SETTY, "-d", mode, (const char *)NULL);
}

/// Switches the terminal to libedit's editing (raw) mode now (1) or back to normal (0). Debian's
/// libedit is built without its FIONREAD check, so el_gets draws the prompt before entering raw
/// mode, and keys typed in between would be echoed and line-buffered by the terminal.
static inline int kt_el_prep_term(EditLine *el, int raw) {
    return el_set(el, EL_PREP_TERM, raw);
}

static inline int kt_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

/// Redraws the prompt and line (after output was printed under it, or a resize).
static inline int kt_el_refresh(EditLine *el) {
    return el_set(el, EL_REFRESH);
}

static inline int kt_el_get_outfile(EditLine *el, FILE **fp) {
    return el_get(el, EL_GETFP, 1, fp);
}

static inline int kt_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

/// With unique on, an entry equal to the previous one is not recorded again.
static inline int kt_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}

static inline int kt_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

/// Returns the number of entries loaded, or -1.
static inline int kt_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

/// Returns the number of entries saved, or -1.
static inline int kt_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline int kt_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) != 0) return -1;
    return ev.num;
}

/// Walks history from the newest entry: index 0 is the newest. Returns NULL past the oldest.
static inline const char *kt_history_entry(History *h, int index) {
    HistEvent ev;
    if (history(h, &ev, H_FIRST) != 0) return NULL;
    for (int i = 0; i < index; i++) {
        if (history(h, &ev, H_NEXT) != 0) return NULL;
    }
    return ev.str;
}

/// Terminal width in columns of `fd`, or 0 when unknown (ioctl is variadic).
static inline int kt_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}

/// Sets the window size of a terminal (test harnesses set it on a pty master).
static inline int kt_terminal_set_size(int fd, unsigned short rows, unsigned short cols) {
    struct winsize ws = {0};
    ws.ws_row = rows;
    ws.ws_col = cols;
    return ioctl(fd, TIOCSWINSZ, &ws);
}

#endif
