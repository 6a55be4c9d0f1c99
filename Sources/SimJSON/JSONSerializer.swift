extension JSONValue {
    /// Compact JSON text: members in stored order, no whitespace, numbers as written.
    ///
    /// `/` is not escaped and non-ASCII stays UTF-8, matching what partners' SDKs send, so that
    /// the bytes the simulator prints are the bytes a partner would sign.
    public var compactBytes: [UInt8] {
        JSONCompactWriter.bytes(of: self)
    }

    public var compactText: String {
        JSONCompactWriter.text(of: self)
    }

    /// Compact text with the members of every object in name order (`String <`), e.g. to compare two bodies that
    /// differ only in member order.
    public var compactTextSortingKeys: String {
        JSONCompactWriter.textSortingKeys(of: self)
    }

    /// Indented JSON for people (CLI listings, explanations); never used for bytes anyone signs.
    public func prettyText(indent: String = "  ") -> String {
        var output: [UInt8] = []
        writePretty(to: &output, indent: Array(indent.utf8), level: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the compact text to `output` (see ``JSONCompactWriter``).
    func write(to output: inout [UInt8]) {
        JSONCompactWriter.write(self, to: &output)
    }

    private func writePretty(to output: inout [UInt8], indent: [UInt8], level: Int) {
        func newline(_ level: Int) {
            output.append(UInt8(ascii: "\n"))
            for _ in 0..<level { output.append(contentsOf: indent) }
        }
        switch self {
        case .array(let elements) where !elements.isEmpty:
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                element.writePretty(to: &output, indent: indent, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level + 1)
                JSONCompactWriter.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                member.value.writePretty(to: &output, indent: indent, level: level + 1)
            }
            newline(level)
            output.append(UInt8(ascii: "}"))
        default:
            write(to: &output)
        }
    }
}
