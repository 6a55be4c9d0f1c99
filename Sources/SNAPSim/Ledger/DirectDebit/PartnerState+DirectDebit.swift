import SimJSON

/// The engine's direct-debit moves over one partner's state, shared by the SNAP services and by the simulated
/// payer (`POST /_sim/payer/…`, `snapsim pay`): activating a binding, settling, refusing, cancelling and
/// refunding a payment. Each keeps the ledger and the book consistent: money leaves the customer exactly when
/// it reaches the merchant, and comes back exactly when it leaves the merchant.
extension PartnerState {
    /// Activates a pending binding and issues its token.
    mutating func activateBinding(_ referenceNo: String) throws(SNAPError) -> Binding {
        guard var binding = directDebit.binding(referenceNo: referenceNo) else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no binding with referenceNo \(referenceNo)")
            ])
        }
        switch binding.status {
        case .active: return binding
        case .pending: break
        case .rejected, .unbound:
            throw SNAPError(httpStatus: 403, caseCode: "18").explained([
                "summary": .string("binding \(referenceNo) is \(binding.status.rawValue.lowercased()); start a new one")
            ])
        }
        binding.status = .active
        binding.token = ids.token(length: 40)
        directDebit.store(binding)
        return binding
    }

    /// The payer refuses a pending binding.
    mutating func rejectBinding(_ referenceNo: String) throws(SNAPError) -> Binding {
        guard var binding = directDebit.binding(referenceNo: referenceNo), binding.status == .pending else {
            throw SNAPError(httpStatus: 404, caseCode: "00").explained([
                "summary": .string("no pending binding with referenceNo \(referenceNo)")
            ])
        }
        binding.status = .rejected
        directDebit.store(binding)
        return binding
    }

    /// Ends a binding (09, 05); its token stops working.
    mutating func unbind(_ referenceNo: String) {
        guard var binding = directDebit.binding(referenceNo: referenceNo) else { return }
        binding.status = .unbound
        directDebit.store(binding)
    }

    /// Debits the payer and credits the merchant for a payment waiting for them (status 01), or for a new one.
    /// - Throws: `403xx14` when the balance is short, the customer's status refusal, `404xx11` for an unknown
    ///   customer; the payment is then marked failed (06).
    mutating func settleDebit(_ partnerReferenceNo: String, payer customerNumber: String, at time: SimTime)
        throws(SNAPError) -> DirectDebitCompletion
    {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo) else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no direct-debit payment with partnerReferenceNo \(partnerReferenceNo)")
            ])
        }
        if record.status == .success { return DirectDebitCompletion(record, at: record.paidAt ?? time) }
        guard record.status == .initiated else {
            throw SNAPError(httpStatus: 404, caseCode: "00").explained([
                "summary": .string(
                    "payment \(partnerReferenceNo) is \(record.status.statusDescription.lowercased()), not waiting for the payer"
                )
            ])
        }
        if let validUpTo = record.validUpTo, validUpTo < time {
            record.status = .canceled
            record.cancelledAt = validUpTo
            directDebit.store(record)
            throw SNAPError(httpStatus: 403, caseCode: "00").explained([
                "summary": .string("payment \(partnerReferenceNo) expired at its validUpTo \(validUpTo)")
            ])
        }
        do throws(SNAPError) {
            try debit(customerNumber, record.amount)
        } catch {
            record.customerNumber = customerNumber
            record.status = .failed
            directDebit.store(record)
            throw error
        }
        record.customerNumber = customerNumber
        record.status = .success
        record.paidAt = time
        directDebit.store(record)
        directDebit.creditMerchant(record.merchantId, record.amount)
        let toAccount = ledger.settleToMerchantAccount(record.merchantId, minorUnits: record.amount.minorUnits)
        recordMovements(record, .payment, record.amount, payer: customerNumber, merchantAccount: toAccount, at: time)
        notifications.directDebitFinished(record, at: time)  // issue 14
        return DirectDebitCompletion(record, at: time)
    }

    /// Checks the customer can pay `amount` and takes it from their balance.
    mutating func debit(_ customerNumber: String, _ amount: Amount) throws(SNAPError) {
        guard let account = ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount().explained(["summary": .string("no e-money customer \(customerNumber)")])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained([
                "summary": .string("customer \(customerNumber) is \(account.customer.status.rawValue)")
            ])
        }
        guard ledger.debitForPayment(customerNumber, amount) else {
            throw SNAPError(httpStatus: 403, caseCode: "14").explained([
                "summary": .string(
                    "customer \(customerNumber) has \(account.balance.value), less than the \(amount.value) to pay")
            ])
        }
    }

    /// The payer refuses a payment waiting for them: status 06.
    mutating func declineDebit(_ partnerReferenceNo: String, at time: SimTime) throws(SNAPError)
        -> DirectDebitCompletion
    {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo), record.status == .initiated
        else {
            throw SNAPError(httpStatus: 404, caseCode: "00").explained([
                "summary": .string("no direct-debit payment \(partnerReferenceNo) waiting for the payer")
            ])
        }
        record.status = .failed
        directDebit.store(record)
        notifications.directDebitFinished(record, at: time)  // issue 14
        return DirectDebitCompletion(record, at: time)
    }

    /// Cancels a payment not yet settled (status 01): status 05, nothing moves.
    mutating func cancelDebit(_ partnerReferenceNo: String, at time: SimTime) throws(SNAPError) -> DebitRecord {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo) else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no direct-debit payment with partnerReferenceNo \(partnerReferenceNo)")
            ])
        }
        switch record.status {
        case .canceled: return record
        case .initiated, .paying, .pending:
            record.status = .canceled
            record.cancelledAt = time
            directDebit.store(record)
            return record
        default:
            throw SNAPError(httpStatus: 405, caseCode: "01").explained([
                "summary": .string(
                    "payment \(partnerReferenceNo) is \(record.status.statusDescription.lowercased()); only a payment still waiting for the payer can be cancelled (refund a paid one)"
                )
            ])
        }
    }

    /// Gives `amount` of a paid payment back to the payer, from the merchant.
    mutating func refundDebit(_ partnerReferenceNo: String, _ refund: DebitRefund) throws(SNAPError) -> DebitRecord {
        guard var record = directDebit.payment(partnerReferenceNo: partnerReferenceNo) else {
            throw SNAPError.transactionNotFound.explained([
                "summary": .string("no direct-debit payment with partnerReferenceNo \(partnerReferenceNo)")
            ])
        }
        guard record.status == .success || record.status == .refunded, let payer = record.customerNumber else {
            throw SNAPError(httpStatus: 405, caseCode: "01").explained([
                "summary": .string(
                    "payment \(partnerReferenceNo) is \(record.status.statusDescription.lowercased()); only a paid payment can be refunded"
                )
            ])
        }
        guard refund.amount.minorUnits > 0, refund.amount <= record.refundable else {
            throw SNAPError.invalidAmount.explained([
                "summary": .string(
                    "refundAmount \(refund.amount.value) is above the \(record.refundable.value) still refundable (paid \(record.amount.value), refunded \(record.refunded.value))"
                )
            ])
        }
        ledger.creditRefund(payer, refund.amount)
        directDebit.creditMerchant(record.merchantId, Amount(minorUnits: -refund.amount.minorUnits))
        let fromAccount = ledger.settleToMerchantAccount(record.merchantId, minorUnits: -refund.amount.minorUnits)
        recordMovements(
            record, .refund, refund.amount, payer: payer, merchantAccount: fromAccount, at: refund.refundedAt,
            referenceNo: refund.refundNo, partnerReferenceNo: refund.partnerRefundNo)
        record.refunded.minorUnits += refund.amount.minorUnits
        record.refunds.append(refund)
        if record.refundable == .zero { record.status = .refunded }
        directDebit.store(record)
        return record
    }

    /// The movements transaction history (12, 13) lists: the payer's side and, when the merchant is an account of
    /// the ledger, the merchant's. A payment debits the payer; a refund credits them.
    private mutating func recordMovements(
        _ record: DebitRecord, _ type: MovementType, _ amount: Amount, payer: String, merchantAccount: Bool,
        at time: SimTime, referenceNo: String? = nil, partnerReferenceNo: String? = nil
    ) {
        let isPayment = type == .payment
        ledger.append(
            LedgerMovement(
                holder: .customer(payer), type: type, direction: isPayment ? .debit : .credit, amount: amount,
                partnerReferenceNo: partnerReferenceNo ?? record.partnerReferenceNo,
                referenceNo: referenceNo ?? record.referenceNo,
                service: isPayment ? .directDebitPayment : .directDebitRefund,
                time: time,
                remark: isPayment ? "Direct debit to \(record.merchantId)" : "Refund from \(record.merchantId)"))
        guard merchantAccount else { return }
        ledger.append(
            LedgerMovement(
                holder: .account(record.merchantId), type: type, direction: isPayment ? .credit : .debit,
                amount: amount,
                partnerReferenceNo: partnerReferenceNo ?? record.partnerReferenceNo,
                referenceNo: referenceNo ?? record.referenceNo,
                service: isPayment ? .directDebitPayment : .directDebitRefund,
                time: time, remark: isPayment ? "Direct debit from \(payer)" : "Refund to \(payer)"))
    }
}
