import SimHTTP
import SimJSON

/// A bank-channel top-up into an E2Pay (M-Bayar) account, as a customer paying at an ATM or in mobile banking:
/// `POST /_sim/payer/e2pay-topup?partner=ID` with `{"accountId": "081234560001", "amount": 50000}`. The credit goes
/// to the partner's ledger (the same account a SNAP balance inquiry reads) under seed 000's limits: over `sisaTopup`
/// it is refused with E2Pay's `05` and nothing changes.
extension AdminAPI {
    static let payerE2PayTopUpPath = "/_sim/payer/e2pay-topup"
    static let payerE2PayTopUpUsage = "Send {\"accountId\": \"081234560001\", \"amount\": 50000} (amount in rupiah)."

    func payerE2PayTopUp(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .post else { throw notAllowed(request, allowed: "POST") }
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        let body = try jsonBody(request, usage: Self.payerE2PayTopUpUsage)
        guard let object = body.objectValue, let accountId = object["accountId"]?.stringValue,
            let amountText = object["amount"]?.numberText ?? object["amount"]?.stringValue
        else { return error(400, "accountId and amount are needed. \(Self.payerE2PayTopUpUsage)") }
        guard let units = E2PayAmount.parse(amountText), units > 0 else {
            return error(400, "amount must be a positive number of rupiah, e.g. 50000 or 50000.00, not \(amountText).")
        }
        let now = simulator.clock.now()
        let result: Result<Amount, E2PayRefusal> = simulator.withPartner(partner) { partnerState, fixtures in
                partnerState.ledger.open(at: now)
                do throws(E2PayRefusal) {
                    let amount = Amount(minorUnits: units)
                    try partnerState.ledger.e2payCredit(accountId, amount, fixtures: fixtures, at: now)
                    if let account = partnerState.ledger.customer(accountId) {
                        let bank = (id: "BANK", name: "Bank channel top-up")
                        let journalId = partnerState.ids.referenceNumber(length: 16)
                        partnerState.e2pay.recordMovement(
                            &partnerState.ids, journalId: journalId, code: "TOPUP", name: "Top up", description: "Bank channel top-up",
                            clientRef: journalId, sourceId: "BANK", account: account, amount: amount, isCredit: true,
                            sender: bank, receiver: (id: accountId, name: account.customer.name), at: now)
                    }
                    return .success(partnerState.ledger.customer(accountId)?.balance ?? .zero)
                } catch {
                    return .failure(error)
                }
        }
        switch result {
        case .success(let balance):
            return json(200, [
                "responseCode": "00", "responseMessage": "Success", "accountId": .string(accountId),
                "amount": Amount(minorUnits: units).jsonNumber, "balance": balance.jsonNumber,
            ])
        case .failure(let refusal):
            let (status, body) = refusal.rendered(simulator.fixtures.e2pay)
            return json(status, body)
        }
    }
}

/// The SMS and e-mail E2Pay would have sent to the partner's customers (registration tokens):
/// `GET /_sim/payer/e2pay-outbox?partner=ID[&to=08…]`, oldest first.
extension AdminAPI {
    static let payerE2PayOutboxPath = "/_sim/payer/e2pay-outbox"

    func payerE2PayOutbox(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        let to = request.queryValue("to")
        let messages: [E2PayMessage] = simulator.withPartner(partner) { state, _ in
            state.e2pay.outbox.filter { to == nil || $0.to == to }
        }
        return json(200, ["partner": .string(partner), "messages": .array(messages.map(\.json))])
    }
}
