import Testing

@testable import SNAPSim
import SimJSON

/// The default profiles load with the dialects their fixtures describe, and bad profile settings are reported
/// with file and pointer.
@Suite struct ProfileLoadingTests {
    private func route(_ profile: String, _ service: String) throws -> ProfileRoute {
        let fixtures = LoadedFixtures.defaults
        let found = fixtures.profiles.first { $0.name == profile }?.routes.first { $0.service.name == service }
        return try #require(found)
    }

    @Test func dana_IsRSASignedJakartaTimedWithCustomerTokenOnBalance() throws {
        let balance = try route("dana", "balance-inquiry")
        #expect(balance.path == "/v1.0/balance-inquiry.htm")
        #expect(balance.dialect.signing == .asymmetric)
        #expect(balance.dialect.conventions.timestampZones == .jakarta)
        #expect(balance.dialect.conventions.signatureEncodings == [.base64])
        #expect(balance.dialect.requiresCustomerToken)
        #expect(balance.dialect.customerTokenScheme == .bearer)
        #expect(balance.dialect.requiredHeaders == ["X-DEVICE-ID"])
        #expect(balance.dialect.channelID == .equals("95221"))
        let inquiry = try route("dana", "emoney-account-inquiry")
        #expect(inquiry.path == "/rest/v1.0/emoney/account-inquiry")
        #expect(inquiry.dialect.requiredFields == ["additionalInfo.fundType"])
        #expect(inquiry.dialect.customerNumberPrefix == "62")
        #expect(!inquiry.dialect.requiresCustomerToken)
        #expect(try route("dana", "access-token-b2b2c").path == "/v1.0/access-token/b2b2c.htm")
    }

    @Test func doku_IsUTCWithNumericExpiresInAndRawCustomerToken() throws {
        let token = try route("doku", "access-token-b2b")
        #expect(token.path == "/authorization/v1/access-token/b2b")
        #expect(token.dialect.conventions.expiresIn == .number)
        #expect(token.dialect.conventions.timestampZones == .utc)
        let balance = try route("doku", "balance-inquiry")
        #expect(balance.path == "/direct-debit/core/v1/balance-inquiry")
        #expect(balance.dialect.customerTokenScheme == .raw)
        #expect(balance.dialect.responseFields == ["accountInfos"])
        #expect(balance.dialect.channelID == .oneOf(["SDK", "DH"]))
    }

    @Test func nicepayAndBCA_CarryTheirChannelAndCodeRules() throws {
        let nicepay = try route("nicepay", "balance-inquiry")
        #expect(nicepay.path == "/nicepay/api/v1.0/balance-inquiry")
        #expect(nicepay.dialect.channelID == .any)
        #expect(nicepay.dialect.externalID == ExternalIDFormat(numericOnly: false, maxLength: 40))
        #expect(nicepay.dialect.conventions.signingVariants.strippedPathPrefix == "/nicepay")
        #expect(nicepay.dialect.conventions.signingVariants.bodyHashInputs == [.raw, .minified])
        let bca = try route("bca", "balance-inquiry")
        #expect(bca.path == "/openapi/v1.0/balance-inquiry")
        #expect(bca.dialect.printedKey(CaseKey(httpStatus: 400, caseCode: "01")) == CaseKey(httpStatus: 400, caseCode: "02"))
        #expect(bca.dialect.printedKey(CaseKey(httpStatus: 400, caseCode: "02")) == CaseKey(httpStatus: 400, caseCode: "01"))
        #expect(bca.dialect.printedKey(CaseKey(httpStatus: 404, caseCode: "11")) == CaseKey(httpStatus: 404, caseCode: "11"))
        // The swap is the balance inquiry's only: BCA's top-up keeps ASPI's codes.
        #expect(try route("bca", "emoney-topup").dialect.responseCodes.isEmpty)
        #expect(try route("bca", "emoney-topup").dialect.topUpRetry == .duplicate)
    }

    @Test func everyProfilePartner_IsBoundToItsProfile() {
        let partners = LoadedFixtures.defaults.partners
        #expect(partners["snapsim-dana"]?.profile == "dana")
        #expect(partners["snapsim-dana"]?.signing == .asymmetric)
        #expect(partners["snapsim-doku"]?.profile == "doku")
        #expect(partners["IONPAYTEST"]?.profile == "nicepay")
        #expect(partners["snapsim-bca"]?.profile == "bca")
        #expect(LoadedFixtures.defaults.authCodes["snapsim-authcode-budi"]?.customerNumber == "081977817902")
    }

    // MARK: - Problems

    private func problems(adding path: String, _ contents: String) -> [String] {
        var files = DefaultFixtures.files.map { ($0.path, $0.contents) }
        files.append((path, contents))
        do {
            _ = try LoadedFixtures.load(files: files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    private func mentions(_ lines: [String], _ fragments: String...) -> Bool {
        lines.contains { line in fragments.allSatisfy { line.contains($0) } }
    }

    @Test func load_ReportsBadDialectSettings() {
        let lines = problems(adding: "profiles/x.json", #"""
            {"profiles": [{"name": "x", "signatureEncodings": ["base32"], "timestampZones": "local",
              "channelId": {"equals": "1", "oneOf": ["2"]}, "customerNumberPrefix": "+62",
              "responseCodes": {"400xx01": "401xx02", "4001": "400xx02"},
              "services": [
                {"service": "balance-inquiry", "method": "POST", "path": "/x/b", "requiredFields": ["a..b"],
                 "customerToken": "yes", "colour": "blue"}
              ]}]}
            """#)
        #expect(mentions(lines, "profiles/x.json /profiles/0/signatureEncodings/0:", "unknown encoding \"base32\""))
        #expect(mentions(lines, "profiles/x.json /profiles/0/timestampZones:", "unknown value \"local\""))
        #expect(mentions(lines, "profiles/x.json /profiles/0/channelId:", "exactly one of"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/customerNumberPrefix:", "digits"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/responseCodes/400xx01:", "different HTTP statuses"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/responseCodes/4001:", "HTTP status + xx + case"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/0/requiredFields/0:", "dotted member name"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/0/customerToken:", "true or false"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/0/colour:", "unknown field"))
    }

    @Test func load_ReportsPartnerSigningAgainstItsProfile() throws {
        let dana = try #require(LoadedFixtures.defaults.partners["snapsim-dana"])
        let partner: JSONValue = [
            "clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": .string(dana.publicKey),
            "signing": "symmetric", "profile": "dana",
        ]
        let lines = problems(adding: "p.json", JSONValue.object(["partners": [partner]]).compactText)
        #expect(lines == ["p.json /partners/0/signing: the dana profile signs asymmetrically; this partner signs symmetrically"])
    }

    @Test func load_ReportsAuthCodeOfUnknownCustomer() {
        let lines = problems(adding: "zz.json", #"{"authCodes": [{"authCode": "c1", "customerNumber": "0899"}, {"authCode": "snapsim-authcode-budi", "customerNumber": "081977817902"}]}"#)
        #expect(mentions(lines, "zz.json /authCodes/0/customerNumber:", "unknown customer \"0899\""))
        #expect(mentions(lines, "zz.json /authCodes/1:", "duplicate authCode \"snapsim-authcode-budi\""))
    }
}
