/// The recent requests of every partner, each partner's kept in a ring of fixed size so memory stays flat
/// however long the simulator runs.
public struct Journal: Sendable {
    /// Entries kept per partner (and for requests that named no partner).
    public let capacityPerPartner: Int
    private var rings: [String: Ring] = [:]
    private var nextSequence = 1

    /// Requests that named no known partner are kept under this key.
    static let anonymous = ""

    public init(capacityPerPartner: Int) {
        self.capacityPerPartner = max(1, capacityPerPartner)
    }

    public mutating func record(_ make: (_ sequence: Int) -> JournalEntry) {
        let entry = make(nextSequence)
        nextSequence += 1
        rings[entry.partner ?? Self.anonymous, default: Ring(capacity: capacityPerPartner)].append(entry)
    }

    /// Entries matching `filter`, oldest first.
    public func entries(matching filter: JournalFilter = JournalFilter()) -> [JournalEntry] {
        let candidates: [JournalEntry]
        if let partner = filter.partner {
            candidates = rings[partner]?.elements ?? []
        } else {
            candidates = rings.values.flatMap(\.elements).sorted { $0.sequence < $1.sequence }
        }
        return candidates.filter(filter.matches)
    }

    /// Forgets one partner's entries, or all.
    public mutating func clear(partner: String? = nil) {
        if let partner { rings[partner] = nil } else { rings.removeAll() }
    }

    /// A fixed-size buffer that overwrites its oldest element.
    private struct Ring: Sendable {
        let capacity: Int
        private var storage: [JournalEntry] = []
        private var start = 0

        init(capacity: Int) {
            self.capacity = capacity
        }

        mutating func append(_ entry: JournalEntry) {
            if storage.count < capacity {
                storage.append(entry)
            } else {
                storage[start] = entry
                start = (start + 1) % capacity
            }
        }

        var elements: [JournalEntry] { Array(storage[start...] + storage[..<start]) }
    }
}

/// Which journal entries a query wants; every criterion given must match.
public struct JournalFilter: Sendable, Equatable {
    public var partner: String?
    /// Matches when the request target starts with this.
    public var path: String?
    public var service: String?
    public var responseCode: String?
    public var method: String?

    public init(partner: String? = nil, path: String? = nil, service: String? = nil, responseCode: String? = nil,
        method: String? = nil)
    {
        self.partner = partner
        self.path = path
        self.service = service
        self.responseCode = responseCode
        self.method = method
    }

    func matches(_ entry: JournalEntry) -> Bool {
        (path.map { entry.target.hasPrefix($0) } ?? true)
            && (service.map { entry.service == $0 } ?? true)
            && (responseCode.map { entry.responseCode == $0 } ?? true)
            && (method.map { entry.method.caseInsensitiveCompare($0) } ?? true)
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
