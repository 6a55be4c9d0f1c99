@testable import SNAPSim
import SimJSON
import Testing

/// `Redaction` scans the texts explanations copy from constants once per world and recognises them by identity
/// afterwards: an object holding those very strings must be redacted exactly as one holding equal copies made
/// at run time (which are scanned), whether or not a secret is in them.
@Suite struct RedactionFixedTextTests {
    /// An equal string with storage of its own (never the constant's).
    private func copy(_ text: String) -> String {
        String(decoding: Array(text.utf8), as: UTF8.self)
    }

    private func object(_ texts: [String]) -> JSONObject {
        JSONObject(uniqueMembers: texts.enumerated().map { ("t\($0.offset)", .string($0.element)) }
            + [("nested", .object(["diagnosis": .array(texts.map { .object(["detail": .string($0)]) })]))])
    }

    @Test(arguments: [
        // No secret in any fixed text; secrets inside the hint and the no-match details; one spanning two words.
        ["snapsim-demo-secret-SANDBOX-ONLY"], ["string-to-sign"], ["common mistake", "byte for byte"],
        ["signature: the key", "stringToSign"], ["Compare"],
    ])
    func fixedTextsAreRedactedAsTheirCopies(secrets: [String]) {
        let redaction = Redaction(secrets: secrets)
        let fixed = SignatureCheck.fixedExplanationTexts
        let copies = fixed.map(copy)
        #expect(copies == fixed)
        let viaIdentity = redaction.redact(object(fixed))
        let viaScan = redaction.redact(object(copies))
        #expect(viaIdentity == viaScan)
        // And the scan itself, string by string, is what either gives.
        for (index, text) in copies.enumerated() {
            #expect(viaIdentity["t\(index)"] == .string(redaction.redact(text)))
        }
    }

    @Test func aWorldWithoutTheFixedTextsScansEverything() {
        let redaction = Redaction(secrets: ["string-to-sign"], fixedTexts: [])
        let redacted = redaction.redact(object([SignatureCheck.signatureHint]))
        #expect(redacted["t0"] == .string(redaction.redact(copy(SignatureCheck.signatureHint))))
        #expect(redacted["t0"]?.stringValue?.contains("[redacted]") == true)
    }
}
