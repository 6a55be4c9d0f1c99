/// Checks a document without building it, and optionally minifies it in the same pass.
///
/// It accepts exactly what ``JSONParser`` accepts under the same limits and duplicate policy (both read through
/// one lexical layer), so a server can validate or minify a body without a second tree. It keeps its own stack of
/// open containers rather than recursing, so any depth limit is safe.
public enum JSONScanner {
    /// Throws where and why `bytes` is not one JSON document within `limits`.
    public static func validate(
        _ bytes: [UInt8], limits: JSONLimits = .standard, duplicates: JSONDuplicateMembers = .reject
    ) throws(JSONSyntaxError) {
        var scan = Scan(bytes, limits: limits, duplicates: duplicates, minifying: false)
        try scan.run()
    }

    /// `bytes` without insignificant whitespace, validated as by ``validate(_:limits:duplicates:)``. Member order,
    /// number text and escapes stay exactly as written; already compact input comes back without a copy.
    public static func minify(
        _ bytes: [UInt8], limits: JSONLimits = .standard, duplicates: JSONDuplicateMembers = .reject
    ) throws(JSONSyntaxError) -> [UInt8] {
        var scan = Scan(bytes, limits: limits, duplicates: duplicates, minifying: true)
        try scan.run()
        guard scan.copied > 0 else { return bytes }
        scan.output.append(contentsOf: bytes[scan.copied...])
        return scan.output
    }

    /// Limits only the scanner can honour: depth is bounded by the input's size alone, since it does not recurse.
    public static let grammarOnly = JSONLimits(
        maximumDepth: JSONLimits.deepestSupported, maximumMembers: .max, maximumStringLength: .max)
}

private struct Scan {
    struct Container {
        var isObject: Bool
        var members = 0
        var keys: Set<MemberKey> = []
    }

    var cursor: JSONCursor
    let duplicates: JSONDuplicateMembers
    let minifying: Bool
    var stack: [Container] = []
    var output: [UInt8] = []
    /// Input before this offset has been copied to `output` (minifying only).
    var copied = 0

    init(_ bytes: [UInt8], limits: JSONLimits, duplicates: JSONDuplicateMembers, minifying: Bool) {
        cursor = JSONCursor(bytes, limits: limits)
        self.duplicates = duplicates
        self.minifying = minifying
    }

    /// Skips whitespace, copying the input before it to the output when minifying.
    mutating func skip() {
        let start = cursor.index
        cursor.skipWhitespace()
        guard minifying, cursor.index > start else { return }
        if output.isEmpty { output.reserveCapacity(cursor.bytes.count) }
        output.append(contentsOf: cursor.bytes[copied..<start])
        copied = cursor.index
    }

    mutating func run() throws(JSONSyntaxError) {
        try cursor.checkStart()
        var expectingValue = true
        while true {
            if expectingValue {
                skip()
                guard let byte = cursor.current else { throw cursor.error("unexpected end of input") }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = byte == UInt8(ascii: "{")
                    guard stack.count < cursor.limits.maximumDepth else {
                        throw cursor.error("nesting deeper than \(cursor.limits.maximumDepth) levels (maximumDepth)",
                            limit: .maximumDepth)
                    }
                    stack.append(Container(isObject: isObject))
                    cursor.index += 1
                    skip()
                    if cursor.current == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        cursor.index += 1
                        stack.removeLast()
                    } else {
                        if isObject { try memberName() }
                        continue
                    }
                case UInt8(ascii: "\""): _ = try cursor.scanString(decode: false)
                case UInt8(ascii: "t"): try cursor.expectLiteral("true")
                case UInt8(ascii: "f"): try cursor.expectLiteral("false")
                case UInt8(ascii: "n"): try cursor.expectLiteral("null")
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try cursor.scanNumber()
                default: throw cursor.error("unexpected character '\(JSONCursor.printable(byte))'")
                }
                expectingValue = false
            }
            skip()
            guard let top = stack.last else {
                guard cursor.atEnd else { throw cursor.error("unexpected data after the document") }
                return
            }
            switch cursor.current {
            case UInt8(ascii: ","):
                cursor.index += 1
                if top.isObject {
                    skip()
                    try memberName()
                }
                expectingValue = true
            case UInt8(ascii: "}") where top.isObject, UInt8(ascii: "]") where !top.isObject:
                cursor.index += 1
                stack.removeLast()
            default:
                throw cursor.error(top.isObject ? "expected ',' or '}' in object" : "expected ',' or ']' in array")
            }
        }
    }

    /// A member name and its colon, counted and checked for duplicates in the innermost object.
    mutating func memberName() throws(JSONSyntaxError) {
        let keyOffset = cursor.index
        guard cursor.current == UInt8(ascii: "\"") else { throw cursor.error("expected a member name in quotes") }
        let top = stack.count - 1
        guard stack[top].members < cursor.limits.maximumMembers else {
            throw cursor.error("an object with more than \(cursor.limits.maximumMembers) members (maximumMembers)", limit: .maximumMembers)
        }
        if duplicates == .reject {
            let key = try cursor.scanString(decode: true)!
            guard stack[top].keys.insert(MemberKey(key)).inserted else {
                throw cursor.error("duplicate member name \"\(key)\"", at: keyOffset)
            }
            stack[top].members += 1
        } else {
            _ = try cursor.scanString(decode: false)
            stack[top].members += 1
        }
        skip()
        guard cursor.current == UInt8(ascii: ":") else { throw cursor.error("expected ':' after member name") }
        cursor.index += 1
    }
}
