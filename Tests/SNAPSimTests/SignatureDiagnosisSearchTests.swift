import SNAPCrypto
@testable import SNAPSim
import Testing

/// The diagnosis walk writes its candidate strings first and verifies them in one batch; these tests hold it to
/// the straightforward search it replaced (verify each string as it is walked, stop at the first match), over
/// random components and random single and double mistakes: the same finding, the same signed string, and the
/// same "nothing matched" once the budget runs out. Only single mistakes are tried: two together are never found.
@Suite struct SignatureDiagnosisSearchTests {
    typealias Component = SignatureAlternatives.Component
    typealias Finding = RejectionExplanation.Finding

    /// The search as it was: depth-first in `order`, the last components varied first, one HMAC per string,
    /// one mistake at a time.
    struct Reference {
        let components: [Component]
        let order: [Int]
        let separators: [String]
        let key: HMAC<SHA512>
        let readings: [[UInt8]]
        var budget: Int
        var values: [String]
        var findings: [Finding] = []

        init(_ components: [Component], order: [Int], separators: [String], key: HMAC<SHA512>, readings: [[UInt8]], budget: Int) {
            self.components = components
            self.order = order
            self.separators = separators
            self.key = key
            self.readings = readings
            self.budget = budget
            values = components.map(\.expected)
        }

        func text() -> String {
            var text = values[0]
            for index in 1..<values.count { text += separators[index - 1] + values[index] }
            return text
        }

        mutating func search() -> (causes: [String], signed: String)? {
            values = components.map(\.expected)
            findings = []
            return visit(0, 1)
        }

        mutating func visit(_ position: Int, _ left: Int) -> (causes: [String], signed: String)? {
            guard budget > 0 else { return nil }
            if position == order.count {
                guard left == 0 else { return nil }
                budget -= 1
                let text = text()
                let mac = HMAC<SHA512>.authenticationCode(of: key, Array(text.utf8))
                return readings.contains(mac) ? (findings.map(\.cause), text) : nil
            }
            let index = order[position]
            if order.count - position > left, let found = visit(position + 1, left) { return found }
            guard left > 0 else { return nil }
            for alternative in components[index].alternatives {
                values[index] = alternative.value
                findings.append(alternative.finding)
                let found = visit(position + 1, left - 1)
                findings.removeLast()
                values[index] = components[index].expected
                if let found { return found }
            }
            return nil
        }
    }

    /// Random components: short texts with 0…6 alternatives each, some of them equal to each other.
    private func components(_ generator: inout SeededRandom) -> [Component] {
        (0..<Int.random(in: 2...5, using: &generator)).map { component in
            let expected = word(&generator, length: Int.random(in: 0...90, using: &generator))
            let alternatives = (0..<Int.random(in: 0...6, using: &generator)).map { alternative in
                SignatureAlternatives.Alternative(
                    value: Int.random(in: 0..<8, using: &generator) == 0
                        ? expected + "x" : word(&generator, length: Int.random(in: 0...90, using: &generator)),
                    finding: Finding(cause: "c\(component)-a\(alternative)", summary: "", detail: ""))
            }
            return Component(expected: expected, alternatives: alternatives)
        }
    }

    private func word(_ generator: inout SeededRandom, length: Int) -> String {
        String(decoding: (0..<length).map { _ in UInt8.random(in: 0x21...0x7E, using: &generator) }, as: UTF8.self)
    }

    @Test(arguments: 0..<6)
    func search_FindsWhatTheStraightforwardSearchFinds_ForRandomMistakes(_ seed: Int) {
        var generator = SeededRandom(seed: UInt64(seed))
        let secret = Array("snapsim-demo-secret-SANDBOX-ONLY".utf8)
        let key = HMAC<SHA512>(key: secret)
        let verifier = SignatureVerifier(credential: .clientSecret(key))
        var compared = 0
        for _ in 0..<60 {
            let components = components(&generator)
            let order = Array(components.indices).shuffled(using: &generator)
            let separators = (1..<components.count).map { _ in [":", "", "|"].randomElement(using: &generator)! }
            // Sign the expected string with 1 or 2 components done differently (or nothing reproducible).
            var values = components.map(\.expected)
            for index in components.indices.shuffled(using: &generator).prefix(Int.random(in: 0...2, using: &generator))
            where !components[index].alternatives.isEmpty {
                values[index] = components[index].alternatives.randomElement(using: &generator)!.value
            }
            var signed = values[0]
            for index in 1..<values.count { signed += separators[index - 1] + values[index] }
            let mac = Int.random(in: 0..<10, using: &generator) == 0
                ? (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
                : HMAC<SHA512>.authenticationCode(for: Array(signed.utf8), using: secret)
            let received = ReceivedSignature(Base64.encode(mac))

            let found = SignatureDiagnosis(verifier: verifier, signature: received)
                .search(components, order: order, separators: separators)
            var reference = Reference(
                components, order: order, separators: separators, key: key, readings: [mac],
                budget: SignatureDiagnosis.cheapTrials)
            let expected = reference.search()
            #expect(found?.findings.map(\.cause) == expected?.causes)
            #expect(found?.signedString == expected?.signed)
            if expected != nil { compared += 1 }
        }
        #expect(compared > 10)
    }
}

extension HMAC where H == SHA512 {
    fileprivate static func authenticationCode(of key: HMAC<SHA512>, _ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { key.authenticationCode(of: $0) }
    }
}

/// SplitMix64: the same random components on every run.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
