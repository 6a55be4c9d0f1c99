import SimHTTP
import Testing

/// Header values are checked eight bytes at a time and the head is searched with `memchr`: these requests put
/// the forbidden byte at every offset of a long value, so every lane of the word check and the byte-by-byte tail
/// are exercised, and compare with what a byte loop decides.
@Suite struct HTTPFieldValueScanTests {
    static let value = "Bearer 0123456789abcdefghijklmnopqrstuvwxyz"

    private func parse(_ bytes: [UInt8]) -> HTTPRequestParser.Action {
        var parser = HTTPRequestParser()
        return parser.feed(bytes)
    }

    private func request(value: [UInt8]) -> [UInt8] {
        Array("GET / HTTP/1.1\r\nHost: x\r\nAuthorization: ".utf8) + value + Array("\r\n\r\n".utf8)
    }

    @Test(arguments: [UInt8(0x00), 0x01, 0x0B, 0x1F, 0x7F])
    func controlAtAnyOffset_IsRefused(_ control: UInt8) {
        for offset in 1..<(Self.value.utf8.count - 1) {
            var bytes = Array(Self.value.utf8)
            bytes[offset] = control
            #expect(parse(request(value: bytes)) == .error(.invalidHeaderField), "offset \(offset)")
        }
    }

    @Test func tabAndObsText_AtAnyOffset_AreAccepted() {
        for byte in [UInt8(0x09), 0x80, 0xC3, 0xFF, 0x20, 0x7E] {
            for offset in 1..<(Self.value.utf8.count - 1) {
                var bytes = Array(Self.value.utf8)
                bytes[offset] = byte
                guard case .request(let request) = parse(request(value: bytes)) else {
                    Issue.record("byte \(byte) at \(offset) refused")
                    continue
                }
                #expect(request.headers["Authorization"] == String(decoding: bytes, as: UTF8.self))
            }
        }
    }

    @Test func bareCRInALongValue_IsRefusedAtEverySplit() {
        for offset in [1, 7, 8, 9, 20] {
            var value = Array(Self.value.utf8)
            value[offset] = UInt8(ascii: "\r")
            let text = String(decoding: request(value: value), as: UTF8.self)
            #expect(parseAtEverySplit(text) == [.error(.invalidLineEnding)], "offset \(offset)")
        }
    }

    @Test func longHeadWithManyFields_ParsesAtEverySplit() {
        let text = "POST /v1.0/balance-inquiry HTTP/1.1\r\nHost: 127.0.0.1\r\nX-SIGNATURE: \(String(repeating: "A", count: 86))==\r\n"
            + "X-TIMESTAMP: 2026-01-15T09:00:00+07:00\r\nContent-Length: 2\r\n\r\n{}"
        let actions = parseAtEverySplit(text)
        guard case .request(let request)? = actions.first else {
            Issue.record("no request: \(actions)")
            return
        }
        #expect(request.headers["X-SIGNATURE"]?.utf8.count == 88)
        #expect(request.body == Array("{}".utf8))
    }
}
