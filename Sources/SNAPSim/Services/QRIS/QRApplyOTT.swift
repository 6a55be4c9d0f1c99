import SimJSON

/// Payment redirect, apply OTT (49; DANA's `WidgetApi.apply_ott`): one-time tokens for the customer named by
/// the B2B2C token, one per requested resource, for opening the provider's checkout page already signed in.
struct QRApplyOTT: SNAPService {
    let descriptor = ServiceDescriptor.qrApplyOTT

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "userResources is not an array of strings of at most 64 characters"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "userResources is missing or empty, or no customer token was sent"),
            ServiceAnswer(SNAPError.invalidAccount(), "the customer token names a customer not in the fixtures"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let resources = try fields.strings("userResources", required: true, maxLength: 64) ?? []
        _ = try fields.object("additionalInfo", required: false)
        guard !resources.isEmpty else { throw fields.missing("userResources") }
        guard let customerNumber = request.caller.customerNumber else {
            throw SNAPError.invalidMandatoryField("Authorization-Customer").explained([
                "summary": "a one-time token is for a customer: send the B2B2C token in Authorization-Customer",
            ])
        }
        guard state.ledger.customer(customerNumber) != nil else {
            throw SNAPError.invalidAccount().explained(["summary": .string("the customer token names \(customerNumber), who is not in the fixtures")])
        }
        let tokens: [JSONValue] = resources.map { resource in
            ["resourceType": .string(resource), "value": .string(state.ids.token(length: 32))]
        }
        return .snap(key: ServiceAnswer.success.key, fields: ["userResources": .array(tokens)])
    }
}
