extension RSA {
    /// Finds the DER to parse in `text`: the first PEM block whose label is in `labels`, or the whole text as
    /// bare Base64 when there is no armour at all.
    ///
    /// - Parameter expected: How to name the wanted kind of key in errors, e.g. "a public key".
    static func loadDER(from text: String, accepting labels: Set<String>, expecting expected: String) throws(KeyError)
        -> [UInt8]
    {
        guard let blocks = try PEM.blocks(in: text) else {
            guard let der = Base64.decode(text), !der.isEmpty else {
                throw KeyError(.invalidEncoding, "not a PEM block or Base64 DER")
            }
            return der
        }
        if let block = blocks.first(where: { labels.contains($0.label) }) {
            guard !block.hasHeaders else {
                throw KeyError(
                    .unsupportedKeyType,
                    "encrypted PEM (\"\(block.label)\" with Proc-Type/DEK-Info headers) is not supported; "
                        + "decrypt it first"
                )
            }
            return block.der
        }
        guard let label = blocks.first?.label else {
            throw KeyError(.invalidEncoding, "PEM text contains no complete block")
        }
        let hint =
            switch label {
            case "ENCRYPTED PRIVATE KEY": "; encrypted PKCS#8 is not supported, decrypt it with `openssl pkey` first"
            case "CERTIFICATE": "; extract its public key with `openssl x509 -pubkey -noout`"
            case "EC PRIVATE KEY", "EC PARAMETERS", "DSA PRIVATE KEY", "OPENSSH PRIVATE KEY": "; only RSA is supported"
            default: ""
            }
        throw KeyError(.unsupportedKeyType, "found a \"\(label)\" PEM block where \(expected) was expected\(hint)")
    }
}
