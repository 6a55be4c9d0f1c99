extension AES128 {
    /// Cipher block chaining (NIST SP 800-38A §6.2) with PKCS#7 padding (RFC 5652 §6.3), as DOKU encrypts
    /// `cardData` (`AES/CBC/PKCS5Padding` with a 16-byte key; PKCS#5 and PKCS#7 coincide for 16-byte blocks).
    ///
    /// ```swift
    /// let cbc = try AES128.CBC(key: Array("snapsim-doku-sec".utf8), iv: iv)
    /// let plaintext = try cbc.decrypt(ciphertext)
    /// ```
    public struct CBC: Sendable {
        private let cipher: AES128
        private let iv: [UInt8]

        /// A CBC mode over a 16-byte `key` with a 16-byte initialisation vector.
        public init(key: [UInt8], iv: [UInt8]) throws(AESError) {
            guard iv.count == AES128.blockSize else { throw AESError.invalidIVLength(iv.count) }
            cipher = try AES128(key: key)
            self.iv = iv
        }

        /// Pads `plaintext` with PKCS#7 (always 1–16 bytes) and encrypts it.
        public func encrypt(_ plaintext: [UInt8]) -> [UInt8] {
            let padding = AES128.blockSize - plaintext.count % AES128.blockSize
            var data = plaintext + [UInt8](repeating: UInt8(padding), count: padding)
            encryptBlocks(&data)
            return data
        }

        /// Decrypts and removes the PKCS#7 padding.
        public func decrypt(_ ciphertext: [UInt8]) throws(AESError) -> [UInt8] {
            var data = try decryptBlocks(ciphertext)
            guard let padding = data.last, padding >= 1, Int(padding) <= AES128.blockSize,
                data.suffix(Int(padding)).allSatisfy({ $0 == padding })
            else { throw AESError.invalidPadding }
            data.removeLast(Int(padding))
            return data
        }

        /// Encrypts whole blocks in place without padding (SP 800-38A's vectors are unpadded).
        public func encryptBlocks(_ data: inout [UInt8]) {
            precondition(data.count % AES128.blockSize == 0, "CBC without padding needs whole blocks")
            for offset in stride(from: 0, to: data.count, by: AES128.blockSize) {
                for index in 0..<AES128.blockSize {
                    data[offset + index] ^= offset == 0 ? iv[index] : data[offset - AES128.blockSize + index]
                }
                cipher.encrypt(block: &data, at: offset)
            }
        }

        /// Decrypts whole blocks without removing padding.
        public func decryptBlocks(_ ciphertext: [UInt8]) throws(AESError) -> [UInt8] {
            guard !ciphertext.isEmpty, ciphertext.count % AES128.blockSize == 0 else {
                throw AESError.invalidCiphertextLength(ciphertext.count)
            }
            var data = ciphertext
            for offset in stride(from: 0, to: data.count, by: AES128.blockSize) {
                cipher.decrypt(block: &data, at: offset)
                // The previous ciphertext block is still intact in `ciphertext`.
                for index in 0..<AES128.blockSize {
                    data[offset + index] ^= offset == 0 ? iv[index] : ciphertext[offset - AES128.blockSize + index]
                }
            }
            return data
        }
    }
}
