@testable import SNAPSim
import SimJSON
import Testing

/// `Redaction` probes only every few positions for the secrets' leading bytes; these tests hold it to the plain
/// search (every position, the longest secret first) over random texts full of secrets, parts of secrets and
/// near-misses.
@Suite struct RedactionTests {
    /// Every position in turn; at each, the longest secret that starts there.
    private func reference(_ text: String, secrets: [String]) -> String {
        let kept = Set(secrets.filter { $0.utf8.count >= Redaction.minimumLength }).map { Array($0.utf8) }
            .sorted { $0.count > $1.count }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        scan: while index < bytes.count {
            for secret in kept where index + secret.count <= bytes.count && Array(bytes[index..<(index + secret.count)]) == secret {
                output += Redaction.replacement
                index += secret.count
                continue scan
            }
            output.append(bytes[index])
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    @Test(arguments: 0..<8)
    func redact_BlanksWhatThePlainSearchBlanks_InRandomTexts(_ seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed) &+ 100)
        let alphabet = Array("abcXYZ-_ 01:".utf8)
        func word(_ length: Int) -> String {
            String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
        }
        for _ in 0..<200 {
            var secrets = (0..<Int.random(in: 1...6, using: &generator)).map { _ in word(Int.random(in: 3...14, using: &generator)) }
            // A secret inside another, and one sharing another's first bytes.
            if let first = secrets.first, first.utf8.count > 8 {
                secrets.append(String(first.dropFirst(2)))
                secrets.append(String(first.prefix(6)) + "Q")
            }
            let redaction = Redaction(secrets: secrets)
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: text += secrets.randomElement(using: &generator)!
                case 1: text += String(secrets.randomElement(using: &generator)!.dropLast())
                default: text += word(Int.random(in: 0...9, using: &generator))
                }
            }
            #expect(redaction.redact(text) == reference(text, secrets: secrets), "\(secrets) in \(text)")
        }
    }

    @Test func redact_BlanksSecretsAtEveryOffset_AndInNestedValues() {
        let secret = "snapsim-demo-secret-SANDBOX-ONLY"
        let redaction = Redaction(secrets: [secret, "short", "abc"])
        for prefix in 0..<12 {
            let text = String(repeating: "x", count: prefix) + secret + "!"
            #expect(redaction.redact(text) == String(repeating: "x", count: prefix) + "[redacted]!")
            #expect(redaction.redact(String(repeating: "y", count: prefix) + "short") == String(repeating: "y", count: prefix) + "short")
        }
        #expect(redaction.redact(secret) == "[redacted]")
        #expect(redaction.redact("abc") == "abc")
        let object: JSONObject = ["a": .string("k=" + secret), "b": .array([.object(["c": .string(secret + secret)])])]
        let redacted = redaction.redact(object)
        #expect(redacted["a"] == .string("k=[redacted]"))
        #expect(redacted["b"] == .array([.object(["c": .string("[redacted][redacted]")])]))
    }
}
