import SimJSON

/// Transfer to bank (service 43): from an e-money customer's balance to a bank account, plus the channel's
/// fee; DANA's disbursement to bank (`/v1.0/emoney/transfer-bank.htm`).
struct TransferToBank: SNAPService {
    let descriptor = ServiceDescriptor.transferToBank

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (customerNumber 08…/628…, amount \"10000.00\" IDR, feeType OUR/BEN/SHA, additionalInfo.transferService BI-FAST/ONLINE)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, customerNumber, beneficiaryAccountNumber or amount is missing"),
            ServiceAnswer(SNAPError.inconsistentRequest, "partnerReferenceNo was used before with another payload or service"),
            ServiceAnswer(SNAPError.duplicatePartnerReferenceNo, "partnerReferenceNo was already sent, in profiles whose topUpRetry is duplicate"),
            ServiceAnswer(SNAPError.invalidAmount, "amount is 0.00"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount is above the channel's maximum"),
            ServiceAnswer(SNAPError.insufficientFunds, "amount + fee is more than the customer's balance"),
        ] + TransferAnswers.beneficiary("customerNumber or beneficiaryAccountNumber")
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let customerNumber = try fields.customerNumber("customerNumber", required: true, maxLength: 32) ?? ""
        _ = try fields.string("accountType", required: false, maxLength: 64)
        let beneficiaryAccountNumber = try fields.required("beneficiaryAccountNumber", maxLength: 32)
        let beneficiaryBankCode = try fields.string("beneficiaryBankCode", required: false, maxLength: 11)
        let amount = try fields.amount("amount", required: true) ?? .zero
        _ = try fields.string("sessionId", required: false, maxLength: 25)
        let feeType = try fields.feeType()
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let order = TransferOrder(
            partnerReferenceNo: partnerReferenceNo, source: .customer(customerNumber),
            beneficiaryAccountNo: beneficiaryAccountNumber, beneficiaryBankCode: beneficiaryBankCode, amount: amount,
            feeType: feeType, requestedChannel: try additionalInfo?.transferService(), reach: .anyBank,
            transactionDate: nil)
        return CreditTransfer.perform(order, request, &state) { record, _ in
            [
                "referenceNo": .string(record.referenceNo ?? ""),
                "partnerReferenceNo": .string(partnerReferenceNo),
                // Jakarta time without fraction: DANA's model checks it against ^…T..:..:..\+07:00$.
                "transactionDate": .string(record.transactionDate),
                "referenceNumber": .string(record.traceNo ?? ""),
                "additionalInfo": record.additionalInfo(echoing: additionalInfo),
            ]
        }.outcome
    }
}

/// Transfer to bank, account inquiry (service 42): the beneficiary's name and bank, and what the transfer
/// would cost (`additionalInfo.feeAmount`, which DANA's model requires).
struct BankAccountInquiry: SNAPService {
    let descriptor = ServiceDescriptor.bankAccountInquiry

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (customerNumber 08…/628…, amount \"10000.00\" IDR)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "customerNumber, beneficiaryAccountNumber or amount is missing"),
            ServiceAnswer(SNAPError.exceedsTransactionAmountLimit, "amount is above the channel's maximum"),
        ] + TransferAnswers.beneficiary("customerNumber or beneficiaryAccountNumber")
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let customerNumber = try fields.customerNumber("customerNumber", required: true, maxLength: 32) ?? ""
        let beneficiaryAccountNumber = try fields.required("beneficiaryAccountNumber", maxLength: 32)
        let amount = try fields.amount("amount", required: true) ?? .zero
        let additionalInfo = try fields.object("additionalInfo", required: false)
        // ASPI has no bank code here; DANA sends it in additionalInfo.
        var bankCode = try fields.string("beneficiaryBankCode", required: false, maxLength: 11)
        if bankCode == nil { bankCode = try additionalInfo?.string("beneficiaryBankCode", required: false, maxLength: 11) }
        let requested = try additionalInfo?.transferService()

        guard let customer = state.ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("no e-money customer \(customerNumber) in the fixtures (customers.json)")])
        }
        if let refusal = customer.customer.status.refusal {
            throw refusal.explained(["summary": .string("customer \(customerNumber) is \(customer.customer.status.rawValue)")])
        }
        let lookup = BeneficiaryLookup(request)
        let beneficiary = try lookup.beneficiary(beneficiaryAccountNumber, bankCode: bankCode, ledger: state.ledger)
        let channel = try lookup.channel(to: beneficiary, requested: requested)
        let terms = lookup.terms(channel)
        guard amount <= terms.maximum else {
            throw SNAPError.exceedsTransactionAmountLimit.explained([
                "summary": .string("amount \(amount.value) is above the \(channel.rawValue) limit of \(terms.maximum.value)"),
            ])
        }
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["accountType"] = .string(beneficiary.accountType)
        answer["beneficiaryAccountNumber"] = .string(beneficiary.accountNo)
        answer["beneficiaryAccountName"] = .string(beneficiary.name)
        answer["beneficiaryBankCode"] = .string(beneficiary.bank.bankCode)
        answer["beneficiaryBankShortName"] = .string(beneficiary.bank.shortName)
        answer["beneficiaryBankName"] = .string(beneficiary.bank.name)
        answer["amount"] = amount.json
        answer["additionalInfo"] = ["feeAmount": terms.fee.json, "transferService": .string(channel.rawValue)]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
