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
        var capacity = 0
        for field in fields { capacity += field.name.utf8.count + field.value.utf8.count + 6 }
        bytes.reserveCapacity(capacity)
        for field in fields { append(name: field.name, value: field.value) }
    }

    /// Adds a field after the others.
    mutating func append(name: String, value: String) {
        append(name)
        append(value)
        count += 1
    }

    /// Makes room for `count` more bytes (names, values and their lengths).
    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
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

    private mutating func append(_ text: String) {
        var length = text.utf8.count
        textBytes += length
        while length >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: length) | 0x80)
            length >>= 7
        }
        bytes.append(UInt8(length))
        bytes.append(contentsOf: text.utf8)
    }
}
