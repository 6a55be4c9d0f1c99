import QRISCode

/// The QRIS string of a SmilePayz QRIS pay-in: a valid dynamic EMVCo/QRIS payload (CRC-16 checked), where the
/// real sandbox answers the literal "To be completed". The acquirer is the simulator's (tag 26, as
/// ``MerchantQRCode``), the NMID is derived from the merchant id, and the tradeNo travels as the reference label
/// (template 62, sub-tag 05), so a decoder finds the order it pays.
enum SmilePayzQRIS {
    static func string(_ order: SmilePayzOrderFields, tradeNo: String) -> String {
        let digits = order.merchantId.filter(\.isNumber)
        let nmid = "ID" + String(String(repeating: "0", count: 13) + digits).suffix(13)
        let code = MerchantPresentedQR(
            initiation: .dynamicCode,
            merchantAccounts: [
                MerchantAccountInformation(
                    tag: "26", globallyUniqueIdentifier: MerchantQRCode.acquirerIdentifier,
                    merchantPAN: "9360" + String(String(repeating: "0", count: 15) + digits).suffix(15),
                    merchantID: String(order.merchantId.suffix(15)), merchantCriteria: "UMI"),
                MerchantAccountInformation(
                    tag: "51", globallyUniqueIdentifier: QRISRules.qrisIdentifier, merchantID: nmid, merchantCriteria: "UMI"),
            ],
            merchantCategoryCode: "5999", amount: String(order.amount),
            merchantName: String(order.merchantName.prefix(25)).isEmpty ? "SMILEPAYZ MERCHANT" : String(order.merchantName.prefix(25)),
            merchantCity: "JAKARTA", postalCode: "10110",
            additionalData: [TLVElement("05", String(tradeNo.suffix(25))), TLVElement("07", "SMILEPAYZ")])
        // Every part above is within QRIS's limits; a failure would be a simulator bug, answered visibly.
        return (try? code.encoded()) ?? "QRIS encoding failed for \(tradeNo)"
    }
}
