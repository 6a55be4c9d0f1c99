/// Two SHA-512 compressions at once, one per 64-bit lane of a `SIMD2<UInt64>`.
///
/// x86-64's baseline (SSE2) has 128-bit registers with 64-bit adds, shifts and logic, so two independent blocks
/// (two candidate strings of a signature diagnosis, or one message under two keys) cost about the instructions
/// of one: each operation of FIPS 180-4 §6.4.2 runs on both lanes. A rotation is two shifts and an OR there
/// (no vector rotate before AVX-512), which is why the scalar path keeps single blocks.
extension SHA512Core {
    typealias Lanes = SIMD2<UInt64>

    /// Compresses `block0` into `state0` and `block1` into `state1` (128 bytes each): the same results as two
    /// calls of ``compress(_:blocks:)``.
    static func compress2(
        _ state0: inout State, _ state1: inout State, block0: UnsafeRawPointer, block1: UnsafeRawPointer
    ) {
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: 80) { schedule in
            sha512RoundConstants.withUnsafeBufferPointer { k in
                let w = schedule.baseAddress.unsafelyUnwrapped
                let k = k.baseAddress.unsafelyUnwrapped
                // §6.4.2 step 1: the message schedule, word t of both blocks in one vector.
                for t in 0..<16 {
                    w[t] = Lanes(
                        UInt64(bigEndian: block0.loadUnaligned(fromByteOffset: t &* 8, as: UInt64.self)),
                        UInt64(bigEndian: block1.loadUnaligned(fromByteOffset: t &* 8, as: UInt64.self)))
                }
                for t in 16..<80 {
                    let w15 = w[t - 15]
                    let w2 = w[t - 2]
                    let s0 = rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 &>> Lanes(repeating: 7))
                    let s1 = rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 &>> Lanes(repeating: 6))
                    w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
                }
                // Steps 2–3 as in the scalar code: eight rounds per pass, the working variables' roles rotated.
                var a = Lanes(state0.h0, state1.h0)
                var b = Lanes(state0.h1, state1.h1)
                var c = Lanes(state0.h2, state1.h2)
                var d = Lanes(state0.h3, state1.h3)
                var e = Lanes(state0.h4, state1.h4)
                var f = Lanes(state0.h5, state1.h5)
                var g = Lanes(state0.h6, state1.h6)
                var h = Lanes(state0.h7, state1.h7)
                var t = 0
                while t < 80 {
                    round2(a, b, c, &d, e, f, g, &h, w[t] &+ Lanes(repeating: k[t]))
                    round2(h, a, b, &c, d, e, f, &g, w[t + 1] &+ Lanes(repeating: k[t + 1]))
                    round2(g, h, a, &b, c, d, e, &f, w[t + 2] &+ Lanes(repeating: k[t + 2]))
                    round2(f, g, h, &a, b, c, d, &e, w[t + 3] &+ Lanes(repeating: k[t + 3]))
                    round2(e, f, g, &h, a, b, c, &d, w[t + 4] &+ Lanes(repeating: k[t + 4]))
                    round2(d, e, f, &g, h, a, b, &c, w[t + 5] &+ Lanes(repeating: k[t + 5]))
                    round2(c, d, e, &f, g, h, a, &b, w[t + 6] &+ Lanes(repeating: k[t + 6]))
                    round2(b, c, d, &e, f, g, h, &a, w[t + 7] &+ Lanes(repeating: k[t + 7]))
                    t += 8
                }
                // Step 4, lane by lane.
                state0.h0 &+= a[0]
                state0.h1 &+= b[0]
                state0.h2 &+= c[0]
                state0.h3 &+= d[0]
                state0.h4 &+= e[0]
                state0.h5 &+= f[0]
                state0.h6 &+= g[0]
                state0.h7 &+= h[0]
                state1.h0 &+= a[1]
                state1.h1 &+= b[1]
                state1.h2 &+= c[1]
                state1.h3 &+= d[1]
                state1.h4 &+= e[1]
                state1.h5 &+= f[1]
                state1.h6 &+= g[1]
                state1.h7 &+= h[1]
            }
        }
    }

    /// ``round(_:_:_:_:_:_:_:_:_:)`` on both lanes.
    @inline(__always)
    static func round2(
        _ a: Lanes, _ b: Lanes, _ c: Lanes, _ d: inout Lanes,
        _ e: Lanes, _ f: Lanes, _ g: Lanes, _ h: inout Lanes, _ constantPlusWord: Lanes
    ) {
        let bigSigma1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)
        let t1 = h &+ bigSigma1 &+ (g ^ (e & (f ^ g))) &+ constantPlusWord
        let bigSigma0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)
        d = d &+ t1
        h = t1 &+ bigSigma0 &+ ((a & b) | (c & (a | b)))
    }

    /// ROTR^n on both lanes: two shifts by constant vectors and an OR.
    @inline(__always)
    static func rotr(_ x: Lanes, _ count: UInt64) -> Lanes {
        (x &>> Lanes(repeating: count)) | (x &<< Lanes(repeating: 64 &- count))
    }
}
