/// What payouts do to the merchant account that funds them (its `BALANCE`): approval moves amount + fee from
/// available to held, disbursement takes the held money out, a cancel or failure gives it back.
extension Ledger {
    /// The payout balance balance inquiry reports: the account's available `BALANCE`, `nil` when unknown.
    public func payoutBalance(_ accountNo: String) -> Amount? {
        guard let infos = accounts[accountNo]?.accountInfos, !infos.isEmpty else { return nil }
        return infos[payoutBalanceIndex(infos)].availableBalance
    }

    /// Holds `total` for an approved payout. - Returns: `false` (nothing changed) when the balance is short.
    mutating func holdPayout(_ accountNo: String, _ total: Amount) -> Bool {
        guard let available = payoutBalance(accountNo), available.minorUnits >= total.minorUnits,
            let infos = accounts[accountNo]?.accountInfos
        else { return false }
        let index = payoutBalanceIndex(infos)
        accounts[accountNo]?.accountInfos[index].availableBalance.minorUnits -= total.minorUnits
        accounts[accountNo]?.accountInfos[index].holdAmount.minorUnits += total.minorUnits
        return true
    }

    /// Gives a held payout back (cancel, failure).
    mutating func releasePayout(_ accountNo: String, _ total: Amount) {
        guard let infos = accounts[accountNo]?.accountInfos, !infos.isEmpty else { return }
        let index = payoutBalanceIndex(infos)
        accounts[accountNo]?.accountInfos[index].availableBalance.minorUnits += total.minorUnits
        accounts[accountNo]?.accountInfos[index].holdAmount.minorUnits -= total.minorUnits
    }

    /// Takes a held payout out of the account (disbursed).
    mutating func settlePayout(_ accountNo: String, _ total: Amount) {
        guard let infos = accounts[accountNo]?.accountInfos, !infos.isEmpty else { return }
        let index = payoutBalanceIndex(infos)
        accounts[accountNo]?.accountInfos[index].holdAmount.minorUnits -= total.minorUnits
        accounts[accountNo]?.accountInfos[index].amount.minorUnits -= total.minorUnits
        accounts[accountNo]?.accountInfos[index].ledgerBalance.minorUnits -= total.minorUnits
    }

    private func payoutBalanceIndex(_ infos: [AccountBalance]) -> Int {
        infos.firstIndex { $0.balanceType == "BALANCE" } ?? 0
    }
}
