import SimJSON

/// E-money account inquiry (service 37, seed 001): who the customer is and how much may be topped up.
struct EMoneyAccountInquiry: SNAPService {
    let descriptor = ServiceDescriptor.emoneyAccountInquiry

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type, length or form (partnerReferenceNo 1–64, customerNumber 08… ≤16 digits, amount.value \"10000.00\", amount.currency IDR, transactionDate ISO-8601)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "partnerReferenceNo, customerNumber, amount (value, currency) or transactionDate is missing"),
            ServiceAnswer(SNAPError.invalidAccount(), "customerNumber is not a customer of the ledger"),
            ServiceAnswer(CustomerStatus.inactive.refusal ?? .generalError, "the customer's status is inactive"),
            ServiceAnswer(CustomerStatus.dormant.refusal ?? .generalError, "the customer's status is dormant"),
            ServiceAnswer(CustomerStatus.blocked.refusal ?? .generalError, "the customer's status is blocked"),
            ServiceAnswer(SNAPError.activityCountLimitExceeded, "more account inquiries for this customer today (Jakarta day) than the tier's dailyAccountInquiryLimit"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        // Seed 001's sizes: partnerReferenceNo 64, customerNumber 16, transactionDate ISO-8601.
        let fields = request.fields
        let partnerReferenceNo = try fields.required("partnerReferenceNo", maxLength: 64)
        let customerNumber = try fields.customerNumber("customerNumber", required: true, maxLength: 16) ?? ""
        let amount = try fields.amount("amount", required: true) ?? .zero
        _ = try fields.timestamp("transactionDate", required: true)
        _ = try fields.object("additionalInfo", required: false)

        guard let account = state.ledger.customer(customerNumber) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("no e-money customer \(customerNumber) in the fixtures (customers.json)")])
        }
        if let refusal = account.customer.status.refusal {
            throw refusal.explained(["summary": .string("customer \(customerNumber) is \(account.customer.status.rawValue)")])
        }
        let tier = try request.tier(of: account)
        let count = state.ledger.countInquiry(customerNumber, at: request.time)
        guard count <= tier.dailyAccountInquiryLimit else {
            throw SNAPError.activityCountLimitExceeded.explained([
                "summary": .string("inquiry \(count) today for \(customerNumber); the \(tier.name) tier allows \(tier.dailyAccountInquiryLimit) a day"),
            ])
        }
        let headroom = state.ledger.headroom(customerNumber, tier: tier, at: request.time)
        let answer: JSONObject = [
            "referenceNo": .string(request.referenceNumber(&state)),
            "partnerReferenceNo": .string(partnerReferenceNo),
            "customerNumber": .string(Masking.customerNumber(customerNumber)),
            "customerName": .string(Masking.name(account.customer.name)),
            "minAmount": tier.minimumTopUp.json,
            "maxAmount": headroom.available.json,
            "amount": amount.json,
            "feeAmount": tier.fee.json,
            "feeType": .string(tier.feeType),
        ]
        return .snap(key: ServiceAnswer.success.key, fields: answer)
    }
}
