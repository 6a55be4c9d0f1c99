/// Coded as its limit and the records it keeps, oldest first; decoding appends them again, which rebuilds the
/// indexes exactly (each maps a reference to its latest kept record). The indexes are derived, so a snapshot
/// need not carry them (three dictionaries of up to `limit` entries each).
extension ReferencedRecords: Codable where Record: Codable {
    private enum CodingKeys: String, CodingKey {
        case limit, records
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(limit: try container.decode(Int.self, forKey: .limit))
        for record in try container.decode([Record].self, forKey: .records) { append(record) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limit, forKey: .limit)
        try container.encode(all, forKey: .records)
    }
}

/// Coded as its limit and the movements it keeps, oldest first; decoding appends them again, which rebuilds
/// the per-holder index.
extension MovementLog: Codable {
    private enum CodingKeys: String, CodingKey {
        case limit, entries
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(limit: try container.decode(Int.self, forKey: .limit))
        for movement in try container.decode([LedgerMovement].self, forKey: .entries) { append(movement) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limit, forKey: .limit)
        try container.encode(all, forKey: .entries)
    }
}
