// Four SHA-512 compressions at once (FIPS 180-4 §6.4.2), for SNAPCrypto's batched HMACs. No SNAP knowledge.
#ifndef CSHA512LANES_H
#define CSHA512LANES_H
#include <stdint.h>

/// Compresses `blocks[i]` (128 bytes each) into `states[8 * i ..< 8 * i + 8]` (H0…H7) for i in 0…3: in four
/// 64-bit lanes of AVX2 registers where the CPU has AVX2, one block after another otherwise. Same results.
void csha512_compress4(uint64_t states[32], const unsigned char *const blocks[4]);

/// 1 when csha512_compress4 runs the four lanes in AVX2 registers, 0 when it compresses one block at a time.
int csha512_compress4_is_vectorized(void);

#endif
