/// ``JSONValue/compactTextSortingKeys`` of a parsed request body, written the cheap way when the body is ordinary.
///
/// The payload fingerprint of every top-up (and other idempotent services) is this text. The general writer sorts
/// each object's members with `String <` into an array of positions and writes into a heap buffer; here a body
/// whose member names are ASCII (where `String <` is byte order), whose strings need no escape, whose objects have
/// at most ``maximumMembers`` members and whose text fits ``capacity`` bytes is written into one stack buffer,
/// positions sorted on the stack by their names' bytes. Anything else — an escape, a non-ASCII name, a large object
/// or body — returns `nil` from the fast path and the general writer answers, so the text is always the same.
enum JSONCanonicalWriter {
    /// The largest text written on the stack (a SNAP body is a few hundred bytes). Not more: the standard library
    /// takes a temporary allocation above 1 KiB from the heap.
    static let capacity = 1024
    /// The most members of one object sorted on the stack (insertion sort; a SNAP object has a handful).
    static let maximumMembers = 24
    /// The deepest nesting written on the stack.
    static let maximumDepth = 16

    /// The canonical text of `value`: exactly ``JSONCompactWriter/textSortingKeys(of:)``.
    static func text(of value: JSONValue) -> String {
        if let text = fastText(of: value) { return text }
        return JSONCompactWriter.textSortingKeys(of: value)
    }

    /// The text written on the stack, or `nil` when the body is not ordinary (see the type's comment).
    static func fastText(of value: JSONValue) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { storage -> String? in
            var output = BoundedOutput(base: storage.baseAddress!, capacity: capacity)
            guard write(value, to: &output, depth: 0) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: output.base, count: output.count), as: UTF8.self)
        }
    }

    /// Bytes written through a pointer into fixed storage; every append says whether it fitted.
    struct BoundedOutput {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int
        var count = 0

        @inline(__always)
        mutating func append(_ byte: UInt8) -> Bool {
            guard count < capacity else { return false }
            base[count] = byte
            count += 1
            return true
        }

        @inline(__always)
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard capacity - count >= bytes.count else { return false }
            if let source = bytes.baseAddress { (base + count).initialize(from: source, count: bytes.count) }
            count += bytes.count
            return true
        }
    }

    private static func write(_ value: JSONValue, to output: inout BoundedOutput, depth: Int) -> Bool {
        switch value {
        case .null: return appendASCII("null", to: &output)
        case .bool(let flag): return appendASCII(flag ? "true" : "false", to: &output)
        case .number(let text): return withUTF8(text) { output.append($0) }
        case .string(let text): return writeString(text, to: &output)
        case .array(let elements):
            guard depth < maximumDepth, output.append(UInt8(ascii: "[")) else { return false }
            for position in elements.indices {
                if position > 0 { guard output.append(UInt8(ascii: ",")) else { return false } }
                guard write(elements[position], to: &output, depth: depth + 1) else { return false }
            }
            return output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard depth < maximumDepth else { return false }
            return writeObject(object.members, to: &output, depth: depth)
        }
    }

    private static func writeObject(
        _ members: [(key: String, value: JSONValue)], to output: inout BoundedOutput, depth: Int
    ) -> Bool {
        let count = members.count
        guard count <= maximumMembers, output.append(UInt8(ascii: "{")) else { return false }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(count, 1)) { order -> Bool in
            // Insertion sort of positions by name bytes: stable, like the general writer's sort, and names are
            // distinct in a parsed object anyway.
            for position in 0..<count {
                guard isPlainASCII(members[position].key) else { return false }
                var slot = position
                while slot > 0, precedes(members[position].key, members[order[slot - 1]].key) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = position
            }
            for written in 0..<count {
                let member = members[order[written]]
                if written > 0 { guard output.append(UInt8(ascii: ",")) else { return false } }
                guard writeString(member.key, to: &output), output.append(UInt8(ascii: ":")),
                    write(member.value, to: &output, depth: depth + 1)
                else { return false }
            }
            return output.append(UInt8(ascii: "}"))
        }
    }

    /// `left < right` for two ASCII names: byte order, which is `String <` on ASCII.
    @inline(__always)
    private static func precedes(_ left: String, _ right: String) -> Bool {
        withUTF8(left) { left in
            withUTF8(right) { right in
                let shorter = Swift.min(left.count, right.count)
                var index = 0
                while index < shorter {
                    if left[index] != right[index] { return left[index] < right[index] }
                    index += 1
                }
                return left.count < right.count
            }
        }
    }

    /// Whether every byte of `text` is below 0x80.
    private static func isPlainASCII(_ text: String) -> Bool {
        withUTF8(text) { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            return true
        }
    }

    /// `text` in quotes when nothing in it needs an escape; `false` otherwise (the general writer escapes).
    private static func writeString(_ text: String, to output: inout BoundedOutput) -> Bool {
        withUTF8(text) { bytes -> Bool in
            guard output.capacity - output.count >= bytes.count + 2 else { return false }
            for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            _ = output.append(UInt8(ascii: "\""))
            _ = output.append(bytes)
            return output.append(UInt8(ascii: "\""))
        }
    }

    @inline(__always)
    private static func appendASCII(_ text: StaticString, to output: inout BoundedOutput) -> Bool {
        output.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The string's UTF-8 without copying a native or small string.
    @inline(__always)
    private static func withUTF8<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let done = text.utf8.withContiguousStorageIfAvailable(body) { return done }
        var text = text
        return text.withUTF8(body)
    }
}

extension JSONValue {
    /// ``compactTextSortingKeys`` (the same text), written on the stack when the value is an ordinary SNAP body:
    /// the payload fingerprint idempotent services keep.
    public var canonicalTextSortingKeys: String {
        JSONCanonicalWriter.text(of: self)
    }
}
