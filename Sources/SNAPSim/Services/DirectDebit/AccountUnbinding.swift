import SimJSON

/// Account unbinding (service 09): ends a binding, found by its token (`tokenId`, `accountToken`) or by the
/// customer's B2B2C token (DANA sends it in `Authorization-Customer` and `additionalInfo.accessToken`). A
/// customer token used to unbind is revoked, and every active account binding of that customer ends.
struct AccountUnbinding: SNAPService {
    let descriptor = ServiceDescriptor.accountUnbinding

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the binding or customer token is unbound"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""), "none of tokenId, accountToken or a customer token is given"),
            ServiceAnswer(
                SNAPError.invalidAccount(),
                "the token is neither a binding's token nor a live customer token of this partner"),
            ServiceAnswer(SNAPError.invalidCustomerToken, "additionalInfo.accessToken is not a live customer token"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let merchantId = try fields.string("merchantId", required: false, maxLength: 64)
        let token = try fields.firstString(["tokenId", "accountToken"], maxLength: 2048)
        var unbound: [Binding] = []
        if let token, let binding = state.directDebit.binding(token: token) {
            unbound = [binding]
        } else if let token, let grant = state.customerTokens.grant(accessToken: token) {
            state.customerTokens.revoke(grant)
            unbound = state.directDebit.bindings(of: grant.customerNumber).filter { $0.kind == .account }
        } else if token != nil {
            throw SNAPError.invalidAccount("tokenId").explained([
                "summary": "tokenId is neither a binding token nor a customer token this partner was issued"
            ])
        } else if let customer = try request.tokenCustomer(state) {
            // DANA's token travels in additionalInfo.accessToken; a token checked by the pipeline stays valid.
            if let access = fields.object["additionalInfo"]?.objectValue?["accessToken"]?.stringValue,
                let grant = state.customerTokens.grant(accessToken: access)
            {
                state.customerTokens.revoke(grant)
            }
            unbound = state.directDebit.bindings(of: customer).filter { $0.kind == .account }
        } else {
            throw fields.missing("tokenId")
        }
        for binding in unbound { state.unbind(binding.referenceNo) }
        var answer: JSONObject = ["referenceNo": .string(request.referenceNumber(&state))]
        answer.set("partnerReferenceNo", partnerReferenceNo)
        answer.set("merchantId", merchantId)
        answer["unlinkResult"] = "success"
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

/// Account creation (service 06): opens a new e-money customer (basic tier, zero balance) for `phoneNo` and
/// binds it at once, since the customer consented by registering.
struct AccountCreation: SNAPService {
    let descriptor = ServiceDescriptor.accountCreation

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the account is opened and bound: accountToken"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "phoneNo is not 08…/628…/+628…, or a field has the wrong type or length"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "phoneNo is missing"),
            ServiceAnswer(
                SNAPError(httpStatus: 403, caseCode: "15"),
                "phoneNo already has an e-money account (bind it with service 07)"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let phone = try request.phoneNumber("phoneNo", required: true) ?? ""
        let name = try fields.string("name", required: false, maxLength: 255) ?? "New Customer \(phone.suffix(4))"
        _ = try fields.string("email", required: false, maxLength: 64)
        let tier = request.fixtures.tiers["basic"]?.name ?? request.fixtures.tiers.keys.sorted().first ?? "basic"
        guard state.ledger.openCustomer(phone, name: name, tier: tier) else {
            throw SNAPError(httpStatus: 403, caseCode: "15", placeholders: ["reason": "account already exists"])
                .explained([
                    "summary": .string("\(phone) already has an e-money account: bind it with account binding (07)")
                ])
        }
        let opened = try AccountBinding.open(.account, phone, partnerReferenceNo, nil, request, &state)
        let binding = try state.activateBinding(opened.referenceNo)
        var answer: JSONObject = ["referenceNo": .string(binding.referenceNo)]
        answer.set("partnerReferenceNo", partnerReferenceNo)
        answer.set("accountToken", binding.token)
        answer["additionalInfo"] = ["accountStatus": .string(binding.status.rawValue), "tier": .string(tier)]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
