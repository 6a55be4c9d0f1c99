import SNAPCrypto
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// Bindings, OTPs, cards and direct-debit payments through the services (snap profile) and the payer's moves.
@Suite struct DirectDebitTests {
    static let budi = "081977817902"  // basic, 150,000.00
    static let siti = "081300000001"  // premium, 5,000,000.00

    func balance(_ harness: ServiceHarness, _ customer: String) -> Int64 {
        harness.state.ledger.customer(customer)?.balance.minorUnits ?? -1
    }

    /// Binds `customer` through 07, 81 and 04 (the OTP read from the book, as the customer reads their SMS).
    func bind(_ harness: inout ServiceHarness, _ customer: String) throws -> String {
        let binding = harness.call(.accountBinding, body: ["phoneNo": .string("+62" + customer.dropFirst())])
        #expect(binding.responseCode == "2000700")
        let reference = try #require(binding.string("/referenceNo"))
        #expect(
            binding.string("/redirectUrl")?.contains(
                "/_sim/payer/binding?partner=snapsim-demo&referenceNo=\(reference)") == true)
        let otp = harness.call(.otp, body: ["originalReferenceNo": .string(reference)])
        #expect(otp.responseCode == "2008100")
        let chargeToken = try #require(otp.string("/chargeToken"))
        let code = try #require(harness.state.directDebit.challenge(chargeToken: chargeToken)?.code)
        let verified = harness.call(
            .otpVerification, body: ["chargeToken": .string(chargeToken), "otp": .string(code)])
        #expect(verified.responseCode == "2000400")
        #expect(verified.string("/additionalInfo/accountStatus") == "ACTIVE")
        return try #require(verified.string("/accountToken"))
    }

    func pay(_ harness: inout ServiceHarness, _ reference: String, _ value: String, token: String? = nil) -> Answer {
        var body: JSONObject = [
            "partnerReferenceNo": .string(reference), "amount": .amount(value), "merchantId": "M-1",
        ]
        if let token { body["bankCardToken"] = .string(token) }
        return harness.call(.directDebitPayment, body: .object(body))
    }

    func status(_ harness: inout ServiceHarness, _ reference: String) -> String? {
        harness.call(.directDebitStatus, body: ["originalPartnerReferenceNo": .string(reference), "serviceCode": "54"])
            .string("/latestTransactionStatus")
    }

    func refund(_ harness: inout ServiceHarness, _ reference: String, _ number: String, _ value: String) -> Answer {
        harness.call(
            .directDebitRefund,
            body: [
                "originalPartnerReferenceNo": .string(reference), "partnerRefundNo": .string(number),
                "refundAmount": .amount(value),
            ])
    }

    @Test func boundCustomer_PaysAtOnce_AndRefundsNeverExceedThePayment() throws {
        var harness = ServiceHarness()
        let token = try bind(&harness, Self.siti)
        let opening = balance(harness, Self.siti)
        let paid = pay(&harness, "DD-1", "100000.00", token: token)
        #expect(paid.responseCode == "2005400")
        #expect(paid.string("/approvalCode")?.count == 6)
        #expect(balance(harness, Self.siti) == opening - 10_000_000)
        #expect(harness.state.directDebit.merchantBalances["M-1"] == Amount(rupiah: 100_000))
        #expect(status(&harness, "DD-1") == "00")

        #expect(refund(&harness, "DD-1", "R-1", "30000.00").responseCode == "2005800")
        #expect(refund(&harness, "DD-1", "R-1", "30000.00").responseCode == "2005800")  // replayed, not again
        #expect(balance(harness, Self.siti) == opening - 7_000_000)
        #expect(refund(&harness, "DD-1", "R-1", "1.00").responseCode == "4045818")
        #expect(refund(&harness, "DD-1", "R-2", "70000.01").responseCode == "4045813")
        #expect(refund(&harness, "DD-1", "R-2", "70000.00").responseCode == "2005800")
        #expect(status(&harness, "DD-1") == "04")
        #expect(balance(harness, Self.siti) == opening)
        #expect(harness.state.directDebit.merchantBalances["M-1"] == .zero)
        let history = harness.call(
            .directDebitStatus, body: ["originalPartnerReferenceNo": "DD-1", "serviceCode": "54"])
        #expect(history.string("/refundHistory/1/refundAmount/value") == "70000.00")
    }

    @Test func merchantAccountOfTheLedger_IsCreditedAndRefundedToo() throws {
        var harness = ServiceHarness()
        let token = try bind(&harness, Self.siti)
        let opening = try #require(harness.state.ledger.account("0099887766")?.accountInfos.first?.availableBalance)
        _ = harness.call(
            .directDebitPayment,
            body: [
                "partnerReferenceNo": "DD-9", "amount": .amount("2500.00"), "merchantId": "0099887766",
                "bankCardToken": .string(token),
            ])
        #expect(
            harness.state.ledger.account("0099887766")?.accountInfos.first?.availableBalance.minorUnits == opening
                .minorUnits + 250_000)
        #expect(refund(&harness, "DD-9", "R-9", "500.00").responseCode == "2005800")
        #expect(
            harness.state.ledger.account("0099887766")?.accountInfos.first?.availableBalance.minorUnits == opening
                .minorUnits + 200_000)
        // Transaction history sees both sides of the payment and of the refund.
        let payer = harness.state.ledger.history(of: .customer(Self.siti))
        #expect(payer.map(\.type.rawValue) == ["REFUND", "PAYMENT"])
        #expect(payer.map(\.direction) == [.credit, .debit])
        let merchant = harness.state.ledger.history(of: .account("0099887766"))
        #expect(merchant.map(\.amount.value) == ["500.00", "2500.00"])
    }

    @Test func payment_IsIdempotentOnPartnerReferenceNo() throws {
        var harness = ServiceHarness()
        let token = try bind(&harness, Self.siti)
        let opening = balance(harness, Self.siti)
        let first = pay(&harness, "DD-2", "1000.00", token: token)
        let again = pay(&harness, "DD-2", "1000.00", token: token)
        #expect(again.string("/referenceNo") == first.string("/referenceNo"))
        #expect(balance(harness, Self.siti) == opening - 100_000)
        #expect(pay(&harness, "DD-2", "2000.00", token: token).responseCode == "4045418")
    }

    @Test func shortOfFunds_FailsThePayment_AndARetryGetsTheSameRefusal() throws {
        var harness = ServiceHarness()
        let token = try bind(&harness, Self.budi)
        #expect(pay(&harness, "DD-3", "150000.01", token: token).responseCode == "4035414")
        #expect(status(&harness, "DD-3") == "06")
        #expect(pay(&harness, "DD-3", "150000.01", token: token).responseCode == "4035414")
        #expect(balance(harness, Self.budi) == 15_000_000)
    }

    @Test func paymentWithoutPayer_WaitsForThePayer_ThenCancelOnlyWhileWaiting() throws {
        var harness = ServiceHarness()
        let waiting = pay(&harness, "DD-4", "5000.00")
        #expect(waiting.responseCode == "2005400")
        #expect(waiting.string("/webRedirectUrl")?.contains("/_sim/payer/direct-debit") == true)
        #expect(status(&harness, "DD-4") == "01")
        let cancel = harness.call(.directDebitCancel, body: ["originalPartnerReferenceNo": "DD-4"])
        #expect(cancel.responseCode == "2005700")
        #expect(status(&harness, "DD-4") == "05")
        #expect(throws: SNAPError.self) { try harness.state.settleDebit("DD-4", payer: Self.siti, at: harness.time) }

        _ = pay(&harness, "DD-5", "5000.00")
        let completion = try harness.state.settleDebit("DD-5", payer: Self.siti, at: harness.time)
        #expect(completion.status == .success && completion.customerNumber == Self.siti)
        #expect(
            harness.call(.directDebitCancel, body: ["originalPartnerReferenceNo": "DD-5"]).responseCode == "4055701")
        #expect(refund(&harness, "DD-4", "R-4", "1.00").responseCode == "4055801")
    }

    @Test func waitingPayment_ExpiresAtValidUpTo() throws {
        var harness = ServiceHarness()
        let until = ISO8601Timestamp.format(harness.time + .seconds(600), offsetMinutes: CivilDate.jakartaOffsetMinutes)
        _ = harness.call(
            .directDebitPayment,
            body: [
                "partnerReferenceNo": "DD-6", "amount": .amount("1000.00"), "validUpTo": .string(until),
            ])
        harness.time = harness.time + .seconds(601)
        #expect(status(&harness, "DD-6") == "05")
        #expect(throws: SNAPError.self) { try harness.state.settleDebit("DD-6", payer: Self.siti, at: harness.time) }
    }

    @Test func otp_WrongThriceIsBlocked_AndExpiresAfterFiveMinutes() throws {
        var harness = ServiceHarness()
        let reference = try #require(
            harness.call(.accountBinding, body: ["phoneNo": .string(Self.siti)]).string("/referenceNo"))
        let chargeToken = try #require(
            harness.call(.otp, body: ["originalReferenceNo": .string(reference)]).string("/chargeToken"))
        let wrong =
            harness.state.directDebit.challenge(chargeToken: chargeToken)?.code == "000000" ? "111111" : "000000"
        let enter = { (harness: inout ServiceHarness, code: String) in
            harness.call(.otpVerification, body: ["originalReferenceNo": .string(reference), "otp": .string(code)])
                .responseCode
        }
        #expect(enter(&harness, wrong) == "4040415")
        #expect(enter(&harness, wrong) == "4040415")
        #expect(enter(&harness, wrong) == "4030411")

        let fresh = try #require(
            harness.call(.otp, body: ["originalReferenceNo": .string(reference)]).string("/chargeToken"))
        let code = try #require(harness.state.directDebit.challenge(chargeToken: fresh)?.code)
        harness.time = harness.time + .seconds(300)
        #expect(enter(&harness, code) == "4030412")
        #expect(
            harness.call(.otpVerification, body: ["originalReferenceNo": "nope", "otp": "1"]).responseCode == "4040401")
    }

    @Test func unbinding_StopsTheToken() throws {
        var harness = ServiceHarness()
        let token = try bind(&harness, Self.siti)
        #expect(harness.call(.accountUnbinding, body: ["tokenId": .string(token)]).responseCode == "2000900")
        #expect(pay(&harness, "DD-7", "1000.00", token: token).responseCode == "4035418")
        let inquiry = harness.call(.accountBindingInquiry, body: ["accountToken": .string(token)])
        #expect(inquiry.string("/additionalInfo/accountStatus") == "UNBOUND")
        #expect(harness.call(.accountUnbinding, body: ["tokenId": "unknown"]).responseCode == "4040911")
    }

    @Test func accountCreation_OpensABoundCustomerOnce() throws {
        var harness = ServiceHarness()
        let created = harness.call(.accountCreation, body: ["phoneNo": "6281299990000", "name": "Dewi"])
        #expect(created.responseCode == "2000600")
        #expect(created.string("/accountToken") != nil)
        #expect(harness.state.ledger.customer("081299990000")?.balance == .zero)
        #expect(harness.call(.accountCreation, body: ["phoneNo": "081299990000"]).responseCode == "4030615")
    }

    /// DOKU's encrypt_card: base64(AES-128-CBC(json)) | base64(iv), keyed with the secret cut/padded to 16.
    func cardData(_ json: String, secret: String, iv: [UInt8] = Array(0..<16)) throws -> String {
        let key = Array((secret + String(repeating: "-", count: 16)).utf8.prefix(16))
        let ciphertext = try AES128.CBC(key: key, iv: iv).encrypt(Array(json.utf8))
        return Base64.encode(ciphertext) + "|" + Base64.encode(iv)
    }

    @Test func cardRegistration_DecryptsCardData_AndActivatesOnTheCustomersOTP() throws {
        var harness = ServiceHarness()
        let secret = harness.caller.partner.clientSecret
        let card = #"{"bankCardNo":"5264221038423317","bankCardType":"D","expiryDate":"1230"}"#
        let registered = harness.call(
            .cardRegistration,
            body: [
                "cardData": .string(try cardData(card, secret: secret)), "phoneNo": .string(Self.siti),
                "custIdMerchant": "c-1",
            ])
        #expect(registered.responseCode == "2000100")
        #expect(registered.string("/additionalInfo/maskedCardNo") == "526422******3317")
        let reference = try #require(registered.string("/referenceNo"))
        _ = harness.call(.otp, body: ["originalReferenceNo": .string(reference)])
        let challenge = try #require(harness.state.directDebit.latestChallenge(forBinding: reference))
        let card_ = try harness.state.enterOTP(challenge.chargeToken, challenge.code, at: harness.time)
        let token = try #require(card_.token)
        #expect(pay(&harness, "DD-8", "1000.00", token: token).responseCode == "2005400")
        #expect(harness.call(.cardUnbinding, body: ["tokenId": .string(token)]).responseCode == "2000500")

        let refusals: [(String, String)] = [
            (try cardData(card, secret: "another-secret"), "4000101"),
            (try cardData(#"{"bankCardNo":"5264221038423317","expiryDate":"0124"}"#, secret: secret), "4030108"),
            (try cardData(#"{"bankCardNo":"4000000000050007","expiryDate":"1230"}"#, secret: secret), "4030107"),
            (try cardData(#"{"bankCardNo":"5264221038423310","expiryDate":"1230"}"#, secret: secret), "4040111"),
            ("not|base64!", "4000101"),
        ]
        for (data, code) in refusals {
            let answer = harness.call(
                .cardRegistration, body: ["cardData": .string(data), "phoneNo": .string(Self.siti)])
            #expect(answer.responseCode == code, "\(data)")
        }
    }

    @Test func book_ForgetsTheOldestPastItsLimit() {
        var book = DirectDebitBook(limit: 2)
        for number in 1...3 {
            book.store(
                DebitRecord(
                    partnerReferenceNo: "P-\(number)", referenceNo: "R-\(number)", externalId: "E-\(number)",
                    customerNumber: nil, merchantId: "M", amount: Amount(rupiah: 1), status: .initiated,
                    fingerprint: "",
                    createdAt: ServiceHarness.start, validUpTo: nil,
                    answer: RecordedAnswer(key: ServiceAnswer.success.key)))
            // Storing the same payment again (a status change) neither duplicates nor evicts it.
            if let again = book.payment(partnerReferenceNo: "P-\(number)") { book.store(again) }
        }
        #expect(book.payments.count == 2)
        #expect(book.payment(partnerReferenceNo: "P-1") == nil)
        #expect(book.payment(referenceNo: "R-1") == nil && book.payment(externalId: "E-1") == nil)
        #expect(book.payment(referenceNo: "R-3")?.partnerReferenceNo == "P-3")
    }
}
