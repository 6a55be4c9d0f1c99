/// DER content octets of the object identifiers this module recognises, plus dotted-decimal rendering for errors.
enum ObjectIdentifiers {
    /// rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 Appendix C).
    static let rsaEncryption: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]

    /// Names for algorithms people commonly hand over by mistake, so errors can say what was found.
    private static let knownNames: [String: String] = [
        "1.2.840.113549.1.1.10": "RSASSA-PSS",
        "1.2.840.10045.2.1": "EC",
        "1.3.101.112": "Ed25519",
        "1.3.101.110": "X25519",
        "1.2.840.10040.4.1": "DSA",
    ]

    /// Renders content octets as dotted decimal (X.690 §8.19), with a well-known name when there is one.
    static func describe(_ contents: [UInt8]) -> String {
        var arcs: [UInt64] = []
        var current: UInt64 = 0
        for byte in contents {
            guard current >> 57 == 0 else { return "an unreadable OID" }
            current = current << 7 | UInt64(byte & 0x7f)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    // The first subidentifier packs the first two arcs as 40·X + Y.
                    let first: UInt64 = current < 40 ? 0 : (current < 80 ? 1 : 2)
                    arcs += [first, current - first * 40]
                } else {
                    arcs.append(current)
                }
                current = 0
            }
        }
        let dotted = arcs.map(String.init).joined(separator: ".")
        if let name = knownNames[dotted] { return "\(name) (OID \(dotted))" }
        return "OID \(dotted)"
    }
}
