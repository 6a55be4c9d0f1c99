/// A strict RFC 8259 parser that keeps member order and number text.
///
/// Hostile input costs bounded stack, time and memory: nesting, members per object and string length are
/// capped by ``JSONLimits`` (each refusal names its limit), and objects index their members, so parsing is
/// linear in the input. Member names must be unique unless the caller asks otherwise (``JSONDuplicateMembers``).
public struct JSONParser {
    /// The standard nesting limit (``JSONLimits/standard``).
    public static let maximumDepth = JSONLimits.standard.maximumDepth

    private var cursor: JSONCursor
    private let duplicates: JSONDuplicateMembers
    private var depth = 0

    private init(_ bytes: [UInt8], limits: JSONLimits, duplicates: JSONDuplicateMembers) {
        cursor = JSONCursor(bytes, limits: limits)
        self.duplicates = duplicates
    }

    /// Parses one JSON document; whitespace may surround it, nothing else may follow it.
    public static func parse(
        _ bytes: [UInt8], limits: JSONLimits = .standard, duplicates: JSONDuplicateMembers = .reject
    ) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes, limits: limits, duplicates: duplicates)
        try parser.cursor.checkStart()
        parser.cursor.skipWhitespace()
        let value = try parser.parseValue()
        parser.cursor.skipWhitespace()
        guard parser.cursor.atEnd else { throw parser.cursor.error("unexpected data after the document") }
        return value
    }

    public static func parse(
        _ text: String, limits: JSONLimits = .standard, duplicates: JSONDuplicateMembers = .reject
    ) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits, duplicates: duplicates)
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let byte = cursor.current else { throw cursor.error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try cursor.scanString(decode: true)!)
        case UInt8(ascii: "t"): try cursor.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try cursor.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try cursor.expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(String(decoding: cursor.bytes[try cursor.scanNumber()], as: UTF8.self))
        default: throw cursor.error("unexpected character '\(JSONCursor.printable(byte))'")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        let limit = cursor.limits.maximumDepth
        guard depth <= limit else {
            throw cursor.error("nesting deeper than \(limit) levels (maximumDepth)", limit: .maximumDepth)
        }
        cursor.index += 1
        cursor.skipWhitespace()
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var object = JSONObject()
        var names = 0  // names written, duplicates included, so the limit counts as the scanner's does
        if cursor.current == UInt8(ascii: "}") {
            cursor.index += 1
            return .object(object)
        }
        while true {
            cursor.skipWhitespace()
            let keyOffset = cursor.index
            guard cursor.current == UInt8(ascii: "\"") else { throw cursor.error("expected a member name in quotes") }
            guard names < cursor.limits.maximumMembers else {
                throw cursor.error("an object with more than \(cursor.limits.maximumMembers) members (maximumMembers)",
                    limit: .maximumMembers)
            }
            let key = try cursor.scanString(decode: true)!
            names += 1
            cursor.skipWhitespace()
            guard cursor.current == UInt8(ascii: ":") else { throw cursor.error("expected ':' after member name") }
            cursor.index += 1
            cursor.skipWhitespace()
            let value = try parseValue()
            if !object.appendIfAbsent(key, value) {
                guard duplicates == .lastWins else {
                    throw cursor.error("duplicate member name \"\(key)\"", at: keyOffset)
                }
                object[key] = value
            }
            cursor.skipWhitespace()
            switch cursor.current {
            case UInt8(ascii: ","): cursor.index += 1
            case UInt8(ascii: "}"):
                cursor.index += 1
                return .object(object)
            default: throw cursor.error("expected ',' or '}' in object")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        var array: [JSONValue] = []
        if cursor.current == UInt8(ascii: "]") {
            cursor.index += 1
            return .array(array)
        }
        while true {
            cursor.skipWhitespace()
            array.append(try parseValue())
            cursor.skipWhitespace()
            switch cursor.current {
            case UInt8(ascii: ","): cursor.index += 1
            case UInt8(ascii: "]"):
                cursor.index += 1
                return .array(array)
            default: throw cursor.error("expected ',' or ']' in array")
            }
        }
    }
}
