/// HTTP header fields in the order they were received or added.
///
/// Names compare case-insensitively (RFC 9110 §5.1) but keep the spelling they were given,
/// so a response reads the way its author wrote it.
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Field = (name: String, value: String)

    private var fields: [Field] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The first value of the named field, or `nil`; setting replaces every field of that name.
    public subscript(name: String) -> String? {
        get {
            // By index, lengths first: `first(where:)` copies every field it looks at (two retains each), and most
            // names differ in length. Every request looks up several headers.
            let length = name.utf8.count
            for index in fields.indices
            where fields[index].name.utf8.count == length && Self.equalNames(fields[index].name, name) {
                return fields[index].value
            }
            return nil
        }
        set {
            remove(name)
            if let newValue { fields.append((name: name, value: newValue)) }
        }
    }

    /// Every value of the named field, in order.
    public func values(for name: String) -> [String] {
        fields.filter { Self.equalNames($0.name, name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool {
        fields.contains { Self.equalNames($0.name, name) }
    }

    public mutating func add(name: String, value: String) {
        fields.append((name: name, value: value))
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { Self.equalNames($0.name, name) }
    }

    public var count: Int { fields.count }

    /// Reserves room for `capacity` fields, so a parser that knows the count appends without regrowing.
    public mutating func reserveCapacity(_ capacity: Int) {
        fields.reserveCapacity(capacity)
    }

    /// Whether any field named `name` lists `token` among its comma-separated elements, ignoring ASCII case
    /// and surrounding whitespace (RFC 9110 §5.6.1), e.g. `close` in `Connection: keep-alive, Close`.
    public func containsToken(_ token: String, inFieldNamed name: String) -> Bool {
        for field in fields where Self.equalNames(field.name, name) {
            for element in field.value.split(separator: ",") {
                let trimmed = element.drop { $0 == " " || $0 == "\t" }
                let end = trimmed.lastIndex { $0 != " " && $0 != "\t" }.map { trimmed.index(after: $0) }
                if Self.equalNames(trimmed[..<(end ?? trimmed.startIndex)], token) { return true }
            }
        }
        return false
    }

    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { Self.equalNames($0.name, $1.name) && $0.value == $1.value }
    }

    /// ASCII case-insensitive comparison without allocating lowercased copies: this runs for every lookup, so
    /// the common case (two Strings) compares contiguous UTF-8 instead of zipping two UTF-8 views.
    static func equalNames(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // Names are nearly always spelled alike (a parsed request's common names are the same literals as the
        // names looked up): equal representations (the same small string, or the same storage) are equal bytes,
        // settled without reaching for them. (Not `==`, which also equates canonically equivalent non-ASCII.)
        if unsafeBitCast(lhs, to: (UInt64, UInt64).self) == unsafeBitCast(rhs, to: (UInt64, UInt64).self) {
            return true
        }
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { a in
            rhs.withUTF8 { b in
                for index in 0..<a.count where a[index] != b[index] {
                    let x = a[index] | 0x20
                    guard x == b[index] | 0x20, x >= UInt8(ascii: "a"), x <= UInt8(ascii: "z") else { return false }
                }
                return true
            }
        }
    }

    /// ASCII case-insensitive comparison of any two strings (substrings of a comma-separated field).
    static func equalNames(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        let a = lhs.utf8, b = rhs.utf8
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) where x != y {
            guard x | 0x20 == y | 0x20, (x | 0x20) >= UInt8(ascii: "a"), (x | 0x20) <= UInt8(ascii: "z") else {
                return false
            }
        }
        return true
    }
}
