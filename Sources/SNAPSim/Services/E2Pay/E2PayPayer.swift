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
    /// Whether the route is a merchant's (`/b2b/merchant/me/...`).
    var isMerchantRoute: Bool { front.exchange.route.serviceName.hasPrefix("e2pay-merchant-") }

    /// The logged-in customer, or merchant on a merchant route, as a payer (the refusals of
    /// ``E2PayCustomerService/user(_:)`` and ``E2PayMerchantService/merchant(_:)``).
    func payer(_ state: PartnerState) throws(E2PayRefusal) -> E2PayPayer {
        if isMerchantRoute {
            let merchant = try E2PayMerchantService(front: front, session: service.session).merchant(state)
            return E2PayPayer(
                accountId: merchant.accountNo, username: merchant.username, name: merchant.name,
                balance: state.ledger.spendable(.account(merchant.accountNo)) ?? .zero,
                holder: .account(merchant.accountNo), mayTransferToBank: true)
        }
        let account = try service.user(state)
        return E2PayPayer(
            accountId: account.customerNumber, username: account.customerNumber, name: account.customer.name,
            balance: account.balance, holder: .customer(account.customerNumber),
            mayTransferToBank: account.customer.tier == E2PayLimits.premiumTier)
    }
}
