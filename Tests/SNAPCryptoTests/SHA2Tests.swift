import SNAPCrypto
import Testing

/// One FIPS 180-4 example: `message` repeated `repeat` times.
struct DigestVector: Decodable, Sendable, CustomTestStringConvertible {
    var tcId: Int
    var algorithm: String
    var comment: String
    var message: String
    var `repeat`: Int
    var digest: String

    var bytes: [UInt8] { Array(String(repeating: message, count: `repeat`).utf8) }
    var testDescription: String { "tcId \(tcId): \(algorithm) \(comment)" }
}

/// Digests of 00 01 02 … for every length 0…257.
struct DigestLengthVectors: Decodable, Sendable, CustomTestStringConvertible {
    var algorithm: String
    var digests: [String]

    var testDescription: String { algorithm }
}

/// Runs `body` with the hash type named by a vector file.
func withHashFunction<Result>(
    named name: String,
    _ body: (any HashFunction.Type) throws -> Result
) throws -> Result {
    switch name {
    case "SHA-256": return try body(SHA256.self)
    case "SHA-384": return try body(SHA384.self)
    case "SHA-512": return try body(SHA512.self)
    default: throw UnknownAlgorithm(name: name)
    }
}

struct UnknownAlgorithm: Error {
    var name: String
}

/// Feeds `bytes` in the pieces delimited by `splits` (sorted offsets), then finalizes.
func digest<H: HashFunction>(_: H.Type, of bytes: [UInt8], splittingAt splits: [Int]) -> [UInt8] {
    var hasher = H()
    var start = 0
    for split in splits + [bytes.count] where split >= start && split <= bytes.count {
        hasher.update(data: bytes[start..<split])
        start = split
    }
    return hasher.finalize()
}

@Suite struct SHA2Tests {
    static let vectors: [DigestVector] = (try? Vectors.tests(DigestVector.self, from: "sha2.json")) ?? []

    @Test func vectorFile_HasEveryFIPSMessage_WhenLoaded() {
        #expect(Self.vectors.count == 15)
    }

    @Test(arguments: vectors)
    func hash_MatchesFIPSDigest_WhenHashedInOneCall(_ vector: DigestVector) throws {
        let bytes = vector.bytes
        let digest = try withHashFunction(named: vector.algorithm) { $0.hash(data: bytes) }
        #expect(Hex.encode(digest) == vector.digest)
    }

    @Test(arguments: vectors)
    func update_MatchesFIPSDigest_WhenInputIsSplitAtBlockBoundaries(_ vector: DigestVector) throws {
        let bytes = vector.bytes
        let count = bytes.count
        let splitSets: [[Int]] = [
            [0], [1], [3], [55], [56], [63], [64], [65], [111], [112], [127], [128], [129],
            [count / 2], [count - 1], [1, 2, 3], [63, 64, 65, 200], [7, 100, 128, 999, 4096, count - 5],
        ]
        for splits in splitSets {
            let digest = try withHashFunction(named: vector.algorithm) { hash in
                func run<H: HashFunction>(_ type: H.Type) -> [UInt8] {
                    SNAPCryptoTests.digest(type, of: bytes, splittingAt: splits)
                }
                return run(hash)
            }
            #expect(Hex.encode(digest) == vector.digest, "splits \(splits)")
        }
    }

    @Test(arguments: vectors.filter { $0.repeat == 1 })
    func update_MatchesFIPSDigest_WhenFedInFixedSizeChunks(_ vector: DigestVector) throws {
        let bytes = vector.bytes
        for chunkSize in [1, 2, 7, 63, 64, 65, 127, 128, 129] {
            let splits = Array(stride(from: chunkSize, to: bytes.count, by: chunkSize))
            let digest = try withHashFunction(named: vector.algorithm) { hash in
                func run<H: HashFunction>(_ type: H.Type) -> [UInt8] {
                    SNAPCryptoTests.digest(type, of: bytes, splittingAt: splits)
                }
                return run(hash)
            }
            #expect(Hex.encode(digest) == vector.digest, "chunk size \(chunkSize)")
        }
    }

    @Test(arguments: vectors.filter { $0.repeat == 1 })
    func update_MatchesFIPSDigest_WhenInputIsNotContiguous(_ vector: DigestVector) throws {
        let bytes = vector.bytes
        let digest = try withHashFunction(named: vector.algorithm) { hash in
            func run<H: HashFunction>(_: H.Type) -> [UInt8] {
                var hasher = H()
                hasher.update(data: bytes.lazy.map { $0 })  // no contiguous storage: the staging path
                return hasher.finalize()
            }
            return run(hash)
        }
        #expect(Hex.encode(digest) == vector.digest)
    }

    @Test(arguments: vectors.filter { $0.repeat > 1 })
    func update_MatchesFIPSDigest_WhenLongInputIsNotContiguous(_ vector: DigestVector) throws {
        // A million bytes through the staging path, which flushes every 1 KiB.
        let bytes = repeatElement(vector.message.utf8, count: vector.repeat).joined()
        let digest = try withHashFunction(named: vector.algorithm) { hash in
            func run<H: HashFunction>(_: H.Type) -> [UInt8] {
                var hasher = H()
                hasher.update(data: bytes)
                return hasher.finalize()
            }
            return run(hash)
        }
        #expect(Hex.encode(digest) == vector.digest)
    }

    @Test(arguments: (try? Vectors.tests(DigestLengthVectors.self, from: "sha2-lengths.json")) ?? [])
    func hash_MatchesReference_ForEveryLengthAcrossPaddingBoundaries(_ vectors: DigestLengthVectors) throws {
        #expect(vectors.digests.count == 258)
        let message = (0..<vectors.digests.count).map { UInt8(truncatingIfNeeded: $0) }
        for (length, expected) in vectors.digests.enumerated() {
            let digest = try withHashFunction(named: vectors.algorithm) { $0.hash(data: message[..<length]) }
            #expect(Hex.encode(digest) == expected, "length \(length)")
        }
    }

    @Test func finalize_LeavesHasherUsable_WhenCalledMidStream() {
        var hasher = SHA512()
        hasher.update(data: "ab".utf8)
        let prefixDigest = hasher.finalize()
        #expect(hasher.finalize() == prefixDigest)
        hasher.update(data: "c".utf8)
        #expect(hasher.finalize() == SHA512.hash(data: "abc".utf8))
        #expect(prefixDigest == SHA512.hash(data: "ab".utf8))
    }

    @Test func update_AcceptsRawBufferPointer_WhenCallerHasRawMemory() {
        let bytes = Array("abc".utf8)
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        #expect(hasher.finalize() == SHA256.hash(data: bytes))
    }

    @Test func sizes_MatchFIPS180_4() {
        #expect(SHA256.byteCount == 32)
        #expect(SHA256.blockByteCount == 64)
        #expect(SHA384.byteCount == 48)
        #expect(SHA384.blockByteCount == 128)
        #expect(SHA512.byteCount == 64)
        #expect(SHA512.blockByteCount == 128)
        #expect(SHA256.hash(data: []).count == 32)
        #expect(SHA384.hash(data: []).count == 48)
        #expect(SHA512.hash(data: []).count == 64)
    }
}
