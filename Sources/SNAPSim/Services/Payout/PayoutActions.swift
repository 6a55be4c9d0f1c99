import SimJSON

/// Approve: a registered payout (03) is held on the payout balance and disbursed now or at its schedule.
struct PayoutApprove: SNAPService {
    let descriptor = ServiceDescriptor.payoutApprove

    var answers: [ServiceAnswer] {
        [.success] + PayoutSteps.commonAnswers + [
            ServiceAnswer(PayoutSteps.notPermitted("", Payout.placeholder), "the payout is not 03 awaiting approval"),
            ServiceAnswer(PayoutSteps.insufficientFunds, "the payout balance is below amount + fee"),
            ServiceAnswer(SNAPError.timeout, "the beneficiary's outcome is approve-timeout: funds held, status 08"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)
        let payout = try PayoutSteps.payout(request, state)
        guard payout.status == .pending, payout.approvedAt == nil else {
            throw PayoutSteps.notPermitted("only a registered payout awaiting approval can be approved", payout)
        }
        let merchants = request.fixtures.payouts.merchants
        guard state.payouts.approve(payout.tXid, at: request.time, ledger: &state.ledger, merchants: merchants) else {
            throw PayoutSteps.insufficientFunds.explained([
                "summary": .string("payout balance \(state.ledger.payoutBalance(payout.accountNo)?.value ?? "0.00") is below amount + fee \(payout.total.value)"),
            ])
        }
        let approved = state.payouts.payout(payout.tXid) ?? payout
        if approved.plan == .approveTimeout {
            return .rejected(SNAPError.timeout.explained([
                "summary": .string("beneficiary \(approved.beneficiaryAccountNo) answers approve with a timeout: funds are held and the payout is 08 (suspect) until the bank answers; call inquiry"),
            ]))
        }
        var fields = PayoutSteps.echo(approved)
        fields["transactionStatus"] = .string(approved.status.rawValue)
        fields["transactionStatusDesc"] = .string(approved.status.statusDescription)
        return .snap(key: ServiceAnswer.success.key, fields: fields)
    }
}

/// Inquiry: the payout's latest status.
struct PayoutInquiry: SNAPService {
    let descriptor = ServiceDescriptor.payoutInquiry

    var answers: [ServiceAnswer] { [.success] + PayoutSteps.commonAnswers }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)
        let payout = try PayoutSteps.payout(request, state)
        // D:inq lists beneficiaryAccountNo as mandatory; NICEPAY's own SDKs always send it. Checked when sent.
        if let account = try request.fields.optionalText("beneficiaryAccountNo", maxLength: 25), account != payout.beneficiaryAccountNo {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("payout \(payout.tXid) goes to \(payout.beneficiaryAccountNo), not \(account)"),
            ])
        }
        var fields = PayoutSteps.echo(payout)
        fields["beneficiaryCustomerResidence"] = .string(payout.beneficiaryCustomerResidence)
        if let type = payout.beneficiaryCustomerType { fields["beneficiaryCustomerType"] = .string(type) }
        fields["payoutMethod"] = .string(payout.payoutMethod)
        fields["transactionDate"] = .string(ISO8601Timestamp.format(payout.registeredAt, offsetMinutes: CivilDate.jakartaOffsetMinutes))
        fields["latestTransactionStatus"] = .string(payout.status.rawValue)
        fields["transactionStatusDesc"] = .string(payout.status.statusDescription)
        return .snap(key: ServiceAnswer.success.key, fields: fields)
    }
}

/// Reject: a registered payout not yet approved becomes 05.
struct PayoutReject: SNAPService {
    let descriptor = ServiceDescriptor.payoutReject

    var answers: [ServiceAnswer] {
        [.success] + PayoutSteps.commonAnswers + [
            ServiceAnswer(PayoutSteps.notPermitted("", Payout.placeholder), "the payout was approved already or is final"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)
        let payout = try PayoutSteps.payout(request, state)
        guard payout.status == .pending, payout.approvedAt == nil else {
            throw PayoutSteps.notPermitted("only a registered payout not yet approved can be rejected", payout)
        }
        state.payouts.reject(payout.tXid, at: request.time, merchants: request.fixtures.payouts.merchants)
        return .snap(key: ServiceAnswer.success.key, fields: Self.answer(state.payouts.payout(payout.tXid) ?? payout))
    }

    static func answer(_ payout: Payout) -> JSONObject {
        var fields = PayoutSteps.echo(payout)
        fields["transactionStatus"] = .string(payout.status.rawValue)
        fields["transactionStatusDesc"] = .string(payout.status.statusDescription)
        return fields
    }
}

/// Cancel: an approved scheduled payout whose time has not come becomes 04; the hold is released.
struct PayoutCancel: SNAPService {
    let descriptor = ServiceDescriptor.payoutCancel

    var answers: [ServiceAnswer] {
        [.success] + PayoutSteps.commonAnswers + [
            ServiceAnswer(PayoutSteps.notPermitted("", Payout.placeholder), "the payout is not approved and waiting for its schedule"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)
        let payout = try PayoutSteps.payout(request, state)
        guard payout.isWaitingForSchedule else {
            throw PayoutSteps.notPermitted(
                "only an approved payout with reservedDt/reservedTm still in the future can be cancelled", payout)
        }
        state.payouts.cancel(payout.tXid, at: request.time, ledger: &state.ledger, merchants: request.fixtures.payouts.merchants)
        return .snap(key: ServiceAnswer.success.key, fields: PayoutReject.answer(state.payouts.payout(payout.tXid) ?? payout))
    }
}

extension Payout {
    /// A blank payout, for describing answers.
    static let placeholder = Payout(
        tXid: "", partnerReferenceNo: "", merchantId: "", accountNo: "", beneficiaryAccountNo: "", beneficiaryName: "",
        beneficiaryBankCode: "", beneficiaryPhone: "", beneficiaryCustomerResidence: "", beneficiaryCustomerType: nil,
        payoutMethod: "", amount: .zero, fee: .zero, description: nil, reservedAt: nil, registeredAt: SimTime(millisecondsSince1970: 0),
        approvedAt: nil, plan: .success)
}
