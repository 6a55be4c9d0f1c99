#ifndef CCRC32C_H
#define CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor computes CRC-32C in hardware here (x86-64 with SSE 4.2).
int ccrc32c_hardware(void);

/// The raw CRC-32C register after `bytes` (no inversion before or after: the caller does those), using the
/// processor's CRC-32C instructions. Only call it when `ccrc32c_hardware()` returned 1.
uint32_t ccrc32c_update(uint32_t crc, const void *bytes, size_t count);

#endif
