import Foundation
import SimLog

/// Times the snapshot of a state directory (bench/snap/durable.sh, `snapsim-snapshot-probe`): reading it,
/// encoding it again, and the same state through JSON (format 1) for comparison. Reads only; the directory may
/// be in use.
public enum SnapshotProbe {
    /// One line of figures for the snapshot in `directory`.
    public static func measure(directory: String) throws(DurableStateError) -> String {
        let path = "\(directory)/\(LogSnapshot.fileName)"
        guard let data = FileManager.default.contents(atPath: path), data.count > 28 else {
            throw DurableStateError("\(path) is missing or too short")
        }
        let payload = Array(data.dropFirst(28))
        let clock = ContinuousClock()
        var start = clock.now
        let (snapshot, _) = try StateSnapshot.decode(payload, file: path, directory: directory) { head throws(DurableStateError) in
            do throws(FixtureLoadError) {
                return try LoadedFixtures.load(files: head.fixtures.map { ($0.path, $0.contents) })
            } catch {
                throw DurableStateError("the fixtures no longer load: \(error)")
            }
        }
        let decode = clock.now - start
        start = clock.now
        var documents: [StateSnapshot.Document] = []
        do {
            documents = try snapshot.partners.map { try StateSnapshot.document($0.state) }
        } catch {
            throw DurableStateError("cannot encode the state again: \(error)")
        }
        let encode = clock.now - start
        let parts = documents.reduce(0) { $0 + $1.external.count }
        let partBytes = documents.reduce(0) { $0 + $1.external.reduce(0) { $0 + $1.count } }
        let documentBytes = documents.reduce(0) { $0 + $1.bytes.count }
        var json = Data()
        let jsonEncode = clock.measure { json = (try? JSONEncoder().encode(snapshot.partners.map(\.state))) ?? Data() }
        let jsonDecode = clock.measure { _ = try? JSONDecoder().decode([PartnerState].self, from: json) }
        func ms(_ duration: Duration) -> String {
            String(format: "%.0f ms", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
        }
        let records = snapshot.partners.reduce(0) { $0 + $1.state.ledger.topUps.count }
        return "snapshot \(data.count / 1024) KiB + \(parts) parts of \(partBytes / 1024) KiB (\(records) top-up records): "
            + "decode \(ms(decode)), encode \(ms(encode)) (documents \(documentBytes / 1024) KiB); "
            + "the same partner states as JSON: \(json.count / 1024) KiB, "
            + "encode \(ms(jsonEncode)), decode \(ms(jsonDecode))"
    }
}
