/// A journal entry's header fields packed in one byte buffer: for each field its name's and its value's UTF-8
/// length (LEB128) and bytes, in the order received.
///
/// Kept as an array of `(name, value)` strings, an entry held the request's header strings (most longer than a
/// small string's 15 bytes, so each its own allocation) until the ring dropped it ~500 requests later; freeing
/// those cold strings one by one, through the generic tuple destroyer, was ~4 % of a served request's server time
/// (`perf record` of `snapsim serve` under wrk). Packed, the request's strings are freed with the request and the
/// dropped entry frees one buffer. The fields are decoded back into strings only when the journal is read.
struct JournalHeaders: Sendable {
    private var bytes: [UInt8] = []
    /// Fields held.
    private(set) var count = 0
    /// The UTF-8 bytes of all names and values (``JournalEntry/byteSize`` counts them).
    private(set) var textBytes = 0

    /// No fields.
    init() {}

    /// `fields` packed as given.
    init(_ fields: [(name: String, value: String)]) {
        self.init(count: fields.count) { body in
            for field in fields { body(field.name, field.value) }
        }
    }

    /// The `count` fields `forEach` hands to its body, in that order (it is called twice: once to size the
    /// buffer, once to fill it), written in one allocation.
    init(count: Int, _ forEach: ((String, String) -> Void) -> Void) {
        var size = 0
        var textBytes = 0
        forEach { name, value in
            let lengths = (name.utf8.count, value.utf8.count)
            textBytes += lengths.0 + lengths.1
            size += lengths.0 + lengths.1 + Self.lengthBytes(lengths.0) + Self.lengthBytes(lengths.1)
        }
        bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var offset = 0
            forEach { name, value in
                Self.write(name, to: buffer, at: &offset)
                Self.write(value, to: buffer, at: &offset)
            }
            initialized = offset
        }
        self.count = count
        self.textBytes = textBytes
    }

    /// Bytes of `length` in LEB128.
    private static func lengthBytes(_ length: Int) -> Int {
        var length = length
        var bytes = 1
        while length >= 0x80 {
            length >>= 7
            bytes += 1
        }
        return bytes
    }

    /// Writes `text`'s length and UTF-8 bytes at `offset` (room for them was counted).
    private static func write(_ text: String, to buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int) {
        var length = text.utf8.count
        while length >= 0x80 {
            buffer[offset] = UInt8(truncatingIfNeeded: length) | 0x80
            offset += 1
            length >>= 7
        }
        buffer[offset] = UInt8(length)
        offset += 1
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 in
            if let source = utf8.baseAddress, let target = buffer.baseAddress {
                (target + offset).initialize(from: source, count: utf8.count)
            }
            return utf8.count
        }
        if let copied {
            offset += copied
        } else {
            for byte in text.utf8 {
                buffer[offset] = byte
                offset += 1
            }
        }
    }

    /// The fields, in the order they were added.
    var fields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        fields.reserveCapacity(count)
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            func text() -> String {
                var length = 0
                var shift = 0
                while true {
                    let byte = buffer[offset]
                    offset += 1
                    length |= Int(byte & 0x7F) << shift
                    if byte < 0x80 { break }
                    shift += 7
                }
                defer { offset += length }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[offset..<offset + length]), as: UTF8.self)
            }
            while offset < buffer.count {
                let name = text()
                fields.append((name, text()))
            }
        }
        return fields
    }
}
