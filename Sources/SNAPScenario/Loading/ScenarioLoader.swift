import Foundation
import SNAPSim
import SimJSON

/// Finds scenario files and loads them, validating everything before anything runs.
///
/// ```swift
/// let scenarios = try ScenarioLoader.load(paths: ["Scenarios/"])   // throws ScenarioLoadError naming file + pointer
/// ```
public enum ScenarioLoader {
    /// The `*.json` files at `paths`: a file as given, a folder searched recursively (hidden entries skipped),
    /// each folder's files in path order.
    /// - Throws: ``ScenarioLoadError`` for a path that does not exist or a folder without scenario files.
    public static func files(at paths: [String]) throws(ScenarioLoadError) -> [String] {
        var files: [String] = []
        var problems = ScenarioProblems()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.add(path, "", "no such file or folder")
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let found = jsonFiles(under: path)
            if found.isEmpty { problems.add(path, "", "no *.json scenario files in this folder") }
            files += found
        }
        guard problems.isEmpty else { throw ScenarioLoadError(problems: problems.list) }
        return files
    }

    /// Every scenario in the files at `paths`.
    /// - Throws: ``ScenarioLoadError`` with every problem of every file; nothing is returned when there is any.
    public static func load(paths: [String]) throws(ScenarioLoadError) -> [Scenario] {
        var scenarios: [Scenario] = []
        var problems: [ScenarioProblem] = []
        for file in try files(at: paths) {
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(
                    ScenarioProblem(file: file, pointer: JSONPointer(tokens: []), message: "cannot be read"))
                continue
            }
            do throws(ScenarioLoadError) {
                scenarios += try load(file: file, contents: Array(data))
            } catch {
                problems += error.problems
            }
        }
        guard problems.isEmpty else { throw ScenarioLoadError(problems: problems) }
        return scenarios
    }

    /// The scenarios of one file's bytes; `file` names it in problems and reports.
    public static func load(file: String, contents: [UInt8]) throws(ScenarioLoadError) -> [Scenario] {
        let root: JSONValue
        do {
            root = try JSONParser.parse(contents)
        } catch {
            let (line, column) = position(of: error.offset, in: contents)
            throw ScenarioLoadError(problems: [
                ScenarioProblem(
                    file: file, pointer: JSONPointer(tokens: []),
                    message: "invalid JSON at line \(line), column \(column): \(error.reason)")
            ])
        }
        var reader = ScenarioReader(file: file)
        let scenarios = reader.read(root)
        guard reader.problems.isEmpty else { throw ScenarioLoadError(problems: reader.problems.list) }
        return scenarios
    }

    /// Convenience for tests and tools: the scenarios of a JSON text.
    public static func load(file: String, text: String) throws(ScenarioLoadError) -> [Scenario] {
        try load(file: file, contents: Array(text.utf8))
    }

    // MARK: - Helpers

    private static func jsonFiles(under folder: String) -> [String] {
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        var found: [String] = []
        let walker = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            found.append(prefix + relative)
        }
        return found.sorted()
    }

    /// 1-based line and column (in bytes) of a byte offset, for JSON syntax errors.
    private static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
