// SHA-512's compression function over four independent blocks at once. A diagnosis of a failed signature
// computes dozens of HMAC-SHA512s of candidate strings; in four lanes of a 256-bit register each round costs
// about what one scalar round does, so four candidates cost about one. Runtime dispatch: the AVX2 code is
// compiled for AVX2 only (a function attribute, no build flag) and chosen when the CPU reports it.
#include "CSHA512Lanes.h"
#include <string.h>

static const uint64_t K[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

static inline uint64_t load_be64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

static inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

/// One block, FIPS 180-4 §6.4.2, with a rolling 16-word message schedule.
static void compress1(uint64_t s[8], const unsigned char *block) {
    uint64_t w[16];
    for (int t = 0; t < 16; t++) w[t] = load_be64(block + 8 * t);
    uint64_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int t = 0; t < 80; t++) {
        if (t >= 16) {
            uint64_t w15 = w[(t - 15) & 15], w2 = w[(t - 2) & 15];
            uint64_t s0 = rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 >> 7);
            uint64_t s1 = rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 >> 6);
            w[t & 15] += s1 + w[(t - 7) & 15] + s0;
        }
        uint64_t t1 = h + (rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)) + (g ^ (e & (f ^ g))) + K[t] + w[t & 15];
        uint64_t t2 = (rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)) + ((a & b) | (c & (a | b)));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define CSHA512_AVX2 1

#define AVX2 __attribute__((target("avx2"), always_inline)) static inline

AVX2 __m256i rotr4(__m256i x, int n) { return _mm256_or_si256(_mm256_srli_epi64(x, n), _mm256_slli_epi64(x, 64 - n)); }

/// Word t of the four blocks, big-endian, one per lane.
AVX2 __m256i gather4(const unsigned char *const blocks[4], int t) {
    return _mm256_set_epi64x(
        (long long)load_be64(blocks[3] + 8 * t), (long long)load_be64(blocks[2] + 8 * t),
        (long long)load_be64(blocks[1] + 8 * t), (long long)load_be64(blocks[0] + 8 * t));
}

AVX2 __m256i xor3(__m256i x, __m256i y, __m256i z) { return _mm256_xor_si256(_mm256_xor_si256(x, y), z); }
AVX2 __m256i add4(__m256i w, __m256i x, __m256i y, __m256i z) {
    return _mm256_add_epi64(_mm256_add_epi64(w, x), _mm256_add_epi64(y, z));
}

// One round with the working variables' roles rotated instead of their values moved: d becomes the new e and
// h the new a. `i` is the round's index within its 16 (its schedule word), `k` its constant.
#define ROUND(a, b, c, d, e, f, g, h, i, k) do { \
        __m256i t1 = add4(h, xor3(rotr4(e, 14), rotr4(e, 18), rotr4(e, 41)), \
            _mm256_xor_si256(g, _mm256_and_si256(e, _mm256_xor_si256(f, g))), \
            _mm256_add_epi64(_mm256_set1_epi64x((long long)(k)), w[i])); \
        __m256i t2 = _mm256_add_epi64(xor3(rotr4(a, 28), rotr4(a, 34), rotr4(a, 39)), \
            _mm256_or_si256(_mm256_and_si256(a, b), _mm256_and_si256(c, _mm256_or_si256(a, b)))); \
        d = _mm256_add_epi64(d, t1); \
        h = _mm256_add_epi64(t1, t2); \
    } while (0)

// W[t] from W[t-2], W[t-7], W[t-15] and W[t-16] (FIPS 180-4 §6.4.2 step 1), in the 16-word window.
#define SCHEDULE(i) do { \
        __m256i w15 = w[((i) + 1) & 15], w2 = w[((i) + 14) & 15]; \
        w[i] = add4(w[i], xor3(rotr4(w2, 19), rotr4(w2, 61), _mm256_srli_epi64(w2, 6)), w[((i) + 9) & 15], \
            xor3(rotr4(w15, 1), rotr4(w15, 8), _mm256_srli_epi64(w15, 7))); \
    } while (0)

#define STEP(i, a, b, c, d, e, f, g, h) do { \
        if (t > 0) SCHEDULE(i); \
        ROUND(a, b, c, d, e, f, g, h, i, K[t + (i)]); \
    } while (0)

__attribute__((target("avx2")))
static void compress4_avx2(uint64_t states[32], const unsigned char *const blocks[4]) {
    __m256i w[16];
    for (int t = 0; t < 16; t++) w[t] = gather4(blocks, t);
    __m256i v[8];
    for (int i = 0; i < 8; i++) {
        v[i] = _mm256_set_epi64x(
            (long long)states[24 + i], (long long)states[16 + i], (long long)states[8 + i], (long long)states[i]);
    }
    __m256i a = v[0], b = v[1], c = v[2], d = v[3], e = v[4], f = v[5], g = v[6], h = v[7];
    // Sixteen rounds per pass, unrolled so every schedule word has a fixed place.
    for (int t = 0; t < 80; t += 16) {
        STEP(0, a, b, c, d, e, f, g, h);
        STEP(1, h, a, b, c, d, e, f, g);
        STEP(2, g, h, a, b, c, d, e, f);
        STEP(3, f, g, h, a, b, c, d, e);
        STEP(4, e, f, g, h, a, b, c, d);
        STEP(5, d, e, f, g, h, a, b, c);
        STEP(6, c, d, e, f, g, h, a, b);
        STEP(7, b, c, d, e, f, g, h, a);
        STEP(8, a, b, c, d, e, f, g, h);
        STEP(9, h, a, b, c, d, e, f, g);
        STEP(10, g, h, a, b, c, d, e, f);
        STEP(11, f, g, h, a, b, c, d, e);
        STEP(12, e, f, g, h, a, b, c, d);
        STEP(13, d, e, f, g, h, a, b, c);
        STEP(14, c, d, e, f, g, h, a, b);
        STEP(15, b, c, d, e, f, g, h, a);
    }
    __m256i out[8] = {a, b, c, d, e, f, g, h};
    for (int i = 0; i < 8; i++) {
        uint64_t lanes[4];
        _mm256_storeu_si256((__m256i *)lanes, _mm256_add_epi64(v[i], out[i]));
        states[i] = lanes[0];
        states[8 + i] = lanes[1];
        states[16 + i] = lanes[2];
        states[24 + i] = lanes[3];
    }
}

// Reads the CPU model the runtime filled in at start-up (valgrind reports its own, AVX2 but not AVX-512).
static int has_avx2(void) { return __builtin_cpu_supports("avx2") ? 1 : 0; }
#endif

void csha512_compress4(uint64_t states[32], const unsigned char *const blocks[4]) {
#ifdef CSHA512_AVX2
    if (has_avx2()) {
        compress4_avx2(states, blocks);
        return;
    }
#endif
    for (int i = 0; i < 4; i++) compress1(states + 8 * i, blocks[i]);
}

int csha512_compress4_is_vectorized(void) {
#ifdef CSHA512_AVX2
    return has_avx2();
#else
    return 0;
#endif
}
