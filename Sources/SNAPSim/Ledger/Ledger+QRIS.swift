/// The ledger moves of QR payments: a payer's e-money balance and a merchant account's balances.
extension Ledger {
    /// Takes `amount` from the customer's balance. The caller checks the customer and the balance first.
    mutating func debitCustomer(_ customerNumber: String, _ amount: Amount) {
        customers[customerNumber]?.balance.minorUnits -= amount.minorUnits
    }

    /// Gives `amount` back to the customer's balance (a refund: not a top-up, so no monthly top-up counts).
    mutating func refundCustomer(_ customerNumber: String, _ amount: Amount) {
        customers[customerNumber]?.balance.minorUnits += amount.minorUnits
    }

    /// Adds `minorUnits` (negative to take) to the merchant account's first balance type: its amount, available
    /// and ledger balances.
    mutating func moveMerchantFunds(_ accountNo: String, _ minorUnits: Int64) {
        guard var account = accounts[accountNo], !account.accountInfos.isEmpty else { return }
        account.accountInfos[0].amount.minorUnits += minorUnits
        account.accountInfos[0].availableBalance.minorUnits += minorUnits
        account.accountInfos[0].ledgerBalance.minorUnits += minorUnits
        accounts[accountNo] = account
    }

    /// What the merchant account may pay out now (its first balance type's available balance).
    func merchantAvailable(_ accountNo: String) -> Amount {
        accounts[accountNo]?.accountInfos.first?.availableBalance ?? .zero
    }
}
