import SimJSON

/// VA payment (service 25): a bank pays into a VA on its customer's behalf. The VA takes it per its type, the
/// biller's merchant account is credited, and a retry with the same paymentRequestId is answered as before.
struct VirtualAccountPaymentService: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountPayment

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key, "the payment is taken (or the same payment is retried): paymentFlagStatus 00"
            ),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "an identifying field has the wrong form, or paidAmount/trxDateTime is malformed"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo, paymentRequestId or paidAmount is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, or it was deleted, or it is inactive"),
            ServiceAnswer(SNAPError.expiredBill, "the VA expired (simulator clock past expiredDate)"),
            ServiceAnswer(
                SNAPError.paidBill, "the VA is already paid (closed paid once, partial paid in full, or flagged paid)"),
            ServiceAnswer(
                SNAPError.invalidAmount,
                "paidAmount does not fit the VA: not the bill (closed), more than is owed (partial), outside minAmount/maxAmount"
            ),
            ServiceAnswer(SNAPError.inconsistentRequest, "paymentRequestId was used before with another payload"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let paymentRequestId = try fields.required("paymentRequestId", maxLength: 128)
        let paidAmount = try fields.amount("paidAmount", required: true) ?? .zero
        _ = try fields.string("virtualAccountName", required: false, maxLength: 255)
        _ = try fields.timestamp("trxDateTime", required: false)
        _ = try fields.string("channelCode", required: false, maxLength: 4)
        _ = try fields.amount("totalAmount", required: false)
        _ = try fields.amount("cumulativePaymentAmount", required: false)
        _ = try fields.string("referenceNo", required: false, maxLength: 64)
        _ = try fields.object("additionalInfo", required: false)

        let order = VirtualAccountPaymentOrder(
            virtualAccountNo: identity.virtualAccountNo, amount: paidAmount, paymentRequestId: paymentRequestId,
            channel: "api",
            fingerprint: JSONValue.object(fields.object).canonicalText)
        let paid = try state.pay(order, fixtures: request.fixtures, at: request.time)
        let account = paid.account
        let data: JSONObject = [
            "paymentFlagReason": VirtualAccountRendering.reason(.success),
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "virtualAccountName": .string(account.name),
            "paymentRequestId": .string(paymentRequestId),
            "paidAmount": paid.payment.amount.json,
            "cumulativePaymentAmount": account.paidAmount.json,
            "totalAmount": account.totalAmount.json,
            "trxDateTime": .string(
                fields.object["trxDateTime"]?.stringValue
                    ?? ISO8601Timestamp.format(paid.payment.paidAt, offsetMinutes: CivilDate.jakartaOffsetMinutes)),
            "referenceNo": .string(paid.payment.referenceNo),
            "paymentFlagStatus": "00",
            "billDetails": [],
            "freeTexts": [],
        ]
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}

/// VA inquiry status (service 26): what has been paid into a VA, or what became of one payment of it.
///
/// With `paymentRequestId`: that payment (00, or 07 when the VA never took it). Without: the VA's place in the
/// status machine (see ``VirtualAccount/status(at:)``) and everything paid so far.
struct VirtualAccountStatus: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountStatus

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key,
                "the VA is known: latestTransactionStatus 00/01/02/03/05/06, or 07 for an unknown paymentRequestId"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "an identifying field has the wrong form"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""), "partnerServiceId, customerNo or virtualAccountNo is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let inquiryRequestId = try fields.string("inquiryRequestId", required: false, maxLength: 128)
        let paymentRequestId = try fields.string("paymentRequestId", required: false, maxLength: 128)
        _ = try fields.object("additionalInfo", required: false)
        let account = try identity.account(in: state.virtualAccounts)

        let status: TransactionStatus
        let paid: Amount
        var payment: VirtualAccountPayment?
        if let paymentRequestId {
            payment = account.payments.last { $0.paymentRequestId == paymentRequestId }
            status = payment == nil ? .notFound : .success
            paid = payment?.amount ?? .zero
        } else {
            status = account.status(at: request.time)
            paid = account.paidAmount
            payment = account.payments.last
        }
        var data: JSONObject = [
            "paymentFlagReason": VirtualAccountRendering.reason(status),
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
        ]
        if let inquiryRequestId { data["inquiryRequestId"] = .string(inquiryRequestId) }
        if let paymentRequestId { data["paymentRequestId"] = .string(paymentRequestId) }
        data["paidAmount"] = paid.json
        data["totalAmount"] = account.totalAmount.json
        data["virtualAccountTrxType"] = .string(account.trxType.rawValue)
        if let payment {
            data["referenceNo"] = .string(payment.referenceNo)
            data["trxDateTime"] = .string(
                ISO8601Timestamp.format(payment.paidAt, offsetMinutes: CivilDate.jakartaOffsetMinutes))
        }
        data["paymentFlagStatus"] = .string(status == .success ? "00" : "01")
        data["latestTransactionStatus"] = .string(status.rawValue)
        data["transactionStatusDesc"] = .string(status.statusDescription)
        data["billDetails"] = []
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}
