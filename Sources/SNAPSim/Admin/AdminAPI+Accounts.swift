import SimHTTP
import SimJSON

/// `GET /_sim/accounts/{id}[?partner=]`: an e-money customer or merchant account as a partner's ledger sees it
/// (`PUT` sets up a customer: AdminAPI+CustomerChange.swift).
extension AdminAPI {
    static let accountsPrefix = "/_sim/accounts/"
    /// Newest top-ups listed per customer; the count says how many there are in all.
    static let listedTopUps = 50

    func account(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        if request.method == .put { return try changeCustomer(request) }
        guard request.method == .get else { throw notAllowed(request, allowed: "GET, PUT") }
        // Account and customer numbers are digits: nothing to percent-decode.
        let id = String(request.path.dropFirst(Self.accountsPrefix.count))
        let partner = try partner(request, required: false)
        let now = simulator.clock.now()
        let fixtures = simulator.fixtures
        let view: JSONValue? = {
            let ledger = partner.flatMap { simulator.partnerState($0)?.ledger } ?? fixtures.ledger
            var object: JSONObject = [
                "partner": partner.map(JSONValue.string) ?? .null,
                "view": partner == nil ? "fixtures: the opening ledger every partner starts from" : "partner",
                "at": .string(now.description),
            ]
            if let account = ledger.customer(id) {
                for member in Self.describe(account, ledger: ledger, tier: fixtures.tiers[account.customer.tier], at: now) {
                    object[member.key] = member.value
                }
                object["movements"] = Self.movements(of: .customer(id), in: ledger)
                return .object(object)
            }
            if let account = ledger.account(id) {
                for member in Self.describe(account) { object[member.key] = member.value }
                object["movements"] = Self.movements(of: .account(id), in: ledger)
                return .object(object)
            }
            return nil
        }()
        guard let view else {
            return error(404, "No e-money customer or merchant account \"\(id)\" in the fixtures (customers.json, accounts.json).")
        }
        return json(200, view)
    }

    private static func describe(_ account: CustomerAccount, ledger: Ledger, tier: Tier?, at now: SimTime) -> JSONObject {
        let customer = account.customer
        var object: JSONObject = [
            "kind": "emoney-customer",
            "customerNumber": .string(customer.customerNumber),
            "name": .string(customer.name),
            "tier": .string(customer.tier),
            "status": .string(customer.status.rawValue),
            "balance": account.balance.json,
            "toppedUpThisMonth": ledger.toppedUp(customer.customerNumber, inMonthOf: now).json,
            "inquiriesToday": .int(ledger.inquiries(customer.customerNumber, onDayOf: now)),
        ]
        if let tier {
            let headroom = ledger.headroom(customer.customerNumber, tier: tier, at: now)
            object["mayTopUp"] = headroom.available.json
            object["limits"] = [
                "balanceCap": tier.balanceCap.json, "monthlyTopUpCap": tier.monthlyTopUpCap.json,
                "minimumTopUp": tier.minimumTopUp.json, "dailyAccountInquiryLimit": .int(tier.dailyAccountInquiryLimit),
            ]
        }
        let topUps = ledger.topUps.all.filter { $0.customerNumber == customer.customerNumber }
        object["topUpCount"] = .int(topUps.count)
        object["topUps"] = .array(topUps.suffix(listedTopUps).map { record in
            [
                "partnerReferenceNo": .string(record.partnerReferenceNo),
                "referenceNo": record.referenceNo.map(JSONValue.string) ?? .null,
                "externalId": record.externalId.map(JSONValue.string) ?? .null,
                "amount": record.amount.json,
                "status": .string(record.status.rawValue),
                "statusDesc": .string(record.status.statusDescription),
                "recordedAt": .string(record.recordedAt.description),
            ]
        })
        return object
    }

    private static func describe(_ account: MerchantAccount) -> JSONObject {
        [
            "kind": "merchant-account",
            "accountNo": .string(account.accountNo),
            "name": .string(account.name),
            "msId": account.msId.map(JSONValue.string) ?? .null,
            "registrationStatusCode": .string(account.registrationStatusCode),
            "status": .string(account.status),
            "accountInfos": .array(account.accountInfos.map { info in
                [
                    "balanceType": .string(info.balanceType), "amount": info.amount.json,
                    "floatAmount": info.floatAmount.json, "holdAmount": info.holdAmount.json,
                    "availableBalance": info.availableBalance.json, "ledgerBalance": info.ledgerBalance.json,
                    "currentMultilateralLimit": info.currentMultilateralLimit.json,
                ]
            }),
        ]
    }
}
