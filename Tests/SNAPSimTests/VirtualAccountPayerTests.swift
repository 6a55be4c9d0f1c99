import Foundation
import SimHTTP
import SimJSON
import Testing

@testable import SNAPSim

/// The simulated customer who pays a VA (`/_sim/payer/va`), over real sockets, with the default fixtures: the
/// payment is the same ledger event as a bank's VA payment (25), seen by the partner's status inquiry and on the
/// biller's merchant account, and stays within the partner's own state.
@Suite(.serialized) struct VirtualAccountPayerTests {
    static let prefix = "  088899"
    static let createPath = "/v1.0/transfer-va/create-va"
    static let statusPath = "/v1.0/transfer-va/status"
    static let merchant = "/_sim/accounts/0888990001"

    static func identity(_ customerNo: String) -> JSONObject {
        [
            "partnerServiceId": .string(prefix), "customerNo": .string(customerNo),
            "virtualAccountNo": .string(prefix + customerNo),
        ]
    }

    static func create(_ customerNo: String, _ trxId: String, total: String, type: String) -> JSONValue {
        var body = identity(customerNo)
        body["virtualAccountName"] = "Payer Test"
        body["trxId"] = .string(trxId)
        body["totalAmount"] = ["value": .string(total), "currency": "IDR"]
        body["virtualAccountTrxType"] = .string(type)
        return .object(body)
    }

    @Test func payer_PaysAPartnersVA_AsItsStatusAndTheMerchantAccountShow() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let client = try live.connect()
        let token = try client.token(live.world, .alpha)
        let customerNo = "70000000000000000001"
        let created = try client.call(
            live.world.transaction(
                .alpha, token: token, Self.createPath,
                Self.create(customerNo, "INV-PAYER-1", total: "300000.00", type: "I")))
        #expect(created.code == "2002700", "\(created.text)")

        let first = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": .string(Self.prefix + customerNo), "amount": "120000.00",
                "paymentRequestId": "PAYER-A",
            ])
        #expect(first.status == 201)
        #expect(first["/paid/amount/value"] == "120000.00")
        #expect(first["/settled"] == false)
        #expect(first["/virtualAccount/paidAmount/value"] == "120000.00")
        #expect(first["/virtualAccount/latestTransactionStatus"] == "02")
        #expect(first["/merchantAccountNo"] == "0888990001")

        let retry = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": .string(Self.prefix + customerNo), "amount": "120000.00",
                "paymentRequestId": "PAYER-A",
            ])
        #expect(retry.status == 200)
        #expect(retry["/replayed"] == true)
        #expect(retry["/paid/referenceNo"] == first["/paid/referenceNo"])

        let tooMuch = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": .string(Self.prefix + customerNo), "amount": "180000.01",
            ])
        #expect(tooMuch.status == 404)
        #expect(tooMuch["/responseCode"] == "4042513")

        let rest = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": .string(Self.prefix + customerNo), "amount": "180000.00",
            ])
        #expect(rest.status == 201)
        #expect(rest["/settled"] == true)
        #expect(rest["/paid/paymentRequestId"]?.stringValue?.hasPrefix("PAYER-") == true)

        let status = try client.call(
            live.world.transaction(.alpha, token: token, Self.statusPath, .object(Self.identity(customerNo))))
        #expect(status.code == "2002600", "\(status.text)")
        #expect(status["/virtualAccountData/paidAmount/value"] == "300000.00")
        #expect(status["/virtualAccountData/latestTransactionStatus"] == "00")

        let merchant = try live.admin(.get, Self.merchant + "?partner=partner-alpha")
        #expect(merchant["/accountInfos/0/availableBalance/value"] == "300000.00")
        // Another partner's ledger never sees it.
        #expect(
            try live.admin(.get, Self.merchant + "?partner=partner-beta")["/accountInfos/0/availableBalance/value"]
                == "0.00")
        let listed = try live.admin(.get, "/_sim/payer/va?partner=partner-beta")
        #expect(listed["/virtualAccounts/0/trxId"] == "FIXTURE-VA-CLOSED")
        #expect(listed["/virtualAccounts/0/paidAmount/value"] == "0.00")
        #expect(listed["/virtualAccounts/5"] == nil)
    }

    @Test func payer_RefusesWhatABankWouldBeRefused_AndNamesWhatIsMissing() throws {
        let live = try LiveServer(ControlWorld())
        defer { live.server.shutdown() }
        let expired = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": .string(Self.prefix + "00000000000000000004"), "amount": "50000.00",
            ])
        #expect(expired.status == 404)
        #expect(expired["/responseCode"] == "4042519")
        let unknown = try live.admin(
            .post, "/_sim/payer/va?partner=partner-alpha",
            [
                "virtualAccountNo": "  08889999", "amount": "50000.00",
            ])
        #expect(unknown["/responseCode"] == "4042512")
        #expect(unknown["/responseMessage"] == "Invalid Bill/Virtual Account [not found]")
        #expect(try live.admin(.post, "/_sim/payer/va?partner=partner-alpha", ["amount": "1.00"]).status == 400)
        #expect(
            try live.admin(
                .post, "/_sim/payer/va?partner=partner-alpha",
                [
                    "virtualAccountNo": "  08889900000000000000000001", "amount": "150000",
                ]
            ).status == 400)
        #expect(
            try live.admin(.post, "/_sim/payer/va?partner=nobody", ["virtualAccountNo": "1", "amount": "1.00"]).status
                == 404)
        #expect(try live.admin(.put, "/_sim/payer/va?partner=partner-alpha").status == 405)
    }
}
