import SimHTTP
import SimJSON

/// The simulated customer of direct debit: `POST /_sim/payer/direct-debit` approves or declines a payment waiting
/// at its webRedirectUrl, `POST /_sim/payer/binding` approves or rejects a binding, `GET /_sim/payer/otp` reads
/// the OTP the customer was sent and `POST /_sim/payer/otp` enters it (or the `otp` given). `GET /_sim/payer/direct-debit` lists the
/// partner's payments and what its merchants were paid. Every one needs `?partner=<clientId>`; parameters come
/// from the query or the JSON body (the URLs the services answer carry `partner` and `referenceNo` already).
extension AdminAPI {
    static let payerDirectDebitPath = "/_sim/payer/direct-debit"
    static let payerBindingPath = "/_sim/payer/binding"
    static let payerOTPPath = "/_sim/payer/otp"

    func payerDirectDebit(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        let path = String(request.path)
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        let now = simulator.clock.now()
        switch (path, request.method) {
        case (Self.payerDirectDebitPath, .get):
            return json(
                200, simulator.withPartner(partner) { state, _ in Self.describePayments(state.directDebit) })
        case (Self.payerDirectDebitPath, .post):
            let reference = try payerReference(request)
            let approve = try action(request, yes: "approve", no: "decline")
            let customer = try parameter("customerNumber", request).map(Self.ledgerNumber)
            return answer(
                simulator.withPartner(partner) { partnerState, _ -> Result<JSONValue, SNAPError> in
                    Result { () throws(SNAPError) -> JSONValue in
                        guard
                            let record = partnerState.directDebit.payment(partnerReferenceNo: reference)
                                ?? partnerState.directDebit.payment(referenceNo: reference)
                        else {
                            throw SNAPError.transactionNotFound.explained([
                                "summary": .string("no payment \(reference)")
                            ])
                        }
                        guard approve else {
                            return try partnerState.declineDebit(record.partnerReferenceNo, at: now).json
                        }
                        guard let payer = record.customerNumber ?? customer else {
                            throw SNAPError.invalidMandatoryField("customerNumber").explained([
                                "summary":
                                    "say who pays: customerNumber (08… or 628…) of a customer in customers.json"
                            ])
                        }
                        return try partnerState.settleDebit(record.partnerReferenceNo, payer: payer, at: now).json
                    }
                })
        case (Self.payerBindingPath, .post):
            let reference = try payerReference(request)
            let approve = try action(request, yes: "approve", no: "reject")
            let fixtures = simulator.fixtures
            return answer(
                simulator.withPartner(partner) { partnerState, _ in
                    Result { () throws(SNAPError) -> JSONValue in
                        let binding =
                            approve
                            ? try partnerState.activateBinding(reference)
                            : try partnerState.rejectBinding(reference)
                        return .object(AccountBindingInquiry.describe(binding, fixtures))
                    }
                })
        case (Self.payerOTPPath, .get):
            let reference = try payerReference(request)
            let found = simulator.withPartner(partner) { partnerState, _ in
                partnerState.directDebit.challenge(chargeToken: reference)
                    ?? partnerState.directDebit.latestChallenge(forBinding: reference)
            }
            guard let challenge = found else {
                return error(404, "No OTP was sent for \(reference): request one with the OTP service (81) first.")
            }
            return json(
                200,
                [
                    "bindingReferenceNo": .string(challenge.bindingReferenceNo),
                    "chargeToken": .string(challenge.chargeToken),
                    "otp": .string(challenge.code), "sentAt": .string(challenge.issuedAt.description),
                    "expiresAt": .string((challenge.issuedAt + OTPChallenge.lifetime).description),
                    "used": .bool(challenge.isSpent),
                ])
        case (Self.payerOTPPath, .post):
            let reference = try payerReference(request)
            // Without `otp` the customer types the code they were sent.
            let typed = try parameter("otp", request)
            let fixtures = simulator.fixtures
            return answer(
                simulator.withPartner(partner) { partnerState, _ in
                    Result { () throws(SNAPError) -> JSONValue in
                        guard
                            let challenge = partnerState.directDebit.challenge(chargeToken: reference)
                                ?? partnerState.directDebit.latestChallenge(forBinding: reference)
                        else {
                            throw SNAPError(httpStatus: 404, caseCode: "06").explained([
                                "summary": .string(
                                    "no OTP was sent for \(reference): request one with the OTP service (81) first")
                            ])
                        }
                        let binding = try partnerState.enterOTP(
                            challenge.chargeToken, typed ?? challenge.code, at: now)
                        return .object(AccountBindingInquiry.describe(binding, fixtures))
                    }
                })
        default:
            throw notAllowed(
                request, allowed: path == Self.payerOTPPath || path == Self.payerDirectDebitPath ? "GET, POST" : "POST")
        }
    }

    private func payerReference(_ request: HTTPRequest) throws(AdminFailure) -> String {
        for name in ["referenceNo", "partnerReferenceNo", "chargeToken"] {
            if let value = try parameter(name, request) { return value }
        }
        throw AdminFailure(
            reply: error(
                400,
                "Name what the customer acts on: referenceNo (as in the redirect URL), partnerReferenceNo or chargeToken."
            ))
    }

    private func action(_ request: HTTPRequest, yes: String, no: String) throws(AdminFailure) -> Bool {
        switch try parameter("action", request) ?? yes {
        case yes: return true
        case no: return false
        case let other: throw AdminFailure(reply: error(400, "action must be \(yes) or \(no), not \"\(other)\"."))
        }
    }

    /// A refusal from the engine as an admin error: its HTTP status, its SNAP case and what went wrong.
    private func answer(_ result: Result<JSONValue, SNAPError>) -> HTTPReply {
        switch result {
        case .success(let value):
            return json(200, value)
        case .failure(let refusal):
            let summary = refusal.explanation?["summary"]?.stringValue ?? "refused"
            return json(
                refusal.key.httpStatus,
                [
                    "error": .string(summary), "case": .string("\(refusal.key.httpStatus)xx\(refusal.key.caseCode)"),
                ])
        }
    }

    static func ledgerNumber(_ text: String) -> String {
        text.hasPrefix("62") ? "0" + text.dropFirst(2) : text
    }

    private static func describePayments(_ book: DirectDebitBook) -> JSONValue {
        [
            "payments": .array(
                book.allPayments.map { record in
                    [
                        "partnerReferenceNo": .string(record.partnerReferenceNo),
                        "referenceNo": .string(record.referenceNo),
                        "customerNumber": record.customerNumber.map(JSONValue.string) ?? .null,
                        "merchantId": .string(record.merchantId), "amount": record.amount.json,
                        "refunded": record.refunded.json, "latestTransactionStatus": .string(record.status.rawValue),
                        "transactionStatusDesc": .string(record.status.statusDescription),
                    ]
                }),
            "merchants": .object(
                JSONObject(
                    book.merchantBalances.keys.sorted().map { id in
                        (id, book.merchantBalances[id, default: .zero].json)
                    })),
        ]
    }
}
