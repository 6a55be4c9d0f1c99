import SimJSON

/// Internal account inquiry (service 15): an account of the provider's own bank, a merchant account of the
/// ledger or a home-bank beneficiary.
struct InternalAccountInquiry: SNAPService {
    let descriptor = ServiceDescriptor.internalAccountInquiry

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (partnerReferenceNo ≤64, beneficiaryAccountNo ≤34)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "beneficiaryAccountNo is missing"),
        ] + TransferAnswers.beneficiary("beneficiaryAccountNo").filter { $0.key != SNAPError.bankNotSupported.key }
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let accountNo = try fields.required("beneficiaryAccountNo", maxLength: 34)
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let lookup = BeneficiaryLookup(request)
        let beneficiary = try lookup.beneficiary(accountNo, bankCode: nil, ledger: state.ledger)
        guard beneficiary.bank.bankCode == lookup.homeBankCode else {
            throw SNAPError.invalidAccount().explained([
                "summary": .string("account \(accountNo) is at bank \(beneficiary.bank.bankCode), not this bank (\(lookup.homeBankCode)): ask the external account inquiry"),
            ])
        }
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["beneficiaryAccountName"] = .string(beneficiary.name)
        answer["beneficiaryAccountNo"] = .string(beneficiary.accountNo)
        answer["beneficiaryAccountStatus"] = "Rekening aktif"
        answer["beneficiaryAccountType"] = .string(beneficiary.accountType)
        answer["currency"] = .string(Amount.rupiah)
        if let additionalInfo { answer["additionalInfo"] = .object(additionalInfo.object) }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

/// External account inquiry (service 16): an account at a bank the provider can reach.
struct ExternalAccountInquiry: SNAPService {
    let descriptor = ServiceDescriptor.externalAccountInquiry

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (beneficiaryBankCode ≤11, beneficiaryAccountNo ≤34)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "beneficiaryBankCode or beneficiaryAccountNo is missing"),
        ] + TransferAnswers.beneficiary("beneficiaryAccountNo")
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let bankCode = try fields.required("beneficiaryBankCode", maxLength: 11)
        let accountNo = try fields.required("beneficiaryAccountNo", maxLength: 34)
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let beneficiary = try BeneficiaryLookup(request).beneficiary(accountNo, bankCode: bankCode, ledger: state.ledger)
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["beneficiaryAccountName"] = .string(beneficiary.name)
        answer["beneficiaryAccountNo"] = .string(beneficiary.accountNo)
        answer["beneficiaryBankCode"] = .string(beneficiary.bank.bankCode)
        answer["beneficiaryBankName"] = .string(beneficiary.bank.name)
        answer["currency"] = .string(Amount.rupiah)
        if let additionalInfo { answer["additionalInfo"] = .object(additionalInfo.object) }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
