import SimHTTP
import SimJSON

/// E2Pay money out (issue 13): transfer to bank (IBFT), disbursement to bank (SDP, `Signature` header), the
/// three bank lists, and QR/QRIS payments with their check status. Every debit is a debit of the partner's one
/// ledger (the account a SNAP balance inquiry reads) and a row of the payer's Check History.
struct E2PayMoneyOut {
    let service: E2PayCustomerService

    var front: E2PayFront { service.front }
    var request: HTTPRequest { front.request }
    var directory: E2PayBankDirectory { front.fixtures.e2payBanks }

    /// Whether `name` is one of these services.
    static func serves(_ name: String) -> Bool {
        ServiceDescriptor.e2payMoneyOutServices.contains { $0.name == name }
    }

    func respond(state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        switch front.exchange.route.serviceName {
        case ServiceDescriptor.e2payIBFTInquiry.name: return try bankInquiry(.ibft, &state)
        case ServiceDescriptor.e2payIBFTPayment.name: return try bankPayment(.ibft, &state)
        case ServiceDescriptor.e2payDisbursementInquiry.name: return try bankInquiry(.sdp, &state)
        case ServiceDescriptor.e2payDisbursementPayment.name: return try bankPayment(.sdp, &state)
        case ServiceDescriptor.e2payBanksIBFT.name: return try bankList("ibft")
        case ServiceDescriptor.e2payBanksSDP.name: return try bankList("sdp")
        case ServiceDescriptor.e2payBanksBIFAST.name: return try bankList("bifast")
        case ServiceDescriptor.e2payQRISInquiry.name: return try qrInquiry(.qris, &state)
        case ServiceDescriptor.e2payQRISPayment.name: return try qrPayment(.qris, &state)
        case ServiceDescriptor.e2payQRISStatus.name: return try qrStatus(.qris, state)
        case ServiceDescriptor.e2payQRInquiry.name: return try qrInquiry(.qr, &state)
        case ServiceDescriptor.e2payQRPayment.name: return try qrPayment(.qr, &state)
        case ServiceDescriptor.e2payQRStatus.name: return try qrStatus(.qr, state)
        case ServiceDescriptor.e2payMerchantIBFTInquiry.name: return try bankInquiry(.ibft, &state)
        case ServiceDescriptor.e2payMerchantIBFTPayment.name: return try bankPayment(.ibft, &state)
        case ServiceDescriptor.e2payMerchantSDPInquiry.name: return try bankInquiry(.sdp, &state)
        case ServiceDescriptor.e2payMerchantSDPPayment.name: return try bankPayment(.sdp, &state)
        default:
            throw E2PayRefusal(.generalError, "the simulator has no behaviour for \(front.exchange.route.serviceName)")
        }
    }

    // MARK: - Shared checks

    /// The first of `names` present in the query (E2Pay's clients spell `accountID` and `accountId`).
    func query(_ names: String...) -> String? {
        for name in names { if let value = request.queryValue(name), !value.isEmpty { return value } }
        return nil
    }

    /// A positive rupiah amount (at most two decimals) in minor units; `95` naming the field otherwise.
    static func amount(_ text: String, field: String) throws(E2PayRefusal) -> Amount {
        guard let units = E2PayAmount.parse(text), units > 0 else {
            throw E2PayRefusal(.validationError, "\(field) must be a positive number of rupiah, not \(text)")
        }
        return Amount(minorUnits: units)
    }

    /// The payer's MD5 password: wrong form `95`, wrong password `Q1`.
    func checkPassword(_ password: String, of payer: E2PayPayer, _ state: PartnerState) throws(E2PayRefusal) {
        try E2PayFront.checkMD5(password)
        guard password == state.e2pay.passwords[payer.username] ?? front.fixtures.e2pay.password(of: payer.username) else {
            throw E2PayRefusal(.authenticationFailed, "wrong password for \(payer.username)")
        }
    }

    /// Transfers to a bank are for registered (premium) e-money only, as Bank Indonesia rules: `63` for basic.
    func requirePremium(_ payer: E2PayPayer) throws(E2PayRefusal) {
        guard payer.mayTransferToBank else {
            throw E2PayRefusal(.forbidden,
                "\(payer.accountId) is CUSTOMER_BASIC: transfers to a bank need a premium (upgraded) account")
        }
    }

    /// A fresh `clientRef`, claimed: missing `F1`, used before (by any P2P, transfer or payment) `04`.
    func claim(clientRef: String, _ state: inout PartnerState) throws(E2PayRefusal) {
        guard !state.e2pay.clientRefs.contains(clientRef) else {
            throw E2PayRefusal(.duplicateTransaction, "clientRef \(clientRef) was already used")
        }
        state.e2pay.clientRefs.insert(clientRef)
    }

    /// `amount` against a channel's cap (`05`), then `total` against the balance (`51`).
    func checkLimits(amount: Amount, total: Amount, channel: String, payer: E2PayPayer) throws(E2PayRefusal) {
        let terms = directory.terms(channel)
        guard amount <= terms.maximum else {
            throw E2PayRefusal(.exceedLimit,
                "\(amount.value) is over the \(channel) cap of \(terms.maximum.value) per transaction")
        }
        guard payer.balance >= total else {
            throw E2PayRefusal(.insufficientFund,
                "balance \(payer.balance.value) is below \(total.value) (amount + fee)")
        }
    }

    /// Debits `amount` (and `fee`, as its own `FEE` row) from the payer and writes the history rows.
    func debit(
        _ payer: E2PayPayer, amount: Amount, fee: Amount, code: String, name: String, description: String,
        clientRef: String, sourceId: String, receiver: (id: String, name: String), journalId: String,
        _ state: inout PartnerState
    ) {
        let sender = (id: payer.accountId, name: payer.name)
        for (part, rowCode, rowName) in [(amount, code, name), (fee, "FEE", "Fee " + name)] where part > .zero {
            state.ledger.debit(payer.holder, part)
            state.e2pay.recordMovement(
                &state.ids, journalId: journalId, code: rowCode, name: rowName, description: description,
                clientRef: clientRef, sourceId: sourceId, accountId: payer.accountId, accountName: payer.name,
                balance: state.ledger.spendable(payer.holder) ?? .zero, amount: part, isCredit: false, sender: sender,
                receiver: receiver, at: front.now)
        }
    }
}

extension Amount {
    /// The sum of two rupiah amounts.
    func plus(_ other: Amount) -> Amount { Amount(minorUnits: minorUnits + other.minorUnits) }
}
