/// The ledger moves of direct debit: a bound customer pays a merchant, a refund gives money back, and account
/// creation (service 06) opens a new e-money customer.
extension Ledger {
    /// Takes `amount` from the customer's balance; `false` (and nothing moved) when unknown or short of funds.
    /// Unlike a top-up this is not counted against the monthly top-up cap.
    mutating func debitForPayment(_ customerNumber: String, _ amount: Amount) -> Bool {
        guard let balance = customers[customerNumber]?.balance, balance >= amount else { return false }
        customers[customerNumber]?.balance.minorUnits -= amount.minorUnits
        return true
    }

    /// Gives `amount` back to the customer's balance (refund or reversal); not a top-up.
    mutating func creditRefund(_ customerNumber: String, _ amount: Amount) {
        customers[customerNumber]?.balance.minorUnits += amount.minorUnits
    }

    /// Opens a new active customer with a zero balance; `false` when the number already has an account.
    mutating func openCustomer(_ customerNumber: String, name: String, tier: String) -> Bool {
        guard customers[customerNumber] == nil else { return false }
        customers[customerNumber] = CustomerAccount(
            EMoneyCustomer(customerNumber: customerNumber, name: name, tier: tier, balance: .zero))
        return true
    }

    /// Moves a merchant account's main balance (`BALANCE`, else the first) by `minorUnits`: a direct-debit payment
    /// to a `merchantId` that is an account of `accounts.json` settles there, a refund takes it back.
    /// - Returns: `false` when `merchantId` is no merchant account of the ledger.
    @discardableResult
    mutating func settleToMerchantAccount(_ merchantId: String, minorUnits: Int64) -> Bool {
        guard let balances = accounts[merchantId]?.accountInfos, !balances.isEmpty else { return false }
        let index = balances.firstIndex { $0.balanceType == "BALANCE" } ?? 0
        accounts[merchantId]?.accountInfos[index].amount.minorUnits += minorUnits
        accounts[merchantId]?.accountInfos[index].availableBalance.minorUnits += minorUnits
        accounts[merchantId]?.accountInfos[index].ledgerBalance.minorUnits += minorUnits
        return true
    }
}
