import Foundation
import SNAPSim
import SimHTTP
import SimJSON

extension ScenarioSession {
    /// Builds the step's request as its partner would (route from the profile, token, signature), applies the
    /// step's header changes, sends it, and returns what was sent and what came back.
    mutating func send(_ step: RequestStep) async throws(ScenarioStepError) -> (SentRequest, ScenarioResponse) {
        let partnerID = context.partnerID(step.partner ?? scenario.partner)
        guard let signer = signer(for: partnerID) else {
            throw ScenarioStepError("no partner \(partnerID) in the fixtures (or on the command line)")
        }
        let partner = signer.partner
        let now = await transport.now()
        variables["now"] = .string(scenario.timestampStyle.format(now))
        variables["today"] = .string(CivilDate.jakartaDay(of: now))
        variables["partnerId"] = .string(partnerID)

        let (method, path, routeSecurity) = try route(step.target, partner: partner)
        let target = try path + queryString(step.query)
        let body = try bodyBytes(step.body, security: step.security ?? routeSecurity)
        let timestamp = scenario.timestampStyle.format(now + (step.headers.skewTimestamp ?? .zero))

        var headers: HTTPHeaders
        do {
            switch step.security ?? routeSecurity {
            case .accessToken:
                headers = try signer.tokenRequestHeaders(timestamp: timestamp)
            case .transaction:
                let needsToken = partner.signing == .symmetric || step.token != .current
                let token = needsToken ? try await token(for: partnerID, step.token) : nil
                let externalID = try externalID(reusing: step.headers.reuseExternalID, partnerID: partnerID)
                let channel = context.fixtures.channelID(for: partner, method: method, target: path)
                headers = try signer.transactionHeaders(
                    method: method, target: target, body: body, token: token, timestamp: timestamp,
                    externalID: externalID, channelID: channel)
            case .bearer:
                headers = ["Authorization": "Bearer " + (try await token(for: partnerID, step.token))]
            case .none:
                headers = body.isEmpty ? [:] : ["Content-Type": "application/json"]
            case .admin:
                guard let adminToken = transport.adminToken else {
                    throw ScenarioStepError(
                        "an \"admin\" step (\(method.rawValue) \(target)) needs snapsim's admin API: with --target pass "
                            + "--admin-token (printed by `snapsim serve`)")
                }
                headers = ["Authorization": "Bearer \(adminToken)"]
                if !body.isEmpty { headers["Content-Type"] = "application/json" }
            }
        } catch let error as PartnerSignerError {
            throw ScenarioStepError("cannot sign as \(partnerID): \(error)")
        } catch let error as ScenarioStepError {
            throw error
        } catch {
            throw ScenarioStepError("\(error)")
        }
        try change(&headers, step.headers)

        let request = HTTPRequest(method: method, target: target, headers: headers, body: body)
        let response = await transport.send(request)
        if let externalID = headers[SecurityHeader.externalID] { lastExternalID[partnerID] = externalID }
        // A B2B2C customer token (service 74) is the customer's, not the partner's B2B token: capture it instead.
        let isCustomerToken = context.fixtures.router.route(method: method, path: path[...])?.serviceCode == .accessTokenB2B2C
        if (step.security ?? routeSecurity) == .accessToken, !isCustomerToken, response.status == 200,
            let answer = response.json?.objectValue, let token = answer["accessToken"]?.stringValue
        {
            hold(token, for: partnerID, expiresIn: answer["expiresIn"], at: now)
        }
        return (SentRequest(request), response)
    }

    // MARK: - Parts of the request

    /// Method, path and security: a service's from the partner's profile, a path's from the route table.
    private func route(_ target: RequestStep.Target, partner: Partner) throws(ScenarioStepError)
        -> (HTTPMethod, String, RequestStep.Security)
    {
        switch target {
        case .service(let name):
            guard let service = ServiceDescriptor.named(name), let route = context.route(serving: service, for: partner)
            else {
                let profile = partner.profile ?? context.fixtures.engine.defaultProfile
                throw ScenarioStepError("profile \(profile) of partner \(partner.clientId) serves no \(name)")
            }
            return (route.method, route.path, RequestStep.Security(route.security))
        case .path(let method, let template):
            let path = try rendered(template, "path")
            let security = context.fixtures.router.route(method: method, path: path[...])?.security
            return (method, path, security.map(RequestStep.Security.init) ?? .transaction)
        }
    }

    private func queryString(_ query: [(name: String, value: Template)]) throws(ScenarioStepError) -> String {
        guard !query.isEmpty else { return "" }
        var pairs: [String] = []
        for (name, value) in query {
            pairs.append(Self.percentEncoded(name) + "=" + Self.percentEncoded(try rendered(value, "query \(name)")))
        }
        return "?" + pairs.joined(separator: "&")
    }

    private func bodyBytes(_ body: RequestStep.Body, security: RequestStep.Security) throws(ScenarioStepError)
        -> [UInt8]
    {
        switch body {
        case .none:
            return security == .accessToken ? Array(PartnerSigner.tokenRequestBody.utf8) : []
        case .json(let value):
            do {
                return try variables.substituted(in: value).compactBytes
            } catch {
                throw ScenarioStepError("body: \(error)")
            }
        case .raw(let template):
            return Array(try rendered(template, "rawBody").utf8)
        }
    }

    private mutating func externalID(reusing: Bool, partnerID: String) throws(ScenarioStepError) -> String {
        guard reusing else { return freshExternalID() }
        guard let previous = lastExternalID[partnerID] else {
            throw ScenarioStepError("reuseExternalId: \(partnerID) has sent no X-EXTERNAL-ID yet in this scenario")
        }
        return previous
    }

    /// The step's header changes, after signing: a changed header is what the partner got wrong.
    private func change(_ headers: inout HTTPHeaders, _ changes: HeaderChanges) throws(ScenarioStepError) {
        if changes.tamperSignature, let signature = headers[SecurityHeader.signature], let first = signature.first {
            // "0" and "1" are digits of both Base64 and hex, and differ in either (hex compares without case).
            headers[SecurityHeader.signature] = (first == "0" ? "1" : "0") + signature.dropFirst()
        }
        for set in changes.set { headers[set.name] = try rendered(set.value, "setHeaders \(set.name)") }
        for name in changes.omit { headers.remove(name) }
    }

    private func rendered(_ template: Template, _ place: String) throws(ScenarioStepError) -> String {
        do {
            return try template.rendered(variables)
        } catch {
            throw ScenarioStepError("\(place): \(error)")
        }
    }

    /// RFC 3986 unreserved characters stay; everything else is `%XX`.
    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
