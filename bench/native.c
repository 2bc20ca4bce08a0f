/*
 * The native reference for bench/verify.mjs: the same TOTP window scan as the JavaScript rows
 * (key of the hash's size, 30-s steps, 6 digits, W = 2w + 1 candidates per call, a token that
 * matches nothing), written as a C programmer would for speed: OpenSSL's SHA-1/256/512 with the
 * HMAC pads compressed once per key (RFC 2104 §2), then per candidate a copy of the keyed inner
 * context, the 8-byte counter, the final; the same for the outer context; then the dynamic
 * truncation (RFC 4226 §5.3). OpenSSL uses the CPU's SHA extensions where it has them.
 * `transform` mode is the limit behind it: two bare compressions (SHA*_Transform) per candidate,
 * no padding, no truncation.
 *
 * Built by bench/verify.mjs with `gcc -O2 bench/native.c -lcrypto` when gcc and libssl-dev are
 * installed; never part of the library.
 *
 *   native check ALG          codes of counters 0-9 (for the bench's answer check)
 *   native hmac ALG W MS [cpu]      candidates per second over about MS milliseconds (after a
 *                                   warm-up), wall time or, with `cpu`, the process's CPU time
 *   native transform ALG W MS [cpu] the same with two bare compressions per candidate
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA*_Init/Update/Final/Transform: the fastest public API */
#include <openssl/sha.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef union {
  SHA_CTX sha1;
  SHA256_CTX sha256;
  SHA512_CTX sha512;
} ctx_t;

static int alg;                 /* 1, 256 or 512 */
static size_t block, digest_len;
static ctx_t inner, outer;

static void init(ctx_t *c) {
  if (alg == 1) SHA1_Init(&c->sha1);
  else if (alg == 256) SHA256_Init(&c->sha256);
  else SHA512_Init(&c->sha512);
}
static void update(ctx_t *c, const unsigned char *p, size_t n) {
  if (alg == 1) SHA1_Update(&c->sha1, p, n);
  else if (alg == 256) SHA256_Update(&c->sha256, p, n);
  else SHA512_Update(&c->sha512, p, n);
}
static void final(ctx_t *c, unsigned char *out) {
  if (alg == 1) SHA1_Final(out, &c->sha1);
  else if (alg == 256) SHA256_Final(out, &c->sha256);
  else SHA512_Final(out, &c->sha512);
}

static void keyed(const unsigned char *key, size_t n) {
  unsigned char pad[128];
  memset(pad, 0x36, block);
  for (size_t i = 0; i < n; i++) pad[i] ^= key[i];
  init(&inner);
  update(&inner, pad, block);
  memset(pad, 0x5c, block);
  for (size_t i = 0; i < n; i++) pad[i] ^= key[i];
  init(&outer);
  update(&outer, pad, block);
}

/* One candidate: HMAC(key, counter) truncated to 31 bits. */
static uint32_t candidate(uint64_t counter) {
  unsigned char m[8], d[64];
  ctx_t c;
  for (int i = 0; i < 8; i++) m[i] = (unsigned char)(counter >> (56 - 8 * i));
  c = inner;
  update(&c, m, 8);
  final(&c, d);
  c = outer;
  update(&c, d, digest_len);
  final(&c, d);
  int o = d[digest_len - 1] & 15;
  return ((uint32_t)(d[o] & 0x7f) << 24) | ((uint32_t)d[o + 1] << 16) | ((uint32_t)d[o + 2] << 8) | d[o + 3];
}

/* Two bare compressions: the most any HMAC candidate can cost less than. */
static unsigned char scratch[128];
static uint32_t transform(uint64_t counter) {
  ctx_t c = inner;
  scratch[7] = (unsigned char)counter;
  if (alg == 1) {
    SHA1_Transform(&c.sha1, scratch);
    scratch[0] = (unsigned char)c.sha1.h0;
    c = outer;
    SHA1_Transform(&c.sha1, scratch);
    return c.sha1.h4;
  }
  if (alg == 256) {
    SHA256_Transform(&c.sha256, scratch);
    scratch[0] = (unsigned char)c.sha256.h[0];
    c = outer;
    SHA256_Transform(&c.sha256, scratch);
    return c.sha256.h[7];
  }
  SHA512_Transform(&c.sha512, scratch);
  scratch[0] = (unsigned char)c.sha512.h[0];
  c = outer;
  SHA512_Transform(&c.sha512, scratch);
  return (uint32_t)c.sha512.h[7];
}

static clockid_t clock_id = CLOCK_MONOTONIC;
static double now_ms(void) {
  struct timespec t;
  clock_gettime(clock_id, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  alg = atoi(argv[2] + 3); /* "SHA1", "SHA256", "SHA512" */
  block = alg == 512 ? 128 : 64;
  digest_len = alg == 1 ? 20 : alg == 256 ? 32 : 64;
  unsigned char key[64];
  size_t key_len = digest_len;
  for (size_t i = 0; i < key_len; i++) key[i] = (unsigned char)((i * 37 + 11) & 0xff);
  keyed(key, key_len);
  if (strcmp(argv[1], "check") == 0) {
    for (uint64_t c = 0; c < 10; c++) printf("%06u\n", candidate(c) % 1000000);
    return 0;
  }
  if (argc < 5) return 2;
  int transform_mode = strcmp(argv[1], "transform") == 0;
  long w = (atol(argv[3]) - 1) / 2;
  double ms = atof(argv[4]);
  if (argc > 5 && strcmp(argv[5], "cpu") == 0) clock_id = CLOCK_PROCESS_CPUTIME_ID;
  volatile uint32_t no_code = 1000000; /* no 6-digit code equals it: the whole window is scanned, */
  const uint32_t wanted = no_code;    /* and the compiler cannot know it and drop the work */
  uint64_t step = 1700000000000ULL / 30000, calls = 0, candidates = 0;
  volatile uint32_t sink = 0;
  for (int round = 0; round < 2; round++) { /* a warm-up round, then the measured one */
    double start = now_ms(), elapsed;
    calls = candidates = 0;
    do {
      for (int i = 0; i < 16; i++, calls++) {
        uint64_t t = step + calls * (2 * w + 1);
        for (uint64_t s = t - w; s <= t + w; s++, candidates++) {
          uint32_t v = transform_mode ? transform(s) : candidate(s);
          if (v % 1000000 == wanted) sink++;
        }
      }
      elapsed = now_ms() - start;
    } while (elapsed < ms);
    if (round == 1) printf("%.0f\n", candidates / (elapsed / 1e3));
  }
  return (int)(sink & 0);
}
