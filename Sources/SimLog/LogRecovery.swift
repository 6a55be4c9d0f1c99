/// What was found in a log file when it was opened: the intact records, and how a torn tail was cut.
public struct LogRecovery: Sendable {
    /// Every intact record's payload, oldest first.
    public var records: [[UInt8]]
    /// What was cut from the end of the file, for the start-up report; `nil` when the file ended cleanly.
    public var cutTail: String?
    /// The snapshot the records follow, when the directory holds one (the records are then only those of the
    /// segments it does not cover).
    public var snapshot: LogSnapshot?

    /// The magic bytes that open every log file: the format's name and version.
    public static let magic = Array("SNAPLOG1".utf8)

    /// Splits `bytes` (a whole log file) into records. A damaged stretch that runs to the end of the file is a
    /// torn tail: the records before it stand and `cutOffset` says where the file must be cut. A damaged
    /// record followed by an intact one is not a torn write but damage in the middle: that throws, so nothing
    /// is cut and no record after it is silently dropped.
    public static func read(_ bytes: [UInt8], file: String) throws(LogError) -> (LogRecovery, cutOffset: Int?) {
        if bytes.count < magic.count, Array(magic.prefix(bytes.count)) == bytes {
            // Created but the header never made it whole: nothing was ever acknowledged from it.
            return (LogRecovery(records: [], cutTail: bytes.isEmpty ? nil : "an incomplete file header"), bytes.isEmpty ? nil : 0)
        }
        guard Array(bytes.prefix(magic.count)) == magic else {
            throw LogError("\(file) is not a snapsim state log (it does not start with SNAPLOG1); refusing to touch it")
        }
        var records: [[UInt8]] = []
        var offset = magic.count
        let result: Result<Int?, LogError> = bytes.withUnsafeBytes { raw in
            while true {
                switch RecordFrame.scan(raw, at: offset) {
                case .end:
                    return .success(nil)
                case .record(let payload, let end):
                    records.append(Array(raw[payload]))
                    offset = end
                case .damaged(let what):
                    if isZeroFilled(bytes[offset...]) { return .success(offset) }
                    if let later = firstIntactRecord(raw, after: offset) {
                        return .failure(LogError(
                            "\(file) is damaged at byte \(offset) (\(what)), but an intact record follows at byte \(later): "
                                + "this is not a torn write; refusing to start and leaving the file as it is"))
                    }
                    return .success(offset)
                }
            }
        }
        switch result {
        case .failure(let error):
            throw error
        case .success(let cut):
            // Zeros to the end are the log's space written ahead (or blocks a power cut left zero-filled): no
            // record was ever in them, so cutting them is not worth a report.
            let torn = cut.flatMap { isZeroFilled(bytes[$0...]) ? nil : $0 }
            let report = torn.map { "cut \(bytes.count - $0) bytes of a torn tail at byte \($0) of \(file) (\(records.count) intact records kept)" }
            return (LogRecovery(records: records, cutTail: report), cut)
        }
    }

    /// Whether `bytes` are all zeros (the space a log writes ahead of its records).
    public static func isZeroFilled(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while raw.count - offset >= 8 {
                if raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != 0 { return false }
                offset += 8
            }
            return raw[offset...].allSatisfy { $0 == 0 }
        }
    }

    /// The offset of the first intact, non-empty record that starts after `offset`, if any.
    static func firstIntactRecord(_ raw: UnsafeRawBufferPointer, after offset: Int) -> Int? {
        var candidate = offset + 1
        while candidate + RecordFrame.headerSize < raw.count {
            if case .record(let payload, _) = RecordFrame.scan(raw, at: candidate), !payload.isEmpty { return candidate }
            candidate += 1
        }
        return nil
    }
}
