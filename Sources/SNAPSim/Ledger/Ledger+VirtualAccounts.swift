/// What virtual-account payments do to merchant accounts.
extension Ledger {
    /// Adds `amount` to the merchant account's first balance (its `amount`, `availableBalance` and
    /// `ledgerBalance`), as a VA payment settles to the biller at once in the simulator.
    /// - Returns: `false` when there is no such account or it has no balance.
    @discardableResult
    public mutating func creditMerchant(_ accountNo: String, _ amount: Amount) -> Bool {
        guard let balances = accounts[accountNo]?.accountInfos, !balances.isEmpty else { return false }
        let index = balances.firstIndex { $0.balanceType == "BALANCE" } ?? 0
        accounts[accountNo]?.accountInfos[index].amount.minorUnits += amount.minorUnits
        accounts[accountNo]?.accountInfos[index].availableBalance.minorUnits += amount.minorUnits
        accounts[accountNo]?.accountInfos[index].ledgerBalance.minorUnits += amount.minorUnits
        return true
    }
}
