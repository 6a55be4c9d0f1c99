extension SHA256 {
    /// Runs the FIPS 180-4 §6.2.2 compression function over every 64-byte block in `blocks`.
    ///
    /// This is the hot path of every SHA-256 and HMAC-SHA256 computation: it reads words straight from the
    /// caller's memory and keeps the message schedule in a stack allocation, so nothing is allocated per block.
    static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            sha256RoundConstants.withUnsafeBufferPointer { k in
                let w = schedule.baseAddress.unsafelyUnwrapped
                let k = k.baseAddress.unsafelyUnwrapped
                var offset = 0
                while offset + 64 <= blocks.count {
                    // §6.2.2 step 1: prepare the message schedule.
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: blocks.loadUnaligned(fromByteOffset: offset + t &* 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        // σ0 = ROTR7(x ^ ROTR11(x)) ^ SHR3(x), σ1 = ROTR17(y ^ ROTR2(y)) ^ SHR10(y): the same
                        // rotations composed, one register copy fewer each (as in SHA512Core).
                        let x = w[t - 15]
                        let y = w[t - 2]
                        let s0 = (x ^ x.rotatedRight(11)).rotatedRight(7) ^ (x >> 3)
                        let s1 = (y ^ y.rotatedRight(2)).rotatedRight(17) ^ (y >> 10)
                        w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
                    }
                    // Steps 2–3: the 64 rounds, eight at a time with the working variables' roles rotated
                    // instead of their values moved (as in SHA512Core).
                    var a = state.h0
                    var b = state.h1
                    var c = state.h2
                    var d = state.h3
                    var e = state.h4
                    var f = state.h5
                    var g = state.h6
                    var h = state.h7
                    var t = 0
                    // b ^ c of the next round, which is a ^ b of this one (Maj's shared term).
                    var bc = b ^ c
                    while t < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t], &bc)
                        round(h, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1], &bc)
                        round(g, h, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2], &bc)
                        round(f, g, h, &a, b, c, d, &e, k[t + 3] &+ w[t + 3], &bc)
                        round(e, f, g, &h, a, b, c, &d, k[t + 4] &+ w[t + 4], &bc)
                        round(d, e, f, &g, h, a, b, &c, k[t + 5] &+ w[t + 5], &bc)
                        round(c, d, e, &f, g, h, a, &b, k[t + 6] &+ w[t + 6], &bc)
                        round(b, c, d, &e, f, g, h, &a, k[t + 7] &+ w[t + 7], &bc)
                        t += 8
                    }
                    // Step 4: add the compressed chunk to the running hash.
                    state.h0 &+= a
                    state.h1 &+= b
                    state.h2 &+= c
                    state.h3 &+= d
                    state.h4 &+= e
                    state.h5 &+= f
                    state.h6 &+= g
                    state.h7 &+= h
                    offset += 64
                }
            }
        }
    }
}

extension SHA256 {
    /// One round of FIPS 180-4 §6.2.2 step 3 without the rotation of the working variables: `d` becomes the new
    /// `e` and `h` the new `a`; the caller passes the variables in rotated roles for the next round.
    ///
    /// As SHA512Core's round: Σ1(e) = ROTR6(e ^ ROTR5(e ^ ROTR14(e))) and Σ0(a) = ROTR2(a ^ ROTR11(a ^ ROTR9(a)))
    /// are the same three rotations composed; Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = b ^ ((a ^ b) & (b ^ c)),
    /// where `bc` (b ^ c) is the previous round's a ^ b and this round's a ^ b is passed on.
    @inline(__always)
    static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ constantPlusWord: UInt32, _ bc: inout UInt32
    ) {
        let bigSigma1 = (e ^ (e ^ e.rotatedRight(14)).rotatedRight(5)).rotatedRight(6)
        let t1 = h &+ bigSigma1 &+ (g ^ (e & (f ^ g))) &+ constantPlusWord
        let bigSigma0 = (a ^ (a ^ a.rotatedRight(9)).rotatedRight(11)).rotatedRight(2)
        let ab = a ^ b
        d = d &+ t1
        h = t1 &+ bigSigma0 &+ (b ^ (ab & bc))
        bc = ab
    }
}

extension UInt32 {
    /// ROTR^n(x) of FIPS 180-4 §3.2; compiles to a single rotate instruction.
    @inline(__always)
    func rotatedRight(_ count: UInt32) -> UInt32 {
        (self &>> count) | (self &<< (32 &- count))
    }
}

/// The 64 constants K0…K63 of FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots
/// of the first 64 primes.
private let sha256RoundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
]
