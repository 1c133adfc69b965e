/* What the test publishers (ros_pub.c on Cyclone, fastdds_pub.cpp on Fast DDS) put in their messages, in one place
 * so both write the same bytes: frame pixels, the checksum they print, and the CameraInfo values. C and C++.
 * Pixels of frame n (bgr8, rgb8, mono8, ...): byte i = (uint8) (i * 31 + n * 7 + (i >> 11)); 16UC1: the
 * PROTOCOL.md 8 depth test pattern of frame counter n.
 * Band (bgr8 / mono8): a smooth moving gradient that video codecs keep, with the PROTOCOL.md 7 frame stamp of
 * counter n and the stamp's milliseconds in its top band (for glass-to-glass latency).
 * CameraInfo: plumb_bob, d = 0.1,-0.2,0.001,0.002,0.05, K = [615.5 0 321.25; 0 616.75 239.5; 0 0 1]. */
#ifndef CAMRTC_TEST_FRAMES_H
#define CAMRTC_TEST_FRAMES_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

static const double TEST_INFO_D[5] = {0.1, -0.2, 0.001, 0.002, 0.05};
static const double TEST_INFO_K[9] = {615.5, 0, 321.25, 0, 616.75, 239.5, 0, 0, 1};
static const double TEST_INFO_R[9] = {1, 0, 0, 0, 1, 0, 0, 0, 1};
static const double TEST_INFO_P[12] = {615.5, 0, 321.25, 0, 0, 616.75, 239.5, 0, 0, 0, 1, 0};

/* header.stamp for a frame published now: the wall clock, with a microsecond within its millisecond that is never 0
 * (the nanoseconds stay), so a receiver that kept the stamp only to the millisecond is caught. */
static inline struct timespec test_stamp_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  if ((ts.tv_nsec / 1000) % 1000 == 0) ts.tv_nsec += 1000; /* same millisecond: tv_nsec % 1000000 was < 1000 */
  return ts;
}

/* The depth pattern's period in frames: --pattern-from-stamp uses counter (stamp milliseconds mod this). */
#define TEST_PATTERN_PERIOD 5600

static inline uint64_t fnv1a(const uint8_t *p, size_t n) {
  uint64_t h = 14695981039346656037ull;
  for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ull; }
  return h;
}

static inline int bytes_per_pixel(const char *enc) {
  if (!strcmp(enc, "bgr8") || !strcmp(enc, "rgb8")) return 3;
  if (!strcmp(enc, "bgra8") || !strcmp(enc, "rgba8")) return 4;
  if (!strcmp(enc, "mono8")) return 1;
  if (!strcmp(enc, "16UC1") || !strcmp(enc, "mono16")) return 2;
  return 1;
}

/* PROTOCOL.md 8: pixel (x, y) of frame n. */
static inline int pattern_value(int x, int y, long n) {
  if ((x / 32 + y / 32 + n) % 7 == 0) return 0;
  return 300 + (int) ((x + 2L * y + 5L * n) % 4000);
}

static inline void fill(uint8_t *d, const char *enc, uint32_t w, uint32_t h, long n) {
  if (!strcmp(enc, "16UC1")) {
    for (uint32_t y = 0; y < h; y++)
      for (uint32_t x = 0; x < w; x++) {
        int v = pattern_value((int) x, (int) y, n);
        d[2 * ((size_t) y * w + x)] = (uint8_t) v; d[2 * ((size_t) y * w + x) + 1] = (uint8_t) (v >> 8);
      }
    return;
  }
  size_t len = (size_t) w * h * bytes_per_pixel(enc);
  for (size_t i = 0; i < len; i++) d[i] = (uint8_t) (i * 31 + n * 7 + (i >> 11));
}

static inline int edge(int i, int length, int parts) { return (int) ((2LL * i * length + parts) / (2LL * parts)); }

static inline uint8_t crc8(const uint8_t *d, int n) {
  uint8_t c = 0;
  for (int i = 0; i < n; i++) {
    c ^= d[i];
    for (int b = 0; b < 8; b++) c = (uint8_t) (c & 0x80 ? (c << 1) ^ 0x07 : c << 1);
  }
  return c;
}

/* A smooth gradient moving with n, then the PROTOCOL.md 7 stamp band (white 255 = 1, black 0 = 0). */
static inline void fill_band(uint8_t *d, int bpp, uint32_t w, uint32_t h, long n, long long ms) {
  for (uint32_t y = 0; y < h; y++)
    for (uint32_t x = 0; x < w; x++)
      for (int c = 0; c < bpp; c++)
        d[((size_t) y * w + x) * bpp + c] = (uint8_t) (64 + ((x + y + 2 * n + 40 * c) % 128));
  uint32_t counter = (uint32_t) (n & 0xFFFFFF);
  uint8_t in[9] = {(uint8_t) (counter >> 16), (uint8_t) (counter >> 8), (uint8_t) counter};
  for (int i = 0; i < 6; i++) in[3 + i] = (uint8_t) ((unsigned long long) ms >> (8 * (5 - i)));
  int bits[80];
  bits[0] = 1; bits[1] = 0;
  for (int i = 0; i < 24; i++) bits[2 + i] = (counter >> (23 - i)) & 1;
  for (int i = 0; i < 44; i++) bits[26 + i] = (int) (((unsigned long long) ms >> (43 - i)) & 1);
  uint8_t crc = crc8(in, 9);
  for (int i = 0; i < 8; i++) bits[70 + i] = (crc >> (7 - i)) & 1;
  bits[78] = 0; bits[79] = 1;
  int band = (int) (h * 2.0 / 30.0 + 0.5);
  for (int k = 0; k < 80; k++) {
    int r = k / 40, c = k % 40;
    for (int y = edge(r, band, 2); y < edge(r + 1, band, 2); y++)
      for (int x = edge(c, (int) w, 40); x < edge(c + 1, (int) w, 40); x++)
        memset(d + ((size_t) y * w + x) * bpp, bits[k] ? 255 : 0, (size_t) bpp);
  }
}

/* The pixels of frame n stamped at ms (milliseconds since the epoch) as the publishers' flags ask: band (bgr8 /
 * mono8 only), else the pattern of counter (ms mod TEST_PATTERN_PERIOD) with pattern_from_stamp, else of n. */
static inline void fill_frame(uint8_t *d, const char *enc, uint32_t w, uint32_t h, long n, long long ms, int band,
                              int pattern_from_stamp) {
  if (band && (!strcmp(enc, "bgr8") || !strcmp(enc, "mono8"))) fill_band(d, bytes_per_pixel(enc), w, h, n, ms);
  else fill(d, enc, w, h, pattern_from_stamp ? (long) (ms % TEST_PATTERN_PERIOD) : n);
}
#endif
