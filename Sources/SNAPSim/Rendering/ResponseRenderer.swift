import SimHTTP
import SimJSON

/// A rendered reply and the `responseCode` its body carries, so the journal need not parse the bytes again.
struct RenderedReply {
    var reply: HTTPReply
    var responseCode: String?
}

/// The one place answers are written: every ``Outcome`` (a service's answer, a rejection, a rule's code, body or
/// patch, a forced outcome) and every unrouted 404/405 becomes HTTP here, in the partner's dialect: the
/// profile's customer-number form, its printed response codes and its member filter are applied first, and
/// a rule's patch after them, so a patched answer reads like the profile's normal ones. Pure: runs outside
/// every lock.
struct ResponseRenderer {
    private let shared: SharedFixtures
    let explain: Bool

    /// A renderer of the world's fixtures (by reference: no copy of the fixtures per request).
    init(world: World, explain: Bool) {
        shared = world.shared
        self.explain = explain
    }

    init(fixtures: LoadedFixtures, explain: Bool) {
        shared = SharedFixtures(fixtures)
        self.explain = explain
    }

    /// The fixtures answers are written with, borrowed from the shared set.
    var fixtures: LoadedFixtures {
        _read { yield shared.fixtures }
    }

    func render(_ outcome: Outcome, for exchange: Exchange) -> RenderedReply {
        switch outcome {
        case .fault(let action, let delay), .amended(.fault(let action, let delay), _, _, _):
            return RenderedReply(reply: HTTPReply(action, delay: outcome.delay > delay ? outcome.delay : delay), responseCode: nil)
        default:
            break
        }
        guard let (status, body) = body(of: outcome, exchange.route) else {
            return RenderedReply(reply: HTTPReply(.closeWithoutResponse), responseCode: nil)
        }
        var rendered = reply(status: status, body: body, at: exchange.receivedAt, delay: outcome.delay)
        if case .accessToken = exchange.route.security, let clientKey = exchange.request.headers["X-CLIENT-KEY"] {
            // ASPI: a token response echoes the client key it was issued to.
            rendered.setHeader("X-CLIENT-KEY", Self.headerSafe(clientKey))
        }
        if explain, case .rejected(let error, _) = outcome, let summary = error.explanation?["summary"]?.stringValue {
            rendered.setHeader("X-Snapsim-Explain", Self.headerSafe(summary))
        }
        return rendered
    }

    /// The status and body `outcome` is answered with on `route`, in the route's dialect; `nil` for a fault.
    func body(of outcome: Outcome, _ route: Route) -> (Int, JSONValue)? {
        switch outcome {
        case .snap(let key, let fields, _):
            let dialect = DialectTranslation(dialect: route.dialect)
            return (key.httpStatus, .object(shaped(envelope(key, [:], route) + dialect.toPartner(fields), route.dialect)))
        case .rejected(let error, _):
            var body = envelope(error.key, error.placeholders, route)
            if explain, let explanation = error.explanation {
                body["additionalInfo"] = .object(["explain": .object(explanation)])
            }
            return (error.key.httpStatus, .object(shaped(body, route.dialect)))
        case .plain(let status, let body, _):
            return (status, body)
        case .amended(let base, let status, let patch, _):
            guard let (normalStatus, normalBody) = self.body(of: base, route) else { return nil }
            return (status ?? normalStatus, patch.map { JSONMergePatch.apply($0, to: normalBody) } ?? normalBody)
        case .fault:
            return nil
        }
    }

    /// The envelope with the message of `key` and the response code the profile prints for it (BCA writes
    /// `4001101` for Invalid Mandatory Field).
    private func envelope(_ key: CaseKey, _ placeholders: [String: String], _ route: Route) -> JSONObject {
        var body = SNAPEnvelope.body(key, service: route.serviceCode, placeholders: placeholders, catalogue: fixtures.catalogue)
        let printed = route.dialect.printedKey(key)
        if printed != key {
            body["responseCode"] = .string(ResponseCode(printed, service: route.serviceCode).description)
        }
        if let message = route.dialect.responseMessages[key] {
            body["responseMessage"] = .string(message.filled(placeholders))
        }
        route.dialect.envelope.apply(to: &body, key, service: route.serviceCode)
        return body
    }

    /// Only the members the profile's SDK accepts, when the route lists them (DOKU's models refuse others).
    private func shaped(_ body: JSONObject, _ dialect: RouteDialect) -> JSONObject {
        guard let kept = dialect.responseFields else { return body }
        return JSONObject(uniqueMembers: body.members.filter {
            $0.key == "responseCode" || $0.key == "responseMessage" || kept.contains($0.key)
        })
    }

    private func reply(status: Int, body: JSONValue, at time: SimTime, delay: Duration) -> RenderedReply {
        let stamp = ResponseStamps.shared.stamp(for: time)
        var headers = HTTPHeaders()
        headers.reserveCapacity(4)  // room for X-CLIENT-KEY or X-Snapsim-Explain without regrowing
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "X-TIMESTAMP", value: stamp.timestamp)
        headers.add(name: "Date", value: stamp.date)
        let response = HTTPResponse(status: HTTPStatus(code: status), headers: headers, body: body.compactBytes)
        return RenderedReply(
            reply: HTTPReply(.respond(response), delay: delay), responseCode: body.objectValue?["responseCode"]?.stringValue)
    }

    /// Header values must stay on one line of visible ASCII.
    static func headerSafe(_ text: String) -> String {
        // Almost always visible ASCII already (every rejection's summary): then the text itself, not a copy
        // built character by character.
        // Read as contiguous bytes: `UTF8View.allSatisfy` went through the generic iterator, ~25 instructions a
        // byte (2k per explained rejection).
        var text = text
        let visible = text.withUTF8 { bytes in
            var all = true
            for byte in bytes where byte < 0x20 || byte >= 0x7F { all = false; break }
            return all
        }
        if visible { return text }
        return String(
            text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "?" })
    }
}

extension RenderedReply {
    mutating func setHeader(_ name: String, _ value: String) {
        guard case .respond(var response) = reply.action else { return }
        response.headers[name] = value
        reply.action = .respond(response)
    }
}

extension JSONObject {
    /// The envelope `lhs` with the fields `rhs` set on it, except the two members the envelope decides.
    static func + (lhs: JSONObject, rhs: JSONObject) -> JSONObject {
        var result = lhs
        // Lengths first (12 and 15): most field names differ from both in length, and a full comparison of two
        // strings of different lengths is needless work per member of every answer.
        result.merge(rhs) { key in
            switch key.utf8.count {
            case 12: key != "responseCode"
            case 15: key != "responseMessage"
            default: true
            }
        }
        return result
    }
}
