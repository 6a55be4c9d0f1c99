import SimJSON

/// DANA payment gateway, consult pay: the payment methods a fixture merchant offers for an amount.
///
/// The sandbox offers the DANA balance and QRIS (paid by the simulated payer, `snapsim pay --qr`).
struct PaymentGatewayConsultPay: SNAPService {
    let descriptor = ServiceDescriptor.paymentGatewayConsultPay

    var answers: [ServiceAnswer] {
        [
            .success,
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "a field has the wrong type, length or form"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "merchantId, amount or additionalInfo is missing"),
            ServiceAnswer(SNAPError.invalidMerchant, "merchantId is not a merchant of merchants.json"),
            ServiceAnswer(QRISRefusal.merchantBlacklisted, "the merchant's status is blacklisted"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let fields = request.fields
        let merchantId = try fields.required("merchantId", maxLength: 64)
        _ = try fields.amount("amount", required: true)
        _ = try fields.object("additionalInfo", required: true)
        _ = try fields.string("externalStoreId", required: false, maxLength: 64)
        _ = try QRISRefusal.merchant(merchantId, request.fixtures)
        let infos: [JSONValue] = [
            ["payMethod": "BALANCE"],
            ["payMethod": "NETWORK_PAY", "payOption": "NETWORK_PAY_PG_QRIS"],
        ]
        return .snap(key: ServiceAnswer.success.key, fields: ["paymentInfos": .array(infos)])
    }
}
