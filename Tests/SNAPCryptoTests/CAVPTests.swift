import SNAPCrypto
import Testing

/// One `Len`/`Msg`/`MD` record of a NIST CAVP SHAVS `.rsp` file.
struct CAVPDigestRecord {
    /// 1-based position in the file, for failure messages.
    var index: Int
    var message: [UInt8]
    var digest: String
}

/// Reads the byte-oriented SHAVS response files (`SHA256ShortMsg.rsp`, …) vendored under `Vectors/cavp/`.
enum CAVPFile {
    /// Every record of `name`. `Len` is in bits; `Len = 0` carries the placeholder `Msg = 00`, which means empty.
    static func records(_ name: String) throws -> [CAVPDigestRecord] {
        var records: [CAVPDigestRecord] = []
        var length: Int?
        var message: [UInt8]?
        for rawLine in try Vectors.text("cavp/\(name)").split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingPrefix(while: \.isWhitespace)
            guard !line.hasPrefix("#"), !line.hasPrefix("["), let equals = line.firstIndex(of: "=") else { continue }
            let field = line[..<equals].trimmingCharacters(in: " ")
            let value = line[line.index(after: equals)...].trimmingCharacters(in: " \r")
            switch field {
            case "Len":
                let bits: Int = try #require(Int(value), "Len = \(value)")
                length = bits
            case "Msg":
                let bits = try #require(length, "Msg before Len")
                #expect(bits % 8 == 0, "byte-oriented files have whole-byte lengths")
                message = Array(try hexBytes(value).prefix(bits / 8))
                #expect(message?.count == bits / 8, "Len = \(bits) but Msg has fewer bytes")
            case "MD":
                let bytes = try #require(message, "MD before Msg")
                records.append(CAVPDigestRecord(index: records.count + 1, message: bytes, digest: value.lowercased()))
                length = nil
                message = nil
            default:
                continue
            }
        }
        return records
    }
}

extension Substring {
    /// The text without `characters` at either end.
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}

/// SHA-256, SHA-384 (short messages) and SHA-512 against NIST's CAVP byte-oriented SHAVS vectors (vendored from `shabytetestvectors.zip`,
/// see `Vectors/cavp/README.md`), beside the FIPS 180-4 examples in ``SHA2Tests``.
@Suite struct CAVPTests {
    struct FileCase: Sendable, CustomTestStringConvertible {
        var file: String
        var algorithm: String
        /// Records NIST put in the file: one per byte length for ShortMsg, one per 99 blocks for LongMsg.
        var count: Int

        var testDescription: String { file }
    }

    static let files = [
        FileCase(file: "SHA256ShortMsg.rsp", algorithm: "SHA-256", count: 65),
        FileCase(file: "SHA256LongMsg.rsp", algorithm: "SHA-256", count: 64),
        FileCase(file: "SHA384ShortMsg.rsp", algorithm: "SHA-384", count: 129),
        FileCase(file: "SHA512ShortMsg.rsp", algorithm: "SHA-512", count: 129),
        FileCase(file: "SHA512LongMsg.rsp", algorithm: "SHA-512", count: 128),
    ]

    @Test(arguments: files)
    func hash_MatchesEveryCAVPRecord_InOneCallAndSplit(_ file: FileCase) throws {
        let records = try CAVPFile.records(file.file)
        #expect(records.count == file.count)
        for record in records {
            let bytes = record.message
            let oneCall = try withHashFunction(named: file.algorithm) { $0.hash(data: bytes) }
            #expect(Hex.encode(oneCall) == record.digest, "record \(record.index), \(bytes.count) bytes")
            // Fed in three uneven pieces, so block boundaries fall inside an update.
            let splits = [bytes.count / 3, bytes.count / 3 + 1 + bytes.count / 5]
            let split = try withHashFunction(named: file.algorithm) { hash in
                func run<H: HashFunction>(_ type: H.Type) -> [UInt8] {
                    SNAPCryptoTests.digest(type, of: bytes, splittingAt: splits)
                }
                return run(hash)
            }
            #expect(Hex.encode(split) == record.digest, "record \(record.index) split at \(splits)")
        }
    }
}
