import SimJSON

/// A merchant that sends payouts (NICEPAY's iMid): the merchant account its payout balance lives in, and where
/// and how its completion notifications go.
public struct PayoutMerchant: Sendable, Hashable {
    /// NICEPAY's iMid, = client id = `merchantId` in bodies.
    public var merchantId: String
    /// The merchant account (accounts.json) whose `BALANCE` funds the payouts; balance inquiry reports it.
    public var accountNo: String
    /// Where completion notifications are posted (`[merchant domain]/api/v1.0/transfer/notify`).
    public var notifyURL: String?
    /// The final statuses that produce a notification; NICEPAY documents "when success" only.
    public var notifyOn: [PayoutStatus]
    /// The simulator's NICEPAY notification key pair (PEM), separate from the transaction credentials:
    /// merchants verify with the public key, the simulator signs with the private one.
    public var notificationPublicKey: String?
    public var notificationPrivateKey: String?

    /// The name the notification outbox signs this merchant's payout notices with (`nicepay:<iMid>`).
    public static func notificationKeyName(_ merchantId: String) -> String { "nicepay:" + merchantId }
}

/// A payout method (`payoutMethod` 0–4) and the fee NICEPAY takes for it.
public struct PayoutMethod: Sendable, Hashable {
    /// `0` Overbooking, `1` Online, `2` SKN, `3` RTGS, `4` Cashout.
    public var code: String
    public var name: String
    /// Debited from the payout balance with the amount on approval.
    public var fee: Amount
}

/// What happens to a payout to a beneficiary account — snapsim's outcome control, since NICEPAY documents none.
public enum PayoutOutcome: String, Codable, Sendable, Hashable, CaseIterable {
    /// Disbursed at once on approval (or at the schedule): `00`.
    case success
    /// The bank refuses: `09`, funds released.
    case failed
    /// The bank does not answer: `08`, resolved after `resolveAfterSeconds`.
    case suspect
    /// As `suspect`, but the approve call itself answers 504 Request Timeout (the case NICEPAY's docs warn of).
    case approveTimeout = "approve-timeout"
    /// The bank says the account does not exist: registration answers 404xx11.
    case invalid
}

/// A beneficiary account the fixtures know; unknown accounts at a known bank are disbursed (NICEPAY's
/// sandbox accepts arbitrary accounts).
public struct PayoutBeneficiary: Sendable, Hashable {
    public var accountNo: String
    public var name: String
    /// The bank the account is at; registration with another code answers 404xx11.
    public var bankCode: String?
    public var outcome: PayoutOutcome
    /// For suspect outcomes: seconds of simulator time until the bank's answer arrives.
    public var resolveAfterSeconds: Int
    /// For suspect outcomes: `success` or `failed`.
    public var resolvesTo: PayoutOutcome
}

/// Everything `payouts.json` holds.
public struct PayoutFixtures: Sendable {
    public var merchants: [String: PayoutMerchant] = [:]
    public var methods: [String: PayoutMethod] = [:]
    /// NICEPAY bank code → bank name.
    public var banks: [String: String] = [:]
    public var beneficiaries: [String: PayoutBeneficiary] = [:]

    public init() {}
}

extension FixtureSetReader {
    static let payoutSections = ["payoutMerchants", "payoutMethods", "payoutBanks", "payoutBeneficiaries"]

    mutating func readPayouts(accountNos: Set<String>, partnerIds: Set<String>) -> PayoutFixtures {
        var fixtures = PayoutFixtures()
        for (merchant, node) in readUnique("payoutMerchants", key: \PayoutMerchant.merchantId, what: "payout merchant", Self.readMerchant) {
            if !accountNos.contains(merchant.accountNo) {
                problems.add(node["accountNo"] ?? node, "unknown merchant account \"\(merchant.accountNo)\" (add it to accounts)")
            }
            fixtures.merchants[merchant.merchantId] = merchant
        }
        for (method, _) in readUnique("payoutMethods", key: \PayoutMethod.code, what: "payout method", Self.readMethod) {
            fixtures.methods[method.code] = method
        }
        for (bank, _) in readUnique("payoutBanks", key: \(code: String, name: String).code, what: "bank code", Self.readBank) {
            fixtures.banks[bank.code] = bank.name
        }
        for (beneficiary, node) in readUnique("payoutBeneficiaries", key: \PayoutBeneficiary.accountNo, what: "beneficiary", Self.readBeneficiary) {
            if let bank = beneficiary.bankCode, !fixtures.banks.isEmpty, fixtures.banks[bank] == nil {
                problems.add(node["bankCode"] ?? node, "unknown bank code \"\(bank)\" (add it to payoutBanks)")
            }
            fixtures.beneficiaries[beneficiary.accountNo] = beneficiary
        }
        return fixtures
    }

    private static func readMerchant(_ node: FixtureNode, _ problems: inout FixtureProblems) -> PayoutMerchant? {
        let fields = ["merchantId", "accountNo", "notifyUrl", "notifyOn", "notificationPublicKey", "notificationPrivateKey", "note"]
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let merchantId = node.string("merchantId", required: true, maxLength: 10, &problems)
        let accountNo = node.string("accountNo", required: true, maxLength: 32, &problems)
        let url = node.string("notifyUrl", required: false, &problems)
        let statuses = node.strings("notifyOn", required: false, &problems) ?? ["00"]
        let notifyOn = statuses.compactMap(PayoutStatus.init(rawValue:))
        if notifyOn.count != statuses.count || notifyOn.contains(where: { !$0.isFinal }) {
            problems.add(node["notifyOn"] ?? node, "list final payout statuses: 00, 04, 05, 09")
        }
        let publicKey = node.string("notificationPublicKey", required: false, &problems)
        let privateKey = node.string("notificationPrivateKey", required: false, &problems)
        _ = node.string("note", required: false, &problems)
        guard let merchantId, let accountNo else { return nil }
        return PayoutMerchant(
            merchantId: merchantId, accountNo: accountNo, notifyURL: url, notifyOn: notifyOn,
            notificationPublicKey: publicKey, notificationPrivateKey: privateKey)
    }

    private static func readMethod(_ node: FixtureNode, _ problems: inout FixtureProblems) -> PayoutMethod? {
        guard node.expectObject(allowed: ["payoutMethod", "name", "fee"], &problems) else { return nil }
        let code = node.choice("payoutMethod", required: true, of: ["0", "1", "2", "3", "4"], &problems)
        let name = node.string("name", required: true, &problems)
        let fee = node.amount("fee", required: true, &problems)
        guard let code, let name, let fee else { return nil }
        return PayoutMethod(code: code, name: name, fee: fee)
    }

    private static func readBank(_ node: FixtureNode, _ problems: inout FixtureProblems) -> (code: String, name: String)? {
        guard node.expectObject(allowed: ["code", "name"], &problems) else { return nil }
        let code = node.string("code", required: true, maxLength: 4, &problems)
        let name = node.string("name", required: true, &problems)
        guard let code, let name else { return nil }
        return (code, name)
    }

    private static func readBeneficiary(_ node: FixtureNode, _ problems: inout FixtureProblems) -> PayoutBeneficiary? {
        let fields = ["accountNo", "name", "bankCode", "outcome", "resolveAfterSeconds", "resolvesTo", "note"]
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let accountNo = node.string("accountNo", required: true, maxLength: 25, &problems)
        let name = node.string("name", required: true, maxLength: 100, &problems)
        let bank = node.string("bankCode", required: false, maxLength: 4, &problems)
        let outcome = node.choice("outcome", required: true, of: PayoutOutcome.allCases.map(\.rawValue), &problems)
        let after = node.integer("resolveAfterSeconds", required: false, in: 1...31_536_000, &problems) ?? 600
        let resolvesTo = node.choice("resolvesTo", required: false, of: ["success", "failed"], &problems) ?? "success"
        _ = node.string("note", required: false, &problems)
        guard let accountNo, let name, let outcome = outcome.flatMap(PayoutOutcome.init(rawValue:)) else { return nil }
        return PayoutBeneficiary(
            accountNo: accountNo, name: name, bankCode: bank, outcome: outcome, resolveAfterSeconds: after,
            resolvesTo: PayoutOutcome(rawValue: resolvesTo) ?? .success)
    }
}
