/// Compact JSON written as UTF-8 bytes straight into a caller's `[UInt8]`.
///
/// Every answer the simulator sends goes through here, so it avoids what a naive writer pays per value: no
/// `String` is built or interpolated, strings are scanned eight bytes at a time for the three kinds of byte JSON
/// must escape (`"`, `\`, controls below 0x20) and copied in runs with one `memcpy`, and the tree is walked over
/// borrowed storage without copying members. The output is byte-for-byte that of the reference writer the
/// tests keep (`/` not escaped, non-ASCII left as UTF-8, controls as `\n` `\r` `\t` or `\u00XX`).
enum JSONCompactWriter {
    /// The compact text of `value`, written on the stack first (an answer is rarely longer than
    /// ``JSONOutputBuffer/scratchCapacity``; the buffer moves to the heap and doubles if it is).
    static func bytes(of value: JSONValue) -> [UInt8] {
        JSONOutputBuffer.withScratch { buffer in
            write(value, to: &buffer)
            return Array(buffer.written)
        }
    }

    /// The compact text of `value` as a `String`, decoded straight from the buffer (no `[UInt8]` in between).
    static func text(of value: JSONValue) -> String {
        JSONOutputBuffer.withScratch { buffer in
            write(value, to: &buffer)
            return String(decoding: buffer.written, as: UTF8.self)
        }
    }

    /// The compact text of `value` with every object's members ordered by name (`String <`, a stable order for
    /// names Swift calls equal), written from the tree as it is rather than from a sorted copy of it.
    static func textSortingKeys(of value: JSONValue) -> String {
        JSONOutputBuffer.withScratch { buffer in
            writeSortingKeys(value, to: &buffer)
            return String(decoding: buffer.written, as: UTF8.self)
        }
    }

    private static func writeSortingKeys(_ value: JSONValue, to output: inout JSONOutputBuffer) {
        switch value {
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeSortingKeys(elements[position], to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            // Borrowed in place, as ``writeObject(_:to:)`` does: no member is copied (retained) to be written.
            object.members.withUnsafeBufferPointer { members in
                withNameOrder(of: members) { order in
                    for written in order.indices {
                        if written > 0 { output.append(UInt8(ascii: ",")) }
                        writeString(members[order[written]].key, to: &output)
                        output.append(UInt8(ascii: ":"))
                        writeSortingKeys(members[order[written]].value, to: &output)
                    }
                }
            }
            output.append(UInt8(ascii: "}"))
        default:
            write(value, to: &output)
        }
    }

    /// The positions of `members` in name order, exactly as the stable `indices.sorted { $0.key < $1.key }`
    /// orders them. A small object (every request body) is insertion-sorted on the stack, which is stable too,
    /// with ``precedes(_:_:)``; a larger one is sorted as before.
    private static func withNameOrder(
        of members: UnsafeBufferPointer<(key: String, value: JSONValue)>, _ body: (UnsafeBufferPointer<Int>) -> Void
    ) {
        guard members.count <= JSONObject.indexThreshold else {
            members.indices.sorted { members[$0].key < members[$1].key }.withUnsafeBufferPointer(body)
            return
        }
        withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { order in
            for position in members.indices {
                // Moves left past strictly greater names only: equal ones keep their order.
                var slot = position
                while slot > 0, precedes(members[position].key, members[order[slot - 1]].key) {
                    order[slot] = order[slot - 1]
                    slot -= 1
                }
                order[slot] = position
            }
            body(UnsafeBufferPointer(order))
        }
    }

    /// `lhs < rhs` as `String` orders them. Two all-ASCII names are compared by their bytes, which for ASCII is
    /// that order (Unicode scalar values, nothing to normalize), without `String <`'s general path. Any other pair
    /// goes to `String <`: a combining mark after an ASCII letter changes how the letter compares.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let ascii = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right -> Bool? in
                guard isASCII(left), isASCII(right) else { return nil }
                for position in 0..<min(left.count, right.count) where left[position] != right[position] {
                    return left[position] < right[position]
                }
                return left.count < right.count
            }
        }
        if case .some(.some(.some(let less))) = ascii { return less }
        return lhs < rhs
    }

    @inline(__always)
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    /// Appends the compact text of `value` to `output`.
    static func write(_ value: JSONValue, to output: inout [UInt8]) {
        JSONOutputBuffer.withScratch { buffer in
            write(value, to: &buffer)
            output.append(contentsOf: buffer.written)
        }
    }

    static func write(_ value: JSONValue, to output: inout JSONOutputBuffer) {
        switch value {
        case .null: appendASCII("null", to: &output)
        case .bool(let flag): appendASCII(flag ? "true" : "false", to: &output)
        case .number(let text): withUTF8(text) { output.append($0) }
        case .string(let text): writeString(text, to: &output)
        case .array(let elements): writeArray(elements, to: &output)
        case .object(let object): writeObject(object, to: &output)
        }
    }

    private static func writeArray(_ elements: [JSONValue], to output: inout JSONOutputBuffer) {
        output.append(UInt8(ascii: "["))
        elements.withUnsafeBufferPointer { elements in
            for position in elements.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                write(elements[position], to: &output)
            }
        }
        output.append(UInt8(ascii: "]"))
    }

    private static func writeObject(_ object: JSONObject, to output: inout JSONOutputBuffer) {
        output.append(UInt8(ascii: "{"))
        object.members.withUnsafeBufferPointer { members in
            for position in members.indices {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                writeString(members[position].key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(members[position].value, to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// `text` in quotes, escaped, into a `[UInt8]` (the pretty writer's names).
    static func writeString(_ text: String, to output: inout [UInt8]) {
        var buffer = JSONOutputBuffer(capacity: text.utf8.count + 16)
        defer { buffer.release() }
        writeString(text, to: &buffer)
        output.append(contentsOf: buffer.written)
    }

    /// `text` in quotes, escaped.
    static func writeString(_ text: String, to output: inout JSONOutputBuffer) {
        withUTF8(text) { bytes in
            let count = bytes.count
            // Room for the string unescaped and its quotes; an escape reserves what it adds.
            output.reserve(count + 2)
            output.appendUnchecked(UInt8(ascii: "\""))
            guard let base = bytes.baseAddress else {
                output.appendUnchecked(UInt8(ascii: "\""))
                return
            }
            var runStart = 0
            var index = 0
            while index < count {
                // Whole words without anything to escape (nearly all of every string) are skipped eight bytes at
                // a time.
                if count - index >= 8 {
                    if !wordNeedsEscape(word(at: base + index)) {
                        index += 8
                        continue
                    }
                } else if count >= 8, !wordNeedsEscape(word(at: base + count - 8)) {
                    // The tail, checked as the string's last eight bytes (overlapping ones already checked).
                    index = count
                    continue
                }
                let byte = base[index]
                guard needsEscape(byte) else {
                    index += 1
                    continue
                }
                output.appendUnchecked(base + runStart, count: index - runStart)
                // The escape is at most 6 bytes where the byte took 1; the rest of the string stays reserved.
                output.reserve(5 + count - index + 1)
                appendEscape(byte, to: &output)
                index += 1
                runStart = index
            }
            output.appendUnchecked(base + runStart, count: count - runStart)
            output.appendUnchecked(UInt8(ascii: "\""))
        }
    }

    @inline(__always)
    private static func word(at address: UnsafePointer<UInt8>) -> UInt64 {
        UnsafeRawPointer(address).loadUnaligned(as: UInt64.self)
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any of the eight bytes of `word` is a control, `"` or `\` (the classic "has a byte less than /
    /// equal to" bit tricks: exact as an existence test, which is all the caller asks).
    @inline(__always)
    private static func wordNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zeroQuote = (quotes &- ones) & ~quotes & highs
        let zeroBackslash = (backslashes &- ones) & ~backslashes & highs
        return control | zeroQuote | zeroBackslash != 0
    }

    /// Writes the escape of `byte` (room for six bytes is reserved).
    private static func appendEscape(_ byte: UInt8, to output: inout JSONOutputBuffer) {
        output.appendUnchecked(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.appendUnchecked(byte)
        case 0x0A: output.appendUnchecked(UInt8(ascii: "n"))
        case 0x0D: output.appendUnchecked(UInt8(ascii: "r"))
        case 0x09: output.appendUnchecked(UInt8(ascii: "t"))
        default:
            let digits: StaticString = "0123456789abcdef"
            output.appendUnchecked(UInt8(ascii: "u"))
            output.appendUnchecked(UInt8(ascii: "0"))
            output.appendUnchecked(UInt8(ascii: "0"))
            output.appendUnchecked(digits.utf8Start[Int(byte >> 4)])
            output.appendUnchecked(digits.utf8Start[Int(byte & 0xF)])
        }
    }

    @inline(__always)
    private static func appendASCII(_ text: StaticString, to output: inout JSONOutputBuffer) {
        output.append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The string's UTF-8 without copying a native string (small and bridged ones are made contiguous first).
    @inline(__always)
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable(body) { return done }
        var text = text
        text.withUTF8(body)
    }
}
