// snapsim-replay-bench: how fast a start replays a state log (issue 15), in one process.
//
//     snapsim-replay-bench FIXTURES_DIR|default DIR N [PARTNERS]      (N = 0: only time a start from DIR)
//
// Serves N signed requests (top-ups and balance inquiries, alternating; PARTNERS partners, default 1, each with
// its own token) to a simulator with durable state in DIR (emptied first, no snapshots), closes it, then starts
// again from DIR (the replay of every record) and prints records replayed per second. It then checks that the
// replayed partner states equal the served ones byte for byte (JSON, keys sorted); it exits 1 if not.
import Foundation
import SNAPScenario
import SNAPSim
import SimHTTP
import SimJSON

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, let count = Int(arguments[2]) else {
    print("usage: snapsim-replay-bench FIXTURES_DIR|default DIR N [PARTNERS]")
    exit(2)
}
let directory = arguments[1]
let partnerCount = arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1
let fixtures: LoadedFixtures
let files: [DurableRecord.FixtureFile]
do {
    if arguments[0] == "default" {
        fixtures = LoadedFixtures.defaults
        files = DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
    } else {
        // Every `*.json` below the folder, by relative path, as `serve --fixtures` records them.
        let root = URL(fileURLWithPath: arguments[0], isDirectory: true).standardizedFileURL
        var found: [DurableRecord.FixtureFile] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "json", let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            found.append(DurableRecord.FixtureFile(path: relative, contents: String(decoding: data, as: UTF8.self)))
        }
        files = found.sorted { $0.path < $1.path }
        fixtures = try LoadedFixtures.load(files: files.map { ($0.path, $0.contents) })
    }
} catch {
    print("cannot load fixtures: \(error)")
    exit(1)
}
let timestamp = "2026-01-15T09:00:00+07:00"

func open() -> (Simulator, DurableStart.Report) {
    let options = SimulatorOptions(seed: 7, clock: .fixed(at: ISO8601Timestamp(timestamp)!.time), adminToken: "bench")
    do {
        return try DurableStart.open(directory: directory, fixtures: fixtures, files: files, options: options, snapshotEvery: 0)
    } catch {
        print("cannot open \(directory): \(error)")
        exit(1)
    }
}

func body(_ reply: HTTPReply) -> [UInt8] {
    guard case .respond(let response) = reply.action else { return [] }
    return response.body
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// The partners that sign: `snapsim-demo` first, then others of the fixtures in client-id order.
let order = { (partner: Partner) in (partner.clientId == "snapsim-demo" ? 0 : 1, partner.clientId) }
let partners = Array(fixtures.partners.values.sorted { order($0) < order($1) }
    .compactMap { partner in (try? PartnerSigner(partner: partner)).map { (partner, $0) } }.prefix(partnerCount))
let customer = fixtures.ledger.customers.keys.contains("081900000001") ? "081900000001" : "081300000001"

if count == 0 {
    // Only the start, for a profiler: time the replay of what DIR holds.
    let started = ContinuousClock.now
    let (simulator, report) = open()
    let elapsed = ContinuousClock.now - started
    simulator.options.stateLog?.close()
    print("start replayed \(report.replayed) records in \(String(format: "%.3f", seconds(elapsed))) s: "
        + "\(Int(Double(report.replayed) / seconds(elapsed))) records/s")
    exit(0)
}
try? FileManager.default.removeItem(atPath: directory)
let (served, _) = open()
let tokens: [String] = partners.map { (_, signer) in
    let reply = served.respond(to: try! signer.tokenRequest(timestamp: timestamp))
    guard let token = try? JSONParser.parse(body(reply)).objectValue?["accessToken"]?.stringValue else {
        print("no token: \(String(decoding: body(reply), as: UTF8.self))")
        exit(1)
    }
    return token
}

/// `MIX=topup` or `MIX=balance`: only that kind of request (to compare what each costs to replay).
let mix = ProcessInfo.processInfo.environment["MIX"] ?? "alternate"

/// Request `number`: for partner `number % partners`, a top-up (even) or a balance inquiry (odd).
func request(_ number: Int) -> HTTPRequest {
    let which = number % partners.count
    let topUp = mix == "topup" || (mix != "balance" && (number / partners.count) % 2 == 0)
    let (path, payload) = topUp
        ? ("/v1.0/emoney/topup",
           #"{"partnerReferenceNo":"T\#(number)","customerNumber":"\#(customer)","amount":{"value":"1.00","currency":"IDR"}}"#)
        : ("/v1.0/balance-inquiry", #"{"partnerReferenceNo":"B\#(number)","accountNo":"12345678"}"#)
    return try! partners[which].1.transactionRequest(
        method: .post, target: path, body: Array(payload.utf8), token: tokens[which], timestamp: timestamp,
        externalID: String(100_000_000_000 + number))
}

let requests = (0..<count).map(request)
let serveStart = ContinuousClock.now
for request in requests { _ = served.respond(to: request) }
let serveTime = ContinuousClock.now - serveStart
served.options.stateLog?.close()

let replayStart = ContinuousClock.now
let (replayed, report) = open()
let replayTime = ContinuousClock.now - replayStart
defer { replayed.options.stateLog?.close() }
print(
    "served \(count) requests in \(String(format: "%.2f", seconds(serveTime))) s; start replayed \(report.replayed) records "
        + "in \(String(format: "%.3f", seconds(replayTime))) s: \(Int(Double(report.replayed) / seconds(replayTime))) records/s")

let encoder = JSONEncoder()
encoder.outputFormatting = .sortedKeys
var different: [String] = []
for clientId in Set(served.partnersWithState + replayed.partnersWithState).sorted() {
    let a = served.partnerState(clientId).flatMap { try? encoder.encode($0) }
    let b = replayed.partnerState(clientId).flatMap { try? encoder.encode($0) }
    if a == nil || a != b { different.append(clientId) }
}
print(different.isEmpty ? "replayed state identical to the served one" : "DIFFERENT: \(different)")
exit(different.isEmpty ? 0 : 1)
