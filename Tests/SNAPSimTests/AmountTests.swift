import Testing

@testable import SNAPSim
import SimJSON

@Suite struct AmountTests {
    @Test(arguments: [
        ("10000.00", Int64(1_000_000)), ("0.00", 0), ("0.50", 50), ("1.05", 105), ("99999999999999.99", 9_999_999_999_999_999),
    ])
    func parseValue_ReadsMinorUnits(text: String, units: Int64) {
        #expect(Amount.parseValue(text) == units)
    }

    @Test(arguments: [
        "10000", "10000.0", "10000.000", "-1.00", "+1.00", "010.00", "1,000.00", "1e3.00", "", ".00", "1 .00",
        "100000000000000.00", "１０.00", "10.0a",
    ])
    func parseValue_Rejects_WhenNotTwoDecimalDigits(text: String) {
        #expect(Amount.parseValue(text) == nil)
    }

    @Test(arguments: [(Int64(1_000_000), "10000.00"), (0, "0.00"), (5, "0.05"), (-150, "-1.50"), (123_456_789, "1234567.89")])
    func value_PrintsTwoDecimals(units: Int64, text: String) {
        #expect(Amount(minorUnits: units).value == text)
    }

    @Test func json_IsValueThenCurrency() {
        #expect(Amount(rupiah: 10_000).json.compactText == #"{"value":"10000.00","currency":"IDR"}"#)
        #expect(Amount(rupiah: 2_000_000).jsonNumber.compactText == "2000000.00")
    }

    @Test func requestAmount_RoundTrips() throws {
        let amount = try Amount(request: .amount("12345.67"), field: "amount")
        #expect(amount.minorUnits == 1_234_567)
        #expect(amount.json == .amount("12345.67"))
    }

    private func rejection(_ value: JSONValue?) -> SNAPError? {
        do {
            _ = try Amount(request: value, field: "amount")
            return nil
        } catch {
            return error
        }
    }

    @Test func requestAmount_IsMandatory_WhenMissingOrNull() {
        #expect(rejection(nil) == .invalidMandatoryField("amount").explained(rejection(nil)?.explanation ?? [:]))
        #expect(rejection(.null)?.key == CaseKey(httpStatus: 400, caseCode: "02"))
    }

    @Test func requestAmount_NamesTheValue_WhenMalformed() {
        let error = rejection(["value": "10000", "currency": "IDR"])
        #expect(error?.key == CaseKey(httpStatus: 400, caseCode: "01"))
        #expect(error?.placeholders == ["field": "amount.value"])
        #expect(rejection(["value": 10000, "currency": "IDR"])?.placeholders == ["field": "amount.value"])
    }

    @Test func requestAmount_NamesMissingParts() {
        #expect(rejection(["currency": "IDR"])?.placeholders == ["field": "amount.value"])
        #expect(rejection(["currency": "IDR"])?.key.caseCode == "02")
        #expect(rejection(["value": "1.00"])?.placeholders == ["field": "amount.currency"])
        #expect(rejection(["value": "1.00"])?.key.caseCode == "02")
    }

    @Test func requestAmount_RejectsOtherCurrenciesAndShapes() {
        #expect(rejection(["value": "1.00", "currency": "USD"])?.placeholders == ["field": "amount.currency"])
        #expect(rejection(["value": "1.00", "currency": "USD"])?.key.caseCode == "01")
        #expect(rejection("10000.00")?.placeholders == ["field": "amount"])
        #expect(rejection("10000.00")?.key.caseCode == "01")
    }
}
