/// The 64-bit SHA-2 engine shared by ``SHA512`` and ``SHA384`` (FIPS 180-4 §6.4 and §6.5 differ only in the
/// initial hash value and the output length).
struct SHA512Core: Sendable {
    /// The eight working hash words H0…H7.
    struct State: Sendable {
        var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

        /// FIPS 180-4 §5.3.5.
        static let sha512 = State(
            h0: 0x6a09_e667_f3bc_c908, h1: 0xbb67_ae85_84ca_a73b, h2: 0x3c6e_f372_fe94_f82b,
            h3: 0xa54f_f53a_5f1d_36f1, h4: 0x510e_527f_ade6_82d1, h5: 0x9b05_688c_2b3e_6c1f,
            h6: 0x1f83_d9ab_fb41_bd6b, h7: 0x5be0_cd19_137e_2179
        )

        /// FIPS 180-4 §5.3.4.
        static let sha384 = State(
            h0: 0xcbbb_9d5d_c105_9ed8, h1: 0x629a_292a_367c_d507, h2: 0x9159_015a_3070_dd17,
            h3: 0x152f_ecd8_f70e_5939, h4: 0x6733_2667_ffc0_0b31, h5: 0x8eb4_4a87_6858_1511,
            h6: 0xdb0c_2e0d_64f9_8fa7, h7: 0x47b5_481d_befa_4fa4
        )
    }

    private(set) var state: State
    private var buffer = BlockBuffer()

    /// Whether everything fed so far filled whole blocks: `state` then stands for all of it.
    var isBlockAligned: Bool { buffer.stagedByteCount == 0 }
    /// How many bytes were fed so far.
    var messageByteCount: UInt64 { buffer.messageByteCount }

    init(initial: State) {
        state = initial
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var state = self.state
        buffer.absorb(bytes, blockByteCount: 128) { Self.compress(&state, blocks: $0) }
        self.state = state
    }

    /// Pads a copy of the state and returns the first  bytes of H0‖…‖H7 (FIPS 180-4 §6.4.2, §6.5.2).
    func finalize(byteCount: Int) -> [UInt8] {
        var state = self.state
        var buffer = self.buffer
        buffer.pad(blockByteCount: 128, lengthByteCount: 16) { Self.compress(&state, blocks: $0) }
        let words = (
            state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian, state.h3.bigEndian,
            state.h4.bigEndian, state.h5.bigEndian, state.h6.bigEndian, state.h7.bigEndian
        )
        return withUnsafeBytes(of: words) { [UInt8]($0[0..<byteCount]) }
    }

    /// Runs the FIPS 180-4 §6.4.2 compression function over every 128-byte block in `blocks`.
    ///
    /// The hot path of HMAC-SHA512: words are loaded straight from the caller's memory and the 80-word message
    /// schedule lives in a stack allocation, so nothing is allocated per block.
    static func compress(_ state: inout State, blocks: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { schedule in
            let w = schedule.baseAddress.unsafelyUnwrapped
            var offset = 0
            while offset + 128 <= blocks.count {
                prepareSchedule(w, block: blocks.baseAddress.unsafelyUnwrapped + offset)
                rounds(&state, schedule: w)
                offset += 128
            }
        }
    }

    /// §6.4.2 step 1: the 80-word message schedule of one 128-byte block. It depends on the block only, not on
    /// the state, so one block compressed into several states (one message under several keys) needs it once.
    @inline(__always)
    static func prepareSchedule(_ w: UnsafeMutablePointer<UInt64>, block: UnsafeRawPointer) {
        for t in 0..<16 {
            w[t] = UInt64(bigEndian: block.loadUnaligned(fromByteOffset: t &* 8, as: UInt64.self))
        }
        for t in 16..<80 {
            // σ0 = ROTR1(x ^ ROTR7(x)) ^ SHR7(x), σ1 = ROTR19(y ^ ROTR42(y)) ^ SHR6(y): the same rotations, one
            // fewer register copy each.
            let x = w[t - 15]
            let y = w[t - 2]
            let s0 = (x ^ x.rotatedRight(7)).rotatedRight(1) ^ (x >> 7)
            let s1 = (y ^ y.rotatedRight(42)).rotatedRight(19) ^ (y >> 6)
            w[t] = s1 &+ w[t - 7] &+ s0 &+ w[t - 16]
        }
    }

    /// §6.4.2 steps 2–4 over a prepared schedule: the 80 rounds, eight at a time with the working variables'
    /// roles rotated instead of their values moved (the moves were an eighth of the instructions).
    @inline(__always)
    static func rounds(_ state: inout State, schedule w: UnsafePointer<UInt64>) {
        sha512RoundConstants.withUnsafeBufferPointer { k in
            let k = k.baseAddress.unsafelyUnwrapped
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
            while t < 80 {
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
            state.h0 &+= a
            state.h1 &+= b
            state.h2 &+= c
            state.h3 &+= d
            state.h4 &+= e
            state.h5 &+= f
            state.h6 &+= g
            state.h7 &+= h
        }
    }
}

extension SHA512Core {
    /// One round of FIPS 180-4 §6.4.2 step 3 without the rotation of the working variables: `d` becomes the new
    /// `e` and `h` the new `a`; the caller passes the variables in rotated roles for the next round.
    ///
    /// Fewer instructions than the textbook form (a block costs ~13 % less): Σ1(e) = ROTR14(e ^ ROTR4(e ^
    /// ROTR23(e))) and Σ0(a) = ROTR28(a ^ ROTR6(a ^ ROTR5(a))) are the same three rotations composed, each
    /// needing one register copy instead of three; Ch(e,f,g) = g ^ (e & (f ^ g)); Maj(a,b,c) = b ^ ((a ^ b) &
    /// (b ^ c)), where `bc` (b ^ c) is the previous round's a ^ b and this round's a ^ b is passed on.
    @inline(__always)
    static func round(
        _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
        _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ constantPlusWord: UInt64, _ bc: inout UInt64
    ) {
        let bigSigma1 = (e ^ (e ^ e.rotatedRight(23)).rotatedRight(4)).rotatedRight(14)
        let t1 = h &+ bigSigma1 &+ (g ^ (e & (f ^ g))) &+ constantPlusWord
        let bigSigma0 = (a ^ (a ^ a.rotatedRight(5)).rotatedRight(6)).rotatedRight(28)
        let ab = a ^ b
        d = d &+ t1
        h = t1 &+ bigSigma0 &+ (b ^ (ab & bc))
        bc = ab
    }
}

extension UInt64 {
    /// ROTR^n(x) of FIPS 180-4 §3.2; compiles to a single rotate instruction.
    @inline(__always)
    func rotatedRight(_ count: UInt64) -> UInt64 {
        (self &>> count) | (self &<< (64 &- count))
    }
}

/// The 80 constants K0…K79 of FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots
/// of the first 80 primes.
private let sha512RoundConstants: [UInt64] = [
    0x428a_2f98_d728_ae22, 0x7137_4491_23ef_65cd, 0xb5c0_fbcf_ec4d_3b2f, 0xe9b5_dba5_8189_dbbc,
    0x3956_c25b_f348_b538, 0x59f1_11f1_b605_d019, 0x923f_82a4_af19_4f9b, 0xab1c_5ed5_da6d_8118,
    0xd807_aa98_a303_0242, 0x1283_5b01_4570_6fbe, 0x2431_85be_4ee4_b28c, 0x550c_7dc3_d5ff_b4e2,
    0x72be_5d74_f27b_896f, 0x80de_b1fe_3b16_96b1, 0x9bdc_06a7_25c7_1235, 0xc19b_f174_cf69_2694,
    0xe49b_69c1_9ef1_4ad2, 0xefbe_4786_384f_25e3, 0x0fc1_9dc6_8b8c_d5b5, 0x240c_a1cc_77ac_9c65,
    0x2de9_2c6f_592b_0275, 0x4a74_84aa_6ea6_e483, 0x5cb0_a9dc_bd41_fbd4, 0x76f9_88da_8311_53b5,
    0x983e_5152_ee66_dfab, 0xa831_c66d_2db4_3210, 0xb003_27c8_98fb_213f, 0xbf59_7fc7_beef_0ee4,
    0xc6e0_0bf3_3da8_8fc2, 0xd5a7_9147_930a_a725, 0x06ca_6351_e003_826f, 0x1429_2967_0a0e_6e70,
    0x27b7_0a85_46d2_2ffc, 0x2e1b_2138_5c26_c926, 0x4d2c_6dfc_5ac4_2aed, 0x5338_0d13_9d95_b3df,
    0x650a_7354_8baf_63de, 0x766a_0abb_3c77_b2a8, 0x81c2_c92e_47ed_aee6, 0x9272_2c85_1482_353b,
    0xa2bf_e8a1_4cf1_0364, 0xa81a_664b_bc42_3001, 0xc24b_8b70_d0f8_9791, 0xc76c_51a3_0654_be30,
    0xd192_e819_d6ef_5218, 0xd699_0624_5565_a910, 0xf40e_3585_5771_202a, 0x106a_a070_32bb_d1b8,
    0x19a4_c116_b8d2_d0c8, 0x1e37_6c08_5141_ab53, 0x2748_774c_df8e_eb99, 0x34b0_bcb5_e19b_48a8,
    0x391c_0cb3_c5c9_5a63, 0x4ed8_aa4a_e341_8acb, 0x5b9c_ca4f_7763_e373, 0x682e_6ff3_d6b2_b8a3,
    0x748f_82ee_5def_b2fc, 0x78a5_636f_4317_2f60, 0x84c8_7814_a1f0_ab72, 0x8cc7_0208_1a64_39ec,
    0x90be_fffa_2363_1e28, 0xa450_6ceb_de82_bde9, 0xbef9_a3f7_b2c6_7915, 0xc671_78f2_e372_532b,
    0xca27_3ece_ea26_619c, 0xd186_b8c7_21c0_c207, 0xeada_7dd6_cde0_eb1e, 0xf57d_4f7f_ee6e_d178,
    0x06f0_67aa_7217_6fba, 0x0a63_7dc5_a2c8_98a6, 0x113f_9804_bef9_0dae, 0x1b71_0b35_131c_471b,
    0x28db_77f5_2304_7d84, 0x32ca_ab7b_40c7_2493, 0x3c9e_be0a_15c9_bebc, 0x431d_67c4_9c10_0d4c,
    0x4cc5_d4be_cb3e_42b6, 0x597f_299c_fc65_7e2a, 0x5fcb_6fab_3ad6_faec, 0x6c44_198c_4a47_5817,
]
