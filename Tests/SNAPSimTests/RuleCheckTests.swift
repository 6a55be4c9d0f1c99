import SimHTTP
import SimJSON
import Testing
@testable import SNAPSim

/// A compiled rule condition (``RuleCheck``) answers what the condition itself answers, for every source and
/// matcher kind, over randomised conditions and requests (amounts as objects, strings and E2Pay numbers, nested
/// members, arrays, `null`).
@Suite struct RuleCheckTests {
    static let values: [JSONValue] = [
        "a", "ab", "x1", "10000.00", "7777777.50", .number("10002"), .number("10002.5"), .null, true, false,
        ["value": "150.00", "currency": "IDR"], ["value": "150.00", "currency": "USD"], ["x": 1], ["a", "b"],
    ]

    static func matcher(_ dice: inout RuleIndexTests.Dice) -> ValueMatcher {
        switch Int.random(in: 0..<8, using: &dice) {
        case 0: .prefix(["a", "1", "x", "10000"].randomElement(using: &dice)!)
        case 1: .regex(pattern: "a.*", try! WholeMatchPattern("a.*"))
        case 2: .present(Bool.random(using: &dice))
        case 3: .amountRange(min: Amount(minorUnits: 100), max: Amount(minorUnits: 2_000_000))
        case 4: .amountRange(min: Bool.random(using: &dice) ? Amount(minorUnits: 15_000) : nil, max: Amount(minorUnits: 1_000_050))
        case 5: .amountRange(min: Amount(minorUnits: 777_777_700), max: nil)
        default: .equals(values.randomElement(using: &dice)!)
        }
    }

    static func condition(_ dice: inout RuleIndexTests.Dice) -> RuleCondition {
        switch Int.random(in: 0..<6, using: &dice) {
        case 0: .services(Array(RuleIndexTests.services.shuffled(using: &dice).prefix(Int.random(in: 0...2, using: &dice))))
        case 1: .partners(Array(RuleIndexTests.partners.shuffled(using: &dice).prefix(Int.random(in: 0...2, using: &dice))))
        case 2: .header(["X-A", "x-a", "X-B"].randomElement(using: &dice)!, matcher(&dice))
        case 3: .query(["q", "r"].randomElement(using: &dice)!, matcher(&dice))
        default: .body(["/f", "/g/h", "/f/x", "/f/0", "/0", ""].randomElement(using: &dice)!, matcher(&dice))
        }
    }

    static func input(_ dice: inout RuleIndexTests.Dice) -> RuleInput {
        var headers = HTTPHeaders()
        if let value = ["a", "ab", "10000.00", nil].randomElement(using: &dice)! { headers["X-A"] = value }
        if Bool.random(using: &dice) { headers["X-B"] = "x1" }
        let query = ["", "?q=a", "?q=ab&r=10000.00", "?r=7777777.50", "?q"].randomElement(using: &dice)!
        var body: JSONValue?
        switch Int.random(in: 0..<6, using: &dice) {
        case 0: body = nil
        case 1: body = .array([values.randomElement(using: &dice)!])
        default:
            var object = JSONObject()
            if Bool.random(using: &dice) { object["f"] = values.randomElement(using: &dice)! }
            if Bool.random(using: &dice) { object["g"] = ["h": values.randomElement(using: &dice)!] }
            if Bool.random(using: &dice) { object["0"] = values.randomElement(using: &dice)! }
            body = .object(object)
        }
        let route = Route(
            serviceName: RuleIndexTests.services.randomElement(using: &dice)!, serviceCode: ServiceCode(rawValue: "11")!,
            security: .transaction)
        return RuleInput(
            request: HTTPRequest(method: .post, target: "/v1.0/x" + query, headers: headers),
            route: route, clientId: RuleIndexTests.partners.randomElement(using: &dice)!, body: body)
    }

    @Test(arguments: 0..<10)
    func compiledCheck_AnswersWhatTheConditionAnswers(seed: UInt64) {
        var dice = RuleIndexTests.Dice(state: 7_000 + seed)
        var held = 0
        for _ in 0..<2_000 {
            let condition = Self.condition(&dice)
            let input = Self.input(&dice)
            let expected = condition.holds(for: input)
            #expect(RuleCheck(condition).holds(input) == expected, "\(condition.summary) on \(String(describing: input.body))")
            if expected { held += 1 }
        }
        #expect(held > 100)  // the inputs exercise matches, not only misses
    }

    /// The conditions left to check for a candidate: the first `services` condition and the indexed exact
    /// condition are dropped, nothing else.
    @Test func remainingConditions_DropTheServiceAndTheIndexedCondition() {
        let rule = Rule(
            id: "r",
            conditions: [
                .header("X-A", .prefix("a")), .services(["emoney-topup"]), .body("/f", .equals("a")),
                .body("/f", .equals("b")), .services(["balance-inquiry"]), .partners(["p1"]),
            ],
            outcome: RuleOutcome(.amend(status: 200, patch: nil)))
        #expect(RuleIndex.remainingConditions(rule).map(\.summary) == [
            "header X-A starts with \"a\"", "body /f = \"b\"", "service in [balance-inquiry]", "partner in [p1]",
        ])
        let unkeyed = Rule(id: "u", conditions: [.body("/amount", .present(true))], outcome: RuleOutcome(.amend(status: 200, patch: nil)))
        #expect(RuleIndex.remainingConditions(unkeyed).map(\.summary) == ["body /amount present"])
    }
}
