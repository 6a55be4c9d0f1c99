import Testing

@testable import SNAPSim
import SimJSON

/// Hostile and odd bodies never crash a service and always get a SNAP-style answer.
@Suite struct RobustnessTests {
    /// Values that stress type checks, lengths, Unicode and numbers.
    static let oddValues: [JSONValue] = [
        .null, true, 0, -1, .number("1e400"), .number("-0.0"), "", " ", "0", "08", .string(String(repeating: "9", count: 5000)),
        "\u{0}", "😀😀😀", "0812\u{200B}3456", [], [nil], [:], ["value": "1.00"], ["value": .null, "currency": .null],
        .amount("99999999999999.99"), .amount("0.00"), .amount("-1.00"),
    ]

    static let services: [(ServiceDescriptor, JSONValue)] = [
        (.emoneyAccountInquiry, Bodies.accountInquiry()), (.customerTopUp, Bodies.topUp()),
        (.topUpStatus, Bodies.topUpStatus(partnerReference: "TOPUP-0001")), (.balanceInquiry, Bodies.balanceInquiry()),
    ]

    @Test func everyFieldWithEveryOddValue_GetsASNAPAnswer() {
        var harness = ServiceHarness()
        for (service, valid) in Self.services {
            let object = valid.objectValue ?? [:]
            for key in object.keys + ["additionalInfo", "balanceTypes", "feeAmount", "notes"] {
                for value in Self.oddValues {
                    var body = object
                    body[key] = value
                    let answer = harness.call(service, body: .object(body))
                    let code = answer.responseCode ?? ""
                    #expect(code.count == 7, "\(service.name) \(key)=\(value.compactText.prefix(40)) → \(answer.status)")
                    #expect(code.hasPrefix(String(answer.status)))
                    #expect(code.dropFirst(3).prefix(2) == Substring(service.code.rawValue))
                }
            }
        }
    }

    @Test func seededGarbageBodies_GetBadRequestOrAFieldError() {
        var generator = IDGenerator(seed: 99)
        var harness = ServiceHarness()
        let alphabet = Array(#"{}[]":,0123456789.-eE truefalsnul\"#.utf8)
        for round in 0..<400 {
            let valid = Array(Self.services[round % Self.services.count].1.compactBytes)
            var bytes = valid
            // Mutate a few bytes, or truncate, so most inputs are near-valid JSON.
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let index = Int(generator.next() % UInt64(bytes.count))
                bytes[index] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            if round % 7 == 0 { bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count)))) }
            let service = Self.services[round % Self.services.count].0
            let answer = harness.call(service, rawBody: String(decoding: bytes, as: UTF8.self))
            #expect((200..<600).contains(answer.status))
            #expect(answer.responseCode?.count == 7)
        }
    }

    @Test func limitCheck_HandlesOddQueries() {
        var harness = ServiceHarness()
        for query in ["accountId", "accountId=", "accountId=%", "accountId=%ZZ", "accountId=08%00", "x=1&accountId=081977817902&accountId=1", String(repeating: "a", count: 10_000)] {
            let answer = harness.call(.balanceLimitCheck, query: query)
            #expect((200..<600).contains(answer.status), "\(query.prefix(40))")
            #expect(answer.body != .null)
        }
    }
}
