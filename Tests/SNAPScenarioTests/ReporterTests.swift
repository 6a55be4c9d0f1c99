import Foundation
import FoundationXML
import SNAPSim
import Testing

@testable import SNAPScenario
import SimJSON

/// What people and CI systems read: console lines while the run goes, and JUnit XML.
@Suite struct ReporterTests {
    static let passing =
        #"{"name": "passes", "steps": [{"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 200, "responseCode": "2001100"}}]}"#
    static let failing = #"""
        {"name": "fails <&> \"quoted\" \u0001", "steps": [
          {"service": "balance-inquiry", "body": {"accountNo": "12345678"}, "expect": {"status": 404, "body": {"name": "another name", "accountInfos": [{"balanceType": "FLOAT"}]}}},
          {"advanceClock": "1s"}
        ]}
        """#
    static let suite = #"{"scenarios": [\#(passing), \#(failing)]}"#

    @Test func console_PrintsOneLinePerStep_TheFailureDetails_AndTheTallyLast() async throws {
        let lines = try await ScenarioHarness.consoleLines(Self.suite, file: "Scenarios/report.json")
        #expect(lines.first == "Scenarios/report.json")
        #expect(lines.contains("  passes"))
        #expect(lines.contains("    ✓ 1 balance-inquiry — HTTP 200 2001100"))
        #expect(lines.contains("    ✗ 1 balance-inquiry — HTTP 200 2001100"))
        // Expected and actual side by side, and a JSON diff for the body.
        #expect(lines.contains("        what    expected  actual"))
        #expect(lines.contains("        status  404       200"))
        #expect(lines.contains("        body diff (- expected, + actual):"))
        let diff = try #require(lines.firstIndex(of: "          /name"))
        #expect(lines[diff + 1] == #"            - "another name""#)
        #expect(lines[diff + 2] == #"            + "merchant name""#)
        #expect(lines.contains("          /accountInfos/0/balanceType"))
        // The request sent and the answer.
        #expect(lines.contains("        request sent:"))
        #expect(lines.contains("          POST /v1.0/balance-inquiry"))
        #expect(lines.contains { $0.hasPrefix("          X-SIGNATURE: ") })
        #expect(lines.contains("        answer:"))
        #expect(lines.contains(#"            "name": "merchant name","#))
        #expect(lines.contains("    - 1 step not run after the failure (from step 2 advance clock 1s)"))
        #expect(lines.contains("Failed:"))
        #expect(lines.last == "1 passed, 1 failed")
    }

    @Test func console_EndsWithTheTally_WhenAllPass() async throws {
        let lines = try await ScenarioHarness.consoleLines(Self.passing)
        #expect(
            lines == ["test.json", "  passes", "    ✓ 1 balance-inquiry — HTTP 200 2001100", "", "1 passed, 0 failed"])
    }

    @Test func junit_IsWellFormed_WithOneTestcasePerScenario_AndTheDiffInTheFailure() async throws {
        let summary = try await ScenarioHarness.run(Self.suite, file: "Scenarios/report.json")
        let xml = JUnitReport.xml(summary)
        let document = try XMLDocument(data: Data(xml.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "2")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        let suite = try #require(root.elements(forName: "testsuite").first)
        #expect(suite.attribute(forName: "name")?.stringValue == "Scenarios/report.json")
        let cases = suite.elements(forName: "testcase")
        #expect(
            cases.map { $0.attribute(forName: "name")?.stringValue } == ["passes", "fails <&> \"quoted\" \u{FFFD}"])
        #expect(cases.first?.attribute(forName: "classname")?.stringValue == "Scenarios.report")
        #expect(cases.first?.elements(forName: "failure").isEmpty == true)
        let failure = try #require(cases.last?.elements(forName: "failure").first)
        #expect(
            failure.attribute(forName: "message")?.stringValue
                == "step 1 balance-inquiry: status expected 404, got 200 (and 2 more)")
        let text = failure.stringValue ?? ""
        #expect(text.contains("status  404       200"))
        #expect(
            text.contains("body diff (- expected, + actual):\n  /name\n    - \"another name\"\n    + \"merchant name\"")
        )
        #expect(text.contains("request sent:\n  POST /v1.0/balance-inquiry"))
    }

    @Test func junit_EscapesMarkup_AndReplacesCharactersXMLCannotHold() {
        #expect(JUnitReport.escaped("a<b>&\"c\"'\n", attribute: true) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;&#10;")
        #expect(JUnitReport.escaped("x\u{0}y\u{1B}z\tw\n", attribute: false) == "x\u{FFFD}y\u{FFFD}z\tw\n")
        #expect(JUnitReport.escaped("ünïcödé 🙂", attribute: false) == "ünïcödé 🙂")
    }
}
