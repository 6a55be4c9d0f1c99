import QRISCode
import SimJSON

/// The simulated customer who scans and pays: the one place where a QR or payment-gateway payment debits the
/// payer and credits the merchant. Reached by the admin API (`POST /_sim/payer/qr`), the CLI
/// (`snapsim pay --qr`) and QR MPM payment host-to-host (50).
extension PartnerState {
    /// Pays the QRIS string `content` as customer `payer`.
    ///
    /// A dynamic code of one of this partner's orders pays that order; a static code (or a dynamic code of no
    /// order here) pays its merchant, found by NMID, `amount` (mandatory when the code carries none) and is
    /// recorded under `partnerReferenceNo` (one is made up when `nil`).
    /// - Returns: the settled payment, for notifications.
    mutating func payQR(
        _ content: String, payer: String, amount: Amount?, tip: Amount?, partnerReferenceNo: String?,
        fixtures: LoadedFixtures, at time: SimTime
    ) throws(SNAPError) -> SettledQRPayment {
        let code: MerchantPresentedQR
        do throws(QRISProblem) {
            code = try MerchantPresentedQR.decode(content)
        } catch {
            throw QRISRefusal.invalidQR("qrContent", error)
        }
        if code.initiation == .dynamicCode, let reference = code.additionalData("05"),
            let order = qris.payment(referenceNo: reference)
        {
            if let amount, amount != order.amount {
                throw SNAPError.invalidAmount.explained([
                    "summary": .string("the code is for \(order.amount.value), not \(amount.value)"),
                ])
            }
            return try settle(order, payer: payer, tip: tip, code: code, fixtures: fixtures, at: time)
        }
        guard let nmid = code.nationalMerchantID,
            let merchant = fixtures.merchants.values.sorted(by: { $0.merchantId < $1.merchantId }).first(where: { $0.nmid == nmid })
        else {
            throw SNAPError.invalidMerchant.explained([
                "summary": .string("no fixture merchant has NMID \(code.nationalMerchantID ?? "(none)") (merchants.json)"),
            ])
        }
        let printed = code.amountMinorUnits.map { Amount(minorUnits: $0) }
        if let printed, let amount, printed != amount {
            throw SNAPError.invalidAmount.explained(["summary": .string("the code fixes the amount at \(printed.value), not \(amount.value)")])
        }
        guard let due = printed ?? amount else {
            throw SNAPError.invalidMandatoryField("amount").explained([
                "summary": "the code carries no amount (tag 54): say how much the customer pays",
            ])
        }
        let referenceNo = ids.referenceNumber(length: fixtures.engine.referenceNoLength)
        let payment = QRPayment(
            origin: .hostToHost, partnerReferenceNo: partnerReferenceNo ?? "SCAN-" + referenceNo, referenceNo: referenceNo,
            externalId: nil, merchantId: merchant.merchantId, amount: due, createdAt: time, fingerprint: "",
            answer: RecordedAnswer(key: ServiceAnswer.success.key))
        return try settle(payment, payer: payer, tip: tip, code: code, fixtures: fixtures, at: time)
    }

    /// Pays the unpaid order with this referenceNo (a payment-gateway order paid through its checkout page).
    mutating func payOrder(referenceNo: String, payer: String, fixtures: LoadedFixtures, at time: SimTime)
        throws(SNAPError) -> SettledQRPayment
    {
        guard let order = qris.payment(referenceNo: referenceNo) else {
            throw SNAPError.transactionNotFound.explained(["summary": .string("no order with referenceNo \(referenceNo) for this partner")])
        }
        return try settle(order, payer: payer, tip: nil, code: nil, fixtures: fixtures, at: time)
    }

    private mutating func settle(
        _ order: QRPayment, payer: String, tip: Amount?, code: MerchantPresentedQR?, fixtures: LoadedFixtures,
        at time: SimTime
    ) throws(SNAPError) -> SettledQRPayment {
        switch order.status(at: time) {
        case .initiated: break
        case .canceled where order.isExpired(at: time):
            throw QRISRefusal.transactionExpired.explained(["summary": .string("the order expired at \(QRISRefusal.jakarta(order.validUntil ?? time))")])
        case .canceled:
            throw QRISRefusal.transactionCancelled.explained(["summary": .string("order \(order.partnerReferenceNo) was cancelled")])
        default:
            throw QRISRefusal.paidBill.explained(["summary": .string("order \(order.partnerReferenceNo) is already paid")])
        }
        let merchant = try QRISRefusal.merchant(order.merchantId, fixtures)
        guard let account = ledger.customer(payer) else {
            throw SNAPError.invalidAccount().explained(["summary": .string("no e-money customer \(payer) in the fixtures (customers.json)")])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained(["summary": .string("customer \(payer) is \(account.customer.status.rawValue)")])
        }
        var paid = order
        paid.tip = Self.tip(code?.tip ?? merchant.tip, on: order.amount, given: tip)
        guard account.balance >= paid.paid else {
            throw QRISRefusal.insufficientFunds.explained([
                "summary": .string("customer \(payer) has \(account.balance.value), the payment needs \(paid.paid.value)"),
            ])
        }
        ledger.debitCustomer(payer, paid.paid)
        ledger.moveMerchantFunds(merchant.accountNo, paid.paid.minorUnits)
        paid.paidAt = time
        paid.payer = payer
        qris.save(paid)
        return SettledQRPayment(
            partnerReferenceNo: paid.partnerReferenceNo, referenceNo: paid.referenceNo, origin: paid.origin,
            merchantId: paid.merchantId, payer: payer, amount: paid.paid, paidAt: time)
    }

    /// The tip the payer adds: what they chose when prompted, the fixed fee, or the percentage of `amount`.
    static func tip(_ tip: MerchantPresentedQR.Tip?, on amount: Amount, given: Amount?) -> Amount {
        switch tip {
        case .prompt?: given ?? .zero
        case .fixed(let fee)?: Amount(minorUnits: QRISAmount.minorUnits(fee) ?? 0)
        case .percentage(let percent)?:
            Amount(minorUnits: amount.minorUnits * (QRISAmount.minorUnits(percent) ?? 0) / 10_000)
        case nil: .zero
        }
    }
}
