#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension HTTPRequestParser {
    /// The field name at `range` as a `String`: one of the names clients send on nearly every request when the
    /// bytes spell it exactly (case included, so a name keeps the spelling it was sent with), else a new string.
    ///
    /// A string literal costs nothing to produce, where decoding the bytes validates and builds a string
    /// (~200 instructions): a signed SNAP request carries nine or ten of these names.
    @inline(__always)
    static func fieldName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        commonFieldName(bytes, range) ?? string(bytes, range)
    }

    /// The literal among the common names that `bytes[range]` spells exactly, if any.
    static func commonFieldName(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        let name = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        switch range.count {
        case 4:
            if spells(name, "Host") { return "Host" }
        case 6:
            if spells(name, "Accept") { return "Accept" }
        case 10:
            if spells(name, "CHANNEL-ID") { return "CHANNEL-ID" }
            if spells(name, "User-Agent") { return "User-Agent" }
            if spells(name, "Connection") { return "Connection" }
        case 11:
            if spells(name, "X-TIMESTAMP") { return "X-TIMESTAMP" }
            if spells(name, "X-SIGNATURE") { return "X-SIGNATURE" }
        case 12:
            if spells(name, "Content-Type") { return "Content-Type" }
            if spells(name, "X-PARTNER-ID") { return "X-PARTNER-ID" }
            if spells(name, "X-CLIENT-KEY") { return "X-CLIENT-KEY" }
        case 13:
            if spells(name, "X-EXTERNAL-ID") { return "X-EXTERNAL-ID" }
            if spells(name, "Authorization") { return "Authorization" }
        case 14:
            if spells(name, "Content-Length") { return "Content-Length" }
        case 15:
            if spells(name, "Accept-Encoding") { return "Accept-Encoding" }
        default:
            break
        }
        return nil
    }

    /// The field value at `range` as a `String`: the literal when the bytes spell one of the few long values
    /// sent on nearly every request, else a new string.
    ///
    /// Values of up to 15 bytes are stored inline in the `String` anyway; a longer one is a heap allocation and
    /// a free per request. `application/json` is 16 bytes and every JSON request's `Content-Type`.
    @inline(__always)
    static func fieldValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        commonFieldValue(bytes, range) ?? string(bytes, range)
    }

    /// The literal among the common long values that `bytes[range]` spells exactly, if any.
    static func commonFieldValue(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
        guard let base = bytes.baseAddress else { return nil }
        let value = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
        switch range.count {
        case 16:
            if spells(value, "application/json") { return "application/json" }
        case 31:
            if spells(value, "application/json; charset=utf-8") { return "application/json; charset=utf-8" }
            if spells(value, "application/json; charset=UTF-8") { return "application/json; charset=UTF-8" }
        default:
            break
        }
        return nil
    }

    /// Whether `name` is exactly the bytes of `literal` (same length assumed by the caller's switch).
    @inline(__always)
    private static func spells(_ name: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        name.count == literal.utf8CodeUnitCount
            && memcmp(name.baseAddress.unsafelyUnwrapped, literal.utf8Start, name.count) == 0
    }
}
