/// Comparisons whose running time does not depend on the secret contents being compared.
///
/// Use these wherever an attacker-supplied value is checked against a secret-derived one (MACs, signatures,
/// tokens): an early-exit `==` leaks how many leading bytes matched through response timing.
///
/// The work is done once, on raw memory, eight bytes at a time (``equals(_:_:)-(UnsafeRawBufferPointer,_)``); the
/// `[UInt8]` overload and the generic one only reach that memory. Callers in other modules therefore never run a
/// generic loop: comparing two 64-byte MACs is a dozen instructions, with no allocation.
public enum ConstantTime {
    /// Returns whether `a` and `b` hold the same bytes, examining every byte regardless of where they differ.
    ///
    /// Lengths are treated as public: buffers of different lengths return `false` immediately.
    public static func equals(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let count = a.count
        guard count == b.count else { return false }
        // OR-accumulate the XOR of every word: no branch depends on the contents, only on the public length.
        var difference: UInt64 = 0
        var offset = 0
        while offset + 8 <= count {
            difference |= a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                ^ b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < count {
            difference |= UInt64(a[offset] ^ b[offset])
            offset += 1
        }
        return difference == 0
    }

    /// Returns whether `a` and `b` hold the same bytes, examining every byte regardless of where they differ.
    ///
    /// Lengths are treated as public: arrays of different lengths return `false` immediately.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBytes { a in b.withUnsafeBytes { b in equals(a, b) } }
    }

    /// Returns whether `a` and `b` hold the same bytes, for any byte collections (slices, `String.UTF8View`, …).
    ///
    /// Inlinable so it is specialised in the caller's module; contiguous inputs go straight to the raw-memory
    /// comparison, anything else is copied into an array first.
    @inlinable
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        let result = a.withContiguousStorageIfAvailable { a in
            b.withContiguousStorageIfAvailable { b in equals(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) }
        }
        if let result, let result { return result }
        return equals(Array(a), Array(b))
    }
}
