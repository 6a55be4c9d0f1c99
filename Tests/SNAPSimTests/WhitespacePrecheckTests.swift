@testable import SNAPSim
import Testing

/// `JSONMinifier.hasWhitespaceOutsideStrings` first asks, eight bytes at a time, whether any byte is at most
/// 0x20; it must still answer exactly whether stripping would remove anything, wherever the one whitespace or
/// control byte sits relative to an eight-byte word and to a string literal.
@Suite struct WhitespacePrecheckTests {
    private let blanks: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
    private let others: [UInt8] = [0x00, 0x01, 0x1F, 0x21, 0x22, 0x5C, 0x7F, 0x80, 0xFF]

    @Test func oneSpecialByteAtEveryPositionOfBodiesUpTo40Bytes() {
        for length in 1...40 {
            for position in 0..<length {
                for special in blanks + others {
                    // Half the bodies put the byte inside a string literal, half outside.
                    for quoted in [false, true] {
                        var body = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                        if quoted, length >= 3 {
                            body[0] = UInt8(ascii: "\"")
                            body[length - 1] = UInt8(ascii: "\"")
                        }
                        body[position] = special
                        #expect(
                            JSONMinifier.hasWhitespaceOutsideStrings(body)
                                == (JSONMinifier.stripWhitespace(body) != body),
                            "\(body)")
                    }
                }
            }
        }
    }

    @Test func randomBodies() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = blanks + others + Array("{}[]:,\"\\abc123".utf8)
        for _ in 0..<5_000 {
            let body = (0..<Int.random(in: 0...70, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(JSONMinifier.hasWhitespaceOutsideStrings(body) == (JSONMinifier.stripWhitespace(body) != body))
        }
    }
}
