import SNAPCrypto

/// `X-SIGNATURE` decoded every way partners write it: Base64 (the standard) and hex (BRI's SDK, ASPI samples).
///
/// A 128-character hex string is also valid Base64, so both readings are kept and each is tried.
struct ReceivedSignature {
    typealias Finding = RejectionExplanation.Finding

    /// The header's text.
    let text: String
    /// The Base64 reading, when the text is valid non-empty Base64.
    let base64: [UInt8]?
    /// The hex reading, when the text is valid non-empty hex.
    let hex: [UInt8]?

    /// Decodes both readings from the text's bytes once; kept as two optionals, not an array of tuples, because
    /// every signed request builds one (an array of tuples costs an allocation and a generic destroy).
    init(_ text: String) {
        self.text = text
        var utf8 = text
        let (base64, hex) = utf8.withUTF8 { bytes in (Base64.decode(utf8: bytes), Hex.decode(utf8: bytes)) }
        self.base64 = base64?.isEmpty == false ? base64 : nil
        self.hex = hex?.isEmpty == false ? hex : nil
    }

    /// Each valid reading, Base64 first.
    var decodings: [(encoding: SignatureEncoding, bytes: [UInt8])] {
        var decodings: [(SignatureEncoding, [UInt8])] = []
        if let base64 { decodings.append((.base64, base64)) }
        if let hex { decodings.append((.hex, hex)) }
        return decodings
    }

    /// How the text reads, for explanations: `base64`, `hex`, `base64 or hex`, or `undecodable`.
    var encodingDescription: String {
        switch (base64 != nil, hex != nil) {
        case (false, false): "undecodable"
        case (true, false): SignatureEncoding.base64.rawValue
        case (false, true): SignatureEncoding.hex.rawValue
        case (true, true): SignatureEncoding.base64.rawValue + " or " + SignatureEncoding.hex.rawValue
        }
    }

    /// Readings of a mis-encoded signature, each with what was wrong; only computed after a failure.
    func misencodings() -> [(finding: Finding, bytes: [UInt8])] {
        var readings: [(Finding, [UInt8])] = []
        // Standard Base64 on one line (the usual header, right or wrong) has no other reading than its own.
        if !Self.isPlainBase64(text) {
            readings = Self.lineAndAlphabetMisencodings(Array(text.utf8))
        }

        // The Base64 reading decoded once already (`base64`, `nil` when empty, which decodes to no hex either).
        if let ascii = base64, let bytes = ascii.withUnsafeBufferPointer({ Hex.decode(utf8: $0) }), !bytes.isEmpty {
            readings.append((
                Finding(
                    cause: "signature-base64-of-hex", summary: "X-SIGNATURE is the Base64 of a hex string",
                    detail: "X-SIGNATURE is Base64 of the signature's hex text (e.g. PHP base64_encode(hash_hmac(...)) "
                        + "without raw output); Base64-encode the raw signature bytes instead."),
                bytes
            ))
        }
        return readings
    }

    /// Whether `text` is standard Base64 without blanks, padded or a multiple of 4 long: then removing blanks,
    /// the URL alphabet and padding change nothing, and those readings need not be made.
    private static func isPlainBase64(_ text: String) -> Bool {
        // Over the contiguous bytes: iterating the UTF-8 view cost ~40 instructions a byte on every rejection.
        var text = text
        return text.withUTF8 { bytes in
            var padded = false
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"):
                    break
                case UInt8(ascii: "="):
                    padded = true
                default:
                    return false
                }
            }
            return padded || bytes.count % 4 == 0
        }
    }

    /// The readings with blanks removed, or in the URL alphabet or without padding, of the header's bytes.
    private static func lineAndAlphabetMisencodings(_ utf8: [UInt8]) -> [(Finding, [UInt8])] {
        var readings: [(Finding, [UInt8])] = []

        // Copied only when there is whitespace to remove (almost never).
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        let withoutBlanks = utf8.contains(where: isBlank) ? utf8.filter { !isBlank($0) } : utf8
        if withoutBlanks.count != utf8.count, let bytes = Base64.decode(String(decoding: withoutBlanks, as: UTF8.self)) {
            readings.append((
                Finding(
                    cause: "signature-line-breaks", summary: "X-SIGNATURE contains whitespace or line breaks",
                    detail: "X-SIGNATURE matches once its whitespace is removed: send the Base64 on one line "
                        + "(e.g. Java's MIME encoder breaks lines every 76 characters)."),
                bytes
            ))
        }

        // Standard Base64 (no `-` or `_`) that is padded or a multiple of 4 long has no other reading: skip the copy.
        let maybeURLOrUnpadded = withoutBlanks.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
            || (!withoutBlanks.contains(UInt8(ascii: "=")) && withoutBlanks.count % 4 != 0)
        var standard = !maybeURLOrUnpadded ? withoutBlanks : withoutBlanks.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        let urlAlphabet = standard != withoutBlanks
        let unpadded = !standard.contains(UInt8(ascii: "=")) && standard.count % 4 != 0
        while standard.count % 4 != 0 { standard.append(UInt8(ascii: "=")) }
        if urlAlphabet || unpadded, let bytes = Base64.decode(String(decoding: standard, as: UTF8.self)) {
            readings.append((
                Finding(
                    cause: urlAlphabet ? "signature-base64url" : "signature-base64-unpadded",
                    summary: urlAlphabet ? "X-SIGNATURE uses the Base64url alphabet" : "X-SIGNATURE lacks Base64 padding",
                    detail: urlAlphabet
                        ? "X-SIGNATURE decodes only with the URL-safe alphabet (- and _); SNAP uses standard Base64 (+ and /, with = padding)."
                        : "X-SIGNATURE decodes only once = padding is added; SNAP uses padded standard Base64."),
                bytes
            ))
        }
        return readings
    }
}
