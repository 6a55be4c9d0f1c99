import SimBinaryCoding

/// Coded as its limit and the records it keeps, oldest first; decoding appends them again, which rebuilds the
/// indexes exactly (each maps a reference to its latest kept record). The indexes are derived, so a snapshot
/// need not carry them (three dictionaries of up to `limit` entries each). With the binary coder, records that
/// have a packed form (``PackedRecord``, top-ups) are written as one `packed` value instead of `records`.
extension ReferencedRecords: Codable where Record: Codable {
    private enum CodingKeys: String, CodingKey {
        case limit, records, packed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(limit: try container.decode(Int.self, forKey: .limit))
        let chunks: [[Record]]
        if let packed = Record.self as? any PackedRecord.Type, container.contains(.packed) {
            let bytes = try container.decode([UInt8].self, forKey: .packed)
            let path = container.codingPath + [CodingKeys.packed]
            chunks = try packed.unpackAll(erased: bytes, path: path) as! [[Record]]
        } else {
            chunks = [try container.decode([Record].self, forKey: .records)]
        }
        reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks {
            for record in chunk { append(record) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limit, forKey: .limit)
        if encoder.userInfo[.binaryCoding] != nil, let packed = Record.self as? any PackedRecord.Type {
            try container.encode(packedMemo.bytes(for: version) { packed.packRecordChunks(of: self) }, forKey: .packed)
        } else {
            try container.encode(all, forKey: .records)
        }
    }
}

extension PackedRecord {
    /// ``packChunks(of:memo:)`` for a caller that knows the records' type only at run time (`records` holds `Self`).
    fileprivate static func packRecordChunks<Record>(of records: ReferencedRecords<Record>) -> [UInt8] {
        packChunks(of: records.chunkedRecords as! ChunkedQueue<Self>, memo: records.packedChunks)
    }
}

/// Coded as its limit and the movements it keeps, oldest first; decoding appends them again, which rebuilds
/// the per-holder index. With the binary coder the movements are one `packed` value (``PackedRecord``).
extension MovementLog: Codable {
    private enum CodingKeys: String, CodingKey {
        case limit, entries, packed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(limit: try container.decode(Int.self, forKey: .limit))
        let chunks: [[LedgerMovement]]
        if container.contains(.packed) {
            chunks = try LedgerMovement.unpackAll(
                try container.decode([UInt8].self, forKey: .packed), path: container.codingPath + [CodingKeys.packed])
        } else {
            chunks = [try container.decode([LedgerMovement].self, forKey: .entries)]
        }
        reserveCapacity(chunks.reduce(0) { $0 + $1.count })
        for chunk in chunks {
            for movement in chunk { append(movement) }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(limit, forKey: .limit)
        if encoder.userInfo[.binaryCoding] != nil {
            try container.encode(packedMemo.bytes(for: version) {
                LedgerMovement.packChunks(of: chunkedMovements, memo: packedChunks)
            }, forKey: .packed)
        } else {
            try container.encode(all, forKey: .entries)
        }
    }
}
