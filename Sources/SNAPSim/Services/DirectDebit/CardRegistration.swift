import SimJSON

/// Card registration (service 01): binds a debit or credit card of the customer named by `phoneNo`. The card
/// stays pending until the customer confirms an OTP (81 then 04, or `snapsim pay --otp`) or approves it
/// (`snapsim pay --binding`); verification answers its `bankCardToken`.
///
/// Magic card: a number ending `0007` is blocked (`403xx07`); an `expiryDate` before this month is expired.
struct CardRegistration: SNAPService {
    let descriptor = ServiceDescriptor.cardRegistration

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the card is registered, pending the customer's OTP"),
            ServiceAnswer(
                SNAPError.invalidFieldFormat(""),
                "cardData cannot be decrypted (AES-128-CBC, key = client secret cut/padded with '-' to 16) or is malformed; expiryDate is not MMYY"
            ),
            ServiceAnswer(
                SNAPError.invalidMandatoryField(""),
                "cardData, cardData.bankCardNo, cardData.expiryDate or phoneNo is missing"),
            ServiceAnswer(SNAPError.invalidAccount(), "bankCardNo fails the Luhn check, or phoneNo is not a customer"),
            ServiceAnswer(SNAPError(httpStatus: 403, caseCode: "07"), "bankCardNo ends in 0007 (magic: blocked card)"),
            ServiceAnswer(
                SNAPError(httpStatus: 403, caseCode: "08"), "expiryDate is before the simulator's current month"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let card = try CardData.read(fields, clientSecret: request.caller.partner.clientSecret)
        let custIdMerchant = try fields.string("custIdMerchant", required: false, maxLength: 64)
        let phone = try request.phoneNumber("phoneNo", required: true) ?? ""
        let partnerReferenceNo = try fields.string("partnerReferenceNo", required: false, maxLength: 64)
        _ = try fields.object("additionalInfo", required: false)
        guard let expiry = card.expiry() else {
            throw fields.format("cardData.expiryDate", "must be MMYY or MM/YY", received: .string(card.expiryDate))
        }
        let today = CivilDate(request.time, offsetMinutes: CivilDate.jakartaOffsetMinutes)
        guard (2000 + expiry.year, expiry.month) >= (today.year, today.month) else {
            throw SNAPError(httpStatus: 403, caseCode: "08").explained([
                "summary": .string(
                    "the card expired at the end of \(card.expiryDate); the simulator's month is \(today.month)/\(today.year)"
                )
            ])
        }
        if card.bankCardNo.hasSuffix("0007") {
            throw SNAPError(httpStatus: 403, caseCode: "07").explained([
                "summary": "magic card number ending 0007: blocked"
            ])
        }
        var binding = try AccountBinding.open(.card, phone, partnerReferenceNo, custIdMerchant, request, &state)
        binding.maskedCardNo = card.masked
        state.directDebit.store(binding)
        var answer: JSONObject = ["referenceNo": .string(binding.referenceNo)]
        answer["redirectUrl"] = .string(request.payerURL("otp", reference: binding.referenceNo))
        var info: JSONObject = [:]
        info.set("custIdMerchant", custIdMerchant)
        info["accountStatus"] = .string(binding.status.rawValue)
        info["maskedCardNo"] = .string(card.masked)
        answer["additionalInfo"] = .object(info)
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}

/// Card registration unbinding (service 05): ends a card binding found by its token.
struct CardUnbinding: SNAPService {
    let descriptor = ServiceDescriptor.cardUnbinding

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "the card binding is ended"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "tokenId (or bankCardToken) is missing"),
            ServiceAnswer(SNAPError.invalidAccount(), "the token is not a card this partner registered"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        guard let token = try fields.firstString(["tokenId", "bankCardToken"], maxLength: 2048) else {
            throw fields.missing("tokenId")
        }
        _ = try fields.object("additionalInfo", required: false)
        guard let binding = state.directDebit.binding(token: token), binding.kind == .card else {
            throw SNAPError.invalidAccount("card").explained([
                "summary": "tokenId is not the bankCardToken of a card this partner registered"
            ])
        }
        state.unbind(binding.referenceNo)
        return .snap(key: ServiceAnswer.success.key, fields: ["referenceNo": .string(binding.referenceNo)])
    }
}
