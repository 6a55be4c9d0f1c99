import SimJSON

/// Direct debit payment (service 54): charges the merchant's `amount` to a bound customer, idempotently on
/// partnerReferenceNo.
///
/// The payer is the customer of the B2B2C token (`Authorization-Customer`, or DANA's `additionalInfo.accessToken`)
/// or of the active binding whose token is `bankCardToken` or `chargeToken`: the customer is debited and the
/// merchant credited at once (status 00). A request naming no payer (DANA's widget, DOKU's jump-app) waits for
/// the simulated customer (status 01) at `webRedirectUrl`: `POST /_sim/payer/direct-debit` or `snapsim pay --debit`
/// settles or refuses it; past `validUpTo` it is cancelled (05).
struct DirectDebitPayment: SNAPService {
    let descriptor = ServiceDescriptor.directDebitPayment

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key,
                "the bound customer is debited (00), or the payment waits for the payer at webRedirectUrl (01)"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "a field has the wrong type, length or form (amount \"10000.00\" IDR, validUpTo ISO-8601)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo or amount is missing"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is zero"),
            ServiceAnswer(
                SNAPError.inconsistentRequest,
                "partnerReferenceNo was used before with a different payload (a retry with the same payload gets the original answer)"
            ),
            ServiceAnswer(SNAPError.invalidCustomerToken, "additionalInfo.accessToken is not a live customer token"),
            ServiceAnswer(SNAPError.invalidAccount(), "bankCardToken is not a token of this partner's bindings"),
            ServiceAnswer(
                SNAPError(httpStatus: 403, caseCode: "18"),
                "the binding of bankCardToken is not active, or the customer is inactive"),
            ServiceAnswer(SNAPError(httpStatus: 403, caseCode: "14"), "the customer's balance is below amount"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let amount = try fields.amount("amount", required: true) ?? .zero
        let merchantId = try fields.string("merchantId", required: false, maxLength: 64) ?? request.caller.clientId
        let validUpTo = try fields.timestamp("validUpTo", required: false)
        let bankCardToken = try fields.string("bankCardToken", required: false, maxLength: 128)
        let chargeToken = try fields.string("chargeToken", required: false, maxLength: 128)
        _ = try fields.object("additionalInfo", required: false)

        let fingerprint = JSONValue.object(fields.object).canonicalText
        if let original = state.directDebit.payment(partnerReferenceNo: partnerReferenceNo) {
            guard original.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerReferenceNo \(partnerReferenceNo) was used with another payload")
                ])
            }
            return original.answer.outcome
        }
        guard amount.minorUnits > 0 else {
            throw SNAPError.invalidAmount.explained(["summary": "amount must be above zero"])
        }
        var payer = try request.tokenCustomer(state)
        if payer == nil, let bankCardToken {
            payer = try request.activeBinding(token: bankCardToken, field: "bankCardToken", state).customerNumber
        }
        if payer == nil, let chargeToken, state.directDebit.binding(token: chargeToken) != nil {
            payer = try request.activeBinding(token: chargeToken, field: "chargeToken", state).customerNumber
        }

        let referenceNo = request.referenceNumber(&state)
        var answer: JSONObject = [
            "referenceNo": .string(referenceNo), "partnerReferenceNo": .string(partnerReferenceNo),
        ]
        if payer == nil { answer["webRedirectUrl"] = .string(request.payerURL("direct-debit", reference: referenceNo)) }
        let record = DebitRecord(
            partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo, externalId: request.caller.externalID,
            customerNumber: payer, merchantId: merchantId, amount: amount, status: .initiated,
            fingerprint: fingerprint, createdAt: request.time, validUpTo: validUpTo?.time,
            answer: RecordedAnswer(key: ServiceAnswer.success.key, fields: answer))
        state.directDebit.store(record)
        guard let payer else { return record.answer.outcome }
        do throws(SNAPError) {
            _ = try state.settleDebit(partnerReferenceNo, payer: payer, at: request.time)
        } catch {
            state.recordAnswer(partnerReferenceNo, RecordedAnswer(key: error.key, placeholders: error.placeholders))
            throw error
        }
        answer["approvalCode"] = .string(String(referenceNo.suffix(6)))
        state.recordAnswer(partnerReferenceNo, RecordedAnswer(key: ServiceAnswer.success.key, fields: answer))
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

extension PartnerState {
    /// Keeps the answer a payment request got, for its retries.
    mutating func recordAnswer(_ partnerReferenceNo: String, _ answer: RecordedAnswer) {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo) else { return }
        record.answer = answer
        directDebit.store(record)
    }

    /// Cancels a payment still waiting for the payer once its validUpTo has passed.
    mutating func expireDebitIfDue(_ partnerReferenceNo: String, at time: SimTime) {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo), record.status == .initiated,
            let validUpTo = record.validUpTo, validUpTo < time
        else { return }
        record.status = .canceled
        record.cancelledAt = validUpTo
        directDebit.store(record)
    }
}
