import Foundation  // precomposedStringWithCanonicalMapping, for the rare non-ASCII key

/// A dictionary from reference strings (partnerReferenceNo, referenceNo, X-EXTERNAL-ID) to values, split into
/// ``shardCount`` dictionaries by a hash of the key so that it never rehashes much at once.
///
/// A partner's indexes grow to 100,000 keys under the partner's lock. One `Dictionary` doubles its table at 49,152
/// and 98,304 keys and rehashes every key then (SipHash of each reference, a cache miss for each key stored out of
/// line): 50–250 ms during which every request of the partner waits. Split in 64, each part rehashes about 1,500
/// keys at a time, and the parts reach their thresholds at different requests. A copy-on-write copy (a snapshot of
/// the partner's state) is paid one part at a time as well. Nothing depends on the order of the keys: the index
/// has no iteration.
///
/// The parts are keyed by ``HashedReference``, the key with its 64-bit FNV-1a hash (computed once, it also picks
/// the part): the dictionaries hash that number and compare it before the text, so neither a probe past another
/// key nor a part's rehash reads the other keys' bytes, which are stored out of line (references are longer than
/// a small string's 15 bytes) and each a cache miss. With `String` keys those reads were a tenth of a top-up's
/// server time (SipHash in rehashes, `memcmp` on probes).
struct ReferenceIndex<Value> {
    /// Parts: a power of two.
    static var shardCount: Int { 64 }

    /// Empty until the first key (an index that is never used, like most partners' transfer books, allocates
    /// nothing), then ``shardCount`` parts.
    private var shards: [[HashedReference: Value]] = []
    /// Keys with a byte beyond ASCII. `String` equality is canonical equivalence, so such a key may equal a key
    /// with other bytes (`"\u{212A}"`, KELVIN SIGN, equals `"K"`): they are kept apart, and looked up in the part
    /// of their NFC form as well.
    private var nonASCII: [String: Value] = [:]
    /// Keys held.
    private(set) var count = 0

    init() {}

    /// The value for `key`; assigning `nil` removes it.
    subscript(key: String) -> Value? {
        get {
            // The usual case, an ASCII key with no non-ASCII keys held: one look-up in its part.
            if let hashed = HashedReference(key), nonASCII.isEmpty {
                return shards.isEmpty ? nil : shards[hashed.shard][hashed]
            }
            switch locate(key) {
            case .shard(let held): return shards[held.shard][held]
            case .nonASCII: return nonASCII[key]
            case .absent: return nil
            }
        }
        set {
            if shards.isEmpty {
                guard newValue != nil else { return }
                shards = Array(repeating: [:], count: Self.shardCount)
            }
            if let hashed = HashedReference(key), nonASCII.isEmpty {
                if let newValue {
                    if shards[hashed.shard].updateValue(newValue, forKey: hashed) == nil { count += 1 }
                } else if shards[hashed.shard].removeValue(forKey: hashed) != nil {
                    count -= 1
                }
                return
            }
            switch locate(key) {
            case .shard(let held):
                shards[held.shard][held] = newValue
                if newValue == nil { count -= 1 }
            case .nonASCII:
                nonASCII[key] = newValue
                if newValue == nil { count -= 1 }
            case .absent(let hashed):
                guard let newValue else { return }
                if let hashed { shards[hashed.shard][hashed] = newValue } else { nonASCII[key] = newValue }
                count += 1
            }
        }
    }

    /// Removes `key` when it maps to `value` (a record forgotten drops only the entries still pointing at it):
    /// for an ASCII key one look-up in its part, where reading and then assigning `nil` takes two.
    mutating func removeValue(forKey key: String, ifEqualTo value: Value) where Value: Equatable {
        guard let hashed = HashedReference(key), nonASCII.isEmpty else {
            if self[key] == value { self[key] = nil }
            return
        }
        guard !shards.isEmpty, let index = shards[hashed.shard].index(forKey: hashed),
            shards[hashed.shard].values[index] == value
        else { return }
        shards[hashed.shard].remove(at: index)
        count -= 1
    }

    /// Adds `value` for `key` unless the key is held: then returns the value held and changes nothing. An ASCII
    /// key costs one look-up in its part when it was not held (a read, then an assignment, took two and hashed the
    /// key twice); a held key, the rarer case, a second one to put its value back.
    mutating func insertIfAbsent(_ value: Value, forKey key: String) -> Value? {
        guard let hashed = HashedReference(key), nonASCII.isEmpty else {
            if let held = self[key] { return held }
            self[key] = value
            return nil
        }
        if shards.isEmpty { shards = Array(repeating: [:], count: Self.shardCount) }
        guard let held = shards[hashed.shard].updateValue(value, forKey: hashed) else {
            count += 1
            return nil
        }
        shards[hashed.shard][hashed] = held
        return held
    }

    /// Makes room for `count` more keys, spread evenly (a snapshot being read adds them all at once).
    mutating func reserveCapacity(_ count: Int) {
        guard count > 0 else { return }
        if shards.isEmpty { shards = Array(repeating: [:], count: Self.shardCount) }
        let share = (self.count + count) / Self.shardCount + 1
        for index in shards.indices { shards[index].reserveCapacity(share + share / 8) }
    }

    private enum Location {
        /// In its part, under this (ASCII) key.
        case shard(HashedReference)
        case nonASCII
        /// Not held; an ASCII key would go to its part, any other to ``nonASCII``.
        case absent(HashedReference?)
    }

    /// Where `key` is held. An ASCII key is in its own part (or, equal to a non-ASCII key held first, among
    /// those); any other key among the non-ASCII keys or, equal to an ASCII key, in that key's part. `String`
    /// equality is equality of the canonical compositions (NFC), and ASCII text is its own: the one ASCII key a
    /// non-ASCII key can equal is its NFC form.
    private func locate(_ key: String) -> Location {
        if let hashed = HashedReference(key) {
            if shards[hashed.shard].index(forKey: hashed) != nil { return .shard(hashed) }
            if !nonASCII.isEmpty, nonASCII.index(forKey: key) != nil { return .nonASCII }
            return .absent(hashed)
        }
        if nonASCII.index(forKey: key) != nil { return .nonASCII }
        if !shards.isEmpty, let equal = HashedReference(key.precomposedStringWithCanonicalMapping),
            shards[equal.shard].index(forKey: equal) != nil
        {
            return .shard(equal)
        }
        return .absent(nil)
    }
}

/// An ASCII reference with its 64-bit FNV-1a hash: hashed as that number, equal when the numbers and then the
/// texts are (for ASCII text, `String` equality is byte equality, so different hashes mean different keys).
struct HashedReference: Hashable, Sendable {
    let hash: UInt64
    let text: String

    /// `nil` for a key with a byte beyond ASCII.
    init?(_ text: String) {
        guard let hash = Self.hash(text) else { return nil }
        self.hash = hash
        self.text = text
    }

    /// The part of ``ReferenceIndex`` the key belongs to: high bits folded in.
    var shard: Int {
        Int(truncatingIfNeeded: (hash ^ (hash >> 29)) & UInt64(ReferenceIndex<Never>.shardCount - 1))
    }

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.hash == rhs.hash && lhs.text == rhs.text
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    /// FNV-1a over the key's bytes; `nil` when one is beyond ASCII.
    private static func hash(_ key: String) -> UInt64? {
        var key = key
        return key.withUTF8 { bytes in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var seen: UInt8 = 0
            for byte in bytes {
                seen |= byte
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
            return seen < 0x80 ? hash : nil
        }
    }
}

extension ReferenceIndex: Sendable where Value: Sendable {}
