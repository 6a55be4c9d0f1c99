import QRISCode

/// The QRIS codes the simulated acquirer prints for a fixture merchant.
///
/// Two templates: the acquirer's own (tag 26, `ID.CO.SNAPSIM.WWW`, merchant PAN and id) and QRIS's (tag 51,
/// `ID.CO.QRIS.WWW`, the NMID). A dynamic code also carries the amount (54) and, in template 62, the bill
/// number (01: partnerReferenceNo when it fits), the reference label (05: the simulator's referenceNo, which is
/// how a paid code finds its order) and the terminal label (07).
public enum MerchantQRCode {
    /// The acquirer's globally unique identifier in tag 26.
    public static let acquirerIdentifier = "ID.CO.SNAPSIM.WWW"
    /// The acquirer's name, answered by decode as `acquirerName`.
    public static let acquirerName = "SNAPSIM SANDBOX ACQUIRER"

    /// The merchant's printed code, without an amount.
    public static func staticCode(for merchant: QRISMerchant) throws(QRISProblem) -> String {
        try code(for: merchant, amount: nil).encoded()
    }

    /// A code for one payment of `amount`.
    public static func dynamicCode(
        for merchant: QRISMerchant, amount: Amount, referenceNo: String, billNumber: String?, terminalId: String?
    ) throws(QRISProblem) -> String {
        var code = code(for: merchant, amount: amount)
        var additional: [TLVElement] = []
        if let billNumber, billNumber.unicodeScalars.count <= 25 { additional.append(TLVElement("01", billNumber)) }
        additional.append(TLVElement("05", referenceNo))
        additional.append(TLVElement("07", terminalId ?? "A01"))
        code.additionalData = additional
        return try code.encoded()
    }

    private static func code(for merchant: QRISMerchant, amount: Amount?) -> MerchantPresentedQR {
        MerchantPresentedQR(
            initiation: amount == nil ? .staticCode : .dynamicCode,
            merchantAccounts: [
                MerchantAccountInformation(tag: "26", globallyUniqueIdentifier: acquirerIdentifier,
                    merchantPAN: merchant.merchantPAN, merchantID: merchant.merchantId.count <= 15 ? merchant.merchantId : nil,
                    merchantCriteria: merchant.criteria),
                MerchantAccountInformation(tag: "51", globallyUniqueIdentifier: QRISRules.qrisIdentifier,
                    merchantID: merchant.nmid, merchantCriteria: merchant.criteria),
            ],
            merchantCategoryCode: merchant.mcc, amount: amount.map { QRISAmount.text(minorUnits: $0.minorUnits) },
            tip: merchant.tip, merchantName: merchant.name, merchantCity: merchant.city,
            postalCode: merchant.postalCode, additionalData: amount == nil ? [TLVElement("07", "A01")] : [])
    }
}
