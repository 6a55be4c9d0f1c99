import Testing

@testable import SNAPSim
import SimJSON

/// Every code of seed 001's table (DANA e-money account inquiry), reached the documented way, with its HTTP status.
@Suite struct Seed001CodeTests {
    enum Way: Sendable, CustomStringConvertible {
        case body(JSONValue)
        case raw(String)
        case partner(String)

        var description: String {
            switch self {
            case .body(let body): body[pointer: "/customerNumber"]?.stringValue ?? body.compactText
            case .raw(let raw): "raw \(raw)"
            case .partner(let partner): "partner \(partner)"
            }
        }
    }

    static var missingAmount: JSONValue {
        var body = Bodies.accountInquiry().objectValue ?? [:]
        body["amount"] = nil
        return .object(body)
    }

    static let cases: [(String, Way, String)] = [
        ("2003700", .body(Bodies.accountInquiry()), "Successful"),
        ("4003700", .raw("{not json"), "Bad Request"),
        ("4003700", .body(Bodies.accountInquiry("081200004003700")), "Bad Request"),
        ("4003701", .body(Bodies.accountInquiry("6281977817902")), "Invalid Field Format customerNumber"),
        ("4003701", .body(Bodies.accountInquiry("081200004003701")), "Invalid Field Format customerNumber"),
        ("4003702", .body(missingAmount), "Invalid Mandatory Field amount"),
        ("4003702", .body(Bodies.accountInquiry("081200004003702")), "Invalid Mandatory Field customerNumber"),
        ("4013701", .body(Bodies.accountInquiry("081200004013701")), "Invalid Token (B2B)"),
        ("4013700", .body(Bodies.accountInquiry("081200004013700")), "Unauthorized. [Signature]"),
        ("4033701", .partner("snapsim-balance-only"), "Feature Not Allowed"),
        ("4033701", .body(Bodies.accountInquiry("081200004033701")), "Feature Not Allowed"),
        ("4033704", .body(Bodies.accountInquiry("081200004033704")), "Activity Count Limit Exceeded"),
        ("4043708", .body(Bodies.accountInquiry("081200004043708")), "Invalid Merchant"),
        ("5003700", .body(Bodies.accountInquiry("081200005003700")), "General Error"),
        ("5043700", .body(Bodies.accountInquiry("081200005043700")), "Timeout"),
    ]

    @Test(arguments: cases)
    func code_IsReachable_WithItsHTTPStatus(code: String, way: Way, message: String) {
        var harness: ServiceHarness
        let answer: Answer
        switch way {
        case .body(let body):
            harness = ServiceHarness()
            answer = harness.call(.emoneyAccountInquiry, body: body)
        case .raw(let raw):
            harness = ServiceHarness()
            answer = harness.call(.emoneyAccountInquiry, rawBody: raw)
        case .partner(let partner):
            harness = ServiceHarness(partner: partner)
            answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry())
        }
        #expect(answer.responseCode == code)
        #expect(answer.status == Int(code.prefix(3)))
        #expect(answer.responseMessage == message)
    }

    @Test func everyCodeOfTheTable_IsCovered() {
        let table: Set = ["2003700", "4003700", "4003701", "4003702", "4013701", "4013700", "4033701", "4033704", "4043708", "5003700", "5043700"]
        #expect(Set(Self.cases.map(\.0)) == table)
    }

    @Test func timeout_IsAnsweredAfterTheDelay() {
        var harness = ServiceHarness()
        let answer = harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry("081200005043700"))
        #expect(answer.delay == .seconds(3))
        #expect(harness.call(.emoneyAccountInquiry, body: Bodies.accountInquiry()).delay == .zero)
    }
}
