import SimJSON

/// OTP (service 81): sends a six-digit one-time password to the customer of a pending binding or card. The
/// digits come from the partner's identifier stream, so a run with the same `--seed` sends the same OTPs;
/// the simulated customer reads them with `GET /_sim/payer/otp` (or `snapsim pay --otp`).
struct OTPRequest: SNAPService {
    let descriptor = ServiceDescriptor.otp

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "an OTP is sent to the customer; chargeToken names it"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "none of originalReferenceNo, referenceNo, bankCardToken names a binding"),
            ServiceAnswer(SNAPError.transactionNotFound, "no binding of this partner has that reference or token"),
            ServiceAnswer(
                SNAPError(httpStatus: 404, caseCode: "10"),
                "the binding is not pending (already active, rejected or unbound)"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        let binding = try Self.binding(request, state)
        guard binding.status == .pending else {
            throw SNAPError(httpStatus: 404, caseCode: "10").explained([
                "summary": .string(
                    "binding \(binding.referenceNo) is \(binding.status.rawValue.lowercased()); OTPs confirm pending bindings"
                )
            ])
        }
        let challenge = OTPChallenge(
            bindingReferenceNo: binding.referenceNo, chargeToken: state.ids.token(length: 32),
            code: state.ids.referenceNumber(length: 6), issuedAt: request.time)
        state.directDebit.store(challenge)
        var answer: JSONObject = ["referenceNo": .string(binding.referenceNo)]
        answer.set("partnerReferenceNo", partnerReferenceNo)
        answer["chargeToken"] = .string(challenge.chargeToken)
        answer["additionalInfo"] = [
            "otpExpiry": ServiceRequest.jakarta(request.time + OTPChallenge.lifetime),
            "sentTo": .string(Masking.customerNumber(binding.customerNumber)),
        ]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }

    /// The binding an OTP request or verification names.
    static func binding(_ request: ServiceRequest, _ state: PartnerState) throws(SNAPError) -> Binding {
        let fields = request.fields
        let reference = try fields.firstString(["originalReferenceNo", "referenceNo"], maxLength: 64)
        let token = try fields.string("bankCardToken", required: false, maxLength: 128)
        guard reference != nil || token != nil else {
            throw SNAPError.invalidMandatoryField("originalReferenceNo").explained([
                "summary":
                    "give originalReferenceNo (the binding's or card registration's referenceNo) or bankCardToken"
            ])
        }
        guard
            let binding = reference.flatMap({ state.directDebit.binding(referenceNo: $0) })
                ?? token.flatMap({ state.directDebit.binding(token: $0) })
        else {
            throw SNAPError.transactionNotFound.explained([
                "summary": "no binding of this partner has that reference or token"
            ])
        }
        return binding
    }
}

/// Verify OTP (service 04): the customer's OTP confirms a pending binding or card, which becomes active with
/// its token. Three wrong entries block the OTP (`403xx11`); it lives five minutes of simulator time (`403xx12`).
struct OTPVerification: SNAPService {
    let descriptor = ServiceDescriptor.otpVerification

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the OTP matches: the binding is active and its token answered"),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "otp is missing, or neither chargeToken nor originalReferenceNo names the OTP"),
            ServiceAnswer(
                SNAPError(httpStatus: 404, caseCode: "06"), "no OTP was requested (service 81) for that binding"),
            ServiceAnswer(SNAPError(httpStatus: 404, caseCode: "15"), "the OTP does not match"),
            ServiceAnswer(SNAPError(httpStatus: 403, caseCode: "11"), "the OTP was entered wrong three times"),
            ServiceAnswer(
                SNAPError(httpStatus: 403, caseCode: "12"), "the OTP is older than five minutes of simulator time"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let otp = try fields.required("otp", maxLength: 8)
        let chargeToken = try fields.string("chargeToken", required: false, maxLength: 128)
        let challenge: OTPChallenge
        if let chargeToken {
            guard let found = state.directDebit.challenge(chargeToken: chargeToken) else {
                throw SNAPError(httpStatus: 404, caseCode: "06").explained([
                    "summary": "chargeToken names no OTP of this partner"
                ])
            }
            challenge = found
        } else {
            let binding = try OTPRequest.binding(request, state)
            guard let found = state.directDebit.latestChallenge(forBinding: binding.referenceNo) else {
                throw SNAPError(httpStatus: 404, caseCode: "06").explained([
                    "summary": .string("no OTP was requested for binding \(binding.referenceNo): call OTP (81) first")
                ])
            }
            challenge = found
        }
        let binding = try state.enterOTP(challenge.chargeToken, otp, at: request.time)
        return .snap(key: ServiceAnswer.success.key, fields: AccountBindingInquiry.describe(binding, request.fixtures))
    }
}

extension PartnerState {
    /// The customer enters `code` for the OTP `chargeToken`: activates its binding when it matches.
    mutating func enterOTP(_ chargeToken: String, _ code: String, at time: SimTime) throws(SNAPError) -> Binding {
        guard var challenge = directDebit.challenge(chargeToken: chargeToken) else {
            throw SNAPError(httpStatus: 404, caseCode: "06").explained(["summary": "no OTP with this chargeToken"])
        }
        guard !challenge.isSpent else {
            throw SNAPError(httpStatus: 403, caseCode: "11").explained([
                "summary": "this OTP was used or blocked: request a new one (81)"
            ])
        }
        guard time < challenge.issuedAt + OTPChallenge.lifetime else {
            throw SNAPError(httpStatus: 403, caseCode: "12").explained([
                "summary": .string(
                    "the OTP was sent at \(challenge.issuedAt) and lived five minutes: request a new one (81)")
            ])
        }
        guard code == challenge.code else {
            challenge.failedAttempts += 1
            challenge.isSpent = challenge.failedAttempts >= OTPChallenge.attemptLimit
            directDebit.store(challenge)
            if challenge.isSpent {
                throw SNAPError(httpStatus: 403, caseCode: "11").explained([
                    "summary": "three wrong OTPs: this one is blocked"
                ])
            }
            throw SNAPError(httpStatus: 404, caseCode: "15").explained([
                "summary": .string(
                    "the OTP does not match (\(OTPChallenge.attemptLimit - challenge.failedAttempts) tries left)")
            ])
        }
        challenge.isSpent = true
        directDebit.store(challenge)
        return try activateBinding(challenge.bindingReferenceNo)
    }
}
