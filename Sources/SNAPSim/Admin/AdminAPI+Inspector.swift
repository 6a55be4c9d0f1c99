import SimHTTP
import SimJSON

/// What the web inspector (`GET /_sim/ui`, issue 16) needs besides the endpoints it shares with scripts:
/// - `GET /_sim/ui`: the page itself. It holds no data, so it is served without the admin token; everything it
///   shows comes from the token-guarded endpoints, called with the token the user types into its form.
/// - `GET /_sim/partners`: the partners of the fixtures (id, name, profile, signing), for the page's pickers.
/// - `GET /_sim/accounts[?partner=ID]`: every e-money customer and merchant account with its balance.
extension AdminAPI {
    static let inspectorPath = "/_sim/ui"
    static let partnersPath = "/_sim/partners"
    static let accountListPaths: Set<String> = ["/_sim/accounts", "/_sim/accounts/"]
    /// Movements listed per account in `GET /_sim/accounts/{id}`, newest first.
    static let listedMovements = 50

    func inspector(_ request: HTTPRequest) -> HTTPReply {
        guard request.method == .get || request.method == .head else { return methodNotAllowed(request, allowed: "GET") }
        let page = InspectorPage.shared
        var headers = page.headers
        headers["Date"] = simulator.clock.now().httpDate
        return .respond(HTTPResponse(status: .ok, headers: headers, body: request.method == .head ? [] : page.bytes))
    }

    func partners(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
        let fixtures = simulator.fixtures
        let list = fixtures.partners.values.sorted { $0.clientId < $1.clientId }
        return json(200, [
            "partners": .array(list.map { partner in
                [
                    "clientId": .string(partner.clientId), "name": .string(partner.name),
                    "profile": .string(partner.profile ?? fixtures.engine.defaultProfile),
                    "signing": .string(partner.signing.rawValue),
                ]
            })
        ])
    }

    func accountList(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .get else { throw notAllowed(request, allowed: "GET") }
        let partner = try partner(request, required: false)
        let fixtures = simulator.fixtures
        let ledger = partner.flatMap { simulator.partnerState($0)?.ledger } ?? fixtures.ledger
        let customers = ledger.customers.values.sorted { $0.customer.customerNumber < $1.customer.customerNumber }
        let accounts = ledger.accounts.values.sorted { $0.accountNo < $1.accountNo }
        return json(200, [
            "partner": partner.map(JSONValue.string) ?? .null,
            "customers": .array(customers.map { account in
                [
                    "customerNumber": .string(account.customer.customerNumber), "name": .string(account.customer.name),
                    "tier": .string(account.customer.tier), "status": .string(account.customer.status.rawValue),
                    "balance": account.balance.json,
                ]
            }),
            "accounts": .array(accounts.map { account in
                [
                    "accountNo": .string(account.accountNo), "name": .string(account.name),
                    "status": .string(account.status),
                    "balance": account.accountInfos.first.map { $0.availableBalance.json } ?? .null,
                ]
            }),
        ])
    }

    /// The holder's newest movements, as the account view lists them.
    static func movements(of holder: MovementHolder, in ledger: Ledger) -> JSONValue {
        .array(ledger.history(of: holder).prefix(listedMovements).map { movement in
            [
                "time": .string(movement.time.description), "type": .string(movement.type.rawValue),
                "direction": .string(movement.direction.rawValue), "amount": movement.amount.json,
                "fee": movement.fee.json, "service": .string(movement.service.description),
                "partnerReferenceNo": movement.partnerReferenceNo.map(JSONValue.string) ?? .null,
                "referenceNo": movement.referenceNo.map(JSONValue.string) ?? .null,
                "remark": .string(movement.remark), "status": .string(movement.status.rawValue),
            ]
        })
    }
}
