/// The ledger moves of transfers: debit a customer or a merchant account, credit a merchant account.
///
/// The callers check statuses, limits and funds first; these only move money.
extension Ledger {
    /// What `holder` may spend now: an e-money customer's balance, or a merchant account's `availableBalance`
    /// of its `BALANCE` type (its first balance when it has none of that name). `nil` when unknown.
    public func spendable(_ holder: MovementHolder) -> Amount? {
        switch holder {
        case .customer(let number):
            return customers[number]?.balance
        case .account(let accountNo):
            guard let account = accounts[accountNo], let index = Self.mainBalance(of: account) else { return nil }
            return account.accountInfos[index].availableBalance
        }
    }

    /// Takes `amount` from `holder` (customer balance, or the account's amount, available and ledger balances).
    public mutating func debit(_ holder: MovementHolder, _ amount: Amount) {
        move(holder, -amount.minorUnits)
    }

    /// Adds `amount` to a merchant account's balances. An e-money customer is credited by ``credit(_:_:at:)``,
    /// which also counts the month's top-ups.
    public mutating func credit(account accountNo: String, _ amount: Amount) {
        move(.account(accountNo), amount.minorUnits)
    }

    private mutating func move(_ holder: MovementHolder, _ minorUnits: Int64) {
        switch holder {
        case .customer(let number):
            customers[number]?.balance.minorUnits += minorUnits
        case .account(let accountNo):
            guard let account = accounts[accountNo], let index = Self.mainBalance(of: account) else { return }
            accounts[accountNo]?.accountInfos[index].amount.minorUnits += minorUnits
            accounts[accountNo]?.accountInfos[index].availableBalance.minorUnits += minorUnits
            accounts[accountNo]?.accountInfos[index].ledgerBalance.minorUnits += minorUnits
        }
    }

    private static func mainBalance(of account: MerchantAccount) -> Int? {
        account.accountInfos.firstIndex { $0.balanceType == "BALANCE" } ?? (account.accountInfos.isEmpty ? nil : 0)
    }
}
