import SimHTTP
import SimJSON

/// The simulated customer who pays a VA: `POST /_sim/payer/va?partner=ID` with
/// `{"virtualAccountNo": "  08889900000000000000000001", "amount": "150000.00", "paymentRequestId": "…"}`
/// pays into the partner's VA exactly as a bank's VA payment (25) would (same checks, same merchant credit,
/// idempotent on paymentRequestId); `GET /_sim/payer/va?partner=ID` lists the partner's VAs with what was paid.
extension AdminAPI {
    static let payerVAPath = "/_sim/payer/va"
    static let payerVAUsage =
        "Send {\"virtualAccountNo\": \"  08889900000000000000000001\", \"amount\": \"150000.00\"} (paymentRequestId optional)."

    func payerVirtualAccount(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        let now = simulator.clock.now()
        switch request.method {
        case .get:
            let accounts: [VirtualAccount] = simulator.withPartner(partner) { partnerState, fixtures in
                partnerState.openVirtualAccounts(fixtures)
                return partnerState.virtualAccounts.all
            }
            return json(
                200,
                [
                    "partner": .string(partner), "at": .string(now.description),
                    "virtualAccounts": .array(accounts.map { .object(Self.describe($0, at: now)) }),
                ])
        case .post:
            let body = try jsonBody(request, usage: Self.payerVAUsage)
            guard let object = body.objectValue,
                let number = object["virtualAccountNo"]?.stringValue, !number.isEmpty,
                let amountText = object["amount"]?.stringValue ?? object["amount"]?.objectValue?["value"]?.stringValue
            else { return error(400, "virtualAccountNo and amount are needed. \(Self.payerVAUsage)") }
            guard let units = Amount.parseValue(amountText) else {
                return error(400, "amount must be digits with two decimals, e.g. \"150000.00\", not \"\(amountText)\".")
            }
            let requested = object["paymentRequestId"]?.stringValue
            let result: Result<VirtualAccountPaid, SNAPError> = simulator.withPartner(partner) { partnerState, fixtures in
                let paymentRequestId = requested ?? "PAYER-" + partnerState.ids.referenceNumber(length: 16)
                let order = VirtualAccountPaymentOrder(
                    virtualAccountNo: number, amount: Amount(minorUnits: units), paymentRequestId: paymentRequestId,
                    channel: "payer", fingerprint: "payer:\(VirtualAccountBook.key(number)):\(units)")
                do throws(SNAPError) {
                    let paid = try partnerState.pay(order, fixtures: fixtures, at: now)
                    partnerState.notifications.virtualAccountPaid(paid, at: now)  // issue 14
                    return .success(paid)
                } catch {
                    return .failure(error)
                }
            }
            simulator.sendNotifications(of: partner)
            switch result {
            case .success(let paid):
                return json(paid.replayed ? 200 : 201, .object(Self.describe(paid, at: now)))
            case .failure(let refusal):
                let catalogue = simulator.fixtures.catalogue
                return json(
                    refusal.key.httpStatus,
                    [
                        "error": .string(refusal.explanation?["summary"]?.stringValue ?? "the payment was refused"),
                        "responseCode": .string(ResponseCode(refusal.key, service: .virtualAccountPayment).description),
                        "responseMessage": .string(
                            catalogue.message(
                                for: refusal.key, service: .virtualAccountPayment, placeholders: refusal.placeholders)),
                    ])
            }
        default:
            throw notAllowed(request, allowed: "GET, POST")
        }
    }

    /// A completed payment, as the payer sees it (and as a "VA paid" notification would carry it).
    static func describe(_ paid: VirtualAccountPaid, at now: SimTime) -> JSONObject {
        [
            "paid": [
                "paymentRequestId": .string(paid.payment.paymentRequestId),
                "referenceNo": .string(paid.payment.referenceNo),
                "amount": paid.payment.amount.json,
                "paidAt": .string(paid.payment.paidAt.description),
                "channel": .string(paid.payment.channel),
            ],
            "replayed": .bool(paid.replayed),
            "settled": .bool(paid.settled),
            "merchantAccountNo": paid.merchantAccountNo.map(JSONValue.string) ?? .null,
            "virtualAccount": .object(describe(paid.account, at: now)),
        ]
    }

    static func describe(_ account: VirtualAccount, at now: SimTime) -> JSONObject {
        let status = account.status(at: now)
        return [
            "virtualAccountNo": .string(account.virtualAccountNo),
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountName": .string(account.name),
            "trxId": .string(account.trxId),
            "virtualAccountTrxType": .string(account.trxType.rawValue),
            "totalAmount": account.totalAmount.json,
            "paidAmount": account.paidAmount.json,
            "remaining": account.remaining.json,
            "expiredDate": account.expiredDateText.map(JSONValue.string) ?? .null,
            "active": .bool(account.active),
            "deleted": .bool(account.deleted),
            "latestTransactionStatus": .string(status.rawValue),
            "transactionStatusDesc": .string(status.statusDescription),
            "merchantAccountNo": account.merchantAccountNo.map(JSONValue.string) ?? .null,
            "payments": .array(
                account.payments.map { payment in
                    [
                        "paymentRequestId": .string(payment.paymentRequestId),
                        "referenceNo": .string(payment.referenceNo),
                        "amount": payment.amount.json,
                        "paidAt": .string(payment.paidAt.description),
                        "channel": .string(payment.channel),
                    ]
                }),
        ]
    }
}
