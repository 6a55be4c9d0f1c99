/// After a signature failed, looks for the mistake that reproduces it: the string-to-sign built with one of its
/// components done the usual wrong way, or the signature mis-encoded. One mistake at a time: two together
/// would cost an HMAC each for mistakes seldom made together.
///
/// Runs only on the failure path. The work is capped, in verifications (RSA costs a modular exponentiation
/// each) and in bytes hashed (a huge header makes every candidate string huge), so a stream of bad requests
/// cannot turn diagnosis into a denial of service.
struct SignatureDiagnosis {
    typealias Finding = RejectionExplanation.Finding
    typealias Component = SignatureAlternatives.Component

    /// How many bytes of candidate strings one diagnosis may hash.
    static let hashedBytesBudget = 1 << 16
    /// Candidate strings tried with HMAC at most: more than the single-component mistakes of a usual request
    /// (about 13). Each costs two or three SHA-512 blocks, so that a rejection costs at most about twice an
    /// answer and a misconfigured client flooding the sandbox cannot starve the others.
    static let cheapTrials = 40
    /// Candidate strings tried with RSA, each a modular exponentiation.
    static let expensiveTrials = 8

    let verifier: SignatureVerifier
    let signature: ReceivedSignature
    /// The readings of the header (``ReceivedSignature/decodings``) and of a mis-encoded signature, worked out
    /// once per diagnosis.
    let decodings: [(encoding: SignatureEncoding, bytes: [UInt8])]
    let misencodings: [(finding: Finding, bytes: [UInt8])]

    init(verifier: SignatureVerifier, signature: ReceivedSignature) {
        self.verifier = verifier
        self.signature = signature
        decodings = signature.decodings
        misencodings = signature.misencodings()
    }

    /// The bytes of each reading of the header, Base64 first.
    var readings: [[UInt8]] { decodings.map(\.bytes) }

    /// Whether any reading of the header, mis-encoded ones included, has the length of a signature: when none
    /// has, no string can reproduce it and the alternatives need not even be made.
    var couldMatch: Bool {
        decodings.contains { verifier.couldBeSignature($0.bytes) }
            || misencodings.contains { verifier.couldBeSignature($0.bytes) }
    }

    /// What reproduced a signature: the findings explaining it and the string it was made over (what the
    /// journal and the inspector show as the received string-to-sign).
    struct Match {
        var findings: [Finding]
        /// `nil` when the mistake is known but not the string (another signing mode, no variant matched).
        var signedString: String?
    }

    /// The findings explaining the signature, or `nil` when no alternative reproduces it.
    /// - Parameters:
    ///   - order: the walk's order over the components; the last ones are varied first, so the likeliest
    ///     mistakes go last (the budget may run out before the rest). Component order by default.
    ///   - separators: what is written between consecutive components (`components.count - 1` of them).
    ///
    /// The walk only writes candidate strings, as bytes into one buffer; they are then verified in the walk's
    /// order (HMACs in one batch that shares the hash of common leading blocks), and the findings of the one
    /// that matched are made: the same first match, and the same findings, as verifying each as it is walked.
    func search(_ components: [Component], order: [Int]? = nil, separators: [String]) -> Match? {
        precondition(separators.count == max(0, components.count - 1), "one separator between two components")
        let readings = self.readings
        var walk = Walk(components: components, order: order ?? Array(components.indices), separators: separators)
        let expected = walk.expected()
        if let index = verifier.firstValid(misencodings.map(\.bytes), for: expected) {
            return Match(findings: [misencodings[index].finding], signedString: String(decoding: expected, as: UTF8.self))
        }

        let trials = verifier.isExpensive ? Self.expensiveTrials : Self.cheapTrials
        let candidates = readings + (verifier.isExpensive ? [] : misencodings.map(\.bytes))
        guard !candidates.isEmpty else { return nil }
        walk.budget = min(trials, max(4, Self.hashedBytesBudget / max(1, expected.count)))
        // Room for the candidates there are, not for the whole budget: zeroing 40 strings' worth of bytes cost
        // more than writing the few a usual request has.
        let alternatives = components.reduce(0) { $0 + $1.alternatives.count }
        walk.reserve(min(walk.budget, alternatives) * (expected.count + 32))
        walk.run()
        guard let (message, candidate) = verifier.firstMatch(candidates, messages: walk.messages, ranges: walk.ranges)
        else { return nil }
        let deviation = walk.deviations[message]
        var findings = [components[deviation.component].alternatives[deviation.alternative].finding]
        if candidate >= readings.count { findings.append(misencodings[candidate - readings.count].finding) }
        return Match(
            findings: findings, signedString: String(decoding: walk.messages[walk.ranges[message]], as: UTF8.self))
    }

    /// Walk over the strings with exactly one component changed, in the order the diagnosis tries them (the
    /// alternatives of the last component in `order` first), until the budget runs out: each string is written
    /// into `messages` with the alternative that made it.
    struct Walk {
        /// Which alternative of which component a candidate string uses.
        struct Deviation {
            var component: Int
            var alternative: Int
        }

        let order: [Int]
        /// Every part that is written, one after another, in one buffer (a diagnosis used to allocate an array
        /// per alternative): each component's expected value and alternatives, and the separators.
        private let parts: [UInt8]
        /// Where each component's expected value is in `parts`.
        private let expectedParts: [Range<Int>]
        /// Where each alternative is in `parts`, every component's in turn; component `c`'s are
        /// `firstAlternative[c]..<firstAlternative[c + 1]`.
        private let alternativeParts: [Range<Int>]
        private let firstAlternative: [Int]
        /// Where each separator is in `parts` (between component `i` and `i + 1`).
        private let separators: [Range<Int>]
        var budget = 0
        /// The candidate strings, one after another; `ranges[i]` is the i-th. Sized beforehand (``reserve(_:)``)
        /// and written in place: `used` bytes hold candidates.
        private(set) var messages: [UInt8] = []
        private var used = 0
        private(set) var ranges: [Range<Int>] = []
        /// The alternative of each candidate, in the walk's order.
        private(set) var deviations: [Deviation] = []
        /// The alternative in use per component (`-1`: the expected value).
        private var chosen: [Int]

        init(components: [Component], order: [Int], separators: [String]) {
            self.order = order
            var parts: [UInt8] = []
            var expectedParts: [Range<Int>] = []
            var alternativeParts: [Range<Int>] = []
            var firstAlternative: [Int] = []
            expectedParts.reserveCapacity(components.count)
            firstAlternative.reserveCapacity(components.count + 1)
            // Sized once, and each text copied from its contiguous UTF-8 (appending a `String.UTF8View` goes
            // byte by byte through the generic path).
            var total = separators.reduce(0) { $0 + $1.utf8.count }
            var alternatives = 0
            for component in components {
                total += component.expected.utf8.count
                alternatives += component.alternatives.count
                for alternative in component.alternatives { total += alternative.value.utf8.count }
            }
            parts.reserveCapacity(total)
            alternativeParts.reserveCapacity(alternatives)
            for component in components {
                expectedParts.append(Self.add(component.expected, to: &parts))
                firstAlternative.append(alternativeParts.count)
                for alternative in component.alternatives {
                    alternativeParts.append(Self.add(alternative.value, to: &parts))
                }
            }
            firstAlternative.append(alternativeParts.count)
            var separatorParts: [Range<Int>] = []
            separatorParts.reserveCapacity(separators.count)
            for separator in separators { separatorParts.append(Self.add(separator, to: &parts)) }
            self.separators = separatorParts
            self.parts = parts
            self.expectedParts = expectedParts
            self.alternativeParts = alternativeParts
            self.firstAlternative = firstAlternative
            chosen = Array(repeating: -1, count: components.count)
        }

        /// Appends `text`'s bytes to `parts`; their range.
        private static func add(_ text: String, to parts: inout [UInt8]) -> Range<Int> {
            let start = parts.count
            var text = text
            text.withUTF8 { parts.append(contentsOf: $0) }
            return start..<parts.count
        }

        /// The expected string.
        func expected() -> [UInt8] {
            var bytes = [UInt8](repeating: 0, count: length())
            _ = write(into: &bytes, at: 0)
            return bytes
        }

        mutating func reserve(_ bytes: Int) {
            messages = [UInt8](repeating: 0, count: bytes)
            ranges.reserveCapacity(budget)
            deviations.reserveCapacity(budget)
        }

        /// Writes the candidates, one mistake each.
        mutating func run() {
            for index in order.reversed() {
                let first = firstAlternative[index]
                for alternative in 0..<(firstAlternative[index + 1] - first) {
                    guard budget > 0 else { return }
                    chosen[index] = alternative
                    append(Deviation(component: index, alternative: alternative))
                }
                chosen[index] = -1
            }
        }

        /// The part component `index` contributes: its expected value or the chosen alternative.
        @inline(__always)
        private func part(_ index: Int) -> Range<Int> {
            let choice = chosen[index]
            return choice < 0 ? expectedParts[index] : alternativeParts[firstAlternative[index] + choice]
        }

        /// The length of the string with the current choices.
        private func length() -> Int {
            var length = 0
            for index in chosen.indices {
                if index > 0 { length += separators[index - 1].count }
                length += part(index).count
            }
            return length
        }

        /// Writes the string with the current choices at `start` of `bytes`, which has room for it; returns
        /// where it ends. A memory copy per part: dozens of candidates are written per diagnosis (appending
        /// cost a generic call per part, growing by zeros first a loop over every byte).
        private func write(into bytes: inout [UInt8], at start: Int) -> Int {
            parts.withUnsafeBytes { parts in
                bytes.withUnsafeMutableBytes { buffer in
                    var offset = start
                    func copy(_ range: Range<Int>) {
                        guard !range.isEmpty else { return }
                        (buffer.baseAddress.unsafelyUnwrapped + offset).copyMemory(
                            from: parts.baseAddress.unsafelyUnwrapped + range.lowerBound, byteCount: range.count)
                        offset += range.count
                    }
                    for index in chosen.indices {
                        if index > 0 { copy(separators[index - 1]) }
                        copy(part(index))
                    }
                    return offset
                }
            }
        }

        /// Writes the string with the current choices after the candidates so far.
        private mutating func append(_ deviation: Deviation) {
            budget -= 1
            let length = length()
            if used + length > messages.count {
                messages.append(contentsOf: repeatElement(0, count: max(length, messages.count)))
            }
            let start = used
            // Taken out of `self` while written: `write` reads `self`, whose copy would otherwise share the
            // buffer and make every write copy it whole.
            var buffer: [UInt8] = []
            swap(&buffer, &messages)
            used = write(into: &buffer, at: start)
            swap(&buffer, &messages)
            ranges.append(start..<used)
            deviations.append(deviation)
        }
    }
}
