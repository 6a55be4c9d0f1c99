/// Reads and writes the textual armour of RFC 7468: `-----BEGIN LABEL-----`, Base64 lines, `-----END LABEL-----`.
enum PEM {
    /// One decoded block.
    struct Block: Sendable {
        /// The label between `BEGIN ` and the closing dashes, e.g. `PUBLIC KEY`.
        var label: String
        /// The decoded body; empty when ``hasHeaders`` is set and the body could not be decoded.
        var der: [UInt8]
        /// Whether RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`) preceded the body: legacy
        /// OpenSSL encryption, which this module does not support.
        var hasHeaders: Bool
    }

    /// Extracts every PEM block in `text`, or returns `nil` when `text` contains no `-----BEGIN` line at all
    /// (the caller then treats it as bare Base64).
    ///
    /// Text outside blocks is ignored, as RFC 7468 §2 allows.
    static func blocks(in text: String) throws(KeyError) -> [Block]? {
        var blocks: [Block] = []
        var open: (label: String, body: String, hasHeaders: Bool)?
        var sawBegin = false
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = trimmed(rawLine)
            if let label = boundaryLabel(line, kind: "BEGIN") {
                guard open == nil else {
                    throw KeyError(
                        .invalidEncoding, "PEM block \"\(open?.label ?? "")\" has no END line before the next BEGIN")
                }
                open = (String(label), "", false)
                sawBegin = true
            } else if let label = boundaryLabel(line, kind: "END") {
                guard let block = open else {
                    throw KeyError(.invalidEncoding, "PEM END line \"\(label)\" without a matching BEGIN line")
                }
                guard block.label == label else {
                    throw KeyError(
                        .invalidEncoding, "PEM block \"\(block.label)\" ends with mismatched label \"\(label)\"")
                }
                open = nil
                if block.hasHeaders {
                    // Encrypted legacy PEM: the body is ciphertext, so there is nothing to decode.
                    blocks.append(Block(label: block.label, der: [], hasHeaders: true))
                    continue
                }
                guard let der = Base64.decode(block.body), !der.isEmpty else {
                    throw KeyError(.invalidEncoding, "PEM block \"\(block.label)\" has an empty or invalid Base64 body")
                }
                blocks.append(Block(label: block.label, der: der, hasHeaders: false))
            } else if open != nil {
                if line.contains(":") {
                    open?.hasHeaders = true
                } else {
                    open?.body += line
                }
            }
        }
        if let block = open {
            throw KeyError(.invalidEncoding, "PEM block \"\(block.label)\" has no END line")
        }
        return sawBegin ? blocks : nil
    }

    /// Armours `der` under `label` with 64-character lines (RFC 7468 §2), ending in a newline.
    static func encode(_ der: [UInt8], label: String) -> String {
        let body = Array(Base64.encode(der).utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < body.count {
            let end = min(start + 64, body.count)
            text += String(decoding: body[start..<end], as: UTF8.self)
            text += "\n"
            start = end
        }
        return text + "-----END \(label)-----\n"
    }

    /// `LABEL` if `line` is `-----BEGIN LABEL-----` (for `kind` "BEGIN") or `-----END LABEL-----`.
    private static func boundaryLabel(_ line: Substring, kind: String) -> Substring? {
        let prefix = "-----\(kind) "
        guard line.hasPrefix(prefix), line.hasSuffix("-----"), line.count >= prefix.count + 5 else { return nil }
        return line.dropFirst(prefix.count).dropLast(5)
    }

    private static func trimmed(_ line: Substring) -> Substring {
        var line = line.drop(while: \.isWhitespace)
        while let last = line.last, last.isWhitespace {
            line = line.dropLast()
        }
        return line
    }
}
