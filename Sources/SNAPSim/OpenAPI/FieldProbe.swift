import Synchronization

/// Records which body members a service reads, of which kind, and whether it requires them, so that the
/// OpenAPI document's request schemas come from the services' own validation and cannot drift from it.
///
/// A ``RequestFields`` holding a probe answers every read with a valid sample instead of the body's member
/// and records the read; the service is then run on a scratch state until it answers or refuses. Reads after
/// the first refusal (a cross-check between members, an unknown account) are not seen, which is why the
/// schemas allow members they do not list.
final class FieldProbe: Sendable {
    /// What a member must be, as the reading accessor says.
    enum Kind: String, Sendable, Equatable {
        case string, digits, customerNumber, timestamp, amount, object, strings, unknown
    }

    /// One member read by the service.
    struct Field: Sendable, Equatable {
        /// Dotted for nested members (`additionalInfo.fundType`).
        var name: String
        var kind: Kind
        var required: Bool
        var maxLength: Int?
        /// Further checks the service made, in its own words (`must be digits only`).
        var constraints: [String] = []
    }

    private let recorded = Mutex<[Field]>([])
    /// Samples for members whose form the service checks beyond the accessor (by dotted name); others get `"1"`.
    private let samples: [String: String]

    /// A probe answering `samples` for the members they name.
    init(samples: [String: String] = [:]) {
        self.samples = samples
    }

    /// The members read so far, in reading order, each once.
    var fields: [Field] { recorded.withLock { $0 } }

    private func record(_ name: String, _ kind: Kind, required: Bool, maxLength: Int? = nil) {
        recorded.withLock { fields in
            if let index = fields.firstIndex(where: { $0.name == name }) {
                // A second read of the same member (a shared helper) keeps the stricter reading.
                fields[index].required = fields[index].required || required
                if fields[index].kind == .string || fields[index].kind == .unknown { fields[index].kind = kind }
                return
            }
            fields.append(Field(name: name, kind: kind, required: required, maxLength: maxLength))
        }
    }

    func string(_ name: String, required: Bool, maxLength: Int) -> String {
        record(name, .string, required: required, maxLength: maxLength)
        return samples[name] ?? "1"
    }

    func customerNumber(_ name: String, required: Bool, maxLength: Int) -> String {
        record(name, .customerNumber, required: required, maxLength: maxLength)
        return "081234567890"
    }

    func digits(_ name: String, required: Bool, maxLength: Int) -> String {
        record(name, .digits, required: required, maxLength: maxLength)
        return "1"
    }

    func timestamp(_ name: String, required: Bool) -> ISO8601Timestamp? {
        record(name, .timestamp, required: required, maxLength: 35)
        return ISO8601Timestamp("2026-01-15T09:00:00+07:00")
    }

    func amount(_ name: String, required: Bool) -> Amount {
        record(name, .amount, required: required)
        return Amount(rupiah: 10_000)
    }

    func object(_ name: String, required: Bool) {
        record(name, .object, required: required)
    }

    func strings(_ name: String, required: Bool, maxLength: Int) -> [String] {
        record(name, .strings, required: required, maxLength: maxLength)
        return ["1"]
    }

    /// A member the service found missing without an accessor (read straight from the object): mandatory.
    func missing(_ name: String) {
        record(name, .unknown, required: true)
    }

    /// A check the service made beyond the accessor's.
    func constraint(_ name: String, _ reason: String) {
        recorded.withLock { fields in
            guard let index = fields.firstIndex(where: { $0.name == name }) else {
                fields.append(Field(name: name, kind: .unknown, required: false, constraints: [reason]))
                return
            }
            if !fields[index].constraints.contains(reason) { fields[index].constraints.append(reason) }
        }
    }
}
