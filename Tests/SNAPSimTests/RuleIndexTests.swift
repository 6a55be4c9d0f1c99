import Foundation
import SimHTTP
import SimJSON
import Testing
@testable import SNAPSim

/// The rule index answers exactly what a plain scan in file order answers, over randomised rules and requests.
@Suite struct RuleIndexTests {
    /// SplitMix64: reproducible randomness, so a failure names a seed that replays it.
    struct Dice: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let services = ["balance-inquiry", "emoney-topup", "topup-status", "account-inquiry"]
    static let partners = ["p1", "p2", "p3", "p4"]
    static let values: [JSONValue] = ["a", "b", "ab", "10000.00", .number("1"), .number("1.0"), .null, true, ["x": 1]]

    static func matcher(_ dice: inout Dice) -> ValueMatcher {
        switch Int.random(in: 0..<10, using: &dice) {
        case 0: .prefix(["a", "1", "x"].randomElement(using: &dice)!)
        case 1: .regex(pattern: "a.*", try! WholeMatchPattern("a.*"))
        case 2: .present(Bool.random(using: &dice))
        case 3: .amountRange(min: Amount(minorUnits: 100), max: Amount(minorUnits: 2_000_000))
        default: .equals(values.randomElement(using: &dice)!)
        }
    }

    static func rule(_ number: Int, _ dice: inout Dice) -> Rule {
        var conditions: [RuleCondition] = []
        for _ in 0..<Int.random(in: 0...3, using: &dice) {
            switch Int.random(in: 0..<6, using: &dice) {
            case 0: conditions.append(.services(Array(services.shuffled(using: &dice).prefix(Int.random(in: 1...2, using: &dice)))))
            case 1: conditions.append(.partners(Array(partners.shuffled(using: &dice).prefix(Int.random(in: 1...2, using: &dice)))))
            case 2: conditions.append(.header(["X-A", "x-a", "X-B"].randomElement(using: &dice)!, matcher(&dice)))
            case 3: conditions.append(.query(["q", "r"].randomElement(using: &dice)!, matcher(&dice)))
            default: conditions.append(.body(["/f", "/g/h", "/f/x"].randomElement(using: &dice)!, matcher(&dice)))
            }
        }
        let scenario = Int.random(in: 0..<4, using: &dice) == 0
            ? ScenarioTransition(scenario: ["s", "t"].randomElement(using: &dice)!, whenState: ["Started", "Later"].randomElement(using: &dice)!)
            : nil
        return Rule(id: "r\(number)", conditions: conditions, outcome: RuleOutcome(.amend(status: 200, patch: nil)), scenario: scenario)
    }

    static func input(_ dice: inout Dice) -> RuleInput {
        var headers = HTTPHeaders()
        if let value = ["a", "b", "zz", nil].randomElement(using: &dice)!  { headers["X-A"] = value }
        if Bool.random(using: &dice) { headers["X-B"] = "ab" }
        let query = ["", "?q=a", "?q=ab&r=b", "?r=10000.00", "?q"].randomElement(using: &dice)!
        var body: JSONValue? = nil
        if Int.random(in: 0..<5, using: &dice) > 0 {
            var object = JSONObject()
            if Bool.random(using: &dice) { object["f"] = values.randomElement(using: &dice)! }
            if Bool.random(using: &dice) { object["g"] = ["h": values.randomElement(using: &dice)!] }
            body = .object(object)
        }
        let route = Route(serviceName: services.randomElement(using: &dice)!, serviceCode: ServiceCode(rawValue: "11")!, security: .transaction)
        return RuleInput(
            request: HTTPRequest(method: .post, target: "/v1.0/x" + query, headers: headers),
            route: route, clientId: partners.randomElement(using: &dice)!, body: body)
    }

    @Test(arguments: 0..<20)
    func indexedMatch_PicksTheRuleAPlainScanPicks(seed: UInt64) {
        var dice = Dice(state: seed)
        let rules = (0..<Int.random(in: 1...300, using: &dice)).map { Self.rule($0, &dice) }
        let forcedRules = (0..<Int.random(in: 0...3, using: &dice)).map { Self.rule(1_000 + $0, &dice) }
        let book = RuleBook(rules)
        let forcedBook = RuleBook(forcedRules)
        var matched = 0
        for _ in 0..<500 {
            let input = Self.input(&dice)
            var scenarios = ScenarioStates()
            if Bool.random(using: &dice) { scenarios.move("s", to: "Later", at: SimTime(millisecondsSince1970: 0)) }
            let expected = rules.first { $0.matches(input) }
            #expect(book.firstMatch(input)?.id == expected?.id, "seed \(seed)")
            let inForce = book.inForce(forced: forcedBook, scenarios: scenarios)
            let scanned = (forcedRules + rules.filter { scenarios.allows($0.scenario) }).first { $0.matches(input) }
            #expect(inForce.firstMatch(input)?.id == scanned?.id, "seed \(seed)")
            #expect(inForce.rules.map(\.id) == (forcedRules + rules.filter { scenarios.allows($0.scenario) }).map(\.id))
            let allowed = rules.filter { scenarios.allows($0.scenario) }.first { $0.matches(input) }
            #expect(book.firstMatch(input, allowing: { scenarios.allows($0.scenario) })?.id == allowed?.id, "seed \(seed)")
            if expected != nil { matched += 1 }
        }
        // Guards against a generator whose rules never match, which would make the comparison vacuous.
        #expect(matched > 0, "seed \(seed)")
    }

    @Test func indexedMatch_KeepsFileOrder_WhenAnIndexedAndAFallbackRuleBothMatch() {
        let input = RuleInput(
            request: HTTPRequest(method: .post, target: "/x"), route: Route(serviceName: "balance-inquiry",
                serviceCode: ServiceCode(rawValue: "11")!, security: .transaction),
            clientId: "p1", body: ["accountNo": "0812"])
        let outcome = RuleOutcome(.amend(status: 200, patch: nil))
        let prefix = Rule(id: "prefix", conditions: [.body("/accountNo", .prefix("08"))], outcome: outcome)
        let exact = Rule(id: "exact", conditions: [.body("/accountNo", .equals("0812"))], outcome: outcome)
        let other = (0..<1_000).map { Rule(id: "n\($0)", conditions: [.body("/accountNo", .equals(.string("9\($0)")))], outcome: outcome) }
        #expect(RuleBook(other + [prefix, exact]).firstMatch(input)?.id == "prefix")
        #expect(RuleBook(other + [exact, prefix]).firstMatch(input)?.id == "exact")
        #expect(RuleBook(other).firstMatch(input) == nil)
        #expect(RuleBook(other + [exact]).rule(id: "n7")?.id == "n7")
    }
}
