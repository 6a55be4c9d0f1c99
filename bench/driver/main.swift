// snapsim-bench: the server's per-request work in one process, for instruction counts (bench/snap/callgrind.sh).
//
//     snapsim-bench FIXTURES_DIR|default CASE N [WARM] [--no-explain] [--state EMPTY_DIR [--journal-in-memory]]
//     CASE: balance | topup | badsig | badkey | badclient | badtoken | expired
//
// Builds N + WARM unique signed requests of partner `snapsim-demo` as raw HTTP/1.1 bytes (what wrk sends), then
// for each one does what a server connection does: HTTPRequestParser, Simulator.respond, HTTPResponseEncoder.
// The N measured requests run inside `measuredRequests`, which callgrind's `--toggle-collect` selects; the
// program prints the wall time per request too (meaningful only on a quiet machine). Synchronous on purpose:
// valgrind 3.19 crashes on libdispatch's main-thread parking that an async main brings.
import SNAPScenario
import SNAPSim
import SimHTTP

#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    print("usage: snapsim-bench FIXTURES_DIR|default balance|topup|badsig|badkey|badclient|badtoken|expired N [WARM]")
    exit(2)
}
let kind = arguments[1]
let warm = arguments.count > 3 ? Int(arguments[3]) ?? 200 : 200
let fixtures: LoadedFixtures
do {
    fixtures = try arguments[0] == "default" ? LoadedFixtures.defaults : LoadedFixtures.load(directory: arguments[0])
} catch {
    print("cannot load fixtures: \(error)")
    exit(1)
}
let issuedAt = "2026-01-15T09:00:00+07:00"
// expired: the token is fetched at 09:00 and the clock then moved past its lifetime; requests are stamped 10:00.
let timestamp = arguments[1] == "expired" ? "2026-01-15T10:00:00+07:00" : issuedAt
let options = SimulatorOptions(
    seed: 7, clock: .fixed(at: ISO8601Timestamp(issuedAt)!.time),
    explain: !CommandLine.arguments.contains("--no-explain"), adminToken: "bench")
// `--state DIR` (an empty directory): the simulator of `serve --state DIR --snapshot-every 0`, so the count includes
// what durable state adds to a request on its thread (the record, the log's append); `--journal-in-memory` too.
let simulator: Simulator
if let flag = CommandLine.arguments.firstIndex(of: "--state"), flag + 1 < CommandLine.arguments.count {
    do {
        (simulator, _) = try DurableStart.open(
            directory: CommandLine.arguments[flag + 1], fixtures: fixtures, files: [], options: options, snapshotEvery: 0,
            keepsJournal: !CommandLine.arguments.contains("--journal-in-memory"))
    } catch {
        print("cannot open the state directory: \(error)")
        exit(1)
    }
} else {
    simulator = Simulator(fixtures: fixtures, options: options)
}
guard let partner = fixtures.partners["snapsim-demo"], let signer = try? PartnerSigner(partner: partner) else {
    print("the fixtures have no usable partner snapsim-demo")
    exit(1)
}
let tokenReply = simulator.respond(to: try! signer.tokenRequest(timestamp: issuedAt))
guard case .respond(let tokenAnswer) = tokenReply.action,
    let token = String(decoding: tokenAnswer.body, as: UTF8.self)
        .split(separator: "\"").drop(while: { $0 != "accessToken" }).dropFirst(2).first
else {
    print("no token")
    exit(1)
}
if kind == "expired" {
    let advance = HTTPRequest(
        method: .post, target: "/_sim/clock",
        headers: ["Authorization": "Bearer bench", "Content-Type": "application/json"],
        body: Array(#"{"advance": "1h"}"#.utf8))
    guard case .respond(let moved) = simulator.respond(to: advance).action, moved.status.code == 200 else {
        print("the clock did not move")
        exit(1)
    }
}

/// Request `number` of the case, as the bytes a client sends.
@MainActor func rawRequest(_ number: Int) -> [UInt8] {
    let path: String
    let body: String
    switch kind {
    case "topup":
        path = "/v1.0/emoney/topup"
        body = #"{"partnerReferenceNo":"T\#(number)","customerNumber":"081900000001","amount":{"value":"1.00","currency":"IDR"}}"#
    default:
        path = "/v1.0/balance-inquiry"
        body = #"{"partnerReferenceNo":"B\#(number)","accountNo":"12345678"}"#
    }
    // badtoken: correctly signed with a token this simulator never issued (rejected at the token check).
    let signedToken = kind == "badtoken" ? String(repeating: "T", count: token.count) : String(token)
    var headers = try! signer.transactionHeaders(
        method: .post, target: path, body: Array(body.utf8), token: signedToken, timestamp: timestamp,
        externalID: String(100_000_000_000 + number))
    if kind == "badclient" {
        // An X-PARTNER-ID that is no partner: rejected before any signature is computed.
        headers[SecurityHeader.partnerID] = "snapsim-nobody"
    }
    if kind == "badsig", let signature = headers[SecurityHeader.signature] {
        // 65 bytes once decoded: no HMAC-SHA512 can equal it, and the diagnosis knows that from the length.
        headers[SecurityHeader.signature] = String(signature.dropLast(4)) + (signature.hasSuffix("AAA=") ? "BBB=" : "AAA=")
    }
    if kind == "badkey", let signature = headers[SecurityHeader.signature] {
        // Still 64 bytes, but not the right ones (a wrong client secret): the diagnosis tries every candidate.
        headers[SecurityHeader.signature] = (signature.hasPrefix("AAAA") ? "BBBB" : "AAAA") + signature.dropFirst(4)
    }
    var text = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:18090\r\n"
    for field in headers { text += "\(field.name): \(field.value)\r\n" }
    text += "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    return Array(text.utf8)
}

let expected = ["badsig", "badkey", "badclient", "badtoken", "expired"].contains(kind) ? 401 : 200
var parser = HTTPRequestParser()
let encoder = HTTPResponseEncoder()
var output: [UInt8] = []
var unexpected = 0

/// One request as a server connection handles it: parse, respond, encode.
@MainActor @inline(never)
func serve(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { parser.append($0) }
    guard case .request(let request) = parser.next() else { fatalError("the parser did not deliver a request") }
    let reply = simulator.respond(to: request)
    guard case .respond(let response) = reply.action else { fatalError("no response") }
    if response.status.code != expected {
        unexpected += 1
        if unexpected == 1 { print("unexpected \(response.status.code): \(String(decoding: response.body, as: UTF8.self))") }
    }
    output.removeAll(keepingCapacity: true)
    encoder.encode(response, into: &output, date: HTTPDate(secondsSince1970: 1_768_442_400))
}

var measured = 0

/// The measured requests; callgrind counts only inside this function (the warm-up loop differs from it so that
/// the optimiser does not merge the two).
@MainActor @inline(never)
func measuredRequests(_ requests: ArraySlice<[UInt8]>) {
    for bytes in requests {
        serve(bytes)
        measured += 1
    }
}

let requests = (0..<(warm + count)).map(rawRequest)
for bytes in requests[..<warm] { serve(bytes) }
if CommandLine.arguments.contains("--latency") {
    // The slowest requests one after another: a state that grows by rehashing or copying shows up here.
    var times: [Duration] = []
    times.reserveCapacity(count)
    for bytes in requests[warm...] {
        let start = ContinuousClock.now
        serve(bytes)
        times.append(ContinuousClock.now - start)
    }
    if CommandLine.arguments.contains("--series") {
        // The slowest request of every block of 10,000, in order: when a stall starts and how often it recurs.
        let block = 10_000
        for start in stride(from: 0, to: times.count, by: block) {
            let slice = times[start..<min(times.count, start + block)]
            let worst = slice.indices.max { slice[$0] < slice[$1] }!
            let slow = slice.filter { $0 > .milliseconds(1) }.count
            let mean = slice.reduce(Duration.zero, +) / slice.count
            print("requests \(start)..<\(start + slice.count): mean \(mean), max \(slice[worst]) at \(worst), \(slow) over 1 ms")
        }
    }
    times.sort()
    let at = { (share: Double) in times[min(times.count - 1, Int(Double(times.count) * share))] }
    print("\(kind): \(count) requests, p50 \(at(0.5)), p99 \(at(0.99)), p99.9 \(at(0.999)), max \(times.last!)")
    exit(unexpected == 0 ? 0 : 1)
}
let started = ContinuousClock.now
measuredRequests(requests[warm...])
let elapsed = ContinuousClock.now - started
let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
print("\(kind): \(count) requests, \(Int(micros * 1000 / Double(count))) ns/request wall, \(unexpected) unexpected")
exit(unexpected == 0 ? 0 : 1)
