/// A cryptographic hash function that consumes bytes incrementally and produces a fixed-size digest.
///
/// Conforming types are value types: copying a hasher forks its state, so a partially fed hasher can be
/// finalized more than once (``HMAC`` relies on this to reuse its keyed inner and outer states).
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(data: "abc".utf8)
/// let digest = hasher.finalize()             // 32 bytes
/// let same = SHA256.hash(data: "abc".utf8)  // one-shot form
/// ```
public protocol HashFunction: Sendable {
    /// The size of the digest in bytes, e.g. 32 for ``SHA256``.
    static var byteCount: Int { get }

    /// The size of one compression block in bytes, e.g. 64 for ``SHA256``; HMAC pads its key to this size.
    static var blockByteCount: Int { get }

    /// Creates a hasher in the standard initial state.
    init()

    /// Feeds raw bytes into the hash.
    ///
    /// This is the fast path: whole blocks are compressed straight from `bufferPointer` without copying.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// Feeds a sequence of bytes into the hash.
    ///
    /// Contiguous inputs (`[UInt8]`, `ArraySlice<UInt8>`, native `String.UTF8View`, …) take the
    /// ``update(bufferPointer:)`` fast path; other sequences are staged through a small buffer.
    mutating func update<D: Sequence>(data: D) where D.Element == UInt8

    /// Returns the digest of everything fed so far, leaving `self` untouched so it can be fed further.
    func finalize() -> [UInt8]
}

extension HashFunction {
    /// Feeds a sequence of bytes: contiguous storage goes straight to ``update(bufferPointer:)``, anything else
    /// is staged through a 1 KiB buffer.
    public mutating func update<D: Sequence>(data: D) where D.Element == UInt8 {
        let handled: Void? = data.withContiguousStorageIfAvailable { bytes in
            self.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
        guard handled == nil else { return }
        // Non-contiguous input (lazy maps, `repeatElement`, …): stage it so the compression function still sees
        // large contiguous runs instead of one byte at a time.
        var staging: [UInt8] = []
        staging.reserveCapacity(1024)
        for byte in data {
            staging.append(byte)
            if staging.count == 1024 {
                staging.withUnsafeBytes { self.update(bufferPointer: $0) }
                staging.removeAll(keepingCapacity: true)
            }
        }
        staging.withUnsafeBytes { self.update(bufferPointer: $0) }
    }

    /// Computes the digest of `data` in one call.
    ///
    /// - Parameter data: The bytes to hash, e.g. `[UInt8]` or `"text".utf8`.
    /// - Returns: The ``byteCount``-byte digest.
    public static func hash<D: Sequence>(data: D) -> [UInt8] where D.Element == UInt8 {
        var hasher = Self()
        hasher.update(data: data)
        return hasher.finalize()
    }
}
