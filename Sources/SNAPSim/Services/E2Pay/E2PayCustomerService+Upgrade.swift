import SNAPCrypto
import SimHTTP
import SimJSON

/// `POST /b2b/customer/me/upgradeRequest` (user token): a basic customer asks to become premium with a KTP. The
/// request waits (`upgradeStatus` `SUBMITED`) for the sandbox's maker and checker (`/_sim/payer/e2pay-upgrade`).
extension E2PayCustomerService {
    /// Fields without which the request is refused with `F1`, every missing one named at once.
    static let upgradeMandatory = [
        "identityType", "identityNumber", "identityFile", "profpicFile", "name", "birthPlace", "birthDate", "gender",
        "address", "province", "city", "kecamatan", "kelurahan", "postalCode", "maritalStatus", "occupation",
        "motherMaidenName",
    ]
    static let maritalStatuses = ["SINGLE", "MARRIED", "DIVORCED", "WIDOWED"]

    func upgradeRequest(_ state: inout PartnerState) throws(E2PayRefusal) -> JSONValue {
        let account = try user(state)
        let accountId = account.customerNumber
        if account.customer.tier == E2PayLimits.premiumTier {
            throw E2PayRefusal(.entityExists, "\(accountId) is already CUSTOMER_PREMIUM")
        }
        if let pending = state.e2pay.upgrades[accountId], pending.status == .submitted {
            throw E2PayRefusal(.entityExists, "upgrade \(pending.id) of \(accountId) is already SUBMITED")
        }
        let fields = try E2PayForm.json(front.request)
        let missing = Self.upgradeMandatory.filter { (fields[$0] ?? "").isEmpty }
        guard missing.isEmpty else { throw E2PayRefusal(.emptyField, missing.joined(separator: ", ")) }
        let identityType = try fields.required("identityType")
        guard identityType == "KTP" else {
            throw E2PayRefusal(.validationError, "identityType must be KTP (an e-KTP), not \(identityType)")
        }
        let nik = try fields.required("identityNumber")
        guard nik.utf8.count == 16, nik.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw E2PayRefusal(.validationError, "identityNumber must be the 16 digits of the KTP's NIK, not \(nik)")
        }
        for file in ["identityFile", "profpicFile"] {
            guard let bytes = Base64.decode(try fields.required(file)), !bytes.isEmpty else {
                throw E2PayRefusal(.validationError, "\(file) must be the image in Base64")
            }
        }
        let birthDate = try fields.required("birthDate")
        guard Self.isDate(birthDate) else {
            throw E2PayRefusal(.validationError, "birthDate must be yyyy-MM-dd, not \(birthDate)")
        }
        let gender = try fields.required("gender")
        guard gender == "true" || gender == "false" else {
            throw E2PayRefusal(.validationError, "gender must be true (male) or false (female), not \(gender)")
        }
        let marital = try fields.required("maritalStatus")
        guard Self.maritalStatuses.contains(marital) else {
            throw E2PayRefusal(.validationError,
                "maritalStatus must be one of \(Self.maritalStatuses.joined(separator: ", ")), not \(marital)")
        }
        let postalCode = try fields.required("postalCode")
        guard postalCode.utf8.count == 5, postalCode.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw E2PayRefusal(.validationError, "postalCode must be 5 digits, not \(postalCode)")
        }
        if let countryId = fields["countryId"], !countryId.isEmpty, countryId != "ID" {
            throw E2PayRefusal(.validationError, "countryId must be ID: a KTP is Indonesian")
        }
        if let phone = fields["phone"], !phone.isEmpty, phone != account.customerNumber {
            throw E2PayRefusal(.invalidAccount, "phone \(phone) is not the logged-in customer \(account.customerNumber)")
        }
        let upgrade = E2PayUpgrade(
            id: state.ids.referenceNumber(length: 12), accountId: accountId, identityNumber: nik,
            name: try fields.required("name"), status: .submitted, submittedAtMs: front.now.millisecondsSince1970)
        state.e2pay.upgrades[accountId] = upgrade
        return [
            "id": .string(upgrade.id), "accountId": .string(accountId), "upgradeStatus": .string(upgrade.status.rawValue),
            "requestTimestamp": .string(front.now.description),
        ]
    }

    /// `yyyy-MM-dd` with a real month and day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
