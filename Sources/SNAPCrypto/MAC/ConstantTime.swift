/// Comparisons whose running time does not depend on the secret contents being compared.
///
/// Use these wherever an attacker-supplied value is checked against a secret-derived one (MACs, signatures,
/// tokens): an early-exit `==` leaks how many leading bytes matched through response timing.
public enum ConstantTime {
    /// Returns whether `a` and `b` hold the same bytes, examining every byte regardless of where they differ.
    ///
    /// Lengths are treated as public: collections of different lengths return `false` immediately.
    public static func equals(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) {
            difference |= x ^ y
        }
        return difference == 0
    }
}
