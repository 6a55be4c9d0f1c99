/// A dictionary from reference strings (partnerReferenceNo, referenceNo, X-EXTERNAL-ID) to values, split into
/// ``shardCount`` dictionaries by a hash of the key so that it never rehashes much at once.
///
/// A partner's indexes grow to 100,000 keys under the partner's lock. One `Dictionary` doubles its table at 49,152
/// and 98,304 keys and rehashes every key then (SipHash of each reference, a cache miss for each key stored out of
/// line): 50–250 ms during which every request of the partner waits. Split in 64, each part rehashes about 1,500
/// keys at a time, and the parts reach their thresholds at different requests. A copy-on-write copy (a snapshot of
/// the partner's state) is paid one part at a time as well. Look-ups cost one FNV-1a pass over the key's bytes
/// more. Nothing depends on the order of the keys: the index has no iteration.
struct ReferenceIndex<Value> {
    /// Parts: a power of two.
    static var shardCount: Int { 64 }

    /// Empty until the first key (an index that is never used, like most partners' transfer books, allocates
    /// nothing), then ``shardCount`` parts.
    private var shards: [[String: Value]] = []
    /// Keys with a byte beyond ASCII. `String` equality is canonical equivalence, so such a key may equal a key
    /// with other bytes (`"\u{212A}"`, KELVIN SIGN, equals `"K"`): they are kept apart and searched everywhere.
    private var nonASCII: [String: Value] = [:]
    /// Keys held.
    private(set) var count = 0

    init() {}

    /// The value for `key`; assigning `nil` removes it.
    subscript(key: String) -> Value? {
        get {
            // The usual case, an ASCII key with no non-ASCII keys held: one look-up in its part.
            if let shard = Self.shard(of: key), nonASCII.isEmpty { return shards.isEmpty ? nil : shards[shard][key] }
            switch locate(key) {
            case .shard(let shard): return shards[shard][key]
            case .nonASCII: return nonASCII[key]
            case .absent: return nil
            }
        }
        set {
            if shards.isEmpty {
                guard newValue != nil else { return }
                shards = Array(repeating: [:], count: Self.shardCount)
            }
            if let shard = Self.shard(of: key), nonASCII.isEmpty {
                if let newValue {
                    if shards[shard].updateValue(newValue, forKey: key) == nil { count += 1 }
                } else if shards[shard].removeValue(forKey: key) != nil {
                    count -= 1
                }
                return
            }
            switch locate(key) {
            case .shard(let shard):
                shards[shard][key] = newValue
                if newValue == nil { count -= 1 }
            case .nonASCII:
                nonASCII[key] = newValue
                if newValue == nil { count -= 1 }
            case .absent(let shard):
                guard let newValue else { return }
                if let shard { shards[shard][key] = newValue } else { nonASCII[key] = newValue }
                count += 1
            }
        }
    }

    /// Makes room for `count` more keys, spread evenly (a snapshot being read adds them all at once).
    mutating func reserveCapacity(_ count: Int) {
        guard count > 0 else { return }
        if shards.isEmpty { shards = Array(repeating: [:], count: Self.shardCount) }
        let share = (self.count + count) / Self.shardCount + 1
        for index in shards.indices { shards[index].reserveCapacity(share + share / 8) }
    }

    private enum Location {
        case shard(Int)
        case nonASCII
        /// Not held; an ASCII key would go to this part, any other to ``nonASCII``.
        case absent(Int?)
    }

    /// Where `key` is held. An ASCII key is in its own part (or, equal to a non-ASCII key held first, among
    /// those); any other key among the non-ASCII keys or, equal to an ASCII key, in any part.
    private func locate(_ key: String) -> Location {
        if let shard = Self.shard(of: key) {
            if shards[shard].index(forKey: key) != nil { return .shard(shard) }
            if !nonASCII.isEmpty, nonASCII.index(forKey: key) != nil { return .nonASCII }
            return .absent(shard)
        }
        if nonASCII.index(forKey: key) != nil { return .nonASCII }
        if let shard = shards.indices.first(where: { shards[$0].index(forKey: key) != nil }) { return .shard(shard) }
        return .absent(nil)
    }

    /// The part of an ASCII key: FNV-1a over its bytes, high bits folded in; `nil` for a key with other bytes.
    private static func shard(of key: String) -> Int? {
        if let shard = key.utf8.withContiguousStorageIfAvailable(shard(ofBytes:)) { return shard }
        return shard(ofBytes: Array(key.utf8))
    }

    private static func shard<Bytes: Collection<UInt8>>(ofBytes bytes: Bytes) -> Int? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var seen: UInt8 = 0
        for byte in bytes {
            seen |= byte
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        guard seen < 0x80 else { return nil }
        return Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(shardCount - 1))
    }
}

extension ReferenceIndex: Sendable where Value: Sendable {}
