import SimJSON
import Testing

@testable import SNAPSim

/// `JSONMinifier.minify` returns a body with no whitespace outside its strings as it is, without the scanner's
/// validating pass: held to the scanner's own answer (minified JSON, or the body unchanged when it is not JSON)
/// on hand-picked bodies and on many random ones made of JSON's own characters.
@Suite struct MinifyShortcutTests {
    private func scanned(_ body: [UInt8]) -> [UInt8] {
        (try? JSONScanner.minify(body, limits: JSONScanner.grammarOnly, duplicates: .lastWins)) ?? body
    }

    @Test(arguments: [
        #"{"partnerReferenceNo":"B1","accountNo":"12345678"}"#, #"{ "a" : [1, 2] }"#, #"{"a b":"c \" d"}"#,
        #"{"a":"x\\"}"#, #"{"a":"unterminated }"#, "not json", "not json at all", "", " ", "[1,2", #""\\" x""#,
        "{\"a\":\"tab\tinside\"}", "{\"a\":1}\n", "{\"a\":1,\"a\":2}",
    ])
    func minify_EqualsTheScannersAnswer(text: String) {
        let body = Array(text.utf8)
        #expect(JSONMinifier.minify(body) == scanned(body))
    }

    @Test func minify_EqualsTheScannersAnswer_OnRandomBodies() {
        var generator = SeededRandom(seed: 29)
        let alphabet = Array(#"{}[]:,"\ ab1.-e"#.utf8) + [0x09, 0x0A, 0x0D]
        for _ in 0..<5_000 {
            let body = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(JSONMinifier.minify(body) == scanned(body), "\(String(decoding: body, as: UTF8.self))")
        }
    }
}
