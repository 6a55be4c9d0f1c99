import Testing

@testable import SNAPSim

/// The naive whitespace stripper the signature diagnosis tries on bodies that are not JSON (and SmilePayz signs
/// with), against a reference written the obvious way.
@Suite struct WhitespaceStrippingTests {
    @Test(arguments: [
        "{ \"a b\" : \"c \\\" d\" }", "not json at all", "{\"a\": \"unterminated  }", "\"\\\\\" x \" y \"",
        "no-whitespace", "", " \t\r\n", "{\"a\":1}",
    ])
    func stripsOnlyOutsideStrings_AndSaysWhetherItWould(text: String) {
        let body = Array(text.utf8)
        let expected = reference(body)
        #expect(JSONMinifier.stripWhitespace(body) == expected)
        #expect(JSONMinifier.hasWhitespaceOutsideStrings(body) == (expected.count != body.count))
    }

    private func reference(_ body: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        var inString = false
        while index < body.count {
            let byte = body[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < body.count {
                    output.append(body[index + 1])
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if ![0x20, 0x09, 0x0A, 0x0D].contains(byte) {
                output.append(byte)
                if byte == UInt8(ascii: "\"") { inString = true }
            }
            index += 1
        }
        return output
    }
}
