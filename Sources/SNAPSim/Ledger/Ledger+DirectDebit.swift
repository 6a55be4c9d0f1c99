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
}
