import QRISCode
import SimJSON

/// A merchant that accepts QRIS payments (`merchants.json`): what its codes print and where its money settles.
public struct QRISMerchant: Sendable, Hashable {
    /// The `merchantId` partners send.
    public var merchantId: String
    /// Printed in tag 59 (at most 25 characters).
    public var name: String
    /// Printed in tag 60 (at most 15 characters).
    public var city: String
    /// Tag 61.
    public var postalCode: String?
    /// National Merchant ID, tag 51 sub-tag 02 (`ID` + 13 digits).
    public var nmid: String
    /// Merchant PAN of the acquirer's template (tag 26 sub-tag 01).
    public var merchantPAN: String
    /// Merchant category code, tag 52.
    public var mcc: String
    /// QRIS merchant criteria: `UMI`, `UKE`, `UME`, `UBE` or `URE`.
    public var criteria: String
    /// The merchant account (accounts section) payments are credited to and refunds debited from.
    public var accountNo: String
    /// `active`; `blacklisted` is refused with 403xx19 Merchant Blacklisted.
    public var status: String
    /// Tip or convenience fee printed in the merchant's codes.
    public var tip: MerchantPresentedQR.Tip?
    /// The merchant's static code, checked at load against the fields above.
    public var staticQRIS: String?

    /// A merchant.
    public init(
        merchantId: String, name: String, city: String, postalCode: String? = nil, nmid: String, merchantPAN: String,
        mcc: String, criteria: String = "UMI", accountNo: String, status: String = "active",
        tip: MerchantPresentedQR.Tip? = nil, staticQRIS: String? = nil
    ) {
        self.merchantId = merchantId
        self.name = name
        self.city = city
        self.postalCode = postalCode
        self.nmid = nmid
        self.merchantPAN = merchantPAN
        self.mcc = mcc
        self.criteria = criteria
        self.accountNo = accountNo
        self.status = status
        self.tip = tip
        self.staticQRIS = staticQRIS
    }

    static let statuses = ["active", "blacklisted"]
    static let criterias = ["UMI", "UKE", "UME", "UBE", "URE"]
    static let fields = [
        "merchantId", "name", "city", "postalCode", "nmid", "merchantPAN", "mcc", "criteria", "accountNo", "status",
        "tip", "tipValue", "staticQRIS", "note",
    ]

    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> QRISMerchant? {
        guard node.expectObject(allowed: fields, &problems) else { return nil }
        let merchantId = node.string("merchantId", required: true, maxLength: 64, &problems)
        let name = node.string("name", required: true, maxLength: 25, &problems)
        let city = node.string("city", required: true, maxLength: 15, &problems)
        let postalCode = node.string("postalCode", required: false, maxLength: 10, &problems)
        let nmid = node.string("nmid", required: true, maxLength: 15, &problems)
        let pan = node.string("merchantPAN", required: true, maxLength: 19, &problems)
        let mcc = node.string("mcc", required: true, maxLength: 4, &problems)
        let criteria = node.choice("criteria", required: false, of: criterias, &problems) ?? "UMI"
        let accountNo = node.string("accountNo", required: true, maxLength: 32, &problems)
        let status = node.choice("status", required: false, of: statuses, &problems) ?? "active"
        let tipKind = node.choice("tip", required: false, of: ["prompt", "fixed", "percentage"], &problems)
        let tipValue = node.string("tipValue", required: tipKind == "fixed" || tipKind == "percentage", maxLength: 13, &problems)
        let staticQRIS = node.string("staticQRIS", required: false, maxLength: 512, &problems)
        _ = node.string("note", required: false, &problems)
        guard let merchantId, let name, let city, let nmid, let pan, let mcc, let accountNo else { return nil }
        let tip: MerchantPresentedQR.Tip? = switch tipKind {
        case "prompt": .prompt
        case "fixed": tipValue.map { .fixed($0) }
        case "percentage": tipValue.map { .percentage($0) }
        default: nil
        }
        let merchant = QRISMerchant(
            merchantId: merchantId, name: name, city: city, postalCode: postalCode, nmid: nmid, merchantPAN: pan,
            mcc: mcc, criteria: criteria, accountNo: accountNo, status: status, tip: tip, staticQRIS: staticQRIS)
        // The fields must make a valid code, and a ready static code must be exactly the one they make.
        do throws(QRISProblem) {
            let made = try MerchantQRCode.staticCode(for: merchant)
            if let staticQRIS, staticQRIS != made {
                problems.add(node["staticQRIS"] ?? node, "does not match the merchant's fields; it should be \(made)")
            }
        } catch {
            problems.add(node, "the merchant's fields do not make a valid QRIS: \(error.message)")
        }
        return merchant
    }
}
