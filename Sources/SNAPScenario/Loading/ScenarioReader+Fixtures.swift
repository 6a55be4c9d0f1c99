import SNAPSim
import SimJSON

extension ScenarioReader {
    static let overrideFields = ["customers", "tiers", "security"]
    static let customerFields = ["name", "tier", "balance", "toppedUpThisMonth", "status"]
    static let tierFields = [
        "balanceCap", "monthlyTopUpCap", "minimumTopUp", "fee", "feeType", "dailyAccountInquiryLimit",
    ]
    static let securityFields = ["tokenLifetimeSeconds", "timestampSkewSeconds"]

    mutating func fixtureOverrides(_ node: ScenarioNode) -> FixtureOverrides {
        var overrides = FixtureOverrides()
        guard node.expectObject(allowed: Self.overrideFields, &problems) else { return overrides }
        for (number, change) in node["customers"]?.members(&problems) ?? [] {
            guard change.expectObject(allowed: Self.customerFields, &problems) else { continue }
            if !EMoneyCustomer.isWellFormedNumber(number) {
                problems.add(
                    change, "\"\(number)\" is not a customer number: 08 followed by digits, at most 16 characters")
            }
            var status: CustomerStatus?
            if let text = change.string("status", &problems) {
                status = CustomerStatus(rawValue: text)
                if status == nil {
                    problems.add(
                        change["status"] ?? change,
                        "unknown status \"\(text)\" (known: \(CustomerStatus.allCases.map(\.rawValue).joined(separator: ", ")))"
                    )
                }
            }
            overrides.customers.append(
                FixtureOverrides.CustomerChange(
                    customerNumber: number, name: change.string("name", &problems),
                    tier: change.string("tier", &problems),
                    balance: amount(change, "balance"), toppedUpThisMonth: amount(change, "toppedUpThisMonth"),
                    status: status,
                    pointer: change.pointer))
        }
        for (name, change) in node["tiers"]?.members(&problems) ?? [] {
            guard change.expectObject(allowed: Self.tierFields, &problems) else { continue }
            overrides.tiers.append(
                FixtureOverrides.TierChange(
                    name: name, balanceCap: amount(change, "balanceCap"),
                    monthlyTopUpCap: amount(change, "monthlyTopUpCap"),
                    minimumTopUp: amount(change, "minimumTopUp"), fee: amount(change, "fee"),
                    feeType: change.string("feeType", &problems),
                    dailyAccountInquiryLimit: change.integer("dailyAccountInquiryLimit", in: 0...1_000_000, &problems),
                    pointer: change.pointer))
        }
        if let security = node["security"], security.expectObject(allowed: Self.securityFields, &problems) {
            overrides.security = FixtureOverrides.SecurityChange(
                tokenLifetimeSeconds: security.integer("tokenLifetimeSeconds", in: 1...31_536_000, &problems),
                timestampSkewSeconds: security.integer("timestampSkewSeconds", in: 0...31_536_000, &problems))
        }
        return overrides
    }

    /// An amount written as fixtures write it: `"2000000.00"`.
    private mutating func amount(_ node: ScenarioNode, _ key: String) -> Amount? {
        guard let text = node.string(key, &problems) else { return nil }
        guard let units = Amount.parseValue(text) else {
            problems.add(
                node[key] ?? node, "\"\(text)\" is not an amount: digits with exactly two decimals, e.g. \"2000000.00\""
            )
            return nil
        }
        return Amount(minorUnits: units)
    }
}
