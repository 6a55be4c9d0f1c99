import Testing

@testable import SNAPSim
import SimJSON

/// The transfer engine through its services (the harness), and the pieces other services share with it: the
/// movement log and the completion a notification would report.
@Suite struct TransferTests {
    static func interbank(_ reference: String, _ amount: String, account: String = "8377388292", bank: String = "014",
        source: String = "7700000001") -> JSONValue
    {
        [
            "partnerReferenceNo": .string(reference), "amount": .amount(amount), "beneficiaryAccountName": "Andi Pratama",
            "beneficiaryAccountNo": .string(account), "beneficiaryBankCode": .string(bank),
            "sourceAccountNo": .string(source), "transactionDate": "2026-11-21T10:00:00+07:00",
        ]
    }

    private func request(_ harness: ServiceHarness, _ body: JSONValue) -> ServiceRequest {
        let entry = harness.fixtures.router.entries.first { $0.route.serviceName == "transfer-interbank" }!
        let exchange = Exchange(
            request: .init(method: .post, target: entry.path, headers: [:], body: body.compactBytes), route: entry.route,
            receivedAt: harness.time)
        return ServiceRequest(
            exchange: exchange, caller: harness.caller, fixtures: harness.fixtures, fields: RequestFields(body.objectValue!))
    }

    private func order(_ reference: String, _ amount: Int64, account: String = "8377388292", bank: String = "014")
        -> TransferOrder
    {
        TransferOrder(
            partnerReferenceNo: reference, source: .account("7700000001"), beneficiaryAccountNo: account,
            beneficiaryBankCode: bank, amount: Amount(rupiah: amount), feeType: .our, requestedChannel: nil,
            reach: .otherBanks, transactionDate: nil)
    }

    @Test func perform_ReturnsCompletion_ForSentAndRefusedTransfers_ButNotForReplays() {
        var harness = ServiceHarness()
        let body = Self.interbank("HOOK-1", "1000.00")
        let sent = CreditTransfer.perform(order("HOOK-1", 1_000), request(harness, body), &harness.state) { _, _ in [:] }
        #expect(sent.completion?.latestTransactionStatus == .success)
        #expect(sent.completion?.transfer.channel == .biFast)
        #expect(sent.completion?.transfer.fee == Amount(rupiah: 2_500))
        let replay = CreditTransfer.perform(order("HOOK-1", 1_000), request(harness, body), &harness.state) { _, _ in [:] }
        #expect(replay.completion == nil)
        let refused = CreditTransfer.perform(
            order("HOOK-2", 250_000_001), request(harness, Self.interbank("HOOK-2", "250000001.00")), &harness.state
        ) { _, _ in [:] }
        #expect(refused.completion?.latestTransactionStatus == .failed)
        #expect(refused.completion?.transfer.answer.key == SNAPError.exceedsTransactionAmountLimit.key)
    }

    @Test func interbank_DebitsAmountAndFee_AndLogsOneMovement() {
        var harness = ServiceHarness()
        let answer = harness.call(.interbankTransfer, body: Self.interbank("T-1", "100000.00"))
        #expect(answer.responseCode == "2001800")
        #expect(harness.state.ledger.spendable(.account("7700000001")) == Amount(rupiah: 1_000_000_000 - 102_500))
        let history = harness.state.ledger.history(of: .account("7700000001"))
        #expect(history.count == 1)
        #expect(history.first?.balanceEffect == Amount(rupiah: 102_500))
        #expect(history.first?.type == .sendMoney)
        #expect(history.first?.referenceNo == answer.string("/referenceNo"))
    }

    @Test func interbank_RefusesInsufficientFunds_WithoutMovingMoney() {
        var harness = ServiceHarness()
        let answer = harness.call(.interbankTransfer, body: Self.interbank("T-2", "127500.01", source: "12345678"))
        #expect(answer.status == 403)
        #expect(answer.responseCode == "4031814")
        #expect(harness.state.ledger.spendable(.account("12345678")) == Amount(rupiah: 130_000))
        #expect(harness.state.ledger.history(of: .account("12345678")).isEmpty)
        #expect(harness.state.transfers.record(partnerReferenceNo: "T-2")?.status == .failed)
    }

    @Test func topUp_AppendsATopUpMovement_ForHistory() {
        var harness = ServiceHarness()
        harness.call(.customerTopUp, body: [
            "partnerReferenceNo": "TU-1", "customerNumber": "081234560001", "amount": .amount("20000.00"),
        ])
        let movements = harness.state.ledger.history(of: .customer("081234560001"))
        #expect(movements.map(\.type) == [.topUp])
        #expect(movements.first?.direction == .credit)
        #expect(movements.first?.partnerReferenceNo == "TU-1")
    }

    @Test func movementLog_ForgetsTheOldest_PastItsLimit_AndKeepsOrderPerHolder() {
        var log = MovementLog(limit: 3)
        for index in 0..<5 {
            log.append(LedgerMovement(
                holder: index.isMultiple(of: 2) ? .customer("08100") : .account("A"), type: .payment, direction: .debit,
                amount: Amount(rupiah: Int64(index)), partnerReferenceNo: "P-\(index)", referenceNo: nil,
                service: "54", time: SimTime(millisecondsSince1970: Int64(index)), remark: ""))
        }
        #expect(log.count == 3)
        #expect(log.all.map(\.partnerReferenceNo) == ["P-2", "P-3", "P-4"])
        #expect(log.movements(of: .customer("08100")).map(\.partnerReferenceNo) == ["P-2", "P-4"])
        #expect(log.movements(of: .account("A")).map(\.partnerReferenceNo) == ["P-3"])
    }
}

@Suite struct TransferFixtureTests {
    private func problems(_ transfers: String) -> [String] {
        var files = DefaultFixtures.files.filter { $0.path != "beneficiaries.json" }
        files.append(("beneficiaries.json", #"{"transfers": \#(transfers)}"#))
        do {
            _ = try LoadedFixtures.load(files: files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    private static let channels = #"""
        "channels": {"INTRABANK": {"fee": "0.00", "maximum": "1.00"}, "BI-FAST": {"fee": "0.00", "maximum": "1.00"},
                     "ONLINE": {"fee": "0.00", "maximum": "1.00"}}
        """#

    @Test func defaults_HaveBanksBeneficiariesAndEveryChannel() {
        let directory = LoadedFixtures.defaults.transfers
        #expect(directory.channels.count == TransferChannel.allCases.count)
        #expect(directory.channels[.biFast]?.maximum == Amount(rupiah: 250_000_000))
        #expect(directory.homeBank(for: "bca") == "014")
        #expect(directory.homeBank(for: "snap") == "999")
        #expect(directory.beneficiaries.values.allSatisfy { directory.banks[$0.bankCode] != nil })
    }

    @Test func load_ReportsBeneficiaryOfUnknownBank_WithItsPointer() {
        let lines = problems(#"""
            {"homeBankCode": "999", "banks": [{"bankCode": "999", "name": "Home", "shortName": "H", "biFast": true}],
             "beneficiaries": [{"accountNo": "1", "bankCode": "555", "name": "X"}], \#(Self.channels)}
            """#)
        #expect(lines.contains { $0.contains("/transfers/beneficiaries/0/bankCode") && $0.contains("unknown bank \"555\"") })
    }

    @Test func load_ReportsMissingChannel_AndUnknownHomeBank() {
        let lines = problems(#"""
            {"homeBankCode": "123", "banks": [{"bankCode": "999", "name": "Home", "shortName": "H", "biFast": true}],
             "beneficiaries": [], "channels": {"INTRABANK": {"fee": "0.00", "maximum": "1.00"}}}
            """#)
        #expect(lines.contains { $0.contains("missing channel \"BI-FAST\"") })
        #expect(lines.contains { $0.contains("home bank \"123\" is not among the banks") })
    }

    @Test func load_ReportsDuplicateAccountNumber_AcrossBanks() {
        let lines = problems(#"""
            {"homeBankCode": "999", "banks": [{"bankCode": "999", "name": "Home", "shortName": "H", "biFast": true},
                                              {"bankCode": "014", "name": "BCA", "shortName": "BCA", "biFast": true}],
             "beneficiaries": [{"accountNo": "1", "bankCode": "999", "name": "X"}, {"accountNo": "1", "bankCode": "014", "name": "Y"}],
             \#(Self.channels)}
            """#)
        #expect(lines.contains { $0.contains("/transfers/beneficiaries/1") && $0.contains("duplicate accountNo \"1\"") })
    }

    @Test func load_ReportsBankNameLongerThanDANAsModelAllows() {
        let lines = problems(#"""
            {"homeBankCode": "999", "banks": [{"bankCode": "999", "name": "A Bank Name Longer Than Twenty-Five", "shortName": "H", "biFast": true}],
             "beneficiaries": [], \#(Self.channels)}
            """#)
        #expect(lines.contains { $0.contains("/transfers/banks/0/name") })
    }
}

/// Forced outcomes (`POST /_sim/faults`) on transfers, through the whole simulator: the answer changes, the
/// ledger keeps its word.
@Suite struct TransferForcedOutcomeTests {
    let world = ControlWorld()

    private func send(_ token: String, _ path: String, _ body: JSONValue) -> SecurityAnswer {
        SecurityAnswer(world.simulator.respond(to: world.transaction(.alpha, token: token, path, body)))
    }

    @Test func forcedTimeout_AfterTheTransferWasSent_StatusStillFindsItSent() throws {
        let token = try world.token(for: .alpha)
        // Run the service (the money moves), then answer 504 as a provider that timed out after sending would.
        try world.admin(.post, "/_sim/faults", [
            "partner": "partner-alpha", "when": ["service": "transfer-interbank"],
            "then": ["httpStatus": 504, "bodyPatch": ["responseCode": "5041800", "responseMessage": "Timeout"]], "times": 1,
        ])
        let timedOut = send(token, "/v1.0/transfer-interbank", TransferTests.interbank("FORCED-1", "1000.00"))
        #expect(timedOut.status == 504)
        #expect(timedOut.code == "5041800")
        let status = send(token, "/v1.0/transfer/status", ["originalPartnerReferenceNo": "FORCED-1", "serviceCode": "18"])
        #expect(status.code == "2003600")
        #expect(status.body["latestTransactionStatus"] == "00")
        // The retry after the timeout replays the real answer: no second debit.
        let retried = send(token, "/v1.0/transfer-interbank", TransferTests.interbank("FORCED-1", "1000.00"))
        #expect(retried.code == "2001800")
        let account = try world.admin(.get, "/_sim/accounts/7700000001?partner=partner-alpha")
        #expect(account["/accountInfos/0/availableBalance/value"] == "999996500.00")
    }
}
