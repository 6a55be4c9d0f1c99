/// After a signature failed, looks for the mistake that reproduces it: the string-to-sign built with one (or,
/// for cheap HMACs, up to two) of its components done the usual wrong way, or the signature mis-encoded.
///
/// Runs only on the failure path. The work is capped, in verifications (RSA costs a modular exponentiation
/// each) and in bytes hashed (a huge header makes every candidate string huge), so a stream of bad requests
/// cannot turn diagnosis into a denial of service.
struct SignatureDiagnosis {
    typealias Finding = RejectionExplanation.Finding
    typealias Component = SignatureAlternatives.Component

    /// How many bytes of candidate strings one diagnosis may hash.
    static let hashedBytesBudget = 1 << 16
    /// Candidate strings tried with HMAC: every single-component mistake of a usual request (about 20) and the
    /// likeliest pairs. Enough to find the mistakes partners make, and small enough that a rejection costs
    /// about what an answer does, so a misconfigured client flooding the sandbox cannot starve the others.
    static let cheapTrials = 40
    /// Candidate strings tried with RSA, each a modular exponentiation.
    static let expensiveTrials = 8

    let verifier: SignatureVerifier
    let signature: ReceivedSignature

    /// What reproduced a signature: the findings explaining it and the string it was made over (what the
    /// journal and the inspector show as the received string-to-sign).
    struct Match {
        var findings: [Finding]
        /// `nil` when the mistake is known but not the string (another signing mode, no variant matched).
        var signedString: String?
    }

    /// The findings explaining the signature, or `nil` when no alternative reproduces it.
    /// - Parameter order: the walk's order over the components; the last ones are varied first, so the
    ///   likeliest mistakes go last (the budget may run out before the rest). Component order by default.
    func search(_ components: [Component], order: [Int]? = nil, assemble: @escaping ([String]) -> String) -> Match? {
        let readings = signature.decodings.map(\.bytes)
        let misencodings = signature.misencodings()
        let expectedText = assemble(components.map(\.expected))
        let expected = Array(expectedText.utf8)
        if let index = verifier.firstValid(misencodings.map(\.bytes), for: expected) {
            return Match(findings: [misencodings[index].finding], signedString: expectedText)
        }

        let trials = verifier.isExpensive ? Self.expensiveTrials : Self.cheapTrials
        var search = Search(
            components: components, order: order ?? Array(components.indices), assemble: assemble, verifier: verifier,
            candidates: readings + (verifier.isExpensive ? [] : misencodings.map(\.bytes)),
            candidateFindings: readings.map { _ in nil } + (verifier.isExpensive ? [] : misencodings.map(\.finding)),
            budget: min(trials, max(4, Self.hashedBytesBudget / max(1, expected.count))))
        guard !search.candidates.isEmpty else { return nil }
        for deviations in 1...(verifier.isExpensive ? 1 : 2) where deviations <= components.count {
            if let found = search.run(deviations: deviations) { return found }
        }
        return nil
    }

    /// Depth-first walk over the strings with exactly `deviations` components changed.
    private struct Search {
        let components: [Component]
        let order: [Int]
        let assemble: ([String]) -> String
        let verifier: SignatureVerifier
        let candidates: [[UInt8]]
        let candidateFindings: [Finding?]
        var budget: Int
        var values: [String] = []
        var findings: [Finding] = []

        init(
            components: [Component], order: [Int], assemble: @escaping ([String]) -> String, verifier: SignatureVerifier,
            candidates: [[UInt8]], candidateFindings: [Finding?], budget: Int
        ) {
            self.components = components
            self.order = order
            self.assemble = assemble
            self.verifier = verifier
            self.candidates = candidates
            self.candidateFindings = candidateFindings
            self.budget = budget
        }

        mutating func run(deviations: Int) -> Match? {
            values = components.map(\.expected)
            findings = []
            return visit(0, deviations)
        }

        private mutating func visit(_ position: Int, _ left: Int) -> Match? {
            guard budget > 0 else { return nil }
            if position == order.count {
                guard left == 0 else { return nil }
                budget -= 1
                let text = assemble(values)
                guard let match = verifier.firstValid(candidates, for: Array(text.utf8)) else { return nil }
                return Match(findings: findings + (candidateFindings[match].map { [$0] } ?? []), signedString: text)
            }
            let index = order[position]
            if order.count - position > left, let found = visit(position + 1, left) { return found }
            guard left > 0 else { return nil }
            for alternative in components[index].alternatives {
                values[index] = alternative.value
                findings.append(alternative.finding)
                let found = visit(position + 1, left - 1)
                findings.removeLast()
                if let found {
                    values[index] = components[index].expected
                    return found
                }
            }
            values[index] = components[index].expected
            return nil
        }
    }
}
