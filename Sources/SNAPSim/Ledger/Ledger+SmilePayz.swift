/// What SmilePayz pay-outs do to a merchant's pay-out account.
extension Ledger {
    /// Takes `amount` from the account's first balance when its `availableBalance` covers it.
    /// - Returns: `false` (and nothing changes) when there is no such account or it is short.
    public mutating func debitMerchant(_ accountNo: String, _ amount: Amount) -> Bool {
        guard let balances = accounts[accountNo]?.accountInfos, !balances.isEmpty else { return false }
        let index = balances.firstIndex { $0.balanceType == "BALANCE" } ?? 0
        guard balances[index].availableBalance >= amount else { return false }
        accounts[accountNo]?.accountInfos[index].amount.minorUnits -= amount.minorUnits
        accounts[accountNo]?.accountInfos[index].availableBalance.minorUnits -= amount.minorUnits
        accounts[accountNo]?.accountInfos[index].ledgerBalance.minorUnits -= amount.minorUnits
        return true
    }
}
