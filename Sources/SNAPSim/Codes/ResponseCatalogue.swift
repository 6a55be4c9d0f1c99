/// The SNAP response-code catalogue: a message template per HTTP status and case code, loaded from
/// `fixtures/response-codes.json`.
///
/// Entries are general (`403xx04`, valid for every service) or specific to one service (`4033704`), which
/// wins over the general entry for that service — room for providers whose wording differs.
public struct ResponseCatalogue: Sendable {
    /// One line of the catalogue.
    public struct Entry: Sendable, Hashable {
        /// HTTP status and case code.
        public var key: CaseKey
        /// `nil` for a general entry (`403xx04`); a service code for an override (`4033704`).
        public var service: ServiceCode?
        /// The `responseMessage` template.
        public var message: MessageTemplate
        /// When a provider answers it, for listings (`snapsim codes`).
        public var meaning: String?

        /// An entry; `service` `nil` makes it general.
        public init(key: CaseKey, service: ServiceCode? = nil, message: MessageTemplate, meaning: String? = nil) {
            self.key = key
            self.service = service
            self.message = message
            self.meaning = meaning
        }

        /// `403xx04` or `4033704`.
        public var pattern: String {
            "\(key.httpStatus)\(service?.rawValue ?? "xx")\(key.caseCode)"
        }
    }

    private var general: [CaseKey: Entry] = [:]
    /// Keyed by code and service rather than by the pattern's text: a look-up per answer then builds no string.
    private var specific: [SpecificKey: Entry] = [:]

    private struct SpecificKey: Hashable {
        var key: CaseKey
        var service: ServiceCode
    }

    /// The catalogue of the embedded default fixtures (the general SNAP table), so that a
    /// ``LoadedFixtures`` built in code renders the same messages as the shipped simulator.
    public init() {
        self = LoadedFixtures.embeddedCatalogue
    }

    /// A catalogue of exactly these entries; a later entry for the same pattern replaces an earlier one.
    public init(entries: [Entry]) {
        for entry in entries {
            if let service = entry.service {
                specific[SpecificKey(key: entry.key, service: service)] = entry
            } else {
                general[entry.key] = entry
            }
        }
    }

    /// Every entry, general ones first, each group sorted by code.
    public var entries: [Entry] {
        general.values.sorted { $0.key < $1.key }
            + specific.values.sorted { ($0.key, $0.service?.rawValue ?? "") < ($1.key, $1.service?.rawValue ?? "") }
    }

    /// The entry that applies to `key` on `service`: the service's own, else the general one.
    public func entry(for key: CaseKey, service: ServiceCode? = nil) -> Entry? {
        if let service, !specific.isEmpty, let entry = specific[SpecificKey(key: key, service: service)] {
            return entry
        }
        return general[key]
    }

    /// Whether the catalogue can word `key` for `service` (or in general).
    public func contains(_ key: CaseKey, service: ServiceCode? = nil) -> Bool {
        entry(for: key, service: service) != nil
    }

    /// The message for `key` with `{placeholders}` filled in, using the general entry.
    public func message(for key: CaseKey, placeholders: [String: String]) -> String {
        message(for: key, service: nil, placeholders: placeholders)
    }

    /// The message for `key` as `service` words it, with `{placeholders}` filled in.
    ///
    /// A code the catalogue lacks (only reachable through code paths that validation missed) reads as its
    /// HTTP reason phrase rather than failing the request.
    public func message(for key: CaseKey, service: ServiceCode?, placeholders: [String: String]) -> String {
        guard let entry = entry(for: key, service: service) else { return Self.fallbackMessage(key) }
        return entry.message.filled(placeholders)
    }

    static func fallbackMessage(_ key: CaseKey) -> String {
        switch key.httpStatus {
        case 200..<300: "Successful"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 429: "Too Many Requests"
        case 504: "Timeout"
        default: "General Error"
        }
    }
}
