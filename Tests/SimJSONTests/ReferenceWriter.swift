@testable import SimJSON

/// The compact writer as it was before `JSONCompactWriter` (a byte loop over each string, member by member):
/// kept here as the reference the fast writer must match byte for byte.
enum ReferenceWriter {
    static func bytes(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        write(value, to: &output)
        return output
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
            case 0x0A: output.append(contentsOf: "\\n".utf8)
            case 0x0D: output.append(contentsOf: "\\r".utf8)
            case 0x09: output.append(contentsOf: "\\t".utf8)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: "\\u00".utf8)
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Random JSON values for the writer tests, reproducible from a seed (SplitMix64).
struct RandomJSON {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Pieces strings are made of: every kind of byte the writer treats differently, multi-byte UTF-8 of each
    /// length, and plain runs long enough to fill whole eight-byte words.
    static let pieces: [String] =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        + ["\"", "\\", "/", "\u{7F}", "a", "Z", "0", " ", "é", "e\u{301}", "€", "😀", "ü", "abcdefgh"]
        + ["1234567890123"]

    mutating func string() -> String {
        if below(3) == 0 {  // plain text, long enough to fill whole words
            return String(repeating: "abcdefghij", count: below(4)) + String(repeating: "x", count: below(9))
        }
        return (0..<below(24)).map { _ in Self.pieces[below(Self.pieces.count)] }.joined()
    }

    /// A value at most `depth` levels deep; numbers are integers when `integersOnly` (Python keeps their text).
    mutating func value(depth: Int, integersOnly: Bool = false) -> JSONValue {
        switch below(depth > 0 ? 7 : 5) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2:
            let integers = ["0", "-7", "10000", "123456789012"]
            let numbers = integersOnly ? integers : integers + ["2.5e3", "10000.00", "-0.50e+3", "1E-999"]
            return .number(numbers[below(numbers.count)])
        case 3, 4: return .string(string())
        case 5: return .array((0..<below(5)).map { _ in value(depth: depth - 1, integersOnly: integersOnly) })
        default:
            var object = JSONObject()
            for _ in 0..<below(20) { object[string()] = value(depth: depth - 1, integersOnly: integersOnly) }
            return .object(object)
        }
    }
}
