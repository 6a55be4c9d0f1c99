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
        for rawLine in lines(of: text) {
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
                if line.utf8.contains(UInt8(ascii: ":")) {
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
        let bytes = line.utf8
        guard bytes.count >= prefix.utf8.count + 5, bytes.starts(with: prefix.utf8), bytes.reversed().starts(with: "-----".utf8)
        else { return nil }
        return Substring(bytes.dropFirst(prefix.utf8.count).dropLast(5))
    }

    /// The lines of `text`, split at LF and CR bytes. PEM is ASCII, and walking bytes rather than Characters
    /// (grapheme breaking) is what keeps a fixture set with a thousand partners' keys quick to load.
    private static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Substring(bytes[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        lines.append(Substring(bytes[start..<bytes.endIndex]))
        return lines
    }

    /// `line` without leading and trailing ASCII whitespace (space, tab, vertical tab, form feed).
    private static func trimmed(_ line: Substring) -> Substring {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || (0x09...0x0C).contains($0) }
        let bytes = line.utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return line[line.endIndex...] }
        return Substring(bytes[first...last])
    }
}
