import SimJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blanks every partner's client secret and private key out of an explanation before it leaves, so whatever
/// a partner sent (even its own secret pasted into a header) is echoed back without credentials.
///
/// Built once per world. Finding the secrets costs one pass over each string's bytes with a table of the
/// secrets' first two bytes, whatever the number of partners, so a flood of rejections stays as cheap as
/// answers (a substring search per secret per string used to dominate the cost of a rejection).
struct Redaction: Sendable {
    /// Secrets shorter than this are not searched for: replacing a three-letter test secret would mangle prose.
    static let minimumLength = 6
    static let replacement = Array("[redacted]".utf8)

    private let secrets: [[UInt8]]
    /// Bit `first two bytes` set when some secret starts with them.
    private let starts: [UInt64]
    /// Bit `two bytes` set when some secret has them at one of its first ``probeStride`` offsets.
    private let leading: [UInt64]
    /// Every secret is at least ``minimumLength`` bytes long, so its first `minimumLength - 1` offsets hold a
    /// position that is a multiple of this from where a search starts: only those positions are probed.
    static let probeStride = minimumLength - 1

    /// Texts explanations copy from constants (``SignatureCheck/fixedExplanationTexts``), each with whether a
    /// secret is in it: scanned once per world, then recognised per string by identity (the same storage and
    /// length, hence the same bytes), so the longest prose of every wrong signature is not scanned again. A
    /// string that only equals one of them is scanned as before; the verdict is the scan's either way.
    private var fixedTexts: [(text: String, holdsSecret: Bool)] = []

    init(secrets: [String], fixedTexts: [String] = SignatureCheck.fixedExplanationTexts) {
        let kept = Set(secrets.filter { $0.utf8.count >= Self.minimumLength }).sorted()
        // Longest first, so a secret containing another is blanked whole.
        self.secrets = kept.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        var starts = [UInt64](repeating: 0, count: 1024)
        var leading = [UInt64](repeating: 0, count: 1024)
        for secret in self.secrets {
            let key = Int(secret[0]) << 8 | Int(secret[1])
            starts[key >> 6] |= 1 << UInt64(key & 63)
            for offset in 0..<Self.probeStride {
                let key = Int(secret[offset]) << 8 | Int(secret[offset + 1])
                leading[key >> 6] |= 1 << UInt64(key & 63)
            }
        }
        self.starts = starts
        self.leading = leading
        self.fixedTexts = fixedTexts.map { text in
            var bytes = text
            return (text, bytes.withUTF8 { firstSecret(in: $0, from: 0) } != nil)
        }
    }

    /// The scan's verdict on `text` when it is one of ``fixedTexts`` itself.
    @inline(__always)
    private func fixedVerdict(_ text: String) -> Bool? {
        let bits = unsafeBitCast(text, to: (UInt64, UInt64).self)
        for fixed in fixedTexts where unsafeBitCast(fixed.text, to: (UInt64, UInt64).self) == bits {
            return fixed.holdsSecret
        }
        return nil
    }

    /// `object` with every secret in its strings replaced by `[redacted]`.
    func redact(_ object: JSONObject) -> JSONObject {
        guard !secrets.isEmpty else { return object }
        // The members are read in place (the object's own iterator copied each member out), and the object
        // is copied only when one of them holds a secret: almost never.
        let found = object.members.withUnsafeBufferPointer { members in
            members.firstIndex { needsRedaction($0.value) }
        }
        guard let found else { return object }
        var result = object
        for member in object.members[found...] where needsRedaction(member.value) {
            result[member.key] = redact(member.value)
        }
        return result
    }

    private func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(redact(text))
        case .array(let elements):
            return .array(elements.map(redact))
        case .object(let object):
            return .object(redact(object))
        case .null, .bool, .number:
            return value
        }
    }

    private func needsRedaction(_ value: JSONValue) -> Bool {
        switch value {
        case .string(var text): fixedVerdict(text) ?? (text.withUTF8 { firstSecret(in: $0, from: 0) } != nil)
        case .array(let elements): elements.contains(where: needsRedaction)
        case .object(let object):
            object.members.withUnsafeBufferPointer { members in members.contains { needsRedaction($0.value) } }
        case .null, .bool, .number: false
        }
    }

    /// `text` with every secret replaced.
    func redact(_ text: String) -> String {
        var text = text
        guard text.withUTF8({ firstSecret(in: $0, from: 0) }) != nil else { return text }
        let bytes = Array(text.utf8)
        guard var found = bytes.withUnsafeBufferPointer({ firstSecret(in: $0, from: 0) }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var copied = 0
        while true {
            output.append(contentsOf: bytes[copied..<found.offset])
            output.append(contentsOf: Self.replacement)
            copied = found.offset + found.length
            guard let next = bytes.withUnsafeBufferPointer({ firstSecret(in: $0, from: copied) }) else { break }
            found = next
        }
        output.append(contentsOf: bytes[copied...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Where the first secret at or after `start` begins, and its length (the longest, when several start there).
    ///
    /// Probes every ``probeStride``-th position only: a secret starting at `p` has one of its first
    /// `probeStride` bytes at the probe `q` in `p...p + probeStride - 1`, and the pair of bytes there is in
    /// `leading`. A probe that hits tries the starts it covers, in order, so the first secret is still found first.
    private func firstSecret(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> (offset: Int, length: Int)? {
        let count = buffer.count
        guard count >= Self.minimumLength, let base = buffer.baseAddress else { return nil }
        // The probe loop reads the table through a pointer and the text without bounds checks (a key is below
        // 65,536, so its word below 1,024; a probe and its successor are inside the text): every explanation's
        // strings pass here, ~30 instructions a probe with the checked array accesses.
        return leading.withUnsafeBufferPointer { leading in
            let leading = leading.baseAddress.unsafelyUnwrapped
            var probe = start + Self.probeStride - 1
            while probe + 1 < count {
                let key = Int(base[probe]) &<< 8 | Int(base[probe + 1])
                if leading[key &>> 6] & (1 &<< UInt64(key & 63)) != 0,
                    let found = secretStarting(in: buffer, from: max(start, probe - Self.probeStride + 1), to: probe)
                {
                    return found
                }
                probe &+= Self.probeStride
            }
            return nil
        }
    }

    /// The first secret starting at one of `first...last` (the longest, when several start there).
    ///
    /// Every partner id is a prefix of its own secret in the default fixtures, and explanations name the partner:
    /// this runs a few times per explanation, so the secrets are compared with `memcmp` over borrowed storage.
    private func secretStarting(
        in buffer: UnsafeBufferPointer<UInt8>, from first: Int, to last: Int
    ) -> (offset: Int, length: Int)? {
        let base = buffer.baseAddress.unsafelyUnwrapped
        return secrets.withUnsafeBufferPointer { secrets in
            for index in first...last where index + 1 < buffer.count {
                guard Self.contains(starts, Int(base[index]) &<< 8 | Int(base[index + 1])) else { continue }
                for secret in secrets where index + secret.count <= buffer.count {
                    let equal = secret.withUnsafeBufferPointer {
                        memcmp($0.baseAddress.unsafelyUnwrapped, base + index, $0.count) == 0
                    }
                    if equal { return (index, secret.count) }
                }
            }
            return nil
        }
    }

    @inline(__always)
    private static func contains(_ table: [UInt64], _ key: Int) -> Bool {
        table[key >> 6] & (1 << UInt64(key & 63)) != 0
    }
}
