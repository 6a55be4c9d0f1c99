import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// The customer upgrade (KTP) and E2Pay's maker/checker back office (`/_sim/payer/e2pay-upgrade`): approval makes
/// the account premium at once, with premium limits; rejection leaves it basic and lets the customer try again.
@Suite struct E2PayUpgradeTests {
    let e2pay = E2PayHarness()

    static func request(nik: String = "3174012501900001", leaving omitted: Set<String> = []) -> String {
        var fields: JSONObject = [
            "identityType": "KTP", "identityNumber": .string(nik), "identityFile": "aGVsbG8=", "profpicFile": "aGVsbG8=",
            "name": "Citra Lestari", "birthPlace": "Jakarta", "birthDate": "1990-01-25", "countryId": "ID",
            "gender": "false", "phone": "081234560002", "email": "citra@example.id", "address": "Jl. Melati 1",
            "province": "DKI Jakarta", "city": "Jakarta Selatan", "kecamatan": "Tebet", "kelurahan": "Manggarai",
            "postalCode": "12850", "religion": "ISLAM", "citizenship": "WNI", "maritalStatus": "SINGLE",
            "occupation": "Karyawan", "motherMaidenName": "Sri",
        ]
        for name in omitted { fields[name] = nil }
        return JSONValue.object(fields).compactText
    }

    func decide(_ decision: String, by officer: String? = nil, account: String = "081234560002") -> (Int, JSONValue) {
        let by = officer.map { #","by":"\#($0)""# } ?? ""
        return e2pay.send(.post, "/_sim/payer/e2pay-upgrade?partner=snapsim-demo", E2PayHarness.admin,
            #"{"accountId":"\#(account)","decision":"\#(decision)"\#(by)}"#)
    }

    @Test func approval_MakesTheAccountPremium_AtOnce_WithPremiumLimits() throws {
        let user = E2PayHarness.bearer(e2pay.userToken("081234560002"))
        let (_, before) = e2pay.send(.get, "/switching/b2b/customer/balance/limit?accountId=081234560002", user)
        #expect(before.objectValue?["sisaTopup"] == .number("0.00"))

        let (status, submitted) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request())
        #expect(status == 200)
        #expect(submitted.text("upgradeStatus") == "SUBMITED")
        let (_, pending) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(pending.text("upgradeStatus") == "SUBMITED")
        #expect(pending.text("accountTypeId") == "CUSTOMER_BASIC")

        #expect(decide("approve").0 == 409)  // the maker has not verified it
        #expect(decide("verify", by: "Rina").0 == 200)
        #expect(decide("approve", by: "Rina").0 == 409)  // the maker may not also be the checker
        let (approved, decision) = decide("approve", by: "Sari")
        #expect(approved == 200)
        #expect(decision.text("upgradeStatus") == "APPROVED")
        #expect(decision.text("accountTypeId") == "CUSTOMER_PREMIUM")

        let (_, account) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(account.text("upgradeStatus") == "APPROVED")
        #expect(account.text("accountTypeId") == "CUSTOMER_PREMIUM")
        let (_, limits) = e2pay.send(.get, "/switching/b2b/customer/balance/limit?accountId=081234560002", user)
        #expect(limits.objectValue?["topupLimit"] == .number("20000000.00"))
        #expect(limits.objectValue?["topupLimitMonthly"] == .number("40000000.00"))
        // 20,000,000 − 2,000,000 held; 40,000,000 − 2,000,000 received this month: the month carries over.
        #expect(limits.objectValue?["sisaTopup"] == .number("18000000.00"))
        #expect(decide("reject", by: "Sari").0 == 409)  // already decided

        let (again, refusal) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request())
        #expect(again == 409)
        #expect(refusal.text("responseCode") == "E2")
    }

    @Test func rejection_LeavesTheAccountBasic_AndTheCustomerMayAskAgain() {
        let user = E2PayHarness.bearer(e2pay.userToken("081234560002"))
        #expect(e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request()).0 == 200)
        let (duplicate, body) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request())
        #expect(duplicate == 409)
        #expect(body.text("responseCode") == "E2")
        let (rejected, decision) = e2pay.send(.post, "/_sim/payer/e2pay-upgrade?partner=snapsim-demo", E2PayHarness.admin,
            #"{"accountId":"081234560002","decision":"reject","reason":"KTP photo unreadable"}"#)
        #expect(rejected == 200)
        #expect(decision.text("reason") == "KTP photo unreadable")
        let (_, account) = e2pay.send(.get, "/switching/b2b/customer/me/account", user)
        #expect(account.text("upgradeStatus") == "REJECTED")
        #expect(account.text("accountTypeId") == "CUSTOMER_BASIC")
        #expect(e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request()).0 == 200)

        let (_, list) = e2pay.send(.get, "/_sim/payer/e2pay-upgrade?partner=snapsim-demo", E2PayHarness.admin)
        #expect(list.objectValue?["upgrades"]?.arrayValue?.count == 1)
    }

    @Test func backOffice_NamesWhatIsMissing() {
        #expect(decide("verify").0 == 404)  // no request yet
        let (bad, body) = decide("stamp")
        #expect(bad == 400)
        #expect(body.compactText.contains("verify, approve or reject"))
    }

    @Test func request_NamesEveryMissingField_AndChecksTheKTP() {
        let user = E2PayHarness.bearer(e2pay.userToken("081234560002"))
        let (missing, body) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user,
            Self.request(leaving: ["identityNumber", "motherMaidenName"]))
        #expect(missing == 400)
        #expect(body.text("responseCode") == "F1")
        #expect(body.text("responseMessage") == "Empty field: identityNumber, motherMaidenName")
        let (short, nik) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", user, Self.request(nik: "317401250190"))
        #expect(short == 400)
        #expect(nik.text("responseCode") == "95")
        #expect(nik.text("responseMessage")?.contains("16 digits") == true)

        let premium = E2PayHarness.bearer(e2pay.userToken("081300000001"))
        let (already, refusal) = e2pay.send(.post, "/switching/b2b/customer/me/upgradeRequest", premium, Self.request())
        #expect(already == 409)
        #expect(refusal.text("responseCode") == "E2")
    }
}
