import SNAPSim
import SimJSON

/// The text that explains a failed step: the message, the expected and actual values side by side (body
/// fields as a JSON diff), the request sent and the answer. Console and JUnit reports print the same text.
enum FailureDetail {
    /// Longest expected value kept in a column; longer ones are printed one above the other.
    static let columnLimit = 48
    /// Most characters of a body printed.
    static let bodyLimit = 4000

    static func lines(_ failure: StepFailure) -> [String] {
        var lines: [String] = []
        if let message = failure.message {
            lines += message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let body = failure.mismatches.filter { $0.subject.hasPrefix("/") || $0.subject == "body" }
        let other = failure.mismatches.filter { !($0.subject.hasPrefix("/") || $0.subject == "body") }
        if !other.isEmpty { lines += table(other) }
        if !body.isEmpty {
            lines.append("body diff (- expected, + actual):")
            for mismatch in body {
                lines += ["  \(mismatch.subject)", "    - \(mismatch.expected)", "    + \(mismatch.actual)"]
            }
        }
        if let request = failure.request {
            lines.append("request sent:")
            lines.append("  \(request.method) \(request.target)")
            lines += request.headers.map { "  \($0.name): \($0.value)" }
            if !request.body.isEmpty { lines.append("  " + clipped(request.body)) }
        }
        if let response = failure.response {
            lines.append("answer:")
            if let status = response.status {
                lines.append("  HTTP \(status)")
                lines += response.headers.map { "  \($0.name): \($0.value)" }
                if let json = response.json {
                    lines += clipped(json.prettyText()).split(separator: "\n").map { "  " + $0 }
                } else if !response.body.isEmpty {
                    lines.append("  " + clipped(response.bodyText))
                }
            } else {
                lines.append("  " + (response.transportNote ?? "none"))
            }
        }
        return lines
    }

    /// `subject  expected  actual` in columns, or stacked when an expected value is long.
    static func table(_ mismatches: [Mismatch]) -> [String] {
        let subjectWidth = max("what".count, mismatches.map(\.subject.count).max() ?? 0)
        let expectedWidth = max("expected".count, mismatches.map(\.expected.count).max() ?? 0)
        guard expectedWidth <= columnLimit else {
            return mismatches.flatMap { mismatch in
                ["\(mismatch.subject):", "  expected: \(mismatch.expected)", "  actual:   \(mismatch.actual)"]
            }
        }
        let rows = [("what", "expected", "actual")] + mismatches.map { ($0.subject, $0.expected, $0.actual) }
        return rows.map { subject, expected, actual in
            pad(subject, subjectWidth) + "  " + pad(expected, expectedWidth) + "  " + actual
        }
    }

    /// A one-line summary for JUnit's `message` attribute.
    static func headline(_ step: StepResult) -> String {
        let prefix = "step \(step.index) \(step.title)"
        guard let failure = step.failure else { return prefix }
        if let first = failure.mismatches.first {
            let more = failure.mismatches.count > 1 ? " (and \(failure.mismatches.count - 1) more)" : ""
            return "\(prefix): \(first.subject) expected \(first.expected), got \(first.actual)\(more)"
        }
        return "\(prefix): \(failure.message ?? "failed")"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func clipped(_ text: String) -> String {
        text.count <= bodyLimit
            ? text : String(text.prefix(bodyLimit)) + " … (\(text.count - bodyLimit) more characters)"
    }
}
