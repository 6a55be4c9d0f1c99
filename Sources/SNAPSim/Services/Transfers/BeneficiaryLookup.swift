import SimJSON

/// A beneficiary account as the transfer services see it: a merchant account of the ledger (at the home bank)
/// or a beneficiary of the fixtures' directory.
struct ResolvedBeneficiary {
    var accountNo: String
    var name: String
    var bank: TransferDirectory.Bank
    /// `D` or `S`.
    var accountType: String
    /// Whether it is a merchant account of the ledger, credited by an intrabank transfer.
    var isLedgerAccount: Bool
}

/// Finding beneficiaries and the channel a transfer takes, with the SNAP refusal for each way it can fail.
struct BeneficiaryLookup {
    let directory: TransferDirectory
    /// The bank the route's provider is.
    let homeBankCode: String

    init(_ request: ServiceRequest) {
        directory = request.fixtures.transfers
        homeBankCode = directory.homeBank(for: request.exchange.route.profile)
    }

    var homeBank: TransferDirectory.Bank {
        directory.banks[homeBankCode]
            ?? TransferDirectory.Bank(bankCode: homeBankCode, name: "Home Bank", shortName: "HOME", biFast: true)
    }

    /// The account `accountNo`, at `bankCode` when one is given; refused when unknown, elsewhere or not active.
    func beneficiary(_ accountNo: String, bankCode: String?, ledger: Ledger) throws(SNAPError) -> ResolvedBeneficiary {
        if let bankCode, directory.banks[bankCode] == nil {
            throw SNAPError.bankNotSupported.explained([
                "summary": .string("bank \(bankCode) is not reachable: known banks are \(directory.banks.keys.sorted().joined(separator: ", ")) (beneficiaries.json)"),
            ])
        }
        if let account = ledger.account(accountNo), bankCode == nil || bankCode == homeBankCode {
            if let refusal = Self.refusal(accountStatus: account.status) {
                throw refusal.explained(["summary": .string("account \(accountNo) has status \(account.status)")])
            }
            return ResolvedBeneficiary(
                accountNo: accountNo, name: account.name, bank: homeBank, accountType: "D", isLedgerAccount: true)
        }
        guard let found = directory.beneficiaries[accountNo], let bank = directory.banks[found.bankCode] else {
            throw SNAPError.invalidAccount().explained([
                "summary": .string("no beneficiary account \(accountNo)\(bankCode.map { " at bank \($0)" } ?? "") in the fixtures (beneficiaries.json)"),
            ])
        }
        if let bankCode, bankCode != found.bankCode {
            throw SNAPError.invalidAccount().explained([
                "summary": .string("account \(accountNo) is at bank \(found.bankCode), not \(bankCode)"),
            ])
        }
        if let refusal = found.status.refusal {
            throw refusal.explained(["summary": .string("beneficiary account \(accountNo) is \(found.status.rawValue)")])
        }
        return ResolvedBeneficiary(
            accountNo: accountNo, name: found.name, bank: bank, accountType: found.accountType, isLedgerAccount: false)
    }

    /// The channel to `beneficiary`: intrabank at the home bank; otherwise BI-FAST when the bank takes it (or
    /// when asked), online when asked or when it does not.
    func channel(to beneficiary: ResolvedBeneficiary, requested: TransferChannel?) throws(SNAPError) -> TransferChannel {
        if beneficiary.bank.bankCode == homeBankCode {
            return .intrabank
        }
        switch requested {
        case .biFast?:
            guard beneficiary.bank.biFast else {
                throw SNAPError.bankNotSupported.explained([
                    "summary": .string("bank \(beneficiary.bank.bankCode) (\(beneficiary.bank.shortName)) does not take BI-FAST transfers; send ONLINE"),
                ])
            }
            return .biFast
        case .online?: return .online
        case .intrabank?, nil: return beneficiary.bank.biFast ? .biFast : .online
        }
    }

    /// The fee and limit of `channel`; a directory without it charges nothing and caps nothing.
    func terms(_ channel: TransferChannel) -> TransferDirectory.ChannelTerms {
        directory.channels[channel]
            ?? TransferDirectory.ChannelTerms(fee: .zero, maximum: Amount(minorUnits: Int64.max / 4))
    }

    /// The refusal for a merchant account in `status` (ASPI balance statuses), `nil` when it may transact.
    static func refusal(accountStatus status: String) -> SNAPError? {
        switch status {
        case "0002": SNAPError(httpStatus: 403, caseCode: "18")
        case "0009": SNAPError(httpStatus: 403, caseCode: "09")
        case "0006", "0007": SNAPError(httpStatus: 403, caseCode: "05")
        default: nil
        }
    }
}

extension SNAPError {
    /// `403xx14 Insufficient Funds`.
    static let insufficientFunds = SNAPError(httpStatus: 403, caseCode: "14")
    /// `404xx02 Invalid Routing`.
    static let invalidRouting = SNAPError(httpStatus: 404, caseCode: "02")
    /// `404xx03 Bank Not Supported By Switch`.
    static let bankNotSupported = SNAPError(httpStatus: 404, caseCode: "03")
}
