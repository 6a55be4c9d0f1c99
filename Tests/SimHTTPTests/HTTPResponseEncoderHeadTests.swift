import SimHTTP
import Testing

/// The encoder writes a response's head through a pointer into scratch memory sized beforehand: held to a
/// reference encoder written the obvious way (byte by byte into an array), on random heads of every size,
/// with clean and dirty names and values (controls, DEL, tabs, non-ASCII), every framing header and status.
@Suite struct HTTPResponseEncoderHeadTests {
    let date = HTTPDate(secondsSince1970: 784_111_777)

    @Test func encoder_EqualsTheReference_OnRandomResponses() {
        var generator = SplitMix(seed: 41)
        let nameBytes = Array("abcXYZ-_09!#".utf8) + [0x20, 0x3A, 0x0D, 0x0A, 0x7F, 0xC3, 0xA9]
        let valueBytes = Array("abc XYZ-09/;=".utf8) + [0x09, 0x0D, 0x0A, 0x00, 0x1F, 0x7F, 0xC3, 0xA9]
        let framing = ["Date", "date", "Connection", "Content-Type", "content-length", "Transfer-Encoding"]
        for round in 0..<2_000 {
            var headers = HTTPHeaders()
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                let name = Int.random(in: 0...5, using: &generator) == 0
                    ? framing.randomElement(using: &generator)!
                    : text(from: nameBytes, length: Int.random(in: 1...20, using: &generator), &generator)
                headers.add(name: name, value: text(from: valueBytes, length: Int.random(in: 0...300, using: &generator), &generator))
            }
            let code = [200, 204, 304, 100, 401, 404, 42, 1000].randomElement(using: &generator)!
            let reason = Bool.random(using: &generator) ? nil : text(from: valueBytes, length: 12, &generator)
            let body = Array(repeating: UInt8(ascii: "x"), count: Int.random(in: 0...3, using: &generator) * 40)
            let response = HTTPResponse(status: HTTPStatus(code: code, reasonPhrase: reason), headers: headers, body: body)
            let connection = [HTTPResponseEncoder.ConnectionHeader.none, .keepAlive, .close][round % 3]
            let isHead = round % 7 == 0
            var buffer = Array("kept".utf8)
            HTTPResponseEncoder().encode(response, into: &buffer, date: date, isHeadResponse: isHead, connection: connection)
            #expect(buffer == Array("kept".utf8) + reference(response, isHead: isHead, connection: connection))
        }
    }

    private func text(from alphabet: [UInt8], length: Int, _ generator: inout SplitMix) -> String {
        String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
    }

    /// The head and body as the encoder's documentation describes them, written one byte at a time.
    private func reference(_ response: HTTPResponse, isHead: Bool, connection: HTTPResponseEncoder.ConnectionHeader)
        -> [UInt8]
    {
        var out: [UInt8] = []
        func raw(_ text: String) { out += Array(text.utf8) }
        func put(_ text: String, name: Bool = false) {
            for byte in text.utf8 {
                let token = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
                if name { out.append(token ? byte : UInt8(ascii: "-")); continue }
                out.append((byte < 0x20 && byte != 0x09) || byte == 0x7F ? 0x20 : byte)
            }
        }
        var code = response.status.code
        var reason = response.status.reasonPhrase
        if !(100...999).contains(code) {
            code = 500
            reason = HTTPStatus.internalServerError.reasonPhrase
        }
        let mayHaveContent = code >= 200 && code != 204 && code != 304
        raw("HTTP/1.1 \(code) ")
        put(reason)
        raw("\r\n")
        var hasDate = false
        var hasType = false
        for (name, value) in response.headers {
            switch name.lowercased() {
            case "date": hasDate = true
            case "connection", "content-length", "transfer-encoding": continue
            case "content-type": hasType = true
            default: break
            }
            put(name, name: true)
            raw(": ")
            put(value)
            raw("\r\n")
        }
        if !hasDate { raw("Date: " + date.description + "\r\n") }
        if mayHaveContent {
            if !hasType {
                raw(response.body.isEmpty ? "Content-Type: text/plain; charset=utf-8\r\n" : "Content-Type: application/json\r\n")
            }
            raw("Content-Length: \(response.body.count)\r\n")
        }
        switch connection {
        case .none: break
        case .keepAlive: raw("Connection: keep-alive\r\n")
        case .close: raw("Connection: close\r\n")
        }
        raw("\r\n")
        if mayHaveContent, !isHead { out += response.body }
        return out
    }
}

/// SplitMix64: the same random responses on every run.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
