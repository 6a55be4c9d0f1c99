/// How the log's writer appends a batch to its segment: zeros written ahead so that fdatasync flushes data only.
extension DurableLog {
    /// Writes `bytes` at `end` of segment `fd` and syncs them (`sync`), first writing zeros ahead when they would
    /// pass `allocated` (synced with them: the next fdatasyncs flush data only); moves `end` and `allocated`.
    /// A batch written without a sync (reads) that passes `allocated` is appended as it is, with no zeros ahead:
    /// the zeros only spare the fdatasync of a change the file's new size, and under reads only they were
    /// 4 MiB written (and written back) every ~8,500 reads, then written over. The next batch that is synced
    /// and passes the end writes them ahead again (its one fdatasync then also records the size).
    func write(
        _ bytes: ArraySlice<UInt8>, to fd: Int32, end: inout Int, allocated: inout Int, sync: Bool
    ) -> Int32? {
        var failure: Int32?
        if !sync && end + bytes.count > allocated {
            failure = bytes.withUnsafeBytes { FileIO.writeAll(fd, $0, at: end) }
            if failure == nil {
                end += bytes.count
                allocated = max(allocated, end)
            }
            return failure
        }
        if end + bytes.count > allocated {
            let grown = (end + bytes.count + Self.preallocation) / Self.preallocation * Self.preallocation
            failure = FileIO.writeZeros(fd, from: allocated, to: grown)
            if failure == nil { allocated = grown }
        }
        failure = failure ?? bytes.withUnsafeBytes { FileIO.writeAll(fd, $0, at: end) }
        if failure == nil, sync { failure = FileIO.syncData(fd) }
        if failure == nil { end += bytes.count }
        return failure
    }
}
