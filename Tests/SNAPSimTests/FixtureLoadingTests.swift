import Testing

@testable import SNAPSim
import SimJSON

@Suite struct DefaultFixtureTests {
    @Test func defaults_LoadWithoutProblems() throws {
        let result = LoadedFixtures.embeddedResult
        if case .failure(let error) = result { Issue.record("\(error)") }
        let fixtures = try result.get()
        #expect(fixtures.partners.count >= 4)
        // Profiles load in file order (profiles/bca.json < … < profiles/snap.json).
        #expect(fixtures.profiles.map(\.name) == ["bca", "dana", "doku", "e2pay", "nicepay", "smilepayz", "snap"])
    }
}

/// Loads the default files with one file replaced or added, and returns the problem lines.
private func problems(_ changes: [String: String?]) -> [String] {
    var files = Dictionary(DefaultFixtures.files.map { ($0.path, $0.contents) }, uniquingKeysWith: { first, _ in first })
    for (path, contents) in changes { files[path] = contents }
    do {
        _ = try LoadedFixtures.load(files: files.map { ($0.key, $0.value) })
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

private func problems(adding path: String, _ contents: String) -> [String] {
    problems([path: contents])
}

/// Whether some problem line contains every fragment.
private func mentions(_ lines: [String], _ fragments: String...) -> Bool {
    lines.contains { line in fragments.allSatisfy { line.contains($0) } }
}

@Suite struct FixtureValidationTests {
    @Test func load_ReportsFileAndPointer_WhenCustomerTierUnknown() {
        let lines = problems(adding: "extra.json", #"{"customers": [{"customerNumber": "081299998888", "name": "X", "tier": "gold", "balance": "0.00"}]}"#)
        #expect(lines == [#"extra.json /customers/0/tier: unknown tier "gold" (known: basic, premium)"#])
    }

    @Test func load_ReportsLineAndColumn_WhenJSONIsInvalid() {
        let lines = problems(adding: "broken.json", "{\n  \"customers\": [,]\n}")
        #expect(mentions(lines, "broken.json: invalid JSON at line 2, column 17"))
    }

    @Test func load_ReportsUnknownSection_WhenTopLevelKeyIsATypo() {
        #expect(mentions(problems(adding: "extra.json", #"{"custmers": []}"#), "extra.json /custmers: unknown section \"custmers\""))
    }

    @Test func load_IgnoresUnderscoreKeys_AsComments() {
        #expect(problems(adding: "extra.json", #"{"_comment": "hello", "customers": []}"#).isEmpty)
    }

    @Test func load_ReportsMalformedAmount_WithItsPointer() {
        let lines = problems(adding: "extra.json", #"{"customers": [{"customerNumber": "081299998888", "name": "X", "tier": "basic", "balance": "10000"}]}"#)
        #expect(mentions(lines, "extra.json /customers/0/balance:", "two decimals"))
    }

    @Test func load_ReportsBadCustomerNumber() {
        let lines = problems(adding: "extra.json", #"{"customers": [{"customerNumber": "628123", "name": "X", "tier": "basic", "balance": "0.00"}]}"#)
        #expect(mentions(lines, "extra.json /customers/0/customerNumber:", "08"))
    }

    @Test func load_ReportsDuplicateCustomer_WithFirstLocation() {
        let lines = problems(adding: "zz.json", #"{"customers": [{"customerNumber": "081977817902", "name": "X", "tier": "basic", "balance": "0.00"}]}"#)
        #expect(mentions(lines, "zz.json /customers/0:", "duplicate customer \"081977817902\"", "customers.json /customers/0"))
    }

    @Test func load_ReportsUnknownField_WithKnownFields() {
        let lines = problems(adding: "extra.json", #"{"customers": [{"customerNumber": "081299998888", "name": "X", "tier": "basic", "balnce": "0.00"}]}"#)
        #expect(mentions(lines, "extra.json /customers/0/balnce: unknown field \"balnce\""))
        #expect(mentions(lines, "extra.json /customers/0/balance: missing required amount"))
    }

    @Test func load_RejectsCatalogueEntry_WhenHTTPStatusDisagreesWithCode() {
        let lines = problems(adding: "extra.json", #"{"responseCodes": [{"code": "4033799", "httpStatus": 400, "message": "Odd"}]}"#)
        #expect(mentions(lines, "extra.json /responseCodes/0/httpStatus:", "disagrees with code 4033799"))
    }

    @Test func load_ReportsMissingCatalogueCode_ThatAServiceAnswers() {
        var files = DefaultFixtures.files.filter { $0.path != "response-codes.json" }
        files.append(("response-codes.json", #"{"responseCodes": [{"code": "200xx00", "httpStatus": 200, "message": "Successful"}]}"#))
        let lines = problemsOf(files)
        #expect(mentions(lines, "response-codes.json /responseCodes: missing 404xx18", "emoney-topup"))
    }

    @Test func load_ReportsBadPlaceholderSyntax_InCatalogueMessage() {
        let lines = problems(adding: "extra.json", #"{"responseCodes": [{"code": "4033799", "httpStatus": 403, "message": "Odd {field"}]}"#)
        #expect(mentions(lines, "extra.json /responseCodes/0/message:", "placeholder"))
    }

    @Test func load_ReportsDuplicateCataloguePattern() {
        let lines = problems(adding: "zz.json", #"{"responseCodes": [{"code": "200xx00", "httpStatus": 200, "message": "OK"}]}"#)
        #expect(mentions(lines, "zz.json /responseCodes/0:", "duplicate code \"200xx00\""))
    }

    @Test func load_ReportsRuleWithUnknownService() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "emoney-inquiry"}, "then": {"case": "500xx00"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/when/service:", "unknown service \"emoney-inquiry\""))
    }

    @Test func load_ReportsInvalidRegex_InRule() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"body": {"/customerNumber": {"regex": "08[0-9"}}}, "then": {"case": "500xx00"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/when/body/~1customerNumber/regex:", "invalid regular expression"))
    }

    @Test func load_ReportsRuleCaseNotInCatalogue() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "balance-inquiry"}, "then": {"case": "403xx99"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/then/case:", "403xx99 is not in the response-code catalogue"))
    }

    @Test func load_ReportsFullCode_ForAnotherServiceThanTheRules() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "emoney-account-inquiry"}, "then": {"case": "4033804"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/then/case:", "names service 38"))
    }

    @Test func load_ReportsUnknownPlaceholder_InRule() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "balance-inquiry"}, "then": {"case": "401xx00", "placeholders": {"field": "x"}}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/then/placeholders/field:", "has no {field}", "{reason}"))
    }

    @Test func load_ReportsBodyAndBodyPatchTogether() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "balance-inquiry"}, "then": {"httpStatus": 500, "body": {}, "bodyPatch": {}}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/then/bodyPatch:", "either body"))
    }

    @Test func load_ReportsRuleWithoutConditions() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {}, "then": {"case": "500xx00"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/when:", "without conditions"))
    }

    @Test func load_ReportsDuplicateRuleId() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "emoney-timeout", "when": {"service": "balance-inquiry"}, "then": {"case": "500xx00"}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0:", "duplicate rule \"emoney-timeout\""))
    }

    @Test func load_ReportsRuleForUnknownPartner() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"partner": "nobody"}, "then": {"delayMs": 10}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/when/partner:", "unknown partner \"nobody\""))
    }

    @Test func load_ReportsOutOfRangeDelay() {
        let lines = problems(adding: "zz.json", #"{"rules": [{"id": "x", "when": {"service": "balance-inquiry"}, "then": {"delayMs": -5}}]}"#)
        #expect(mentions(lines, "zz.json /rules/0/then/delayMs:", "out of range"))
    }

    @Test func load_ReportsPartnerWithUnknownProfileAndService() {
        let lines = problems(adding: "p.json", #"{"partners": [{"clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": \#(demoPublicKeyJSON), "signing": "symmetric", "profile": "paydia", "services": ["topup"]}]}"#)
        #expect(mentions(lines, "p.json /partners/0/profile:", "unknown profile \"paydia\" (known: bca, dana, doku, e2pay, nicepay, smilepayz, snap)"))
        #expect(mentions(lines, "p.json /partners/0/services/0:", "unknown service \"topup\""))
    }

    @Test func load_ReportsPartnerKeyThatIsNotPEM() {
        let lines = problems(adding: "p.json", #"{"partners": [{"clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": "not a key!", "signing": "symmetric"}]}"#)
        #expect(mentions(lines, "p.json /partners/0/publicKey:", "not a usable RSA public key"))
    }

    @Test func load_ReportsPrivateKeyOfAnotherPair() throws {
        let partners = try #require(DefaultFixtures.files.first { $0.path == "partners.json" })
        let document = try JSONParser.parse(partners.contents)
        let demo = try #require(document[pointer: "/partners/0/publicKey"]?.stringValue)
        let other = try #require(document[pointer: "/partners/1/privateKey"]?.stringValue)
        let partner: JSONValue = [
            "clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": .string(demo), "privateKey": .string(other),
            "signing": "symmetric",
        ]
        let lines = problems(adding: "p.json", JSONValue.object(["partners": [partner]]).compactText)
        #expect(lines == ["p.json /partners/0/privateKey: does not match publicKey: they must be one key pair (`openssl pkey -in key.pem -pubout`)"])
    }

    @Test func load_ReportsPublicKeyThatIsNotRSA() {
        let lines = problems(adding: "p.json", #"{"partners": [{"clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "privateKey": "junk", "signing": "symmetric"}]}"#)
        #expect(mentions(lines, "p.json /partners/0/publicKey:", "not a usable RSA public key"))
        #expect(mentions(lines, "p.json /partners/0/privateKey:", "not a usable RSA private key"))
    }

    @Test func load_ReportsUnknownSigningMode() {
        let lines = problems(adding: "p.json", #"{"partners": [{"clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": \#(demoPublicKeyJSON), "signing": "hmac"}]}"#)
        #expect(mentions(lines, "p.json /partners/0/signing:", "unknown value \"hmac\" (known: symmetric, asymmetric)"))
    }

    @Test func load_ReportsDuplicatePartner() {
        let lines = problems(adding: "zz.json", #"{"partners": [{"clientId": "snapsim-demo", "name": "P", "clientSecret": "s", "publicKey": \#(demoPublicKeyJSON), "signing": "symmetric"}]}"#)
        #expect(mentions(lines, "zz.json /partners/0:", "duplicate partner \"snapsim-demo\""))
    }

    @Test func load_ReportsProfileProblems() {
        let lines = problems(adding: "profiles/x.json", #"""
            {"profiles": [{"name": "x", "services": [
              {"service": "topup", "method": "POST", "path": "/a"},
              {"service": "balance-inquiry", "method": "FETCH", "path": "/b"},
              {"service": "balance-inquiry", "method": "POST", "path": "c?d"},
              {"service": "balance-inquiry", "method": "POST", "path": "/e"},
              {"service": "emoney-topup", "method": "POST", "path": "/e"}
            ]}]}
            """#)
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/0/service:", "unknown service \"topup\""))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/1/method:", "unknown value \"FETCH\""))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/2/path:", "not a path"))
        #expect(mentions(lines, "profiles/x.json /profiles/0/services/4:", "POST /e is already served"))
    }

    @Test func load_ReportsMissingProfiles() {
        let withoutProfiles = Dictionary(
            DefaultFixtures.files.filter { $0.path.hasPrefix("profiles/") }.map { ($0.path, String?.none) },
            uniquingKeysWith: { first, _ in first })
        #expect(mentions(problems(withoutProfiles), "no profile"))
    }

    @Test func load_ReportsSecuritySettingOfWrongType() {
        let lines = problems(["simulator.json": #"{"simulator": {"security": {"tokenLifetimeSeconds": "900"}}}"#])
        #expect(mentions(lines, "simulator.json /simulator/security/tokenLifetimeSeconds:", "integer"))
    }

    @Test func load_ReportsUnknownSecuritySetting() {
        let lines = problems(["simulator.json": #"{"simulator": {"security": {"tokenLifetime": 900}}}"#])
        #expect(mentions(lines, "simulator.json /simulator/security/tokenLifetime:", "unknown security setting", "tokenLifetimeSeconds"))
    }

    @Test func load_ReportsOutOfRangeSecuritySetting() {
        let lines = problems(["simulator.json": #"{"simulator": {"security": {"tokenLifetimeSeconds": 0}}}"#])
        #expect(mentions(lines, "simulator.json /simulator/security/tokenLifetimeSeconds:", "at least 1"))
    }

    @Test func load_ReportsUnknownDefaultProfile() {
        let lines = problems(["simulator.json": #"{"simulator": {"engine": {"defaultProfile": "bri"}}}"#])
        #expect(mentions(lines, "simulator.json /simulator/engine/defaultProfile:", "unknown profile \"bri\""))
    }

    @Test func load_ReportsSecondSimulatorSection() {
        #expect(mentions(problems(adding: "zz.json", #"{"simulator": {}}"#), "zz.json /simulator:", "second \"simulator\" section"))
    }

    @Test func load_ReportsAccountProblems() {
        let lines = problems(adding: "a.json", #"""
            {"accounts": [{"accountNo": "777", "name": "A", "registrationStatusCode": "1", "status": "0003",
              "accountInfos": [
                {"balanceType": "BALANCE", "amount": "1.00", "floatAmount": "1.00", "holdAmount": "1.00", "availableBalance": "1.00", "ledgerBalance": "1.00", "currentMultilateralLimit": "1.00"},
                {"balanceType": "BALANCE", "amount": "1.00", "floatAmount": "1.00", "holdAmount": "1.00", "availableBalance": "1.00", "ledgerBalance": "1.00"}
              ]}]}
            """#)
        #expect(mentions(lines, "a.json /accounts/0/status:", "unknown value \"0003\""))
        #expect(mentions(lines, "a.json /accounts/0/registrationStatusCode:", "four digits"))
        #expect(mentions(lines, "a.json /accounts/0/accountInfos/1/currentMultilateralLimit:", "missing required amount"))
    }

    @Test func load_ReportsTierProblems() {
        let lines = problems(adding: "t.json", #"{"tiers": [{"name": "gold", "balanceCap": "1.5", "monthlyTopUpCap": "1.00", "minimumTopUp": "0.00", "fee": "0.00", "feeType": "OUR"}]}"#)
        #expect(mentions(lines, "t.json /tiers/0/balanceCap:", "two decimals"))
        #expect(mentions(lines, "t.json /tiers/0/dailyAccountInquiryLimit: missing required integer"))
    }

    @Test func load_ChecksCrossReferences_OfEntriesWithBadAmounts() {
        let lines = problems(adding: "t.json", #"""
            {"tiers": [{"name": "gold", "balanceCap": "1", "monthlyTopUpCap": "1.00", "minimumTopUp": "0.00", "fee": "0.00", "feeType": "OUR", "dailyAccountInquiryLimit": 1}],
             "customers": [{"customerNumber": "081299998888", "name": "X", "tier": "gold", "balance": "1"},
                           {"customerNumber": "081299998889", "name": "Y", "tier": "silver", "balance": "1"}]}
            """#)
        #expect(mentions(lines, "t.json /tiers/0/balanceCap:"))
        #expect(mentions(lines, "t.json /tiers/0/minimumTopUp:", "above 0.00"))
        #expect(!mentions(lines, "unknown tier \"gold\""))
        #expect(mentions(lines, "t.json /customers/1/tier: unknown tier \"silver\""))
        #expect(mentions(lines, "t.json /customers/1/balance:"))
    }

    @Test func load_CollectsEveryProblem_AcrossFiles() {
        let lines = problems([
            "extra.json": #"{"customers": [{"customerNumber": "081299998888", "name": "X", "tier": "gold", "balance": "0.00"}]}"#,
            "zz.json": #"{"rules": [{"id": "x", "when": {"service": "nope"}, "then": {"case": "500xx00"}}]}"#,
            "p.json": #"{"partners": [{"clientId": "p1", "name": "P", "clientSecret": "s", "publicKey": \#(demoPublicKeyJSON), "signing": "rsa"}]}"#,
        ])
        #expect(lines.count == 3)
        #expect(mentions(lines, "extra.json"))
        #expect(mentions(lines, "zz.json"))
        #expect(mentions(lines, "p.json"))
    }

    @Test func loadError_DescribesEveryProblem() {
        let error = FixtureLoadError(problems: [
            FixtureProblem(file: "a.json", pointer: "/x", message: "bad"),
            FixtureProblem(file: "b.json", pointer: "", message: "worse"),
        ])
        #expect(error.description == "fixtures not loaded, 2 problems:\n  - a.json /x: bad\n  - b.json: worse")
    }

    @Test func loadDirectory_LoadsTheRepositoryFixtures() throws {
        let fixtures = try LoadedFixtures.load(directory: repositoryFixturesPath)
        #expect(fixtures.sourceFiles.contains("profiles/snap.json"))
        #expect(fixtures.ledger.customers.count == LoadedFixtures.defaults.ledger.customers.count)
    }

    @Test func loadDirectory_ReportsMissingDirectory() {
        #expect(throws: FixtureLoadError.self) { try LoadedFixtures.load(directory: "/nonexistent/snapsim-fixtures") }
    }
}

private func problemsOf(_ files: [(path: String, contents: String)]) -> [String] {
    do {
        _ = try LoadedFixtures.load(files: files)
        return []
    } catch {
        return error.problems.map(\.description)
    }
}

/// `fixtures/` at the repository root, found from this source file.
let repositoryFixturesPath: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)
    return components.joined(separator: "/") + "/fixtures"
}()

/// The demo partner's public key as a JSON string literal, for partner entries written inline.
let demoPublicKeyJSON: String = {
    let partners = DefaultFixtures.files.first { $0.path == "partners.json" }?.contents ?? "{}"
    let key = (try? JSONParser.parse(partners))?[pointer: "/partners/0/publicKey"] ?? ""
    return key.compactText
}()
