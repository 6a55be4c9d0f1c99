/// The AES-128 block cipher (FIPS-197): a 16-byte key, 16-byte blocks, ten rounds.
///
/// Used through ``AES128/CBC`` for DOKU's encrypted `cardData`. Byte-oriented on purpose: clear and checked
/// against FIPS-197 Appendix C rather than fast; card registrations are rare. Not constant-time, which is
/// acceptable for a simulator that never holds real card data.
public struct AES128: Sendable {
    /// Bytes in a block and in a key.
    public static let blockSize = 16
    /// The eleven round keys, 176 bytes, expanded once.
    private let roundKeys: [UInt8]

    /// A cipher keyed with `key`, which must be exactly 16 bytes.
    public init(key: [UInt8]) throws(AESError) {
        guard key.count == Self.blockSize else { throw AESError.invalidKeyLength(key.count) }
        roundKeys = Self.expand(key)
    }

    /// Encrypts one 16-byte block in place.
    public func encrypt(block: inout [UInt8], at offset: Int = 0) {
        addRoundKey(&block, offset, round: 0)
        for round in 1...10 {
            for index in 0..<16 { block[offset + index] = AESTables.sBox[Int(block[offset + index])] }
            shiftRows(&block, offset)
            if round != 10 { mixColumns(&block, offset) }
            addRoundKey(&block, offset, round: round)
        }
    }

    /// Decrypts one 16-byte block in place.
    public func decrypt(block: inout [UInt8], at offset: Int = 0) {
        addRoundKey(&block, offset, round: 10)
        for round in stride(from: 9, through: 0, by: -1) {
            inverseShiftRows(&block, offset)
            for index in 0..<16 { block[offset + index] = AESTables.inverseSBox[Int(block[offset + index])] }
            addRoundKey(&block, offset, round: round)
            if round != 0 { inverseMixColumns(&block, offset) }
        }
    }

    // MARK: - Rounds (the state is column-major: byte r + 4c is row r of column c)

    private func addRoundKey(_ state: inout [UInt8], _ offset: Int, round: Int) {
        for index in 0..<16 { state[offset + index] ^= roundKeys[round * 16 + index] }
    }

    private func shiftRows(_ state: inout [UInt8], _ offset: Int) {
        let copy = Array(state[offset..<offset + 16])
        for row in 1..<4 {
            for column in 0..<4 { state[offset + row + 4 * column] = copy[row + 4 * ((column + row) % 4)] }
        }
    }

    private func inverseShiftRows(_ state: inout [UInt8], _ offset: Int) {
        let copy = Array(state[offset..<offset + 16])
        for row in 1..<4 {
            for column in 0..<4 { state[offset + row + 4 * ((column + row) % 4)] = copy[row + 4 * column] }
        }
    }

    private func mixColumns(_ state: inout [UInt8], _ offset: Int) {
        for column in 0..<4 {
            let base = offset + 4 * column
            let a0 = state[base]
            let a1 = state[base + 1]
            let a2 = state[base + 2]
            let a3 = state[base + 3]
            state[base] = Self.times2(a0) ^ Self.times3(a1) ^ a2 ^ a3
            state[base + 1] = a0 ^ Self.times2(a1) ^ Self.times3(a2) ^ a3
            state[base + 2] = a0 ^ a1 ^ Self.times2(a2) ^ Self.times3(a3)
            state[base + 3] = Self.times3(a0) ^ a1 ^ a2 ^ Self.times2(a3)
        }
    }

    private func inverseMixColumns(_ state: inout [UInt8], _ offset: Int) {
        for column in 0..<4 {
            let base = offset + 4 * column
            let a0 = state[base]
            let a1 = state[base + 1]
            let a2 = state[base + 2]
            let a3 = state[base + 3]
            state[base] = Self.multiply(a0, 14) ^ Self.multiply(a1, 11) ^ Self.multiply(a2, 13) ^ Self.multiply(a3, 9)
            state[base + 1] =
                Self.multiply(a0, 9) ^ Self.multiply(a1, 14) ^ Self.multiply(a2, 11) ^ Self.multiply(a3, 13)
            state[base + 2] =
                Self.multiply(a0, 13) ^ Self.multiply(a1, 9) ^ Self.multiply(a2, 14) ^ Self.multiply(a3, 11)
            state[base + 3] =
                Self.multiply(a0, 11) ^ Self.multiply(a1, 13) ^ Self.multiply(a2, 9) ^ Self.multiply(a3, 14)
        }
    }

    // MARK: - GF(2^8) arithmetic and key schedule

    private static func times2(_ value: UInt8) -> UInt8 {
        (value << 1) ^ (value & 0x80 != 0 ? 0x1b : 0)
    }

    private static func times3(_ value: UInt8) -> UInt8 { times2(value) ^ value }

    private static func multiply(_ value: UInt8, _ factor: UInt8) -> UInt8 {
        var result: UInt8 = 0
        var a = value
        var b = factor
        while b != 0 {
            if b & 1 != 0 { result ^= a }
            a = times2(a)
            b >>= 1
        }
        return result
    }

    /// FIPS-197 §5.2: 44 words from the 4-word key.
    private static func expand(_ key: [UInt8]) -> [UInt8] {
        var words = key
        words.reserveCapacity(176)
        var roundConstant: UInt8 = 1
        while words.count < 176 {
            var word = Array(words[(words.count - 4)...])
            if words.count % 16 == 0 {
                word = [word[1], word[2], word[3], word[0]].map { AESTables.sBox[Int($0)] }
                word[0] ^= roundConstant
                roundConstant = times2(roundConstant)
            }
            for index in 0..<4 { words.append(words[words.count - 16] ^ word[index]) }
        }
        return words
    }
}

/// Why an AES operation could not be done.
public enum AESError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key is not 16 bytes.
    case invalidKeyLength(Int)
    /// The initialisation vector is not 16 bytes.
    case invalidIVLength(Int)
    /// The ciphertext is empty or not a whole number of blocks.
    case invalidCiphertextLength(Int)
    /// The last block's PKCS#7 padding is malformed (wrong key or IV, or tampered data).
    case invalidPadding

    public var description: String {
        switch self {
        case .invalidKeyLength(let count): "the AES-128 key must be 16 bytes, got \(count)"
        case .invalidIVLength(let count): "the CBC initialisation vector must be 16 bytes, got \(count)"
        case .invalidCiphertextLength(let count):
            "the ciphertext must be a non-empty multiple of 16 bytes, got \(count)"
        case .invalidPadding: "the PKCS#7 padding is invalid: wrong key or IV, or damaged ciphertext"
        }
    }
}
