extension HTTPResponseEncoder {
    /// Writes a response head through a pointer into memory the encoder sized for it (no capacity checks: the
    /// encoder counts the longest the head can be first).
    ///
    /// Bytes that would break the message are replaced as they are copied: CR, LF and other controls everywhere
    /// (with a space), and in names anything that is not a token character (with `-`), so no response can split
    /// into two. Clean text (every header the simulator writes) is checked and copied in one piece.
    struct HeadWriter {
        private var cursor: UnsafeMutablePointer<UInt8>

        init(_ start: UnsafeMutablePointer<UInt8>) {
            cursor = start
        }

        /// How many bytes were written since `start`.
        func count(from start: UnsafeMutablePointer<UInt8>) -> Int { cursor - start }

        @inline(__always)
        mutating func write(_ byte: UInt8) {
            cursor.initialize(to: byte)
            cursor += 1
        }

        @inline(__always)
        mutating func write(_ text: StaticString) {
            cursor.initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
            cursor += text.utf8CodeUnitCount
        }

        @inline(__always)
        mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard let base = bytes.baseAddress else { return }
            cursor.initialize(from: base, count: bytes.count)
            cursor += bytes.count
        }

        /// A non-negative integer in decimal, without going through `String`.
        mutating func writeDecimal(_ value: Int) {
            var divisor = 1
            while divisor <= value / 10 { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                write(ASCII.zero &+ UInt8(truncatingIfNeeded: rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }

        /// UTF-8 text with the bytes that would break the message replaced.
        mutating func writeSanitized(_ text: String, isName: Bool) {
            if let done: Void = text.utf8.withContiguousStorageIfAvailable({ writeSanitized(bytes: $0, isName: isName) }) {
                return done
            }
            var text = text
            text.withUTF8 { writeSanitized(bytes: $0, isName: isName) }
        }

        private mutating func writeSanitized(bytes: UnsafeBufferPointer<UInt8>, isName: Bool) {
            if isName ? Self.isToken(bytes) : Self.isFieldValue(bytes) {
                write(bytes)
                return
            }
            for byte in bytes {
                write(Self.isBad(byte, isName: isName) ? (isName ? UInt8(ascii: "-") : ASCII.space) : byte)
            }
        }

        private static func isToken(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where !ASCII.isTokenChar(byte) { return false }
            return true
        }

        /// Whether no byte is a control other than tab, or DEL: eight bytes at a time, as the parser checks
        /// received values (a word with a tab, or a control, is settled byte by byte).
        private static func isFieldValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let base = bytes.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            var index = 0
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let control = (word &- ones &* 0x20) & ~word & highs
                let delete = word ^ (ones &* 0x7F)
                if control | ((delete &- ones) & ~delete & highs) != 0 { break }
                index += 8
            }
            while index < bytes.count {
                if isBad(bytes[index], isName: false) { return false }
                index += 1
            }
            return true
        }

        @inline(__always)
        private static func isBad(_ byte: UInt8, isName: Bool) -> Bool {
            isName ? !ASCII.isTokenChar(byte) : (byte < 0x20 && byte != ASCII.tab) || byte == 0x7F
        }
    }
}
