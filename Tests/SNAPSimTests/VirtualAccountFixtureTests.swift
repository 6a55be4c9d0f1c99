import Testing

@testable import SNAPSim
import SimJSON

/// `virtual-accounts.json`: the default billers and VAs load, and every mistake is named with file and pointer.
@Suite struct VirtualAccountFixtureTests {
    private func problems(adding contents: String) -> [String] {
        var files = DefaultFixtures.files
        files.append(("extra-va.json", contents))
        do {
            _ = try LoadedFixtures.load(files: files)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func defaults_HaveTheBillersAndTheirVAs() throws {
        let fixtures = LoadedFixtures.defaults.virtualAccounts
        #expect(fixtures.billers.keys.sorted() == ["088899", "888994"])
        #expect(fixtures.biller("  088899")?.accountNo == "0888990001")
        let closed = try #require(fixtures.accounts.first)
        #expect(closed.virtualAccountNo == "  08889900000000000000000001")
        #expect(closed.trxType == .closed)
        #expect(closed.merchantAccountNo == "0888990001")
        #expect(fixtures.accounts.map(\.trxType) == [.closed, .open, .partial, .closed, .closed])
        #expect(fixtures.accounts[4].active == false)
    }

    @Test func load_NamesAnUnknownBiller_AndAnUnknownMerchantAccount() {
        let lines = problems(adding: """
            {"virtualAccountBillers": [{"partnerServiceId": "77777", "name": "X", "accountNo": "NOPE", "partners": ["nobody"]}],
             "virtualAccounts": [{"partnerServiceId": "55555", "customerNo": "1", "virtualAccountName": "Y", "trxId": "T",
                                  "virtualAccountTrxType": "C", "totalAmount": "1.00"}]}
            """)
        #expect(lines.contains { $0.contains("extra-va.json /virtualAccountBillers/0/accountNo") && $0.contains("NOPE") })
        #expect(lines.contains { $0.contains("/virtualAccountBillers/0/partners") && $0.contains("nobody") })
        #expect(lines.contains { $0.contains("/virtualAccounts/0/partnerServiceId") && $0.contains("no biller \"55555\"") })
    }

    @Test func load_NamesBadFieldsAndDuplicates() {
        let lines = problems(adding: """
            {"virtualAccounts": [
              {"partnerServiceId": "088899", "customerNo": "12a", "virtualAccountName": "Y", "trxId": "T1",
               "virtualAccountTrxType": "Q", "totalAmount": "1.00"},
              {"partnerServiceId": "088899", "customerNo": "00000000000000000001", "virtualAccountName": "Y", "trxId": "T2",
               "virtualAccountTrxType": "C", "expiredDate": "tomorrow"},
              {"partnerServiceId": "  088899", "customerNo": "00000000000000000001", "virtualAccountName": "Y",
               "trxId": "T3", "virtualAccountTrxType": "O"}
            ]}
            """)
        #expect(lines.contains { $0.contains("/virtualAccounts/0/customerNo") && $0.contains("digits") })
        #expect(lines.contains { $0.contains("/virtualAccounts/0/virtualAccountTrxType") && $0.contains("\"Q\"") })
        #expect(lines.contains { $0.contains("/virtualAccounts/1/totalAmount") })
        #expect(lines.contains { $0.contains("/virtualAccounts/1/expiredDate") && $0.contains("ISO-8601") })
        // The same number as the default closed VA (spaces aside) is a duplicate.
        #expect(lines.contains { $0.contains("/virtualAccounts/2") && $0.contains("duplicate virtual account") })
    }
}
