#include <soxr.h>

// The recipes are macros Swift cannot import. 16-bit integers in and out, high quality, and
// no dither: soxr's default TPDF dither for integer output is random, so the same input would
// resample to different samples on every run.
static inline soxr_io_spec_t csoxr_int16_io_spec_no_dither(void) {
    soxr_io_spec_t spec = soxr_io_spec(SOXR_INT16_I, SOXR_INT16_I);
    spec.flags |= SOXR_NO_DITHER;
    return spec;
}

static inline soxr_quality_spec_t csoxr_high_quality(void) { return soxr_quality_spec(SOXR_HQ, 0); }
