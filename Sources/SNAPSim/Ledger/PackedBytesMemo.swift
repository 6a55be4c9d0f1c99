import Synchronization

/// The packed bytes of a collection's kept records (``PackedRecord``), remembered between snapshots for as long
/// as the collection does not change.
///
/// A snapshot re-encodes every partner that changed at all, and a balance inquiry changes its partner (it
/// records its X-EXTERNAL-ID): re-packing 100k unchanged top-up records and movements for each snapshot took
/// ~225 ms of CPU every ~0.4 s under load. The memo is shared by every copy of the collection (a class); each
/// change stamps the collection with a fresh process-wide ``Version``, so bytes remembered for a version always
/// describe exactly the records that carry it, whichever copy (live or a snapshot's) asks.
final class PackedBytesMemo: Sendable {
    /// A number no other change in this process has: equal versions mean the same records.
    struct Version: Equatable, Sendable {
        private static let counter = Atomic<UInt64>(0)
        private let value: UInt64

        /// The version of a change made now.
        static func next() -> Version {
            Version(value: counter.add(1, ordering: .relaxed).newValue)
        }
    }

    private let remembered = Mutex<(version: Version, bytes: [UInt8])?>(nil)

    /// The bytes packed for `version`, made by `pack` unless they were already made for it.
    func bytes(for version: Version, pack: () -> [UInt8]) -> [UInt8] {
        remembered.withLock { remembered in
            if let remembered, remembered.version == version { return remembered.bytes }
            let bytes = pack()
            remembered = (version, bytes)
            return bytes
        }
    }
}
