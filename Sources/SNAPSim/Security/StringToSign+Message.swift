import SNAPCrypto
import SimHTTP

extension SigningVariants {
    /// The preferred string to sign of a request (the first of ``stringsToSign(_:accessToken:timestamp:)``) as
    /// the UTF-8 bytes that are signed.
    ///
    /// Every signed request verifies against this first, so it is written straight into one byte array: the
    /// body's SHA-256 as hex in place, no intermediate strings, no array of candidates. The variants are built
    /// only when this one does not verify.
    func preferredMessage(_ request: HTTPRequest, accessToken: String?, timestamp: String) -> [UInt8] {
        preferredMessageAndHashedBody(request, accessToken: accessToken, timestamp: timestamp).message
    }

    /// ``preferredMessage(_:accessToken:timestamp:)`` and the body bytes it hashed (minified or raw), which a
    /// failed verification explains without minifying the body again.
    func preferredMessageAndHashedBody(_ request: HTTPRequest, accessToken: String?, timestamp: String)
        -> (message: [UInt8], hashed: [UInt8])
    {
        let hashed = switch bodyHashInputs.first ?? .minified {
        case .minified: JSONMinifier.minify(request.body)
        case .raw: request.body
        }
        var hasher = SHA256()
        hashed.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        let message = StringToSign.message(
            method: request.method.rawValue.asciiUppercased, target: signedTarget(request.target),
            accessToken: accessToken, bodyDigest: hasher.finalize(), timestamp: timestamp)
        return (message, hashed)
    }

    /// Whether ``stringsToSign(_:accessToken:timestamp:)`` has one string only, the preferred one: SNAP's
    /// standard (no path prefix left out, the minified body hashed).
    var hasOneStringToSign: Bool {
        strippedPathPrefix == nil && bodyHashInputs.allSatisfy { $0 == .minified }
    }
}

extension StringToSign {
    /// The parts of a preferred message (``SigningVariants/preferredMessage(_:accessToken:timestamp:)``) of
    /// SNAP's standard, without hashing the body again: its hash is read back from the message.
    init(preferred message: [UInt8], method: String, target: String, accessToken: String?, timestamp: String) {
        let end = message.count - timestamp.utf8.count - 1
        self.init(
            method: method, target: target, accessToken: accessToken,
            bodyHash: String(decoding: message[(end - 64)..<end], as: UTF8.self), timestamp: timestamp)
    }
}

extension StringToSign {
    /// The bytes of ``text`` for a body whose SHA-256 is `bodyDigest` (written as lower-case hex).
    static func message(method: String, target: String, accessToken: String?, bodyDigest: [UInt8], timestamp: String)
        -> [UInt8]
    {
        let count = method.utf8.count + target.utf8.count + (accessToken.map { $0.utf8.count + 1 } ?? 0)
            + 2 * bodyDigest.count + timestamp.utf8.count + 3
        // Written through one pointer into storage sized once: every signed request builds this. (Static helpers
        // with an `inout` cursor, not nested functions capturing it, which would box it with run-time checks.)
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, written in
            var out = buffer.baseAddress.unsafelyUnwrapped
            copy(method, to: &out)
            put(UInt8(ascii: ":"), to: &out)
            copy(target, to: &out)
            if let accessToken {
                put(UInt8(ascii: ":"), to: &out)
                copy(accessToken, to: &out)
            }
            put(UInt8(ascii: ":"), to: &out)
            let digits: StaticString = "0123456789abcdef"
            for byte in bodyDigest {
                put(digits.utf8Start[Int(byte >> 4)], to: &out)
                put(digits.utf8Start[Int(byte & 0x0f)], to: &out)
            }
            put(UInt8(ascii: ":"), to: &out)
            copy(timestamp, to: &out)
            written = out - buffer.baseAddress.unsafelyUnwrapped
        }
    }

    @inline(__always)
    private static func put(_ byte: UInt8, to out: inout UnsafeMutablePointer<UInt8>) {
        out.initialize(to: byte)
        out += 1
    }

    @inline(__always)
    private static func copy(_ text: String, to out: inout UnsafeMutablePointer<UInt8>) {
        var text = text
        text.withUTF8 { utf8 in
            if let base = utf8.baseAddress { out.initialize(from: base, count: utf8.count) }
            out += utf8.count
        }
    }
}

extension String {
    /// `uppercased()` without Unicode case mapping when there is nothing but ASCII outside `a`–`z`, the case of
    /// every HTTP method (a token): the same result, without building a new string.
    var asciiUppercased: String {
        utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 >= 0x80 } ? uppercased() : self
    }
}
