// zlib, for SPDY/3's header compression (kubectl port-forward's protocol).
#include <zlib.h>

// deflateInit/inflateInit are macros Swift cannot call.
static inline int czlib_deflate_init(z_stream *s, int level) { return deflateInit(s, level); }
static inline int czlib_inflate_init(z_stream *s) { return inflateInit(s); }
