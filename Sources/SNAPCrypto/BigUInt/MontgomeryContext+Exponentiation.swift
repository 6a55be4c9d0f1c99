extension MontgomeryContext {
    /// `base^exponent mod n` with a fixed window over the exponent: the private-key operation.
    ///
    /// Every window costs the same squarings and one multiplication (by 1 in Montgomery form when the window is
    /// zero), and table entries are fetched by scanning the whole table with masks, so the sequence of
    /// operations does not depend on the secret exponent's bits. This is a best effort, not an audited
    /// constant-time implementation: the compiler is free to reintroduce branches.
    ///
    /// - Precondition: `base < n`; callers reduce first.
    func power(_ base: BigUInt, secretExponent exponent: BigUInt) -> BigUInt {
        precondition(base < modulus, "base must be reduced modulo n")
        let k = limbCount
        let bits = exponent.bitWidth
        // 2^w table entries; wider windows pay off only for long exponents.
        let windowBits = bits > 512 ? 5 : (bits > 64 ? 4 : 1)
        let tableSize = 1 << windowBits
        let baseLimbs = base.limbs(paddedTo: k)

        // Table, then accumulator, selected entry and plain operand (k limbs each), then k + 2 limbs of CIOS scratch.
        return withLimbBuffer(count: tableSize * k + 4 * k + 2) { buffer in
            modulusLimbs.withUnsafeBufferPointer { modulusBuffer in
                let n = modulusBuffer.baseAddress.unsafelyUnwrapped
                let table = buffer
                let accumulator = buffer + tableSize * k
                let selected = accumulator + k
                let plain = selected + k
                let scratch = plain + k

                // table[i] = base^i in Montgomery form; table[0] = R mod n.
                table.update(from: one, count: k)
                plain.update(from: baseLimbs, count: k)
                selected.update(from: rSquared, count: k)
                multiply(plain, selected, into: table + k, scratch: scratch, modulus: n)
                for i in stride(from: 2, to: tableSize, by: 1) {
                    multiply(table + (i - 1) * k, table + k, into: table + i * k, scratch: scratch, modulus: n)
                }

                accumulator.update(from: table, count: k)
                var window = (bits + windowBits - 1) / windowBits
                while window > 0 {
                    window -= 1
                    for _ in 0..<windowBits {
                        multiply(accumulator, accumulator, into: accumulator, scratch: scratch, modulus: n)
                    }
                    let index = exponent.bits(at: window * windowBits, count: windowBits)
                    Self.select(from: table, entryCount: tableSize, limbCount: k, index: index, into: selected)
                    multiply(accumulator, selected, into: accumulator, scratch: scratch, modulus: n)
                }
                return fromMontgomery(accumulator, plain: plain, scratch: scratch, modulus: n)
            }
        }
    }

    /// `base^exponent mod n` by left-to-right binary exponentiation: the public-key operation.
    ///
    /// The exponent is public, so this skips the table and the uniform schedule; for e = 65537 it is 16
    /// squarings and one multiplication.
    ///
    /// - Precondition: `base < n`; callers reduce first.
    func power(_ base: BigUInt, publicExponent exponent: BigUInt) -> BigUInt {
        precondition(base < modulus, "base must be reduced modulo n")
        let k = limbCount
        let baseLimbs = base.limbs(paddedTo: k)
        // Base, accumulator and plain operand (k limbs each), then k + 2 limbs of CIOS scratch.
        return withLimbBuffer(count: 4 * k + 2) { buffer in
            modulusLimbs.withUnsafeBufferPointer { modulusBuffer in
                let n = modulusBuffer.baseAddress.unsafelyUnwrapped
                let montgomeryBase = buffer
                let accumulator = buffer + k
                let plain = accumulator + k
                let scratch = plain + k

                plain.update(from: baseLimbs, count: k)
                accumulator.update(from: rSquared, count: k)
                multiply(plain, accumulator, into: montgomeryBase, scratch: scratch, modulus: n)
                accumulator.update(from: one, count: k)
                var bit = exponent.bitWidth
                while bit > 0 {
                    bit -= 1
                    multiply(accumulator, accumulator, into: accumulator, scratch: scratch, modulus: n)
                    if exponent.bit(bit) {
                        multiply(accumulator, montgomeryBase, into: accumulator, scratch: scratch, modulus: n)
                    }
                }
                return fromMontgomery(accumulator, plain: plain, scratch: scratch, modulus: n)
            }
        }
    }

    /// Leaves Montgomery form: x·R⁻¹ = Montgomery product with 1.
    private func fromMontgomery(
        _ value: UnsafeMutablePointer<UInt64>,
        plain: UnsafeMutablePointer<UInt64>,
        scratch: UnsafeMutablePointer<UInt64>,
        modulus n: UnsafePointer<UInt64>
    ) -> BigUInt {
        plain.update(repeating: 0, count: limbCount)
        plain[0] = 1
        multiply(value, plain, into: value, scratch: scratch, modulus: n)
        return BigUInt(limbs: Array(UnsafeBufferPointer(start: value, count: limbCount)))
    }

    /// Copies `table[index]` into `destination` after touching every entry, so the memory access pattern does not
    /// depend on `index`.
    private static func select(
        from table: UnsafePointer<UInt64>,
        entryCount: Int,
        limbCount k: Int,
        index: Int,
        into destination: UnsafeMutablePointer<UInt64>
    ) {
        destination.update(repeating: 0, count: k)
        for entry in 0..<entryCount {
            // All ones when entry == index, else zero, without a data-dependent branch.
            let difference = UInt64(truncatingIfNeeded: entry ^ index)
            let mask = ((difference | (0 &- difference)) >> 63) &- 1
            let row = table + entry * k
            for j in 0..<k {
                destination[j] |= row[j] & mask
            }
        }
    }

    /// Runs `body` with one uninitialized limb buffer, so an exponentiation allocates once, not per product.
    private func withLimbBuffer<Result>(
        count: Int,
        _ body: (UnsafeMutablePointer<UInt64>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { buffer in
            buffer.initialize(repeating: 0)
            return body(buffer.baseAddress.unsafelyUnwrapped)
        }
    }
}

extension BigUInt {
    /// The `count`-bit field starting at bit `offset` (least significant first), as an `Int`; `count` ≤ 16.
    func bits(at offset: Int, count: Int) -> Int {
        var value = 0
        for index in stride(from: count - 1, through: 0, by: -1) {
            value = value << 1 | (bit(offset + index) ? 1 : 0)
        }
        return value
    }
}
