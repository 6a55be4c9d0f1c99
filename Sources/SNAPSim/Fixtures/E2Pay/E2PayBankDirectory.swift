import SimJSON

/// What E2Pay's money-out routes know about banks (`fixtures/e2pay-banks.json`): the banks under E2Pay's
/// lower-case ids with the lists they are on, extra beneficiary accounts, and each channel's fee and cap.
///
/// Beneficiaries of `beneficiaries.json` (`transfers`) are reached too: an account there belongs to the E2Pay
/// bank with the same `bankCode`.
public struct E2PayBankDirectory: Sendable, Hashable {
    /// A bank as E2Pay lists it.
    public struct Bank: Sendable, Hashable {
        /// E2Pay's bank key, e.g. `permata`.
        public var id: String
        public var name: String
        /// Bank Indonesia's 3-digit code, linking the bank to `beneficiaries.json`.
        public var bankCode: String
        /// The lists it is on: `ibft` (transfer out), `sdp` (disbursement), `bifast`.
        public var lists: Set<String>
        /// An inactive bank is listed but refuses transfers.
        public var active: Bool
    }

    /// A beneficiary account at one of the banks.
    public struct Beneficiary: Sendable, Hashable {
        public var bankId: String
        public var accountId: String
        public var name: String
        public var status: CustomerStatus

        /// `bankId/accountId`: unique in the fixtures.
        var key: String { bankId + "/" + accountId }
    }

    /// The three bank lists, by the path's last component (`/b2b/bank/ibft`).
    public static let lists = ["ibft", "sdp", "bifast"]
    /// The channels that must each have a fee and a cap.
    public static let channels = ["BI-FAST", "ONLINE", "SDP", "QRIS", "QR"]

    /// Banks in fixture order.
    public var banks: [Bank] = []
    /// Extra beneficiaries by bank id, then account id.
    public var beneficiaries: [String: [String: Beneficiary]] = [:]
    /// Fee and per-transaction cap per channel.
    public var channels: [String: TransferDirectory.ChannelTerms] = [:]

    public init() {}

    /// The bank with E2Pay id `id`.
    public func bank(_ id: String) -> Bank? { banks.first { $0.id == id } }

    /// The account `accountId` at `bank`: from this file, else from `beneficiaries.json` by bank code.
    public func beneficiary(_ accountId: String, at bank: Bank, transfers: TransferDirectory) -> Beneficiary? {
        if let own = beneficiaries[bank.id]?[accountId] { return own }
        guard let shared = transfers.beneficiaries[accountId], shared.bankCode == bank.bankCode else { return nil }
        return Beneficiary(bankId: bank.id, accountId: accountId, name: shared.name, status: shared.status)
    }

    /// The terms of `channel`; a fixture set without them charges nothing and caps nothing.
    public func terms(_ channel: String) -> TransferDirectory.ChannelTerms {
        channels[channel] ?? TransferDirectory.ChannelTerms(fee: .zero, maximum: Amount(minorUnits: Int64.max / 4))
    }
}

extension FixtureSetReader {
    static let e2payMoneyOutSections = ["e2payBanks", "e2payBeneficiaries", "e2payChannels"]

    /// The three E2Pay money-out sections; beneficiaries must name a bank of `e2payBanks`.
    mutating func readE2PayBanks() -> E2PayBankDirectory {
        var directory = E2PayBankDirectory()
        directory.banks = readUnique("e2payBanks", key: \E2PayBankDirectory.Bank.id, what: "E2Pay bank", Self.readBank)
            .map(\.value)
        for (beneficiary, node) in readUnique(
            "e2payBeneficiaries", key: \E2PayBankDirectory.Beneficiary.key, what: "E2Pay beneficiary", Self.readBeneficiary)
        {
            guard directory.bank(beneficiary.bankId) != nil else {
                problems.add(node["bankId"] ?? node,
                    "unknown E2Pay bank \"\(beneficiary.bankId)\" (add it to e2payBanks)")
                continue
            }
            directory.beneficiaries[beneficiary.bankId, default: [:]][beneficiary.accountId] = beneficiary
        }
        let channels = readUnique("e2payChannels", key: \ChannelFixture.channel, what: "E2Pay channel", Self.readChannel)
        for (fixture, _) in channels { directory.channels[fixture.channel] = fixture.terms }
        if let first = channels.first?.node {
            let missing = E2PayBankDirectory.channels.filter { directory.channels[$0] == nil }
            if !missing.isEmpty {
                problems.add(first, "e2payChannels lacks \(missing.joined(separator: ", ")) (fee and maximum each)")
            }
        }
        return directory
    }

    struct ChannelFixture {
        var channel: String
        var terms: TransferDirectory.ChannelTerms
    }

    private static func readChannel(_ node: FixtureNode, _ problems: inout FixtureProblems) -> ChannelFixture? {
        guard node.expectObject(allowed: ["channel", "fee", "maximum", "note"], &problems) else { return nil }
        let channel = node.choice("channel", required: true, of: E2PayBankDirectory.channels, &problems)
        let fee = node.amount("fee", required: true, &problems)
        let maximum = node.amount("maximum", required: true, &problems)
        _ = node.string("note", required: false, &problems)
        guard let channel, let fee, let maximum else { return nil }
        return ChannelFixture(channel: channel, terms: TransferDirectory.ChannelTerms(fee: fee, maximum: maximum))
    }

    private static func readBeneficiary(_ node: FixtureNode, _ problems: inout FixtureProblems)
        -> E2PayBankDirectory.Beneficiary?
    {
        guard node.expectObject(allowed: ["bankId", "accountId", "name", "status", "note"], &problems) else { return nil }
        let bankId = node.string("bankId", required: true, &problems)
        let accountId = node.string("accountId", required: true, maxLength: 32, &problems)
        let name = node.string("name", required: true, maxLength: 64, &problems)
        let status = node.choice("status", required: false, of: CustomerStatus.allCases.map(\.rawValue), &problems)
        _ = node.string("note", required: false, &problems)
        guard let bankId, let accountId, let name else { return nil }
        return E2PayBankDirectory.Beneficiary(
            bankId: bankId, accountId: accountId, name: name,
            status: status.flatMap(CustomerStatus.init(rawValue:)) ?? .active)
    }

    private static func readBank(_ node: FixtureNode, _ problems: inout FixtureProblems) -> E2PayBankDirectory.Bank? {
        guard node.expectObject(allowed: ["id", "name", "bankCode", "lists", "active", "note"], &problems) else { return nil }
        let id = node.string("id", required: true, maxLength: 32, &problems)
        let name = node.string("name", required: true, maxLength: 64, &problems)
        let bankCode = node.string("bankCode", required: true, maxLength: 11, &problems)
        let lists = node.strings("lists", required: true, &problems) ?? []
        let active = node.bool("active", required: false, &problems) ?? true
        _ = node.string("note", required: false, &problems)
        for list in lists where !E2PayBankDirectory.lists.contains(list) {
            problems.add(node["lists"] ?? node,
                "unknown list \"\(list)\" (known: \(E2PayBankDirectory.lists.joined(separator: ", ")))")
        }
        guard let id, let name, let bankCode else { return nil }
        return E2PayBankDirectory.Bank(id: id, name: name, bankCode: bankCode, lists: Set(lists), active: active)
    }
}
