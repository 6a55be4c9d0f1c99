/// HMAC (RFC 2104) over any ``HashFunction``: SNAP's symmetric signature is HMAC-SHA512.
///
/// ```swift
/// let mac = HMAC<SHA512>.authenticationCode(for: stringToSign.utf8, using: Array(clientSecret.utf8))
/// let signature = Base64.encode(mac)
/// ```
///
/// The keyed inner and outer hash states are computed once in ``init(key:)``; a value can be copied to MAC
/// many messages under the same key without re-hashing the padded key.
public struct HMAC<H: HashFunction>: Sendable {
    /// H((K' ⊕ ipad) ‖ …), fed with the message by ``update(data:)``.
    private(set) var inner: H
    /// H((K' ⊕ opad) ‖ …), fed with the inner digest by ``finalize()``.
    let outer: H

    /// Creates an HMAC keyed with `key`.
    ///
    /// Keys longer than `H.blockByteCount` are hashed first and shorter ones are zero-padded (RFC 2104 §2).
    /// Any length is accepted, including empty; RFC 2104 §3 recommends at least `H.byteCount` bytes.
    public init(key: [UInt8]) {
        var block = key.count > H.blockByteCount ? H.hash(data: key) : key
        block.append(contentsOf: repeatElement(0, count: H.blockByteCount - block.count))
        var inner = H()
        var outer = H()
        var padded = block
        for index in padded.indices { padded[index] ^= 0x36 }  // ipad
        padded.withUnsafeBytes { inner.update(bufferPointer: $0) }
        for index in padded.indices { padded[index] = block[index] ^ 0x5c }  // opad
        padded.withUnsafeBytes { outer.update(bufferPointer: $0) }
        self.inner = inner
        self.outer = outer
    }

    /// Feeds message bytes into the MAC.
    public mutating func update<D: Sequence>(data: D) where D.Element == UInt8 {
        inner.update(data: data)
    }

    /// Returns the `H.byteCount`-byte authentication code of everything fed so far, leaving `self` untouched.
    public func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = self.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }

    /// Returns the authentication code of everything fed so far followed by `message`, leaving `self` untouched.
    ///
    /// Raw memory and no generic sequence: a caller in another module (a server verifying one MAC per request)
    /// reaches the hash's block function directly.
    public func authenticationCode(of message: UnsafeRawBufferPointer) -> [UInt8] {
        genericAuthenticationCode(of: message)
    }

    /// ``authenticationCode(of:)`` for any hash; HMAC-SHA512 has a faster one of its own (HMAC+SHA512.swift).
    func genericAuthenticationCode(of message: UnsafeRawBufferPointer) -> [UInt8] {
        var inner = self.inner
        inner.update(bufferPointer: message)
        let innerDigest = inner.finalize()
        var outer = self.outer
        innerDigest.withUnsafeBytes { outer.update(bufferPointer: $0) }
        return outer.finalize()
    }

    /// Computes the authentication code of `data` under `key` in one call.
    ///
    /// - Parameters:
    ///   - data: The message, e.g. `stringToSign.utf8`.
    ///   - key: The secret key bytes.
    /// - Returns: The `H.byteCount`-byte MAC.
    public static func authenticationCode<D: Sequence>(for data: D, using key: [UInt8]) -> [UInt8]
    where D.Element == UInt8 {
        var hmac = Self(key: key)
        hmac.update(data: data)
        return hmac.finalize()
    }

    /// Checks `mac` against the authentication code of `data` under `key`.
    ///
    /// The comparison runs in time independent of where the codes differ (see ``ConstantTime``), so a caller
    /// probing byte by byte learns nothing from timing. A `mac` of the wrong length is simply invalid; truncated
    /// MACs (RFC 2104 §5) are not accepted here: compare a prefix with ``ConstantTime/equals(_:_:)`` instead.
    ///
    /// - Returns: `true` only if `mac` equals the full authentication code.
    public static func isValidAuthenticationCode(
        _ mac: [UInt8],
        authenticating data: some Sequence<UInt8>,
        using key: [UInt8]
    ) -> Bool {
        ConstantTime.equals(mac, authenticationCode(for: data, using: key))
    }
}
