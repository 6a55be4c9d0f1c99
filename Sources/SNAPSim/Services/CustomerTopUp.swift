import SimJSON

/// Customer top-up (service 38): credits an e-money customer within the tier's limits, idempotently.
///
/// A decided top-up (credited or refused) is recorded by partnerReferenceNo; the same partnerReferenceNo
/// with the same payload gets the original answer again without a second credit (the profile's `topUpRetry`
/// `replay`, as DANA does) or, once credited, `409xx01 Duplicate partnerReferenceNo` (`duplicate`, ASPI's
/// table); with another payload `404xx18 Inconsistent Request`.
struct CustomerTopUp: SNAPService {
    let descriptor = ServiceDescriptor.customerTopUp

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(Self.inProgress, "the customer's top-ups settle later (customers.json pendingTopUp): 03 Pending until settleAfterSeconds of simulator time have passed, then 00 or 06 and a topup notification"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type, length or form (partnerReferenceNo 1–64, customerNumber 08… ≤32 digits, amount/feeAmount \"10000.00\" IDR, transactionDate ISO-8601, sessionId ≤25, categoryId digits ≤10, notes ≤255)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, customerNumber or amount is missing"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with a different payload"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "partnerReferenceNo already succeeded, in profiles whose topUpRetry is duplicate (otherwise the original answer is replayed)"),
            ServiceAnswer(SNAPError.invalidAccount(), "customerNumber is not a customer of the ledger"),
            ServiceAnswer(CustomerStatus.inactive.refusal ?? .generalError, "the customer's status is inactive"),
            ServiceAnswer(CustomerStatus.dormant.refusal ?? .generalError, "the customer's status is dormant"),
            ServiceAnswer(CustomerStatus.blocked.refusal ?? .generalError, "the customer's status is blocked"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is below the tier's minimumTopUp"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount is above what the balance cap or the monthly top-up cap still allows"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let customerNumber = try fields.customerNumber("customerNumber", required: true, maxLength: 32) ?? ""
        _ = try fields.string("customerName", required: false, maxLength: 255)
        let amount = try fields.amount("amount", required: true) ?? .zero
        _ = try fields.amount("feeAmount", required: false)
        _ = try fields.timestamp("transactionDate", required: false)
        let sessionId = try fields.string("sessionId", required: false, maxLength: 25)
        _ = try fields.digits("categoryId", required: false, maxLength: 10)
        _ = try fields.string("notes", required: false, maxLength: 255)
        _ = try fields.object("additionalInfo", required: false)

        let fingerprint = JSONValue.object(fields.object).canonicalText
        if let original = state.ledger.topUps.record(partnerReferenceNo: partnerReferenceNo) {
            guard original.fingerprint == fingerprint else {
                throw SNAPError.inconsistentRequest.explained([
                    "summary": .string("partnerReferenceNo \(partnerReferenceNo) was used with another payload"),
                    "original": .string(original.fingerprint),
                ])
            }
            if request.exchange.route.dialect.topUpRetry == .duplicate, original.status == .success {
                throw SNAPError.duplicatePartnerReferenceNo.explained([
                    "summary": .string("partnerReferenceNo \(partnerReferenceNo) already succeeded (referenceNo \(original.referenceNo ?? "")); this profile answers retries 409xx01"),
                ])
            }
            return original.answer.outcome
        }

        var record = TopUpRecord(
            partnerReferenceNo: partnerReferenceNo, referenceNo: nil, externalId: request.caller.externalID,
            customerNumber: customerNumber, amount: amount, fingerprint: fingerprint, recordedAt: request.time,
            status: .failed, answer: RecordedAnswer(key: ServiceAnswer.success.key))
        let pending = state.ledger.customer(customerNumber)?.customer.pendingTopUp
        do throws(SNAPError) {
            try admit(amount, to: customerNumber, request, state)
            if pending == nil { state.ledger.credit(customerNumber, amount, at: request.time) }
        } catch {
            record.answer = RecordedAnswer(key: error.key, placeholders: error.placeholders)
            state.ledger.record(record)
            throw error
        }
        let referenceNo = request.referenceNumber(&state)
        var answer: JSONObject = [
            "referenceNo": .string(referenceNo),
            "partnerReferenceNo": .string(partnerReferenceNo),
        ]
        if let sessionId { answer["sessionId"] = .string(sessionId) }
        answer["customerNumber"] = .string(customerNumber)
        answer["amount"] = amount.json
        record.referenceNo = referenceNo
        if let pending {
            return acceptPending(record, plan: pending, answer: answer, request, &state)
        }
        record.status = .success
        state.ledger.append(LedgerMovement(
            holder: .customer(customerNumber), type: .topUp, direction: .credit, amount: amount,
            partnerReferenceNo: partnerReferenceNo, referenceNo: referenceNo, service: descriptor.code,
            time: request.time, remark: "Top up"))
        record.answer = RecordedAnswer(key: ServiceAnswer.success.key, fields: answer)
        state.ledger.record(record)
        return record.answer.outcome
    }

    /// Accepts a top-up of a customer whose top-ups settle later (``PendingTopUpPlan``): nothing is credited yet,
    /// the answer is HTTP 202 `2023800 Request In Progress`, and the clock settles it (``PendingTopUpSettlement``).
    private func acceptPending(
        _ accepted: TopUpRecord, plan: PendingTopUpPlan, answer: JSONObject, _ request: ServiceRequest,
        _ state: inout PartnerState
    ) -> Outcome {
        var record = accepted
        record.status = .pending
        record.answer = RecordedAnswer(key: Self.inProgress, fields: answer)
        state.ledger.record(record)
        state.pendingTopUps.wait(
            record.referenceNo ?? "", settlesAt: request.time + .seconds(plan.settleAfterSeconds), succeeds: plan.succeeds)
        return record.answer.outcome
    }

    /// HTTP 202 `2023800 Request In Progress`.
    static let inProgress = CaseKey(httpStatus: 202, caseCode: "00")

    /// Checks the customer and limits; throws the refusal when the top-up may not be credited.
    private func admit(_ amount: Amount, to customerNumber: String, _ request: ServiceRequest, _ state: PartnerState)
        throws(SNAPError)
    {
        guard let account = state.ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("no e-money customer \(customerNumber) in the fixtures (customers.json)")])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained(["summary": .string("customer \(customerNumber) is \(account.customer.status.rawValue)")])
        }
        let tier = try request.tier(of: account)
        guard amount >= tier.minimumTopUp else {
            throw SNAPError.invalidAmount.explained([
                "summary": .string("amount \(amount.value) is below the \(tier.name) tier's minimum top-up \(tier.minimumTopUp.value)"),
            ])
        }
        let headroom = state.ledger.headroom(customerNumber, tier: tier, at: request.time)
        guard amount <= headroom.available else {
            throw SNAPError.exceedsTransactionAmountLimit.explained([
                "summary": .string("amount \(amount.value) is above the \(headroom.available.value) the customer may still top up"),
                "balanceHeadroom": .string(headroom.balanceHeadroom.value),
                "monthlyHeadroom": .string(headroom.monthlyHeadroom.value),
            ])
        }
    }
}
