import SimJSON

/// Account binding (service 07): asks to link the partner to an e-money customer. The binding stays pending
/// until the simulated customer approves it (`POST /_sim/payer/binding`, `snapsim pay --binding`) or confirms
/// an OTP (services 81 and 04); then it carries an `accountToken` to debit with, and the customer's sandbox
/// `authCode` for a B2B2C token (service 74).
struct AccountBinding: SNAPService {
    let descriptor = ServiceDescriptor.accountBinding

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key,
                "the binding is created, pending the customer's approval at redirectUrl or an OTP"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "phoneNo is not 08…/628…/+628…, or a field has the wrong type or length"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""), "neither phoneNo nor a customer token names the customer"),
            ServiceAnswer(SNAPError.invalidAccount(), "phoneNo is not a customer of the ledger"),
            ServiceAnswer(
                CustomerStatus.inactive.refusal ?? .generalError,
                "the customer is inactive (dormant 403xx09, blocked 403xx05)"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        _ = try fields.string("merchantId", required: false, maxLength: 64)
        let additionalInfo = try fields.object("additionalInfo", required: false)
        let custIdMerchant = try additionalInfo?.string("custIdMerchant", required: false, maxLength: 64)
        var phone = try request.phoneNumber("phoneNo", required: false)
        if phone == nil { phone = try request.phoneNumber("msisdn", required: false) }
        if phone == nil { phone = try request.tokenCustomer(state) }
        guard let customerNumber = phone else { throw fields.missing("phoneNo") }
        let binding = try Self.open(.account, customerNumber, partnerReferenceNo, custIdMerchant, request, &state)
        var answer: JSONObject = ["referenceNo": .string(binding.referenceNo)]
        answer.set("partnerReferenceNo", partnerReferenceNo)
        answer["redirectUrl"] = .string(request.payerURL("binding", reference: binding.referenceNo))
        var info: JSONObject = [:]
        info.set("custIdMerchant", custIdMerchant)
        info["accountStatus"] = .string(binding.status.rawValue)
        answer["additionalInfo"] = .object(info)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// Checks the customer and records a pending binding.
    static func open(
        _ kind: Binding.Kind, _ customerNumber: String, _ partnerReferenceNo: String?, _ custIdMerchant: String?,
        _ request: ServiceRequest, _ state: inout PartnerState
    ) throws(SNAPError) -> Binding {
        guard let account = state.ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount("phoneNo").explained([
                "summary": .string("no e-money customer \(customerNumber) in the fixtures (customers.json)")
            ])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained([
                "summary": .string("customer \(customerNumber) is \(account.customer.status.rawValue)")
            ])
        }
        var binding = Binding(
            kind: kind, referenceNo: request.referenceNumber(&state), customerNumber: customerNumber,
            createdAt: request.time)
        binding.partnerReferenceNo = partnerReferenceNo
        binding.customerIdAtMerchant = custIdMerchant
        state.directDebit.store(binding)
        return binding
    }
}

/// Account binding inquiry (service 08): where a binding is, found by its referenceNo or token.
struct AccountBindingInquiry: SNAPService {
    let descriptor = ServiceDescriptor.accountBindingInquiry

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(
                ServiceAnswer.success.key,
                "the binding is known: additionalInfo.accountStatus PENDING, ACTIVE, REJECTED or UNBOUND"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "none of originalReferenceNo, referenceNo, accountToken, tokenId is given"),
            ServiceAnswer(SNAPError.transactionNotFound, "no binding of this partner has that reference or token"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let reference = try fields.firstString(["originalReferenceNo", "referenceNo"], maxLength: 64)
        let token = try fields.firstString(["accountToken", "tokenId"], maxLength: 2048)
        guard reference != nil || token != nil else {
            throw SNAPError.invalidMandatoryField("originalReferenceNo").explained([
                "summary": "give originalReferenceNo (the binding's referenceNo) or accountToken"
            ])
        }
        let found =
            reference.flatMap { state.directDebit.binding(referenceNo: $0) }
            ?? token.flatMap { state.directDebit.binding(token: $0) }
        guard let binding = found else {
            throw SNAPError.transactionNotFound.explained([
                "summary": "no binding of this partner has that reference or token"
            ])
        }
        return .snap(key: ServiceAnswer.success.key, fields: Self.describe(binding, request.fixtures))
    }

    /// The binding as inquiry and verification answer it.
    static func describe(_ binding: Binding, _ fixtures: LoadedFixtures) -> JSONObject {
        var answer: JSONObject = ["referenceNo": .string(binding.referenceNo)]
        answer.set("partnerReferenceNo", binding.partnerReferenceNo)
        answer.set(binding.kind == .card ? "bankCardToken" : "accountToken", binding.token)
        var info: JSONObject = ["accountStatus": .string(binding.status.rawValue)]
        info.set("custIdMerchant", binding.customerIdAtMerchant)
        info.set("maskedCardNo", binding.maskedCardNo)
        if binding.status == .active {
            let code = fixtures.authCodes.values.filter { $0.customerNumber == binding.customerNumber }.map(\.code)
                .min()
            info.set("authCode", code)
        }
        answer["additionalInfo"] = .object(info)
        return answer
    }
}
