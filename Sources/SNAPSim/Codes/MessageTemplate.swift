/// A `responseMessage` template such as `Invalid Field Format {field}` or `Unauthorized. [{reason}]`.
///
/// Filling drops an empty placeholder cleanly: the brackets around it, the space before it, and any space left
/// before punctuation go too, so `Unauthorized. [{reason}]` with no reason reads `Unauthorized.`, never
/// `Unauthorized. []`.
public struct MessageTemplate: Sendable, Hashable, CustomStringConvertible {
    /// The template as written in the catalogue.
    public let text: String
    /// Its segments, parsed once (every rejection fills a template); `nil` when not well formed.
    private let parsed: [Segment]?

    /// A template; check ``isWellFormed`` before relying on its placeholders.
    public init(_ text: String) {
        self.text = text
        parsed = Self.parsedSegments(text)
    }

    public var description: String { text }

    /// Names of the `{placeholders}` in order of appearance.
    public var placeholderNames: [String] {
        segments.compactMap { if case .placeholder(let name) = $0 { name } else { nil } }
    }

    /// Whether every `{` is closed by a `}` around a non-empty name of letters and digits.
    public var isWellFormed: Bool { parsed != nil }

    /// The message with placeholders replaced; unknown or empty ones are removed as described above.
    public func filled(_ values: [String: String]) -> String {
        // Most messages ("Successful") have no placeholder: skip parsing them on every answer.
        // Over contiguous bytes: the `UTF8View`'s iterator costs ~20 instructions a byte on every answer.
        var probe = text
        if !probe.withUTF8({ $0.contains(UInt8(ascii: "{")) }) { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + values.reduce(0) { $0 + $1.value.utf8.count })
        let parts = segments
        var index = 0
        while index < parts.count {
            switch parts[index] {
            case .literal(let literal):
                output += literal
            case .placeholder(let name):
                let value = values[name] ?? ""
                if value.isEmpty {
                    // Drop an opening bracket written just before the placeholder, and its closing partner after.
                    if let last = output.last, last == "[" || last == "(" {
                        output.removeLast()
                        if index + 1 < parts.count, case .literal(let next) = parts[index + 1],
                            let first = next.first, first == (last == "[" ? "]" : ")")
                        {
                            index += 1
                            output += next.dropFirst()
                        }
                    }
                } else {
                    output += value
                }
            }
            index += 1
        }
        return Self.tidy(output)
    }

    // MARK: - Parsing

    enum Segment: Hashable {
        case literal(String)
        case placeholder(String)
    }

    var segments: [Segment] { parsed ?? [.literal(text)] }

    private static func parsedSegments(_ text: String) -> [Segment]? {
        var segments: [Segment] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let name = rest[rest.index(after: open)..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
            if !literal.isEmpty { segments.append(.literal(literal)) }
            literal = ""
            segments.append(.placeholder(String(name)))
            rest = rest[rest.index(after: close)...]
        }
        guard !rest.contains("}") else { return nil }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }

    /// Collapses runs of spaces, removes spaces before `.,;:/)]` and trims the ends.
    private static func tidy(_ text: String) -> String {
        // ASCII text (every catalogue message and every explanation summary so far) is tidied byte by byte, the
        // same rules without grapheme breaking; anything else by Character.
        var text = text
        if text.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } }) {
            // Already tidy (every filled catalogue message so far): the text itself, not a copy of it.
            return text.withUTF8(isTidyASCII) ? text : text.withUTF8(tidyASCII)
        }
        var result = ""
        for character in text {
            if character == " ", result.last == " " || result.isEmpty { continue }
            if ".,;:/)]".contains(character), result.last == " " { result.removeLast() }
            result.append(character)
        }
        while result.last == " " { result.removeLast() }
        return result
    }

    private static func tidyASCII(_ text: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        for byte in text {
            if byte == 0x20, result.last == 0x20 || result.isEmpty { continue }
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "/"),
                UInt8(ascii: ")"), UInt8(ascii: "]"):
                if result.last == 0x20 { result.removeLast() }
            default:
                break
            }
            result.append(byte)
        }
        while result.last == 0x20 { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }

    /// Whether ``tidyASCII(_:)`` would leave `text` as it is: no space first or last, none after a space, none
    /// before `.,;:/)]`.
    private static func isTidyASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last else { return true }
        if first == 0x20 || last == 0x20 { return false }
        var previous: UInt8 = 0
        for byte in text {
            if previous == 0x20 {
                switch byte {
                case 0x20, UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "/"),
                    UInt8(ascii: ")"), UInt8(ascii: "]"):
                    return false
                default:
                    break
                }
            }
            previous = byte
        }
        return true
    }
}
