#include <zlib.h>

// deflateInit/inflateInit are macros over the *_ functions; Swift cannot import them.
static inline int czlib_deflate_init(z_streamp stream, int level) { return deflateInit(stream, level); }
static inline int czlib_inflate_init(z_streamp stream) { return inflateInit(stream); }
