import SNAPCrypto

/// AES-128-CBC throughput of SNAPCrypto on DOKU-sized `cardData` (112 bytes) and on 16 KiB, decrypt and encrypt,
/// printed as MB/s next to what `openssl speed -evp aes-128-cbc` reports for the same machine (run.sh prints both).
@main
enum AESBench {
    static func main() throws {
        let key = Array("snapsim-doku-sec".utf8)
        let iv = [UInt8](repeating: 7, count: 16)
        let cbc = try AES128.CBC(key: key, iv: iv)
        let clock = ContinuousClock()
        for size in [112, 16 * 1024] {
            let plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let ciphertext = cbc.encrypt(plaintext)
            let rounds = max(20, 4_000_000 / size)
            var sink = 0
            let decrypt = try clock.measure {
                for _ in 0..<rounds { sink &+= Int(try cbc.decrypt(ciphertext).last ?? 0) }
            }
            let encrypt = clock.measure {
                for _ in 0..<rounds { sink &+= Int(cbc.encrypt(plaintext).last ?? 0) }
            }
            let bytes = Double(size * rounds)
            print(
                "AES-128-CBC \(size) B: decrypt \(megabytes(bytes, decrypt)) MB/s (\(micro(decrypt, rounds)) µs each), "
                    + "encrypt \(megabytes(bytes, encrypt)) MB/s  [sink \(sink % 10)]")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func megabytes(_ bytes: Double, _ duration: Duration) -> String {
        String(Int((bytes / seconds(duration) / 1e6 * 10).rounded()) / 10)
    }

    static func micro(_ duration: Duration, _ rounds: Int) -> String {
        String(Int((seconds(duration) / Double(rounds) * 1e6 * 10).rounded()) / 10)
    }
}
