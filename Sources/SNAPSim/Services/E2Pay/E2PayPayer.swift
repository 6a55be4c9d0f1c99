/// Whoever pays out through E2Pay: a customer (its e-money balance) or a merchant (its ledger account).
struct E2PayPayer {
    /// E2Pay's `accountId`: the customer number, or the merchant's account number.
    let accountId: String
    /// Who logs in (whose password confirms).
    let username: String
    let name: String
    let balance: Amount
    /// Where the ledger debits it.
    let holder: MovementHolder
    /// Premium customers and merchants may transfer to a bank; basic customers may not.
    let mayTransferToBank: Bool
}

extension E2PayMoneyOut {
    /// The logged-in customer as a payer (refusals of ``E2PayCustomerService/user(_:)``).
    func payer(_ state: PartnerState) throws(E2PayRefusal) -> E2PayPayer {
        let account = try service.user(state)
        return E2PayPayer(
            accountId: account.customerNumber, username: account.customerNumber, name: account.customer.name,
            balance: account.balance, holder: .customer(account.customerNumber),
            mayTransferToBank: account.customer.tier == E2PayLimits.premiumTier)
    }
}
