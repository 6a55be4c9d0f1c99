import QRISCode
import SNAPCrypto
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// E2Pay money out through the simulator's public request interface: transfer and disbursement to bank, the
/// bank lists, QR and QRIS payments, each moving money on the partner's one ledger.
extension JSONValue {
    /// A member of an object answer, `nil` otherwise.
    fileprivate subscript(_ key: String) -> JSONValue? { objectValue?[key] }
}

@Suite struct E2PayMoneyOutTests {
    static let secret = "snapsim-demo-secret-SANDBOX-ONLY"
    static let password = "E10ADC3949BA59ABBE56E057F20F883E"
    let simulator = Simulator(
        fixtures: .defaults,
        options: SimulatorOptions(seed: 7, clock: .fixed(at: ISO8601Timestamp("2026-11-21T10:00:00+07:00")!.time), adminToken: "adm"))

    func send(_ method: HTTPMethod, _ target: String, _ headers: HTTPHeaders = [:], _ body: String = "") -> (Int, JSONValue) {
        let reply = simulator.respond(to: HTTPRequest(method: method, target: target, headers: headers, body: Array(body.utf8)))
        guard case .respond(let response) = reply.action else { return (0, .null) }
        return (Int(response.status.code), (try? JSONParser.parse(response.body)) ?? .null)
    }

    /// A user token for `username` (login → code → token).
    func login(_ username: String) -> HTTPHeaders {
        let (_, code) = send(.post, "/switching/rest/h2h/authorization/", [:], """
            {"client_id":"snapsim-demo","client_secret":"\(Self.secret)","response_type":"code","user_type":"CUSTOMER",\
            "username":"\(username)","password":"\(Self.password)"}
            """)
        let (_, token) = send(
            .post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=authorization_code&client_id=snapsim-demo&client_secret=\(Self.secret)&code=\(code["code"]?.stringValue ?? "")")
        return ["Authorization": "Bearer \(token["access_token"]?.stringValue ?? "")", "Content-Type": "application/json"]
    }

    func balance(_ user: HTTPHeaders) -> JSONValue? { send(.get, "/switching/b2b/customer/me/account", user).1["balance"] }

    static func signature(_ text: String) -> String {
        Base64.encode(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: Array(secret.utf8)))
    }

    func pay(_ path: String, _ user: HTTPHeaders, inquiry: String, account: String, bank: String, amount: String,
        ref: String, password: String = Self.password) -> (Int, JSONValue)
    {
        send(.post, path, user, """
            {"accountSrc":"081300000001","accountDst":"\(account)","amount":\(amount),"clientRef":"\(ref)",\
            "description":"gaji","password":"\(password)","bankId":"\(bank)","inquiryId":"\(inquiry)","sourceId":"01011"}
            """)
    }

    @Test func ibft_InquiryThenPayment_DebitsAmountAndFee_AndWritesTwoHistoryRows() throws {
        let user = login("081300000001")
        let (status, inquiry) = send(.get, "/switching/b2b/customer/me/ibft/inquiry?bankId=bca&accountId=8377388292&amount=1000000", user)
        #expect(status == 200)
        #expect(inquiry["name"] == "Andi Pratama")
        #expect(inquiry["transferType"] == "BI-FAST")
        #expect(inquiry["feeAmount"] == .number("2500.00"))
        let id = try #require(inquiry["inquiryId"]?.stringValue)

        let path = "/switching/b2b/customer/me/ibft/transaction"
        let (paid, answer) = pay(path, user, inquiry: id, account: "8377388292", bank: "bca", amount: "1000000", ref: "IB-1")
        #expect(paid == 200)
        #expect(answer["accountDstName"] == "Andi Pratama")
        #expect(balance(user) == .number("3997500.00"))
        let journal = try #require(answer["journalId"]?.stringValue)
        let (_, history) = send(.get, "/switching/b2b/customer/me/transaction?journalId=\(journal)&sortField=amount", user)
        let rows = try #require(history["data"]?.arrayValue)
        #expect(rows.map { $0["transactionCode"] } == [.string("IBFT"), .string("FEE")])
        #expect(rows.first?["debitAmount"] == .number("1000000.00"))

        #expect(pay(path, user, inquiry: id, account: "8377388292", bank: "bca", amount: "1000000", ref: "IB-2").1["responseCode"] == "04")
        let (_, again) = send(.get, "/switching/b2b/customer/me/ibft/inquiry?bankId=bca&accountId=8377388292", user)
        let second = try #require(again["inquiryId"]?.stringValue)
        #expect(pay(path, user, inquiry: second, account: "8377388292", bank: "bca", amount: "10", ref: "IB-1").1["responseCode"] == "04")
        #expect(balance(user) == .number("3997500.00"))
    }

    @Test func ibft_Refusals_NameWhatIsWrong() throws {
        let user = login("081300000001")
        func inquire(_ query: String) -> (Int, String?) {
            let (status, body) = send(.get, "/switching/b2b/customer/me/ibft/inquiry?" + query, user)
            return (status, body["responseCode"]?.stringValue)
        }
        #expect(inquire("bankId=bca&accountId=8377388292&amount=250000001") == (403, "05"))
        #expect(inquire("bankId=bpl&accountId=5550001111&amount=50000001") == (403, "05"))
        #expect(inquire("bankId=bca&accountId=0000000000") == (404, "94"))
        #expect(inquire("bankId=nowhere&accountId=8377388292") == (404, "E1"))
        #expect(inquire("bankId=permata&accountId=701075300") == (400, "06"))
        #expect(inquire("bankId=bkl&accountId=9120000001") == (400, "06"))
        #expect(inquire("accountId=8377388292") == (400, "F1"))
        let basic = login("081977817902")
        #expect(send(.get, "/switching/b2b/customer/me/ibft/inquiry?bankId=bca&accountId=8377388292", basic).1["responseCode"] == "63")

        let (_, online) = send(.get, "/switching/b2b/customer/me/ibft/inquiry?bankId=bpl&accountId=5550001111", user)
        #expect(online["transferType"] == "ONLINE")
        let id = try #require(online["inquiryId"]?.stringValue)
        let path = "/switching/b2b/customer/me/ibft/transaction"
        #expect(pay(path, user, inquiry: id, account: "5550001111", bank: "bpl", amount: "4993501", ref: "R1").1["responseCode"] == "51")
        #expect(pay(path, user, inquiry: id, account: "5550001111", bank: "bpl", amount: "1000", ref: "R2",
            password: "00000000000000000000000000000000").1["responseCode"] == "Q1")
        #expect(pay(path, user, inquiry: id, account: "8377388292", bank: "bpl", amount: "1000", ref: "R3").1["responseCode"] == "95")
        #expect(pay(path, user, inquiry: "nope", account: "5550001111", bank: "bpl", amount: "1000", ref: "R4").1["responseCode"] == "E1")
        #expect(pay(path, user, inquiry: id, account: "5550001111", bank: "bpl", amount: "4993500", ref: "R5").0 == 200)
        #expect(balance(user) == .number("0.00"))
    }

    @Test func disbursement_ChecksTheSignatureHeader_ThenPays() throws {
        let user = login("081300000001")
        let target = "/switching/b2b/customer/me/disbursement/inquiry?accountId=701075327&bankId=permata&amount=150000"
        let (missing, noSignature) = send(.get, target, user)
        #expect(missing == 400)
        #expect(noSignature["responseCode"] == "F1")
        #expect(noSignature["responseMessage"]?.stringValue?.contains("Signature") == true)
        var wrong = user
        wrong["Signature"] = Self.signature("701075327:permata:150001")
        let (refused, badSignature) = send(.get, target, wrong)
        #expect(refused == 401)
        #expect(badSignature["responseCode"] == "Q1")
        #expect(badSignature["responseMessage"]?.stringValue?.contains("Signature") == true)

        var signed = user
        signed["Signature"] = Self.signature("701075327:permata:150000")
        let (status, inquiry) = send(.get, target, signed)
        #expect(status == 200)
        #expect(inquiry["name"] == "Permata UAT Beneficiary")
        #expect(inquiry["feeAmount"] == .number("4000.00"))
        let id = try #require(inquiry["id"]?.stringValue)
        let (paid, answer) = pay("/switching/b2b/customer/me/disbursement/transaction", user, inquiry: id,
            account: "701075327", bank: "permata", amount: "150000", ref: "SDP-1")
        #expect(paid == 200)
        #expect(answer["totalAmount"] == .number("154000.00"))
        #expect(answer["bankName"] == "Bank Permata")
        #expect(balance(user) == .number("4846000.00"))

        var bni = user
        bni["Signature"] = Self.signature("1122334455:bni:1000")
        let (_, notListed) = send(.get, "/switching/b2b/customer/me/disbursement/inquiry?accountId=1122334455&bankId=bni&amount=1000", bni)
        #expect(notListed["responseCode"] == "E1")
    }

    @Test func bankLists_ComeFromTheFixtures_SortedAndPaged() throws {
        let (_, host) = send(.post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=client_credentials&client_id=snapsim-demo&client_secret=\(Self.secret)")
        let bearer = ["Authorization": "Bearer \(host["access_token"]?.stringValue ?? "")"] as HTTPHeaders
        let ids = { (list: String, query: String) -> [String] in
            let (_, body) = self.send(.get, "/switching/b2b/bank/\(list)?\(query)", bearer)
            return body["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        }
        let fixtures = LoadedFixtures.defaults.e2payBanks.banks
        #expect(Set(ids("ibft", "")) == Set(fixtures.filter { $0.lists.contains("ibft") }.map(\.id)))
        #expect(!ids("sdp", "").contains("bni"))
        #expect(!ids("bifast", "").contains("bpl"))
        #expect(ids("ibft", "sortField=id&limit=2") == ["bca", "bkl"])
        #expect(ids("ibft", "sortField=id&sortOrder=DESCENDING&limit=1") == ["permata"])
        #expect(ids("sdp", "id=permata") == ["permata"])
        #expect(send(.get, "/switching/b2b/bank/ibft?sortField=colour", bearer).1["responseCode"] == "95")
        #expect(send(.get, "/switching/b2b/bank/ibft").1["responseCode"] == "F1")
    }
}

/// The merchant's transfer out to bank and disbursement (SDP), from its ledger merchant account.
@Suite struct E2PayMerchantMoneyOutTests {
    let money = E2PayMoneyOutTests()

    func merchantLogin() -> HTTPHeaders {
        let (_, code) = money.send(.post, "/switching/rest/h2h/authorization/", [:], """
            {"client_id":"snapsim-demo","client_secret":"\(E2PayMoneyOutTests.secret)","response_type":"code",\
            "user_type":"MERCHANT","username":"082100000001","password":"\(E2PayMoneyOutTests.password)"}
            """)
        let (_, token) = money.send(
            .post, "/switching/rest/oauth/token", ["Content-Type": "application/x-www-form-urlencoded"],
            "grant_type=authorization_code&client_id=snapsim-demo&client_secret=\(E2PayMoneyOutTests.secret)&code=\(code["code"]?.stringValue ?? "")")
        return ["Authorization": "Bearer \(token["access_token"]?.stringValue ?? "")", "Content-Type": "application/json"]
    }

    func balance(_ merchant: HTTPHeaders) -> JSONValue? { money.send(.get, "/switching/b2b/merchant/me/account", merchant).1["balance"] }

    @Test func merchantSDP_TakesBeneficiaryAndAmountFromTheSignedInquiry() throws {
        let merchant = merchantLogin()
        var signed = merchant
        signed["Signature"] = E2PayMoneyOutTests.signature("701075327:permata:200000")
        let (status, inquiry) = money.send(
            .get, "/switching/b2b/merchant/me/sdp/inquiry?accountId=701075327&bankId=permata&amount=200000", signed)
        #expect(status == 200)
        let id = try #require(inquiry["id"]?.stringValue)
        #expect(money.send(.get, "/switching/b2b/merchant/me/sdp/inquiry?accountId=701075327&bankId=permata&amount=200000", merchant)
            .1["responseCode"] == "F1")
        let (paid, answer) = money.send(.post, "/switching/b2b/merchant/me/sdp/transaction", merchant, """
            {"accountSrc":"082100000001","clientRef":"M-SDP-1","description":"payout","password":"\(E2PayMoneyOutTests.password)",\
            "inquiryId":"\(id)","sourceId":"PUNDIX"}
            """)
        #expect(paid == 200)
        #expect(answer["responseCode"] == "00")
        #expect(answer["journalId"]?.stringValue?.count == 16)
        #expect(balance(merchant) == .number("4796000.00"))
        let (_, history) = money.send(.get, "/switching/b2b/merchant/me/transaction?clientRef=M-SDP-1", merchant)
        #expect(history["rowCount"] == .int(2))

        let user = money.login("081300000001")
        #expect(money.send(.get, "/switching/b2b/merchant/me/ibft/inquiry?bankId=bca&accountId=8377388292", user).1["responseCode"] == "63")
    }

    @Test func merchantIBFT_OverTheBalance_Is51_AndOverTheCap05() throws {
        let merchant = merchantLogin()
        let (_, inquiry) = money.send(.get, "/switching/b2b/merchant/me/ibft/inquiry?bankId=bca&accountId=8377388292", merchant)
        let id = try #require(inquiry["inquiryId"]?.stringValue)
        func pay(_ amount: String, _ ref: String) -> (Int, JSONValue) {
            money.send(.post, "/switching/b2b/merchant/me/ibft/transaction", merchant, """
                {"accountSrc":"082100000001","accountDst":"8377388292","amount":\(amount),"clientRef":"\(ref)","description":"",\
                "password":"\(E2PayMoneyOutTests.password)","bankId":"bca","inquiryId":"\(id)","sourceId":"01011"}
                """)
        }
        #expect(pay("250000001", "M-1").1["responseCode"] == "05")
        #expect(pay("4997501", "M-2").1["responseCode"] == "51")
        #expect(pay("4997500", "M-3").0 == 200)
        #expect(balance(merchant) == .number("0.00"))
    }
}
