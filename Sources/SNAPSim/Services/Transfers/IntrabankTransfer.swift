import SimJSON

/// Intrabank transfer (service 17): from a merchant account to an account of the same bank, which is credited
/// when it is a merchant account of the ledger.
struct IntrabankTransfer: SNAPService {
    let descriptor = ServiceDescriptor.intrabankTransfer

    var answers: [ServiceAnswer] { TransferAnswers.transfer(interbank: false) }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let amount = try fields.amount("amount", required: true) ?? .zero
        let beneficiaryAccountNo = try fields.required("beneficiaryAccountNo", maxLength: 34)
        _ = try fields.string("beneficiaryEmail", required: false, maxLength: 50)
        try fields.currency()
        let customerReference = try fields.string("customerReference", required: false, maxLength: 30)
        let feeType = try fields.feeType()
        _ = try fields.string("remark", required: false, maxLength: 50)
        let sourceAccountNo = try fields.required("sourceAccountNo", maxLength: 19)
        let transactionDate = try fields.required("transactionDate", maxLength: 25)
        _ = try fields.timestamp("transactionDate", required: true)
        let originatorInfos = try fields.originatorInfos()
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let order = TransferOrder(
            partnerReferenceNo: partnerReferenceNo, source: .account(sourceAccountNo),
            beneficiaryAccountNo: beneficiaryAccountNo, beneficiaryBankCode: nil, amount: amount, feeType: feeType,
            requestedChannel: try additionalInfo?.transferService(), reach: .homeBank, transactionDate: transactionDate)
        return CreditTransfer.perform(order, request, &state) { record, _ in
            var answer: JSONObject = [
                "referenceNo": .string(record.referenceNo ?? ""),
                "partnerReferenceNo": .string(partnerReferenceNo),
                "amount": amount.json,
                "beneficiaryAccountNo": .string(beneficiaryAccountNo),
                "currency": .string(Amount.rupiah),
            ]
            if let customerReference { answer["customerReference"] = .string(customerReference) }
            answer["sourceAccountNo"] = .string(sourceAccountNo)
            answer["transactionDate"] = .string(record.transactionDate)
            if let originatorInfos { answer["originatorInfos"] = originatorInfos }
            answer["additionalInfo"] = record.additionalInfo(echoing: additionalInfo)
            return answer
        }.outcome
    }
}

/// Interbank transfer (service 18): from a merchant account to another bank, over BI-FAST when the bank takes
/// it (Rp 250,000,000 cap), else online (Rp 50,000,000); `additionalInfo.transferService` chooses.
struct InterbankTransfer: SNAPService {
    let descriptor = ServiceDescriptor.interbankTransfer

    var answers: [ServiceAnswer] { TransferAnswers.transfer(interbank: true) }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let amount = try fields.amount("amount", required: true) ?? .zero
        _ = try fields.required("beneficiaryAccountName", maxLength: 100)
        let beneficiaryAccountNo = try fields.required("beneficiaryAccountNo", maxLength: 34)
        _ = try fields.string("beneficiaryAddress", required: false, maxLength: 100)
        let beneficiaryBankCode = try fields.required("beneficiaryBankCode", maxLength: 11)
        _ = try fields.string("beneficiaryBankName", required: false, maxLength: 50)
        _ = try fields.string("beneficiaryEmail", required: false, maxLength: 50)
        try fields.currency()
        let customerReference = try fields.string("customerReference", required: false, maxLength: 30)
        let sourceAccountNo = try fields.required("sourceAccountNo", maxLength: 19)
        let transactionDate = try fields.required("transactionDate", maxLength: 25)
        _ = try fields.timestamp("transactionDate", required: true)
        let feeType = try fields.feeType()
        _ = try fields.string("remark", required: false, maxLength: 50)
        let originatorInfos = try fields.originatorInfos()
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let order = TransferOrder(
            partnerReferenceNo: partnerReferenceNo, source: .account(sourceAccountNo),
            beneficiaryAccountNo: beneficiaryAccountNo, beneficiaryBankCode: beneficiaryBankCode, amount: amount,
            feeType: feeType, requestedChannel: try additionalInfo?.transferService(), reach: .otherBanks,
            transactionDate: transactionDate)
        return CreditTransfer.perform(order, request, &state) { record, _ in
            var answer: JSONObject = [
                "referenceNo": .string(record.referenceNo ?? ""),
                "partnerReferenceNo": .string(partnerReferenceNo),
                "amount": amount.json,
                "beneficiaryAccountNo": .string(beneficiaryAccountNo),
                "beneficiaryBankCode": .string(beneficiaryBankCode),
            ]
            if let customerReference { answer["customerReference"] = .string(customerReference) }
            answer["sourceAccountNo"] = .string(sourceAccountNo)
            answer["traceNo"] = .string(record.traceNo ?? "")
            answer["transactionDate"] = .string(record.transactionDate)
            if let originatorInfos { answer["originatorInfos"] = originatorInfos }
            answer["additionalInfo"] = record.additionalInfo(echoing: additionalInfo)
            return answer
        }.outcome
    }
}
