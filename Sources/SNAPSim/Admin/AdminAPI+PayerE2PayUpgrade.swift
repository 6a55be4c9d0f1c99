import SimHTTP
import SimJSON

/// E2Pay's back office for upgrade requests (maker/checker): `POST /_sim/payer/e2pay-upgrade?partner=ID` with
/// `{"accountId": "08…", "decision": "verify" | "approve" | "reject", "by"?: "name", "reason"?: "text"}`.
/// The maker verifies, then a checker (another person) approves — the account is premium at once — or rejects;
/// the maker may also reject. `GET` lists the partner's upgrade requests.
extension AdminAPI {
    static let payerE2PayUpgradePath = "/_sim/payer/e2pay-upgrade"
    static let payerE2PayUpgradeUsage =
        "Send {\"accountId\": \"081234560001\", \"decision\": \"verify\"} (maker), then \"approve\" or \"reject\" (checker)."

    func payerE2PayUpgrade(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard let partner = try partner(request, required: true) else {
            return error(400, "Name the partner: ?partner=<clientId>.")
        }
        if request.method == .get {
            let upgrades = simulator.withPartner(partner) { state, _ in
                state.e2pay.upgrades.values.sorted { $0.accountId < $1.accountId }
            }
            return json(200, ["partner": .string(partner), "upgrades": .array(upgrades.map(\.json))])
        }
        guard request.method == .post else { throw notAllowed(request, allowed: "GET, POST") }
        let body = try jsonBody(request, usage: Self.payerE2PayUpgradeUsage)
        guard let object = body.objectValue, let accountId = object["accountId"]?.stringValue,
            let decision = object["decision"]?.stringValue
        else { return error(400, "accountId and decision are needed. \(Self.payerE2PayUpgradeUsage)") }
        guard ["verify", "approve", "reject"].contains(decision) else {
            return error(400, "decision must be verify, approve or reject, not \(decision). \(Self.payerE2PayUpgradeUsage)")
        }
        let officer = object["by"]?.stringValue ?? (decision == "verify" ? "maker" : "checker")
        let reason = object["reason"]?.stringValue
        let now = simulator.clock.now()
        let result: Result<JSONValue, E2PayUpgradeDecisionError> = simulator.withPartner(partner) { state, _ in
            state.ledger.open(at: now)
            guard var upgrade = state.e2pay.upgrades[accountId] else {
                return .failure(.init(status: 404, "\(accountId) has no upgrade request: the customer sends POST /switching/b2b/customer/me/upgradeRequest first."))
            }
            guard upgrade.status == .submitted else {
                return .failure(.init(status: 409, "Upgrade \(upgrade.id) of \(accountId) is already \(upgrade.status.rawValue)."))
            }
            switch decision {
            case "verify":
                guard upgrade.verifiedBy == nil else {
                    return .failure(.init(status: 409, "Upgrade \(upgrade.id) was already verified by \(upgrade.verifiedBy ?? ""): a checker approves or rejects it now."))
                }
                upgrade.verifiedBy = officer
            case "approve":
                guard let maker = upgrade.verifiedBy else {
                    return .failure(.init(status: 409, "Upgrade \(upgrade.id) is not verified yet: the maker sends decision verify first."))
                }
                guard maker != officer else {
                    return .failure(.init(status: 409, "\(officer) verified upgrade \(upgrade.id) and may not also approve it (maker/checker): give another \"by\"."))
                }
                guard state.ledger.changeTier(accountId, to: E2PayLimits.premiumTier) else {
                    return .failure(.init(status: 404, "\(accountId) is no customer of the ledger."))
                }
                upgrade.status = .approved
                upgrade.decidedBy = officer
                upgrade.decidedAtMs = now.millisecondsSince1970
            default:
                if let maker = upgrade.verifiedBy, maker == officer {
                    return .failure(.init(status: 409, "\(officer) verified upgrade \(upgrade.id) and may not also decide it: give another \"by\"."))
                }
                upgrade.status = .rejected
                upgrade.decidedBy = officer
                upgrade.reason = reason
                upgrade.decidedAtMs = now.millisecondsSince1970
            }
            state.e2pay.upgrades[accountId] = upgrade
            var answer = upgrade.json.objectValue ?? [:]
            let premium = state.ledger.customer(accountId)?.customer.tier == E2PayLimits.premiumTier
            answer["accountTypeId"] = .string(premium ? "CUSTOMER_PREMIUM" : "CUSTOMER_BASIC")
            return .success(.object(answer))
        }
        switch result {
        case .success(let answer): return json(200, answer)
        case .failure(let failure): return error(failure.status, failure.message)
        }
    }
}

/// Why the back office could not take a decision: an HTTP status and what to do.
struct E2PayUpgradeDecisionError: Error {
    let status: Int
    let message: String

    init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }
}
