import SimHTTP
import SimJSON
import SNAPSim

/// The target's clock as a run found it, so the runner can hand it back: each scenario fixes the clock at its
/// start, as in-process, but a shared `snapsim serve` running on the wall clock should run on it again after.
struct FoundClock: Sendable {
    var now: SimTime
    var fixed: Bool
    /// When it was read, to let a running clock's time go on while the run lasted.
    var readAt: ContinuousClock.Instant
}

extension HTTPTargetTransport {
    /// The target's clock before the run touches it; `nil` without an admin token (the runner never moves it
    /// then) or when the target has no clock to read (the scenarios' set-up will say so).
    func clockAsFound() async -> FoundClock? {
        guard adminToken != nil, let read = try? await readClock() else { return nil }
        return FoundClock(now: read.now, fixed: read.fixed, readAt: .now)
    }

    /// Puts the clock back as the run found it: a fixed clock at the same instant, a running one at the time it
    /// would show had nobody moved it. Best effort: the results are in by then.
    func restoreClock(_ found: FoundClock) async {
        let time = found.fixed ? found.now : found.now + (ContinuousClock.now - found.readAt)
        _ = try? await setClock(to: time, fixed: found.fixed)
    }
}

extension HTTPTargetTransport {
    /// Sets up the scenario's customers in each partner's ledger (`PUT /_sim/accounts/{number}?partner=…`), as the
    /// scenario's fixture overrides do in-process; the server's fixtures, and every other partner, are untouched.
    func setUp(_ customers: [FixtureOverrides.CustomerChange], for partners: [String]) async throws(ScenarioStepError) {
        for partner in partners {
            for change in customers {
                var body: JSONObject = [:]
                if let value = change.name { body["name"] = .string(value) }
                if let value = change.tier { body["tier"] = .string(value) }
                if let value = change.balance { body["balance"] = .string(value.value) }
                if let value = change.toppedUpThisMonth { body["toppedUpThisMonth"] = .string(value.value) }
                if let value = change.status { body["status"] = .string(value.rawValue) }
                let number = Self.percentEncoded(change.customerNumber)
                let target = "/_sim/accounts/\(number)?partner=\(Self.percentEncoded(partner))"
                var request = HTTPRequest(method: .put, target: target, body: JSONValue.object(body).compactBytes)
                request.headers["Authorization"] = "Bearer \(adminToken ?? "")"
                request.headers["Content-Type"] = "application/json"
                let response = await send(request)
                guard response.status == 200 else {
                    throw ScenarioStepError(
                        "could not set up customer \(change.customerNumber) for \(partner) on the target "
                            + "(PUT /_sim/accounts): \(response.summary) \(response.bodyText)",
                        response: response)
                }
            }
        }
    }
}
