import SimHTTP
import SimJSON

/// `POST /_sim/reset` and `GET`/`POST /_sim/clock`.
extension AdminAPI {
    func reset(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        guard request.method == .post else { throw notAllowed(request, allowed: "POST") }
        let partner = try partner(request, required: false)
        var seed: UInt64?
        if let text = request.queryValue("seed") {
            guard let value = UInt64(text) else {
                return error(400, "seed: expected a whole number from 0 to \(UInt64.max), got \"\(text)\".")
            }
            seed = value
        }
        simulator.reset(partner: partner, seed: seed)
        var answer: JSONObject = ["reset": partner.map(JSONValue.string) ?? "all"]
        if let seed { answer["seed"] = .string(String(seed)) }
        return json(200, .object(answer))
    }

    func clock(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .get:
            return clockState()
        case .post:
            let usage =
                #"Send {"advance": "901s"} (units ms, s, m, h, d, mo) or {"set": "2026-01-31T23:59:00+07:00"}, "#
                + #"optionally with "mode": "fixed" or "real" (alone, it switches the mode at the current time)."#
            guard let body = try jsonBody(request, usage: usage).objectValue else { return error(400, usage) }
            var mode: SimulatorClock.Mode?
            if let member = body["mode"] {
                switch member.stringValue {
                case "fixed": mode = .fixed
                case "real": mode = .real
                default: return error(400, "mode: expected \"fixed\" or \"real\".")
                }
            }
            var target: SimTime
            if let text = body["advance"]?.stringValue {
                guard let step = ClockStep(text) else { return error(400, "advance: \(ClockStep.problem(with: text)).") }
                // Moving back is what `set` is for: an advance that rewinds would be a surprise in a test log.
                guard !step.isNegative else {
                    return error(400, "advance: \"\(text)\" is negative; the clock only advances. Use {\"set\": \"<instant>\"} to move it back.")
                }
                target = step.applied(to: simulator.clock.now())
            } else if let text = body["set"]?.stringValue {
                guard let timestamp = ISO8601Timestamp(text) else {
                    return error(400, "set: \"\(text)\" is not an ISO-8601 instant with a zone.")
                }
                target = timestamp.time
            } else if mode != nil {
                target = simulator.clock.now()
            } else {
                return error(400, usage)
            }
            if let mode { simulator.clock.set(target, mode: mode) } else { simulator.clock.set(target) }
            return clockState()
        default:
            throw notAllowed(request, allowed: "GET, POST")
        }
    }

    private func clockState() -> HTTPReply {
        let mode: JSONValue = simulator.clock.mode == .fixed ? "fixed" : "real"
        return json(200, ["now": .string(simulator.clock.now().description), "mode": mode])
    }
}
