import Foundation
import SNAPSim

/// The text of a fixture set's files, as the durable state records it: what `--fixtures PATH` (or the
/// built-in defaults) holds now, so a restart serves the same set even if the folder changed meanwhile.
enum FixtureFiles {
    /// Every `*.json` file below `directory`, by path relative to it (as ``LoadedFixtures/load(directory:)``
    /// names them), or the built-in files when `directory` is `nil`.
    static func read(_ directory: String?) -> [DurableRecord.FixtureFile] {
        guard let directory else { return DefaultFixtures.files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) } }
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var files: [DurableRecord.FixtureFile] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "json", let data = FileManager.default.contents(atPath: url.path) else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            files.append(DurableRecord.FixtureFile(path: relative, contents: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
