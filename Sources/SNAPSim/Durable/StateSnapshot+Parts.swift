import Dispatch
import SimLog
import Synchronization

extension StateSnapshot {
    /// The parts each partner's document names, read from `directory` on every core (each read checks its
    /// file's length and checksum); the first failure, naming its file, stops the start.
    static func readParts(
        _ parts: [[SnapshotPart]], directory: String, refusal: String
    ) throws(DurableStateError) -> [[[UInt8]]] {
        let flat = parts.flatMap { $0 }
        let results = Mutex([Result<[UInt8], LogError>?](repeating: nil, count: flat.count))
        DispatchQueue.concurrentPerform(iterations: flat.count) { index in
            let result: Result<[UInt8], LogError>
            do throws(LogError) {
                result = .success(try SnapshotPartFiles.read(flat[index], directory: directory, refusal: refusal))
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[index] = result }
        }
        var read: [[UInt8]] = []
        read.reserveCapacity(flat.count)
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let bytes)?: read.append(bytes)
            case .failure(let error)?: throw DurableStateError(error.description)
            case nil: throw DurableStateError("a part of the snapshot in \(directory) was not read; \(refusal)")
            }
        }
        var offset = 0
        return parts.map { partner in
            defer { offset += partner.count }
            return Array(read[offset..<(offset + partner.count)])
        }
    }
}
