import SNAPSim
import Testing

/// `MessageTemplate` tidies ASCII messages byte by byte and others by Character; both follow the same rules.
@Suite struct MessageTemplateTidyTests {
    /// The rules by Character: runs of spaces collapse, no space before `.,;:/)]`, no space at either end.
    private func tidied(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == " ", result.last == " " || result.isEmpty { continue }
            if ".,;:/)]".contains(character), result.last == " " { result.removeLast() }
            result.append(character)
        }
        while result.last == " " { result.removeLast() }
        return result
    }

    @Test func filled_TidiesLikeTheCharacterRules_ForRandomMessages() {
        var generator = SeededRandom(seed: 5)
        let pieces = [" ", "  ", ".", ",", ";", ":", "/", ")", "]", "[", "(", "a", "Signature", "é", "日本", "e\u{301}", " \u{301}"]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...14, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(MessageTemplate("{v}").filled(["v": text]) == (text.isEmpty ? "" : tidied(text)), "\(text.debugDescription)")
        }
    }
}
