import SimJSON

/// VA inquiry (service 24): a bank asks what a payable VA's bill is before its customer pays.
///
/// Only a payable VA is answered: unknown or deleted or inactive `404xx12`, expired `404xx19`, paid `404xx14`.
/// `totalAmount` is what is due now: the whole bill (closed), what is still owed (partial), the bill or zero (open).
struct VirtualAccountInquiry: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountInquiry

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA can be paid: inquiryStatus 00 and the amount due"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "an identifying field has the wrong form, or amount/txnDateInit is malformed"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo or inquiryRequestId is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, or it was deleted, or it is inactive"),
            ServiceAnswer(SNAPError.expiredBill, "the VA expired (simulator clock past expiredDate)"),
            ServiceAnswer(SNAPError.paidBill, "the VA is already paid"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let inquiryRequestId = try fields.required("inquiryRequestId", maxLength: 128)
        _ = try fields.timestamp("txnDateInit", required: false)
        _ = try fields.string("channelCode", required: false, maxLength: 4)
        _ = try fields.string("language", required: false, maxLength: 2)
        _ = try fields.amount("amount", required: false)
        _ = try fields.object("additionalInfo", required: false)
        let account = try identity.account(in: state.virtualAccounts)
        if let refusal = VirtualAccountBook.refusal(account, at: request.time) { throw refusal }

        var data: JSONObject = [
            "inquiryStatus": "00",
            "inquiryReason": VirtualAccountRendering.reason(.success),
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "virtualAccountName": .string(account.name),
        ]
        if let email = account.email { data["virtualAccountEmail"] = .string(email) }
        if let phone = account.phone { data["virtualAccountPhone"] = .string(phone) }
        data["inquiryRequestId"] = .string(inquiryRequestId)
        data["totalAmount"] = (account.trxType == .open ? account.totalAmount : account.remaining).json
        data["virtualAccountTrxType"] = .string(account.trxType.rawValue)
        data["feeAmount"] = Amount.zero.json
        data["billDetails"] = []
        data["freeTexts"] = []
        if let expired = account.expiredDateText { data["expiredDate"] = .string(expired) }
        data["additionalInfo"] = .object(account.additionalInfo)
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}

/// Inquiry VA (service 30): the partner reads back one of its VAs, with what has been paid into it.
struct VirtualAccountInquiryVA: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountInquiryVA

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA exists and is not deleted"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "an identifying field has the wrong form"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""), "partnerServiceId, customerNo or virtualAccountNo is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, it was deleted, or trxId is not the VA's"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let trxId = try fields.string("trxId", required: false, maxLength: 64)
        _ = try fields.object("additionalInfo", required: false)
        let account = try identity.liveAccount(in: state.virtualAccounts)
        try VirtualAccountUpdate.checkTrxId(trxId, of: account)
        var data = VirtualAccountRendering.data(account)
        data["paidAmount"] = account.paidAmount.json
        let status = account.status(at: request.time)
        data["latestTransactionStatus"] = .string(status.rawValue)
        data["transactionStatusDesc"] = .string(status.statusDescription)
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}

/// VA delete (service 31, DELETE with a JSON body): the VA takes no more payments; its status becomes 05.
struct VirtualAccountDelete: SNAPService {
    let descriptor = ServiceDescriptor.virtualAccountDelete

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the VA is deleted"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "an identifying field has the wrong form"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "partnerServiceId, customerNo, virtualAccountNo or trxId is missing"),
            ServiceAnswer(SNAPError.invalidBill(""), "no such VA, it was already deleted, or trxId is not the VA's"),
            ServiceAnswer(SNAPError.paidBill, "the VA is paid in full"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        state.openVirtualAccounts(request.fixtures)
        let fields = request.fields
        let identity = try VirtualAccountIdentity(fields)
        let trxId = try fields.required("trxId", maxLength: 64)
        let additionalInfo = try VirtualAccountRendering.keptAdditionalInfo(fields)
        let account = try identity.liveAccount(in: state.virtualAccounts)
        try VirtualAccountUpdate.checkTrxId(trxId, of: account)
        if account.isSettled {
            throw SNAPError.paidBill.explained([
                "summary": .string("VA \(account.virtualAccountNo) is paid; a paid VA is not deleted")
            ])
        }
        state.virtualAccounts.update(identity.virtualAccountNo) { $0.deleted = true }
        let data: JSONObject = [
            "partnerServiceId": .string(account.partnerServiceId),
            "customerNo": .string(account.customerNo),
            "virtualAccountNo": .string(account.virtualAccountNo),
            "trxId": .string(account.trxId),
            "additionalInfo": .object(additionalInfo),
        ]
        return .snap(key: ServiceAnswer.success.key, fields: ["virtualAccountData": .object(data)])
    }
}
