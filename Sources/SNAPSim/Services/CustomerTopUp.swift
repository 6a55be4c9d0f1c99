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

    /// The body's fields, fingerprint and answer, drawn up before the partner's lock (``TopUpOrder``).
    func prepare(_ fields: RequestFields, at time: SimTime) -> (any Sendable)? {
        Result { () throws(SNAPError) in try TopUpOrder(fields, at: time) }
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        // Prepared before the lock when served; read here when called otherwise (tests, the OpenAPI probe).
        let order: TopUpOrder
        if let prepared = request.prepared as? Result<TopUpOrder, SNAPError> {
            order = try prepared.get()
        } else {
            order = try TopUpOrder(request.fields, at: request.time)
        }
        let partnerReferenceNo = order.partnerReferenceNo
        let customerNumber = order.customerNumber
        let amount = order.amount
        if let original = state.ledger.topUps.record(partnerReferenceNo: partnerReferenceNo) {
            guard original.fingerprint == order.fingerprint else {
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
            customerNumber: customerNumber, amount: amount, fingerprint: order.fingerprint, recordedAt: request.time,
            status: .failed, answer: RecordedAnswer(key: ServiceAnswer.success.key))
        let account = state.ledger.customer(customerNumber)
        let pending = account?.customer.pendingTopUp
        do throws(SNAPError) {
            try admit(order, account, request, state)
            if pending == nil { state.ledger.credit(customerNumber, amount, inMonth: order.month) }
        } catch {
            record.answer = RecordedAnswer(key: error.key, placeholders: error.placeholders)
            state.ledger.record(record)
            throw error
        }
        let referenceNo = request.referenceNumber(&state)
        let answer = order.answer(referenceNo: referenceNo)
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
    private func admit(_ order: TopUpOrder, _ account: CustomerAccount?, _ request: ServiceRequest, _ state: PartnerState)
        throws(SNAPError)
    {
        let amount = order.amount
        let customerNumber = order.customerNumber
        guard let account else {
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
        let headroom = state.ledger.headroom(of: account, tier: tier, inMonth: order.month)
        guard amount <= headroom.available else {
            throw SNAPError.exceedsTransactionAmountLimit.explained([
                "summary": .string("amount \(amount.value) is above the \(headroom.available.value) the customer may still top up"),
                "balanceHeadroom": .string(headroom.balanceHeadroom.value),
                "monthlyHeadroom": .string(headroom.monthlyHeadroom.value),
            ])
        }
    }
}
