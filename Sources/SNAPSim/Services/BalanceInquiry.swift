import SimJSON

/// Balance inquiry (service 11, seeds 002 and 003): every balance of a merchant account, or, on routes that
/// take a B2B2C customer token (DANA, DOKU), the e-money balance of the token's customer.
struct BalanceInquiry: SNAPService {
    let descriptor = ServiceDescriptor.balanceInquiry

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type or length (partnerReferenceNo ≤64, accountNo ≤32, balanceTypes strings, additionalInfo.msId ≤20)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "accountNo is missing (and no customer token names a customer)"),
            ServiceAnswer(SNAPError.invalidAccount(), "accountNo is not an account of the ledger"),
            ServiceAnswer(SNAPError.invalidMerchant, "additionalInfo.msId is not the account's merchant seller id"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        PayoutSteps.advance(request, &state)  // a payout balance reflects schedules and bank answers due by now
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        // With a B2B2C customer token (DANA, DOKU) the token names whose balance is asked; accountNo is then optional.
        let customerNumber = request.caller.customerNumber
        let accountNo = try fields.string("accountNo", required: customerNumber == nil, maxLength: 32)
        let balanceTypes = try fields.strings("balanceTypes", required: false, maxLength: 70)
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let msId = try additionalInfo?.optionalText("msId", maxLength: 20)  // NICEPAY samples send "" for none
        guard let accountNo else {
            return try customerBalance(customerNumber ?? "", partnerReferenceNo, balanceTypes, request, &state)
        }

        guard let account = state.ledger.account(accountNo) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("no merchant account \(accountNo) in the fixtures (accounts.json)")])
        }
        if let msId, msId != account.msId {
            throw SNAPError.invalidMerchant.explained(
                ["summary": .string("msId \(msId) is not the merchant seller id of account \(accountNo)")])
        }
        // No balanceTypes means every balance (ASPI); unknown types simply select nothing.
        let infos = account.accountInfos.filter { balanceTypes?.contains($0.balanceType) ?? true }
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["accountNo"] = .string(account.accountNo)
        answer["name"] = .string(account.name)
        answer["accountInfos"] = .array(infos.map { info in
            .object([
                "balanceType": .string(info.balanceType),
                "amount": info.amount.json,
                "floatAmount": info.floatAmount.json,
                "holdAmount": info.holdAmount.json,
                "availableBalance": info.availableBalance.json,
                "ledgerBalance": info.ledgerBalance.json,
                "currentMultilateralLimit": info.currentMultilateralLimit.json,
                "registrationStatusCode": .string(account.registrationStatusCode),
                "status": .string(account.status),
            ])
        })
        // Seed 002 echoes the request's additionalInfo (channel, deviceId), seed 003 its msId: echo it whole.
        if let additionalInfo { answer["additionalInfo"] = .object(additionalInfo.object) }
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// The balance of the e-money customer a B2B2C token was granted for, as one `BALANCE` account info.
    private func customerBalance(
        _ customerNumber: String, _ partnerReferenceNo: String?, _ balanceTypes: [String]?, _ request: ServiceRequest,
        _ state: inout PartnerState
    ) throws(SNAPError) -> Outcome {
        guard let account = state.ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("the customer token names \(customerNumber), who is not in the fixtures")])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained(["summary": .string("customer \(customerNumber) is \(account.customer.status.rawValue)")])
        }
        let zero = Amount.zero.json
        let info: JSONValue = .object([
            "balanceType": "BALANCE",
            "amount": account.balance.json,
            "floatAmount": zero,
            "holdAmount": zero,
            "availableBalance": account.balance.json,
            "ledgerBalance": account.balance.json,
            "currentMultilateralLimit": zero,
            "registrationStatusCode": "0001",
            "status": "0001",
        ])
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        if let partnerReferenceNo { answer["partnerReferenceNo"] = .string(partnerReferenceNo) }
        answer["name"] = .string(Masking.name(account.customer.name))
        answer["accountInfos"] = .array(balanceTypes.map { $0.contains("BALANCE") } ?? true ? [info] : [])
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
