import SimHTTP
import SimJSON

/// Answers to requests no route takes, written like every other answer: the catalogue's code and message,
/// `X-TIMESTAMP`, and the dialect of the profile the request most likely speaks.
extension ResponseRenderer {
    /// The service code of answers that belong to no service.
    static let noService: ServiceCode = "00"
    /// `404xx02 Invalid Routing`: no service at this path.
    static let unknownPath = CaseKey(httpStatus: 404, caseCode: "02")
    /// `405xx00 Requested Function Is Not Supported`: the path is served for other methods.
    static let wrongMethod = CaseKey(httpStatus: 405, caseCode: "00")

    /// 405 with `Allow` when the path is served for other methods, else 404, each saying where to look.
    ///
    /// The profile is the one of the partner the request names, else the one whose paths the request's path
    /// shares most leading segments with, else the default. When that profile's SDK refuses members it does not
    /// know (DOKU), the body carries only `responseCode` and `responseMessage`; the explanation stays in the
    /// `X-Snapsim-Explain` header.
    func unroutable(_ request: HTTPRequest, at time: SimTime) -> RenderedReply {
        let router = fixtures.router
        let allowed = Array(Set(router.entries.filter { $0.path == request.path }.map(\.method.rawValue))).sorted()
        let key = allowed.isEmpty ? Self.unknownPath : Self.wrongMethod
        let summary = allowed.isEmpty
            ? "No SNAP service is served at \(request.method) \(request.path)"
            : "\(request.path) is served for \(allowed.joined(separator: ", ")), not \(request.method)"
        var explanation: JSONObject = ["summary": .string(summary)]
        if allowed.isEmpty { explanation["hint"] = "Run `snapsim routes` to list the paths each profile serves." }

        let profile = likelyProfile(of: request)
        let filters = profile?.routes.contains { $0.dialect.responseFields != nil } ?? false
        let route = Route(
            serviceName: "unrouted", serviceCode: Self.noService, security: .transaction,
            profile: profile?.name ?? fixtures.engine.defaultProfile, dialect: profile?.dialect ?? RouteDialect())
        var body = SNAPEnvelope.body(key, service: Self.noService, catalogue: fixtures.catalogue)
        let printed = route.dialect.printedKey(key)
        if printed != key { body["responseCode"] = .string(ResponseCode(printed, service: Self.noService).description) }
        if explain, !filters { body["additionalInfo"] = ["explain": .object(explanation)] }
        let exchange = Exchange(request: request, route: route, receivedAt: time)
        var rendered = render(.plain(status: key.httpStatus, body: .object(body)), for: exchange)
        if !allowed.isEmpty { rendered.setHeader("Allow", allowed.joined(separator: ", ")) }
        if explain { rendered.setHeader("X-Snapsim-Explain", Self.headerSafe(summary)) }
        return rendered
    }

    /// The profile `request` most likely speaks.
    private func likelyProfile(of request: HTTPRequest) -> Profile? {
        for header in [SecurityHeader.partnerID, SecurityHeader.clientKey] {
            if let clientId = SecurityHeader.value(header, in: request.headers), let partner = fixtures.partners[clientId] {
                let name = partner.profile ?? fixtures.engine.defaultProfile
                return fixtures.profiles.first { $0.name == name }
            }
        }
        let segments = request.path.split(separator: "/")
        // The default profile first: another profile must share strictly more segments to be chosen.
        let ordered = fixtures.profiles.filter { $0.name == fixtures.engine.defaultProfile }
            + fixtures.profiles.filter { $0.name != fixtures.engine.defaultProfile }
        var best: (profile: Profile, shared: Int)?
        for profile in ordered {
            for route in profile.routes {
                let shared = zip(segments, route.path.split(separator: "/")).prefix { $0 == $1 }.count
                if shared > (best?.shared ?? 0) { best = (profile, shared) }
            }
        }
        return best?.profile ?? fixtures.profiles.first { $0.name == fixtures.engine.defaultProfile }
    }
}
