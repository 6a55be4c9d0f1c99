import Foundation

/// Writes every `.json` file below a folder into one Swift source file, so the default fixtures travel
/// inside the `snapsim` binary. Usage: `FixtureEmbedder <fixtures-dir> <output.swift>`.
@main
struct FixtureEmbedder {
    static func main() throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else {
            FileHandle.standardError.write(Data("usage: FixtureEmbedder <fixtures-dir> <output.swift>\n".utf8))
            exit(64)
        }
        let root = URL(fileURLWithPath: arguments[1], isDirectory: true).standardizedFileURL
        let output = URL(fileURLWithPath: arguments[2])

        var entries: [(path: String, contents: String)] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "json" {
                let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
                entries.append((relative, try String(contentsOf: url, encoding: .utf8)))
            }
        }
        // Sorted so the generated file, and the fixture load order, never depend on the file system.
        entries.sort { $0.path < $1.path }

        var source = "// Generated at build time by FixtureEmbedder from fixtures/. Do not edit.\n"
        source += "enum EmbeddedFixtures {\n"
        source += "    /// Relative path and contents of every default fixture file, sorted by path.\n"
        source += "    static let files: [(path: String, contents: String)] = [\n"
        for entry in entries {
            source += "        (\(literal(entry.path)), \(literal(entry.contents))),\n"
        }
        source += "    ]\n}\n"
        try Data(source.utf8).write(to: output, options: .atomic)
    }

    /// A Swift string literal for arbitrary text.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
