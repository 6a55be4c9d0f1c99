import Foundation
import SNAPCrypto
import Testing

/// `HMAC<SHA512>.authenticationCodes(of:ranges:)`: many messages under one key, sharing the hash of common leading
/// blocks. Held to RFC 4231, to the one-message MAC over random batches built to share prefixes of every block
/// count, and to OpenSSL.
@Suite struct HMACBatchTests {
    /// Every message of a batch, one MAC each, the straightforward way.
    private func oneByOne(_ hmac: HMAC<SHA512>, _ messages: [[UInt8]]) -> [UInt8] {
        messages.flatMap { message in message.withUnsafeBytes { hmac.authenticationCode(of: $0) } }
    }

    private func batch(_ hmac: HMAC<SHA512>, _ messages: [[UInt8]]) -> [UInt8] {
        var flat: [UInt8] = []
        var ranges: [Range<Int>] = []
        for message in messages {
            ranges.append(flat.count..<(flat.count + message.count))
            flat += message
        }
        return flat.withUnsafeBytes { hmac.authenticationCodes(of: $0, ranges: ranges) }
    }

    @Test(arguments: HMACTests.vectors.filter { $0.algorithm == "HMAC-SHA512" && $0.truncatedByteCount == nil })
    func authenticationCodes_MatchRFC4231_AloneAndInOneBatch(_ vector: HMACVector) throws {
        let hmac = HMAC<SHA512>(key: try hexBytes(vector.key))
        let data = try hexBytes(vector.data)
        #expect(batch(hmac, [data]) == (try hexBytes(vector.mac)))
        // The same message three times, and after and before others: each position gets the same code.
        let codes = batch(hmac, [data, Array(data.reversed()), data, [], data])
        #expect(Array(codes[0..<64]) == (try hexBytes(vector.mac)))
        #expect(Array(codes[128..<192]) == (try hexBytes(vector.mac)))
        #expect(Array(codes[256..<320]) == (try hexBytes(vector.mac)))
    }

    @Test func authenticationCodes_EqualOneByOne_ForEveryLengthAroundTheBlockBoundaries() {
        let hmac = HMAC<SHA512>(key: Array("snapsim-demo-secret-SANDBOX-ONLY".utf8))
        var generator = SeededGenerator(seed: 11)
        let base = (0..<520).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // Lengths 0…520 of one text: each is a prefix of the next, so later ones resume from earlier blocks.
        let messages = (0...520).map { Array(base[0..<$0]) }
        #expect(batch(hmac, messages) == oneByOne(hmac, messages))
        #expect(batch(hmac, messages.reversed()) == oneByOne(hmac, messages.reversed()))
    }

    @Test(arguments: [0, 1, 32, 127, 128, 129, 300])
    func authenticationCodes_EqualOneByOne_ForRandomBatchesSharingPrefixes(_ keyLength: Int) {
        var generator = SeededGenerator(seed: UInt64(keyLength) &+ 1)
        let key = (0..<keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let hmac = HMAC<SHA512>(key: key)
        for _ in 0..<40 {
            let base = (0..<Int.random(in: 0...700, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            // Variants of one string: a byte changed, inserted or cut somewhere (strings to sign with one
            // component done differently), so they share 0, 1, 2… whole leading blocks with each other.
            let messages = (0..<Int.random(in: 1...70, using: &generator)).map { _ -> [UInt8] in
                var message = base
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where !message.isEmpty:
                    message[Int.random(in: message.indices, using: &generator)] ^= 0x20
                case 1:
                    message.insert(0x3A, at: Int.random(in: 0...message.count, using: &generator))
                case 2 where !message.isEmpty:
                    message.removeLast(Int.random(in: 0...message.count, using: &generator))
                default:
                    break
                }
                return message
            }
            #expect(batch(hmac, messages) == oneByOne(hmac, messages))
        }
    }

    @Test func authenticationCodes_EqualOneByOne_WhenTheHMACWasFedAPartialBlockBefore() {
        var hmac = HMAC<SHA512>(key: Array("key".utf8))
        hmac.update(data: Array("a prefix fed before".utf8))
        let messages = [Array("one".utf8), [], Array(repeating: 0x41, count: 300)]
        #expect(batch(hmac, messages) == oneByOne(hmac, messages))
    }

    /// One message under several keys (another partner's secret tried on the same string): the blocks are equal,
    /// so their message schedule is shared, and each code must still be its own key's.
    @Test(arguments: [0, 1, 111, 112, 128, 200, 256, 300])
    func authenticationCodes_EqualOneByOne_ForOneMessageUnderManyKeys(_ length: Int) {
        var generator = SeededGenerator(seed: UInt64(length) &+ 7)
        let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let keys = (0..<7).map { index in
            HMAC<SHA512>(key: (0..<(20 + index * 30)).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        // The same key twice, too: equal blocks into equal states.
        let all = keys + [keys[0]]
        let codes = message.withUnsafeBytes { HMAC<SHA512>.authenticationCodes(of: $0, keys: all) }
        for (index, key) in all.enumerated() {
            let one = message.withUnsafeBytes { key.authenticationCode(of: $0) }
            #expect(Array(codes[(index * 64)..<(index * 64 + 64)]) == one)
        }
    }

    @Test func authenticationCodes_IsEmpty_ForNoMessages() {
        let hmac = HMAC<SHA512>(key: [1, 2, 3])
        #expect([UInt8]().withUnsafeBytes { hmac.authenticationCodes(of: $0, ranges: []) }.isEmpty)
        #expect(batch(hmac, [[]]) == HMAC<SHA512>.authenticationCode(for: [UInt8](), using: [1, 2, 3]))
    }

    /// Optional live cross-check against `openssl dgst -sha512 -mac HMAC`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "needs /usr/bin/openssl"))
    func authenticationCodes_MatchOpenSSL() throws {
        let key = "snapsim-demo-secret-SANDBOX-ONLY"
        let target = "POST:/v1.0/balance-inquiry:" + String(repeating: "t", count: 64) + ":"
            + String(repeating: "e", count: 64) + ":"
        let messages = ["2026-01-15T09:00:00+07:00", "2026-01-15T02:00:00Z", "2026-01-15T09:00:01+07:00"]
            .map { Array((target + $0).utf8) } + [Array(repeating: 0x61, count: 1000)]
        let hmac = HMAC<SHA512>(key: Array(key.utf8))
        let codes = batch(hmac, messages)
        for (index, message) in messages.enumerated() {
            let expected = try openssl(["dgst", "-sha512", "-mac", "HMAC", "-macopt", "key:" + key], input: message)
            #expect(Hex.encode(Array(codes[(index * 64)..<(index * 64 + 64)])) == expected)
        }
    }

    /// The lower-case hex digest that `openssl dgst` prints for `input`.
    private func openssl(_ arguments: [String], input: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return String(text.split(separator: " ").last ?? "")
    }
}
