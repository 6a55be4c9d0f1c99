import SNAPSim

/// A run as JUnit XML, the format CI systems display: one `testsuite` per file, one `testcase` per scenario,
/// a `failure` with the same details the console prints (expected and actual, the body diff, request, answer).
public enum JUnitReport {
    /// The whole document.
    public static func xml(_ summary: RunSummary, name: String = "snapsim run") -> String {
        var files: [String] = []
        var byFile: [String: [ScenarioResult]] = [:]
        for result in summary.results {
            if byFile[result.scenario.file] == nil { files.append(result.scenario.file) }
            byFile[result.scenario.file, default: []].append(result)
        }
        let total = summary.results.reduce(Duration.zero) { $0 + $1.duration }
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\(attribute(name)) tests=\"\(summary.results.count)\" failures=\"\(summary.failedCount)\" errors=\"0\" skipped=\"\(summary.skippedCount)\" time=\"\(seconds(total))\">",
        ]
        for file in files {
            let results = byFile[file] ?? []
            let failures = results.count { !$0.passed && !$0.skipped }
            let skipped = results.count(where: \.skipped)
            let time = results.reduce(Duration.zero) { $0 + $1.duration }
            lines.append(
                "  <testsuite name=\(attribute(file)) tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(seconds(time))\">"
            )
            for result in results { lines += testcase(result) }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func testcase(_ result: ScenarioResult) -> [String] {
        let open =
            "    <testcase name=\(attribute(result.scenario.name)) classname=\(attribute(className(result.scenario.file))) time=\"\(seconds(result.duration))\""
        let steps = result.steps.flatMap(ConsoleReporter.lines)
        if let reason = result.skipReason {
            return [
                open + ">", "      <skipped message=\(attribute(reason))/>",
                "      <system-out>\(text(steps.joined(separator: "\n")))</system-out>", "    </testcase>",
            ]
        }
        guard let failed = result.failure else {
            return [
                open + ">", "      <system-out>\(text(steps.joined(separator: "\n")))</system-out>", "    </testcase>",
            ]
        }
        let detail = (failed.failure.map(FailureDetail.lines) ?? []).joined(separator: "\n")
        return [
            open + ">",
            "      <failure message=\(attribute(FailureDetail.headline(failed))) type=\"ScenarioFailure\">\(text(detail))</failure>",
            "      <system-out>\(text(steps.joined(separator: "\n")))</system-out>",
            "    </testcase>",
        ]
    }

    /// `Scenarios/limits.json` → `Scenarios.limits`, as JUnit viewers group by dotted class names.
    static func className(_ file: String) -> String {
        let trimmed = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        return trimmed.split(separator: "/").filter { $0 != "." && !$0.isEmpty }.joined(separator: ".")
    }

    private static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    // MARK: - XML 1.0 escaping

    /// An attribute value in double quotes.
    static func attribute(_ value: String) -> String {
        "\"" + escaped(value, attribute: true) + "\""
    }

    /// Character data.
    static func text(_ value: String) -> String {
        escaped(value, attribute: false)
    }

    /// `&`, `<`, `>`, quotes escaped; characters XML 1.0 cannot hold at all (most controls, lone surrogates,
    /// U+FFFE/U+FFFF) become U+FFFD, since not even a character reference may name them. In attributes,
    /// tab and line breaks are written as references so parsers do not normalise them to spaces.
    static func escaped(_ value: String, attribute: Bool) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "'" where attribute: result += "&apos;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t" where attribute: result += "&#9;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed = (0x20...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                result.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return result
    }
}
