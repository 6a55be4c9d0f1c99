/// A JSON object: members in insertion order, looked up by key in constant time.
///
/// Keys are compared by their UTF-8 bytes, as RFC 8259 §8.3 compares names by code units: `"é"` written
/// precomposed and `"e\u0301"` are two members, although Swift's `String ==` calls them equal. Small objects
/// (the SNAP norm) are searched in place; beyond ``indexThreshold`` members a hash index is kept beside the
/// ordered list, so a hostile body with tens of thousands of members costs linear time, not quadratic.
///
/// Objects the simulator builds itself (every answer) come from literals or from another object's members,
/// whose names are distinct by construction: ``init(uniqueMembers:)`` and the dictionary literal take them as
/// they are, without a lookup per member, and small ones never pay for an index.
public struct JSONObject: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// Objects with more members than this keep a hash index. Comparing a name with 16 short names is cheaper
    /// than hashing it (and answers' objects, e.g. a balance's nine members, stay below it).
    public static let indexThreshold = 16

    public private(set) var members: [(key: String, value: JSONValue)]
    /// Position of each member by key; `nil` while the object is small.
    private var index: [MemberKey: Int]?

    public init() { members = [] }

    public init(_ members: [(String, JSONValue)]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for (key, value) in members { self[key] = value }
    }

    /// Members whose names the caller knows to be distinct (taken from another object, or written as literal
    /// keys), in order: no duplicate check per member. Like `Dictionary`'s literal, repeated names are a
    /// programming error, caught by an assertion in debug builds.
    public init(uniqueMembers members: [(key: String, value: JSONValue)]) {
        self.members = members
        assert(Self.namesAreDistinct(members), "JSONObject(uniqueMembers:) with a repeated member name")
        if members.count > Self.indexThreshold { buildIndex() }
    }

    /// Literal keys are distinct (see ``init(uniqueMembers:)``): `["value": …, "currency": …]`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(uniqueMembers: Self.labelled(elements))
    }

    /// The literal's array as members, without a copy: the two tuple types differ only in their labels, which
    /// do not change the layout (`map` would allocate and copy every member; `as` casts each one at run time).
    static func labelled(_ elements: [(String, JSONValue)]) -> [(key: String, value: JSONValue)] {
        unsafeBitCast(elements, to: [(key: String, value: JSONValue)].self)
    }

    /// Reading finds the member; writing replaces it in place or appends it, and `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case (let position?, let value?): members[position].value = value
            case (let position?, nil): remove(at: position)
            case (nil, let value?): append(key, value)
            case (nil, nil): break
            }
        }
    }

    /// Appends `key` unless the object has it already; `false` (and no change) when it does.
    ///
    /// One lookup serves both the duplicate check and the insertion, which is how parsers build objects.
    @discardableResult
    public mutating func appendIfAbsent(_ key: String, _ value: JSONValue) -> Bool {
        if index != nil {
            let name = MemberKey(key)
            // One hash probe on the common path; a duplicate (rare, and usually refused) puts the old position back.
            if let existing = index?.updateValue(members.count, forKey: name) {
                index?[name] = existing
                return false
            }
            members.append((key, value))
            return true
        }
        guard position(of: key) == nil else { return false }
        append(key, value)
        return true
    }

    /// Sets each member of `other` that `include` accepts, in order, exactly as `self[key] = value` one by one
    /// would (a name `self` has keeps its position, others are appended), but looks names up only among the
    /// members `self` had before: `other`'s names are distinct, so no appended member can match a later one.
    public mutating func merge(_ other: JSONObject, where include: (String) -> Bool) {
        let original = members.count
        members.reserveCapacity(original + other.members.count)
        for member in other.members where include(member.key) {
            let existing = index != nil
                ? position(of: member.key) : members[..<original].firstIndex { MemberKey.same($0.key, member.key) }
            if let existing {
                members[existing].value = member.value
            } else {
                append(member.key, member.value)
            }
        }
    }

    public var keys: [String] { members.map(\.key) }
    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }

    /// Whether the object has a member named `key` (even one whose value is `null`).
    public func contains(_ key: String) -> Bool { position(of: key) != nil }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { MemberKey.same($0.key, $1.key) && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(members.count)
        for member in members {
            MemberKey(member.key).hash(into: &hasher)
            hasher.combine(member.value)
        }
    }

    // MARK: - Storage

    private func position(of key: String) -> Int? {
        if let index { return index[MemberKey(key)] }
        return members.firstIndex { MemberKey.same($0.key, key) }
    }

    private mutating func append(_ key: String, _ value: JSONValue) {
        // Room for a typical SNAP object at once, instead of growing 1, 2, 4, 8 (a copy and a malloc each).
        if members.count == members.capacity, members.count < 8 { members.reserveCapacity(8) }
        members.append((key, value))
        if index != nil {
            index?[MemberKey(key)] = members.count - 1
        } else if members.count > Self.indexThreshold {
            buildIndex()
        }
    }

    private mutating func remove(at position: Int) {
        members.remove(at: position)
        // Removal is rare (merge patches, filters); renumbering the tail keeps appends and lookups cheap.
        if members.count > Self.indexThreshold { buildIndex() } else { index = nil }
    }

    private static func namesAreDistinct(_ members: [(key: String, value: JSONValue)]) -> Bool {
        Set(members.map { MemberKey($0.key) }).count == members.count
    }

    private mutating func buildIndex() {
        var built: [MemberKey: Int] = [:]
        built.reserveCapacity(members.count * 2)
        for (position, member) in members.enumerated() { built[MemberKey(member.key)] = position }
        index = built
    }
}

/// A member name compared and hashed by its UTF-8 bytes (RFC 8259 names are code-unit sequences).
struct MemberKey: Hashable, Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    /// Byte equality over contiguous storage: `UTF8View.elementsEqual` walks two iterators (~300 instructions
    /// for a short name), and every lookup in a small object compares names this way.
    static func same(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        // The same representation (one small string, or one storage: a literal name looked up in an object
        // built from the same literal) is the same bytes, without reading them.
        if unsafeBitCast(lhs, to: (UInt64, UInt64).self) == unsafeBitCast(rhs, to: (UInt64, UInt64).self) {
            return true
        }
        let equal = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in
                for position in 0..<left.count where left[position] != right[position] { return false }
                return true
            }
        }
        return equal.flatMap { $0 } ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    static func == (lhs: MemberKey, rhs: MemberKey) -> Bool { same(lhs.text, rhs.text) }

    func hash(into hasher: inout Hasher) {
        // Swift's String hash follows canonical equivalence; hash the bytes so that `==` and `hash` agree.
        hasher.combine(text.utf8.count)
        var text = text  // `withUTF8` makes a bridged string contiguous first; native ones are already.
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
