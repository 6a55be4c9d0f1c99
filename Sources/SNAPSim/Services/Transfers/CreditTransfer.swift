import SimJSON

/// What a transfer service read from its body: who pays whom, how much, by which route.
struct TransferOrder {
    /// Which of the banks the service may reach.
    enum Reach {
        /// Intrabank (17): only the home bank.
        case homeBank
        /// Interbank (18): only other banks.
        case otherBanks
        /// Transfer to bank (43): any bank.
        case anyBank
    }

    var partnerReferenceNo: String
    var source: MovementHolder
    var beneficiaryAccountNo: String
    var beneficiaryBankCode: String?
    var amount: Amount
    var feeType: FeeType
    /// `additionalInfo.transferService` when the partner chose one.
    var requestedChannel: TransferChannel?
    var reach: Reach
    /// The request's `transactionDate`, echoed.
    var transactionDate: String?
}

/// ASPI's `feeType`: who bears the channel fee.
enum FeeType: String, CaseIterable {
    /// The sender pays the fee on top of the amount (default).
    case our = "OUR"
    /// The beneficiary bears it: the sender pays the amount only.
    case ben = "BEN"
    /// Shared: the sender pays Rp 1,000 of it, the beneficiary the rest.
    case sha = "SHA"

    func senderFee(_ fee: Amount) -> Amount {
        switch self {
        case .our: fee
        case .ben: .zero
        case .sha: Amount(minorUnits: min(fee.minorUnits, Amount(rupiah: 1_000).minorUnits))
        }
    }
}

/// A decided transfer: the answer, and for a new transfer the completion a notification would report.
struct TransferDecision {
    var outcome: Outcome
    /// `nil` for a replayed answer (retry); set for every new transfer, sent or refused.
    var completion: TransferCompletion?
}

/// The engine of the three transfer services (17, 18, 43): idempotency on partnerReferenceNo, beneficiary and
/// channel, limits, funds, the ledger moves and their movements, and the record for status inquiries.
enum CreditTransfer {
    /// Decides `order`. Refusals after validation are answers (recorded as `06` Failed), not throws, so the
    /// completion of a refused transfer is returned too.
    /// - Parameter answer: the service's success fields for the recorded transfer and its beneficiary.
    static func perform(
        _ order: TransferOrder, _ request: ServiceRequest, _ state: inout PartnerState,
        answer: (TransferRecord, ResolvedBeneficiary) -> JSONObject
    ) -> TransferDecision {
        let service = request.exchange.route.serviceCode
        let fingerprint = service.rawValue + ":" + JSONValue.object(request.fields.object).canonicalText
        if let original = state.transfers.record(partnerReferenceNo: order.partnerReferenceNo) {
            return TransferDecision(outcome: retry(original, fingerprint, request), completion: nil)
        }
        var record = TransferRecord(
            partnerReferenceNo: order.partnerReferenceNo, referenceNo: nil, externalId: request.caller.externalID,
            service: service, source: order.source, beneficiaryAccountNo: order.beneficiaryAccountNo,
            beneficiaryBankCode: order.beneficiaryBankCode, channel: nil, amount: order.amount, fee: .zero,
            transactionDate: order.transactionDate
                ?? ISO8601Timestamp.format(request.time, offsetMinutes: CivilDate.jakartaOffsetMinutes),
            traceNo: nil, fingerprint: fingerprint, recordedAt: request.time, status: .failed,
            answer: RecordedAnswer(key: ServiceAnswer.success.key))
        do throws(SNAPError) {
            let beneficiary = try send(order, &record, request, &state)
            record.status = .success
            record.answer = RecordedAnswer(key: ServiceAnswer.success.key, fields: answer(record, beneficiary))
        } catch {
            record.answer = RecordedAnswer(key: error.key, placeholders: error.placeholders)
            state.transfers.append(record)
            state.notifications.transferCompleted(TransferCompletion(transfer: record), at: request.time)  // issue 14
            return TransferDecision(outcome: .rejected(error), completion: TransferCompletion(transfer: record))
        }
        state.transfers.append(record)
        state.notifications.transferCompleted(TransferCompletion(transfer: record), at: request.time)  // issue 14
        return TransferDecision(outcome: record.answer.outcome, completion: TransferCompletion(transfer: record))
    }

    /// The answer to a partnerReferenceNo seen before: 404xx18 with another payload, 409xx01 where the profile
    /// says so, else the original answer again.
    private static func retry(_ original: TransferRecord, _ fingerprint: String, _ request: ServiceRequest) -> Outcome {
        guard original.fingerprint == fingerprint else {
            return .rejected(SNAPError.inconsistentRequest.explained([
                "summary": .string("partnerReferenceNo \(original.partnerReferenceNo) was used with another payload (or another transfer service)"),
                "original": .string(original.fingerprint),
            ]))
        }
        if request.exchange.route.dialect.topUpRetry == .duplicate, original.status == .success {
            return .rejected(SNAPError.duplicatePartnerReferenceNo.explained([
                "summary": .string("partnerReferenceNo \(original.partnerReferenceNo) was already sent (referenceNo \(original.referenceNo ?? "")); this profile answers retries 409xx01"),
            ]))
        }
        return original.answer.outcome
    }

    /// Checks everything, then moves the money; fills in `record` as it learns.
    private static func send(
        _ order: TransferOrder, _ record: inout TransferRecord, _ request: ServiceRequest, _ state: inout PartnerState
    ) throws(SNAPError) -> ResolvedBeneficiary {
        let lookup = BeneficiaryLookup(request)
        try checkSource(order.source, state.ledger)
        let beneficiary = try lookup.beneficiary(
            order.beneficiaryAccountNo, bankCode: order.beneficiaryBankCode, ledger: state.ledger)
        record.beneficiaryBankCode = beneficiary.bank.bankCode
        let channel = try lookup.channel(to: beneficiary, requested: order.requestedChannel)
        switch (order.reach, channel) {
        case (.homeBank, .biFast), (.homeBank, .online):
            throw SNAPError.invalidAccount().explained([
                "summary": .string("account \(beneficiary.accountNo) is at bank \(beneficiary.bank.bankCode), not this bank (\(lookup.homeBankCode)): send it as an interbank transfer"),
            ])
        case (.otherBanks, .intrabank):
            throw SNAPError.invalidRouting.explained([
                "summary": .string("account \(beneficiary.accountNo) is at this bank (\(lookup.homeBankCode)): send it as an intrabank transfer"),
            ])
        default: break
        }
        record.channel = channel
        let terms = lookup.terms(channel)
        guard order.amount.minorUnits > 0 else {
            throw SNAPError.invalidAmount.explained(["summary": "amount must be more than 0.00"])
        }
        guard order.amount <= terms.maximum else {
            throw SNAPError.exceedsTransactionAmountLimit.explained([
                "summary": .string("amount \(order.amount.value) is above the \(channel.rawValue) limit of \(terms.maximum.value)"),
            ])
        }
        let senderFee = order.feeType.senderFee(terms.fee)
        let total = Amount(minorUnits: order.amount.minorUnits + senderFee.minorUnits)
        let spendable = state.ledger.spendable(order.source) ?? .zero
        guard total <= spendable else {
            throw SNAPError.insufficientFunds.explained([
                "summary": .string("amount \(order.amount.value) + fee \(senderFee.value) is more than the \(spendable.value) available"),
            ])
        }
        record.fee = senderFee
        record.referenceNo = request.referenceNumber(&state)
        record.traceNo = state.ids.referenceNumber(length: 16)
        move(order, record, beneficiary, credited: order.amount.minorUnits - (terms.fee.minorUnits - senderFee.minorUnits),
            request, &state)
        return beneficiary
    }

    private static func checkSource(_ source: MovementHolder, _ ledger: Ledger) throws(SNAPError) {
        switch source {
        case .customer(let number):
            guard let account = ledger.customer(number) else {
                throw SNAPError.invalidAccount().explained(
                    ["summary": .string("no e-money customer \(number) in the fixtures (customers.json)")])
            }
            if let refusal = account.customer.status.refusal {
                throw refusal.explained(["summary": .string("customer \(number) is \(account.customer.status.rawValue)")])
            }
        case .account(let accountNo):
            guard let account = ledger.account(accountNo) else {
                throw SNAPError.invalidAccount().explained(
                    ["summary": .string("no source account \(accountNo) in the fixtures (accounts.json)")])
            }
            if let refusal = BeneficiaryLookup.refusal(accountStatus: account.status) {
                throw refusal.explained(["summary": .string("source account \(accountNo) has status \(account.status)")])
            }
        }
    }

    /// Debits the source, credits a ledger beneficiary, and logs both movements.
    private static func move(
        _ order: TransferOrder, _ record: TransferRecord, _ beneficiary: ResolvedBeneficiary, credited: Int64,
        _ request: ServiceRequest, _ state: inout PartnerState
    ) {
        let total = Amount(minorUnits: order.amount.minorUnits + record.fee.minorUnits)
        state.ledger.debit(order.source, total)
        state.ledger.append(LedgerMovement(
            holder: order.source, type: .sendMoney, direction: .debit, amount: order.amount, fee: record.fee,
            partnerReferenceNo: record.partnerReferenceNo, referenceNo: record.referenceNo, service: record.service,
            time: request.time,
            remark: "Transfer to \(beneficiary.accountNo) \(beneficiary.bank.shortName) via \(record.channel?.rawValue ?? "")"))
        guard beneficiary.isLedgerAccount else { return }
        let amount = Amount(minorUnits: max(0, credited))
        state.ledger.credit(account: beneficiary.accountNo, amount)
        let from: String
        switch order.source {
        case .account(let number), .customer(let number): from = number
        }
        state.ledger.append(LedgerMovement(
            holder: .account(beneficiary.accountNo), type: .receiveMoney, direction: .credit, amount: amount,
            partnerReferenceNo: record.partnerReferenceNo, referenceNo: record.referenceNo, service: record.service,
            time: request.time, remark: "Transfer from \(from)"))
    }
}
