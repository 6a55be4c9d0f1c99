/// What the simulated provider knows about banks and their accounts, for account inquiries and transfers:
/// the banks it can reach, the beneficiary accounts at them, and each transfer channel's fee and limit
/// (`fixtures/beneficiaries.json`, section `transfers`).
///
/// Fixture data only: balances of the provider's own merchant accounts and customers live in the ``Ledger``.
public struct TransferDirectory: Sendable, Hashable {
    /// The code of the bank the provider is, for profiles without their own (`homeBankCodeByProfile`).
    public var homeBankCode: String
    /// Profile name → the bank that profile's provider is (BCA's profile is bank `014`).
    public var homeBankCodeByProfile: [String: String]
    /// Banks by code.
    public var banks: [String: Bank]
    /// Beneficiary accounts by account number (unique across banks).
    public var beneficiaries: [String: Beneficiary]
    /// Fee and limit per channel.
    public var channels: [TransferChannel: ChannelTerms]

    /// A directory; empty by default, so fixture sets without `transfers` load as before.
    public init(
        homeBankCode: String = "999", homeBankCodeByProfile: [String: String] = [:], banks: [String: Bank] = [:],
        beneficiaries: [String: Beneficiary] = [:], channels: [TransferChannel: ChannelTerms] = [:]
    ) {
        self.homeBankCode = homeBankCode
        self.homeBankCodeByProfile = homeBankCodeByProfile
        self.banks = banks
        self.beneficiaries = beneficiaries
        self.channels = channels
    }

    /// The home bank of `profile`.
    public func homeBank(for profile: String) -> String {
        homeBankCodeByProfile[profile] ?? homeBankCode
    }

    /// A bank the provider can reach.
    public struct Bank: Sendable, Hashable {
        /// Bank Indonesia's code, e.g. `014`.
        public var bankCode: String
        /// Full name (≤ 25: DANA's model caps `beneficiaryBankName` there).
        public var name: String
        /// Short name, e.g. `BCA` (≤ 25).
        public var shortName: String
        /// Whether the bank takes BI-FAST transfers.
        public var biFast: Bool
    }

    /// A beneficiary account at one of the banks.
    public struct Beneficiary: Sendable, Hashable {
        public var accountNo: String
        public var bankCode: String
        /// Account holder's name (≤ 64: DANA's model caps `beneficiaryAccountName` there).
        public var name: String
        /// `D` current account, `S` savings (ASPI's beneficiaryAccountType).
        public var accountType: String
        /// Whether it may receive money; the refusal when not.
        public var status: CustomerStatus
    }

    /// The fee a channel costs the sender and the most one transfer may carry.
    public struct ChannelTerms: Sendable, Hashable {
        public var fee: Amount
        public var maximum: Amount
    }
}

/// How a transfer reaches the beneficiary's bank.
public enum TransferChannel: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
    /// Within the provider's own bank.
    case intrabank = "INTRABANK"
    /// Interbank over BI-FAST (Rp 250,000,000 cap).
    case biFast = "BI-FAST"
    /// Interbank online transfer (Rp 50,000,000 cap).
    case online = "ONLINE"

    public static func < (lhs: TransferChannel, rhs: TransferChannel) -> Bool { lhs.rawValue < rhs.rawValue }
}
