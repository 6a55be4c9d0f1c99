// Release-mode throughput of SNAPCrypto, driven by run.sh (which compiles SNAPCrypto as a separate module so
// cross-module call costs are the same as in the real package). Usage: crypto-bench <2048 PEM> <4096 PEM>
import SNAPCrypto

@main
struct CryptoBench {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            print("usage: crypto-bench <PKCS#8 PEM text of a 2048-bit key> <… of a 4096-bit key>")
            return
        }
        let key2048: RSA.PrivateKey
        let key4096: RSA.PrivateKey
        do {
            key2048 = try RSA.PrivateKey(pem: arguments[1])
            key4096 = try RSA.PrivateKey(pem: arguments[2])
        } catch {
            print("cannot load keys: \(error)")
            return
        }

        let message = Array("partner-client-001|2024-03-05T17:37:16+07:00".utf8)
        let signature2048 = key2048.signature(for: message)
        let signature4096 = key4096.signature(for: message)
        let public2048 = key2048.publicKey
        let public4096 = key4096.publicKey
        let kibibyte = (0..<1024).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let mebibyte = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let secret = Array("myclientsecret".utf8)
        let pem2048 = arguments[1]

        print("SNAPCrypto benchmark (release, -O -wmo; one thread; best of 7 runs of ≥ 0.3 s each)")
        print("")
        report("RSA-2048 verify (PKCS#1 v1.5, SHA-256)", unit: .microseconds) {
            public2048.isValidSignature(signature2048, for: message) ? 1 : 0
        }
        report("RSA-2048 sign (CRT)", unit: .milliseconds) {
            Int(key2048.signature(for: message)[0])
        }
        report("RSA-4096 verify", unit: .microseconds) {
            public4096.isValidSignature(signature4096, for: message) ? 1 : 0
        }
        report("RSA-4096 sign (CRT)", unit: .milliseconds) {
            Int(key4096.signature(for: message)[0])
        }
        report("RSA-2048 PKCS#8 PEM parse + validate", unit: .microseconds) {
            (try? RSA.PrivateKey(pem: pem2048)) == nil ? 0 : 1
        }
        report("HMAC-SHA512 over 1 KiB", unit: .microseconds) {
            Int(HMAC<SHA512>.authenticationCode(for: kibibyte, using: secret)[0])
        }
        report("HMAC-SHA256 over 1 KiB", unit: .microseconds) {
            Int(HMAC<SHA256>.authenticationCode(for: kibibyte, using: secret)[0])
        }
        report("SHA-256 over 1 MiB", unit: .milliseconds, bytesPerOperation: mebibyte.count) {
            Int(SHA256.hash(data: mebibyte)[0])
        }
        report("SHA-512 over 1 MiB", unit: .milliseconds, bytesPerOperation: mebibyte.count) {
            Int(SHA512.hash(data: mebibyte)[0])
        }
        // ConstantTime.equals as SNAPSim calls it: two [UInt8] across the module boundary. 1000 comparisons per
        // operation, so µs/op reads as ns per comparison; one byte of `probe` changes each time so no comparison
        // can be hoisted out of the loop.
        for size in [64, 512] {
            let reference = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            var probe = reference
            report("ConstantTime.equals \(size) B ×1000 ([UInt8])", unit: .microseconds) {
                var equal = 0
                for index in 0..<1000 {
                    probe[index % size] ^= 1
                    if ConstantTime.equals(probe, reference) { equal += 1 }
                }
                return equal
            }
        }
        var generator = SystemRandomNumberGenerator()
        report("RSA-2048 key generation (varies a lot)", unit: .milliseconds, minimumRunTime: .seconds(2)) {
            RSA.generatePrivateKey(bits: 2048, using: &generator).publicKey.modulusBitCount
        }
        print("")
        print("(checksum \(sink))")
    }

    enum Unit {
        case microseconds, milliseconds
    }

    /// Defeats dead-code elimination of the measured work. Only the main thread touches it: the benchmark is
    /// single-threaded.
    nonisolated(unsafe) static var sink = 0

    /// Runs `body` repeatedly for at least `minimumRunTime`, seven times, and prints the best time per operation,
    /// operations per second and, for hashes, MB/s. The best run is the one least disturbed by other processes,
    /// which matters on a shared 2-core machine.
    static func report(
        _ name: String,
        unit: Unit,
        bytesPerOperation: Int? = nil,
        minimumRunTime: Duration = .milliseconds(300),
        _ body: () -> Int
    ) {
        let clock = ContinuousClock()
        sink &+= body()  // warm-up
        var perOperation: [Double] = []
        for _ in 0..<7 {
            var iterations = 0
            let start = clock.now
            var elapsed = Duration.zero
            repeat {
                sink &+= body()
                iterations += 1
                elapsed = clock.now - start
            } while elapsed < minimumRunTime
            perOperation.append(seconds(elapsed) / Double(iterations))
        }
        let best = perOperation.min() ?? 0
        let value = unit == .microseconds ? best * 1e6 : best * 1e3
        let unitName = unit == .microseconds ? "µs/op" : "ms/op"
        var line = "\(pad(name, 42)) \(pad(format(value), 10, right: true)) \(unitName)  "
        line += "\(pad(format(1 / best, decimals: 0), 10, right: true)) ops/s"
        if let bytes = bytesPerOperation {
            line += "  \(pad(format(Double(bytes) / best / 1e6, decimals: 0), 6, right: true)) MB/s"
        }
        print(line)
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }

    static func format(_ value: Double, decimals: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if decimals == 0 { return String(Int(rounded)) }
        let whole = Int(rounded)
        let fraction = Int(((rounded - Double(whole)) * scale).rounded())
        let fractionText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
