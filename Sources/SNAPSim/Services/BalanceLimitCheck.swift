import SimHTTP
import SimJSON

/// Balance limitation check (seed 000): `GET /b2b/customer/balance/limit?accountId=…`.
///
/// Answers bare JSON numbers outside the SNAP envelope: `topupLimit` (balance cap), `topupLimitMonthly`
/// (monthly top-up cap) and `sisaTopup` (what may still be topped up, never below zero). Errors use the SNAP
/// envelope with service code `00`.
struct BalanceLimitCheck: SNAPService {
    let descriptor = ServiceDescriptor.balanceLimitCheck

    var answers: [ServiceAnswer] {
        [
            ServiceAnswer(ServiceAnswer.success.key, "accountId is a customer: plain {topupLimit, topupLimitMonthly, sisaTopup}"),
            ServiceAnswer(SNAPError.invalidFieldFormat(""), "accountId is not 08… digits (≤16)"),
            ServiceAnswer(SNAPError.invalidMandatoryField(""), "the accountId query parameter is missing"),
            ServiceAnswer(SNAPError.invalidAccount(), "accountId is not a customer of the ledger"),
        ]
    }

    func respond(to request: ServiceRequest, state: inout PartnerState) throws(SNAPError) -> Outcome {
        let query = RequestFields(
            request.exchange.request.queryValue("accountId").map { ["accountId": .string($0)] } ?? [:])
        let accountId = try query.customerNumber("accountId", required: true, maxLength: 16) ?? ""
        guard let account = state.ledger.customer(accountId) else {
            throw SNAPError.invalidAccount().explained(
                ["summary": .string("no e-money customer \(accountId) in the fixtures (customers.json)")])
        }
        let tier = try request.tier(of: account)
        let headroom = state.ledger.headroom(accountId, tier: tier, at: request.time)
        return .plain(status: 200, body: [
            "topupLimit": tier.balanceCap.jsonNumber,
            "topupLimitMonthly": tier.monthlyTopUpCap.jsonNumber,
            "sisaTopup": headroom.available.jsonNumber,
        ])
    }
}
