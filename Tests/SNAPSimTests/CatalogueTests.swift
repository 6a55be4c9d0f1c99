import Testing

@testable import SNAPSim

@Suite struct MessageTemplateTests {
    @Test func filled_ReplacesPlaceholders() {
        #expect(MessageTemplate("Invalid Field Format {field}").filled(["field": "amount.value"]) == "Invalid Field Format amount.value")
        #expect(MessageTemplate("Unauthorized. [{reason}]").filled(["reason": "Signature"]) == "Unauthorized. [Signature]")
    }

    @Test(arguments: [
        ("Unauthorized. [{reason}]", "Unauthorized."),
        ("Invalid Mandatory Field {field}", "Invalid Mandatory Field"),
        ("Feature Not Allowed [{reason}]", "Feature Not Allowed"),
        ("Transaction Not Permitted.[{reason}]", "Transaction Not Permitted."),
        ("Invalid Card/Account/Customer [{info}]/Virtual Account", "Invalid Card/Account/Customer/Virtual Account"),
        ("Successful", "Successful"),
    ])
    func filled_DropsEmptyPlaceholderCleanly(template: String, expected: String) {
        #expect(MessageTemplate(template).filled([:]) == expected)
        #expect(MessageTemplate(template).filled(["reason": "", "field": "", "info": ""]) == expected)
    }

    @Test func wellFormed_RejectsUnbalancedBraces() {
        #expect(MessageTemplate("a {field}").isWellFormed)
        #expect(!MessageTemplate("a {field").isWellFormed)
        #expect(!MessageTemplate("a field}").isWellFormed)
        #expect(!MessageTemplate("a {}").isWellFormed)
        #expect(MessageTemplate("x {a} {b}").placeholderNames == ["a", "b"])
    }
}

@Suite struct ResponseCatalogueTests {
    let catalogue = LoadedFixtures.defaults.catalogue

    @Test func defaults_WordTheSeed001Codes() {
        let expected: [(Int, String, [String: String], String)] = [
            (200, "00", [:], "Successful"),
            (400, "00", [:], "Bad Request"),
            (400, "01", ["field": "amount.value"], "Invalid Field Format amount.value"),
            (400, "02", ["field": "customerNumber"], "Invalid Mandatory Field customerNumber"),
            (401, "01", [:], "Invalid Token (B2B)"),
            (401, "00", ["reason": "Signature"], "Unauthorized. [Signature]"),
            (403, "01", [:], "Feature Not Allowed"),
            (403, "04", [:], "Activity Count Limit Exceeded"),
            (404, "08", [:], "Invalid Merchant"),
            (500, "00", [:], "General Error"),
            (504, "00", [:], "Timeout"),
        ]
        for (status, code, placeholders, message) in expected {
            #expect(catalogue.message(for: CaseKey(httpStatus: status, caseCode: code), placeholders: placeholders) == message)
        }
    }

    @Test func defaultInit_IsTheEmbeddedCatalogue() {
        #expect(ResponseCatalogue().message(for: SNAPError.unauthorized("Signature").key, placeholders: ["reason": "Signature"])
            == "Unauthorized. [Signature]")
        #expect(ResponseCatalogue().entries.count == catalogue.entries.count)
    }

    @Test func serviceEntry_OverridesGeneralEntry_ForThatServiceOnly() {
        let general = ResponseCatalogue.Entry(key: CaseKey(httpStatus: 400, caseCode: "01"), message: MessageTemplate("Invalid Field Format {field}"))
        let bca = ResponseCatalogue.Entry(key: CaseKey(httpStatus: 400, caseCode: "01"), service: "11", message: MessageTemplate("Invalid Mandatory Field {field}"))
        let swapped = ResponseCatalogue(entries: [general, bca])
        let key = CaseKey(httpStatus: 400, caseCode: "01")
        #expect(swapped.message(for: key, service: "11", placeholders: ["field": "x"]) == "Invalid Mandatory Field x")
        #expect(swapped.message(for: key, service: "37", placeholders: ["field": "x"]) == "Invalid Field Format x")
        #expect(bca.pattern == "4001101")
    }

    @Test func unknownCode_ReadsAsReasonPhrase() {
        #expect(ResponseCatalogue(entries: []).message(for: CaseKey(httpStatus: 504, caseCode: "99"), placeholders: [:]) == "Timeout")
    }

    @Test func patterns_ParseGeneralAndFullCodes() {
        #expect(CatalogueFile.parsePattern("403xx04")?.key == CaseKey(httpStatus: 403, caseCode: "04"))
        #expect(CatalogueFile.parsePattern("403xx04")?.service == nil)
        #expect(CatalogueFile.parsePattern("4033704")?.service == "37")
        #expect(CatalogueFile.parsePattern("403x04") == nil)
        #expect(CatalogueFile.parsePattern("40a3704") == nil)
    }
}
