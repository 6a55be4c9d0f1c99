import Foundation
import SimLog
import Testing

/// A snapshot's part files: written once per array, named again while the array is unchanged, read back only
/// when whole, and deleted once no saved snapshot names them.
@Suite struct SnapshotPartsTests {
    static let refusal = "refusing to start"

    static func names(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("part.") }.sorted()
    }

    @Test func anUnchangedArrayIsNamedAgain_AChangedOneIsWrittenAnew() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = SnapshotPartFiles(directory: directory)
        var records = [UInt8](repeating: 7, count: 100_000)
        let ids = Array("external ids".utf8)
        let (first, wroteFirst) = try files.store(records)
        let (second, _) = try files.store(ids)
        #expect(wroteFirst && first.file != second.file)
        try files.syncNewFiles()
        try files.saved(keeping: [first, second])

        // The same arrays (a copy shares the storage): no file written.
        let copy = records
        let (again, wroteAgain) = try files.store(copy)
        #expect(again == first && !wroteAgain)
        // A changed array has storage of its own: a new file, and the old one goes once the snapshot is saved.
        records[0] = 8
        let (changed, wroteChanged) = try files.store(records)
        #expect(wroteChanged && changed.file > second.file)
        #expect(try Self.names(directory) == [first, second, changed].map(\.fileName).sorted())
        try files.saved(keeping: [changed, second])
        #expect(try Self.names(directory) == [second, changed].map(\.fileName).sorted())
        #expect(try SnapshotPartFiles.read(changed, directory: directory, refusal: Self.refusal) == records)
        #expect(try SnapshotPartFiles.read(second, directory: directory, refusal: Self.refusal) == ids)

        // A new instance (a restart) numbers new files after those present.
        let (fresh, _) = try SnapshotPartFiles(directory: directory).store(ids)
        #expect(fresh.file > changed.file)
    }

    @Test func aDamagedOrMissingPartIsRefusedNamingItsFile() throws {
        let directory = DurableLogTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0) }
        let (part, _) = try SnapshotPartFiles(directory: directory).store(bytes)
        let path = "\(directory)/\(part.fileName)"
        let original = try #require(FileManager.default.contents(atPath: path))

        var flipped = original
        flipped[flipped.count - 10] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SnapshotPartFiles.read(part, directory: directory, refusal: Self.refusal)
        } throws: { error in
            "\(error)" == "\(path) is damaged: its checksum does not match its bytes; refusing to start"
        }
        #expect(FileManager.default.contents(atPath: path) == flipped, "the file is left as it is")

        try original.prefix(original.count - 1).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SnapshotPartFiles.read(part, directory: directory, refusal: Self.refusal)
        } throws: { error in
            "\(error)".hasPrefix("\(path) is damaged: the snapshot names 5000 bytes, the file holds 4999")
        }

        try Data("SNAPPRT".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SnapshotPartFiles.read(part, directory: directory, refusal: Self.refusal)
        } throws: { error in
            "\(error)".hasPrefix("\(path) is not a snapsim snapshot part")
        }

        try FileManager.default.removeItem(atPath: path)
        #expect {
            _ = try SnapshotPartFiles.read(part, directory: directory, refusal: Self.refusal)
        } throws: { error in
            "\(error)" == "\(path) is missing, and the snapshot needs it; refusing to start"
        }
    }
}
