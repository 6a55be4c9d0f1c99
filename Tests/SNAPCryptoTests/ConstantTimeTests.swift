import SNAPCrypto
import Testing

/// The word-at-a-time comparison must see every byte: a difference in any position, in the 8-byte words or in the
/// tail, and in any bit, makes the buffers unequal; every overload agrees.
@Suite struct ConstantTimeWordTests {
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 31, 32, 63, 64, 65, 100, 512])
    func equals_FindsAChangeInEveryByteAndBit(_ count: Int) {
        let reference = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        #expect(ConstantTime.equals(reference, reference))
        #expect(ConstantTime.equals(reference, Array(reference)))
        for index in 0..<count {
            for bit in [0, 7] {
                var changed = reference
                changed[index] ^= 1 << bit
                #expect(!ConstantTime.equals(reference, changed), "byte \(index) bit \(bit)")
                #expect(!ConstantTime.equals(changed, reference), "byte \(index) bit \(bit), swapped")
                let raw = reference.withUnsafeBytes { a in changed.withUnsafeBytes { b in ConstantTime.equals(a, b) } }
                #expect(!raw, "raw buffers, byte \(index) bit \(bit)")
                #expect(!ConstantTime.equals(reference[...], changed[...]), "slices, byte \(index) bit \(bit)")
            }
        }
    }

    @Test func equals_ComparesUnalignedSlicesAndNonContiguousCollections() {
        let bytes = (0..<80).map { UInt8($0) }
        // Slices starting at an odd offset exercise the unaligned loads.
        #expect(ConstantTime.equals(bytes[3..<67], Array(bytes[3..<67])))
        #expect(!ConstantTime.equals(bytes[3..<67], Array(bytes[4..<68])))
        // A lazy map has no contiguous storage: the fallback copies it.
        #expect(ConstantTime.equals(bytes.lazy.map { $0 }, bytes))
        #expect(!ConstantTime.equals(bytes.lazy.map { $0 ^ 0x80 }, bytes))
        #expect(!ConstantTime.equals(bytes.lazy.map { $0 }, bytes.dropLast()))
    }

    @Test func equals_RefusesDifferentLengths_EvenWhenOneIsAPrefix() {
        let bytes: [UInt8] = Array(repeating: 0, count: 16)
        #expect(!ConstantTime.equals(bytes, Array(bytes.prefix(8))))
        #expect(!ConstantTime.equals(Array(bytes.prefix(8)), bytes))
        #expect(!ConstantTime.equals(bytes, []))
        #expect(ConstantTime.equals([UInt8](), []))
    }
}
