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
        precondition(offset >= 0 && offset + 16 <= block.count, "a block is 16 bytes")
        roundKeys.withUnsafeBufferPointer { keys in
            block.withUnsafeMutableBufferPointer { bytes in
                Self.encrypt(bytes.baseAddress! + offset, keys.baseAddress!)
            }
        }
    }

    /// Decrypts one 16-byte block in place.
    public func decrypt(block: inout [UInt8], at offset: Int = 0) {
        precondition(offset >= 0 && offset + 16 <= block.count, "a block is 16 bytes")
        roundKeys.withUnsafeBufferPointer { keys in
            block.withUnsafeMutableBufferPointer { bytes in
                Self.decrypt(bytes.baseAddress! + offset, keys.baseAddress!)
            }
        }
    }

    // MARK: - Rounds (the state is column-major: byte r + 4c is row r of column c)

    private static func encrypt(_ state: UnsafeMutablePointer<UInt8>, _ keys: UnsafePointer<UInt8>) {
        let sBox = AESTables.sBox
        addRoundKey(state, keys)
        for round in 1...10 {
            for index in 0..<16 { state[index] = sBox[Int(state[index])] }
            shiftRows(state)
            if round != 10 { mixColumns(state) }
            addRoundKey(state, keys + round * 16)
        }
    }

    private static func decrypt(_ state: UnsafeMutablePointer<UInt8>, _ keys: UnsafePointer<UInt8>) {
        let inverse = AESTables.inverseSBox
        addRoundKey(state, keys + 160)
        for round in stride(from: 9, through: 0, by: -1) {
            inverseShiftRows(state)
            for index in 0..<16 { state[index] = inverse[Int(state[index])] }
            addRoundKey(state, keys + round * 16)
            if round != 0 { inverseMixColumns(state) }
        }
    }

    private static func addRoundKey(_ state: UnsafeMutablePointer<UInt8>, _ key: UnsafePointer<UInt8>) {
        for index in 0..<16 { state[index] ^= key[index] }
    }

    /// Row r moves r columns left: byte r + 4c takes byte r + 4((c + r) mod 4).
    private static func shiftRows(_ s: UnsafeMutablePointer<UInt8>) {
        (s[1], s[5], s[9], s[13]) = (s[5], s[9], s[13], s[1])
        (s[2], s[6], s[10], s[14]) = (s[10], s[14], s[2], s[6])
        (s[3], s[7], s[11], s[15]) = (s[15], s[3], s[7], s[11])
    }

    private static func inverseShiftRows(_ s: UnsafeMutablePointer<UInt8>) {
        (s[1], s[5], s[9], s[13]) = (s[13], s[1], s[5], s[9])
        (s[2], s[6], s[10], s[14]) = (s[10], s[14], s[2], s[6])
        (s[3], s[7], s[11], s[15]) = (s[7], s[11], s[15], s[3])
    }

    private static func mixColumns(_ state: UnsafeMutablePointer<UInt8>) {
        for base in stride(from: 0, to: 16, by: 4) {
            let a0 = state[base]
            let a1 = state[base + 1]
            let a2 = state[base + 2]
            let a3 = state[base + 3]
            state[base] = times2(a0) ^ times3(a1) ^ a2 ^ a3
            state[base + 1] = a0 ^ times2(a1) ^ times3(a2) ^ a3
            state[base + 2] = a0 ^ a1 ^ times2(a2) ^ times3(a3)
            state[base + 3] = times3(a0) ^ a1 ^ a2 ^ times2(a3)
        }
    }

    private static func inverseMixColumns(_ state: UnsafeMutablePointer<UInt8>) {
        let m9 = AESTables.times9
        let m11 = AESTables.times11
        let m13 = AESTables.times13
        let m14 = AESTables.times14
        for base in stride(from: 0, to: 16, by: 4) {
            let a0 = Int(state[base])
            let a1 = Int(state[base + 1])
            let a2 = Int(state[base + 2])
            let a3 = Int(state[base + 3])
            state[base] = m14[a0] ^ m11[a1] ^ m13[a2] ^ m9[a3]
            state[base + 1] = m9[a0] ^ m14[a1] ^ m11[a2] ^ m13[a3]
            state[base + 2] = m13[a0] ^ m9[a1] ^ m14[a2] ^ m11[a3]
            state[base + 3] = m11[a0] ^ m13[a1] ^ m9[a2] ^ m14[a3]
        }
    }

    // MARK: - GF(2^8) arithmetic and key schedule

    static func times2(_ value: UInt8) -> UInt8 {
        (value << 1) ^ (value & 0x80 != 0 ? 0x1b : 0)
    }

    private static func times3(_ value: UInt8) -> UInt8 { times2(value) ^ value }

    static func multiply(_ value: UInt8, _ factor: UInt8) -> UInt8 {
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
