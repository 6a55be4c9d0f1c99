import SimHTTP
import SimJSON

/// Every answer a service can give with the loaded fixtures, and how to get it: the listing behind
/// `snapsim codes` and the documentation's table of magic values.
public struct ReachableCode: Sendable, Hashable {
    /// Where the answer comes from.
    public enum Source: String, Sendable, Hashable, Comparable {
        /// The security pipeline, before the service.
        case security
        /// The steps every service shares (permission, body parsing).
        case common
        /// The service's own validation and ledger behaviour.
        case ledger
        /// A rule of the fixtures.
        case magic

        private var order: Int {
            switch self {
            case .security: 0
            case .common: 1
            case .ledger: 2
            case .magic: 3
            }
        }

        public static func < (lhs: Source, rhs: Source) -> Bool { lhs.order < rhs.order }
    }

    /// The seven-digit `responseCode`, or `nil` for an answer outside the SNAP envelope.
    public var responseCode: String?
    /// The HTTP status, or `nil` when it is whatever the normal answer's is.
    public var httpStatus: Int?
    /// The message as rendered, placeholders shown as `{name}` when they vary.
    public var message: String
    /// Where the answer comes from.
    public var source: Source
    /// How to get it: the condition, or the rule's id and conditions.
    public var how: String

    /// Every reachable answer of `service`, sorted by HTTP status, code, then source.
    public static func list(for service: ServiceDescriptor, fixtures: LoadedFixtures) -> [ReachableCode] {
        if service.security == .e2pay { return E2PayAnswers.list(for: service, fixtures: fixtures) }
        let catalogue = fixtures.catalogue
        // A provider's own wording (profile responseMessages) when every route of the service words it so.
        let dialects = fixtures.router.entries.filter { $0.route.serviceName == service.name }.map(\.route.dialect.responseMessages)
        let wording = dialects.allSatisfy { $0 == dialects.first } ? dialects.first ?? [:] : [:]
        func code(_ answer: ServiceAnswer, _ source: Source) -> ReachableCode {
            let entry = wording[answer.key].map { ResponseCatalogue.Entry(key: answer.key, message: $0) }
                ?? catalogue.entry(for: answer.key, service: service.code)
            let plainSuccess = service == .balanceLimitCheck && answer.key.httpStatus == 200
            return ReachableCode(
                responseCode: plainSuccess ? nil : ResponseCode(answer.key, service: service.code).description,
                httpStatus: answer.key.httpStatus,
                message: plainSuccess ? "(plain JSON)" : entry?.message.text ?? ResponseCatalogue.fallbackMessage(answer.key),
                source: source, how: answer.when)
        }
        var result = PipelineAnswers.answers(for: service).map { code($0, .security) }
        // Token requests never reach the services, so neither the common answers nor rules apply to them.
        if service.security != .accessToken {
            // A service served only by GET never reads a body, so it cannot answer "body is not JSON".
            let readsBody = fixtures.router.entries.contains { $0.route.serviceName == service.name && $0.method != .get }
            result += ServiceRegistry.commonAnswers.filter {
                $0.key != SNAPError.generalError.key && ($0.key != SNAPError.badRequest.key || readsBody)
            }.map { code($0, .common) }
        }
        result += (ServiceRegistry.answersByService.first { $0.service == service }?.answers ?? []).map { code($0, .ledger) }
        for rule in fixtures.rules.rules where rule.serviceNames?.contains(service.name) ?? (service.security != .accessToken) {
            let conditions = rule.conditions.filter { if case .services = $0 { false } else { true } }.map(\.summary)
            var how = "rule \(rule.id): " + conditions.joined(separator: ", ")
            if rule.outcome.delay > .zero { how += " (after \(rule.outcome.delay.wholeMilliseconds) ms)" }
            switch rule.outcome.response {
            case .code(let key, let placeholders):
                var reachable = code(ServiceAnswer(key, how), .magic)
                reachable.message = catalogue.message(for: key, service: service.code, placeholders: placeholders)
                result.append(reachable)
            case .body(let status, _):
                result.append(ReachableCode(responseCode: nil, httpStatus: status, message: "(rule's own body)", source: .magic, how: how))
            case .e2pay(let code):
                let entry = fixtures.e2pay.entry(code)
                result.append(ReachableCode(responseCode: code, httpStatus: entry.httpStatus, message: entry.message, source: .magic, how: how))
            case .amend(let status, let patch):
                let patchedCode = patch?[pointer: JSONPointer(tokens: ["responseCode"])]?.stringValue
                let patchedMessage = patch?[pointer: JSONPointer(tokens: ["responseMessage"])]?.stringValue
                result.append(ReachableCode(
                    responseCode: patchedCode, httpStatus: status,
                    message: patchedMessage ?? "(the normal answer\(patch.map { ", patched with \($0.compactText)" } ?? ""))",
                    source: .magic, how: how))
            }
        }
        return result.sorted {
            ($0.httpStatus ?? 0, $0.responseCode ?? "", $0.source) < ($1.httpStatus ?? 0, $1.responseCode ?? "", $1.source)
        }
    }
}
