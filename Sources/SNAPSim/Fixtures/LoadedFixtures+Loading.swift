import Foundation
import SimJSON

extension LoadedFixtures {
    /// Validates and loads a fixture set from file contents.
    ///
    /// Every file is a JSON object whose top-level members are sections (`simulator`, `partners`,
    /// `customers`, `accounts`, `tiers`, `responseCodes`, `rules`, `profiles`); files are read in path
    /// order, so rules from several files keep a stable order.
    /// - Throws: ``FixtureLoadError`` listing every problem, each with file and JSON pointer.
    public static func load(files: [(path: String, contents: String)]) throws(FixtureLoadError) -> LoadedFixtures {
        var reader = FixtureSetReader()
        return try reader.read(files.sorted { $0.path < $1.path })
    }

    /// Loads every `*.json` file below `directory` (recursively; paths relative to it).
    public static func load(directory: String) throws(FixtureLoadError) -> LoadedFixtures {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FixtureLoadError(problems: [
                FixtureProblem(file: directory, pointer: JSONPointer(tokens: []), message: "not a directory")
            ])
        }
        var files: [(path: String, contents: String)] = []
        var problems: [FixtureProblem] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "json" else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let data = FileManager.default.contents(atPath: url.path) else {
                problems.append(FixtureProblem(file: relative, pointer: JSONPointer(tokens: []), message: "cannot be read"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                problems.append(FixtureProblem(file: relative, pointer: JSONPointer(tokens: []), message: "is not UTF-8 text"))
                continue
            }
            files.append((relative, text))
        }
        let loaded: Result<LoadedFixtures, FixtureLoadError>
        do throws(FixtureLoadError) {
            loaded = .success(try load(files: files))
        } catch {
            loaded = .failure(error)
        }
        switch loaded {
        case .success(let fixtures) where problems.isEmpty: return fixtures
        case .success: throw FixtureLoadError(problems: problems)
        case .failure(let error): throw FixtureLoadError(problems: problems + error.problems)
        }
    }

    /// The fixtures compiled into the binary (the repository's `fixtures/` folder).
    ///
    /// A test keeps them loading cleanly; should a broken set ever be embedded, this stops with its problems.
    public static var defaults: LoadedFixtures {
        switch embeddedResult {
        case .success(let fixtures): return fixtures
        case .failure(let error): fatalError("embedded default fixtures are invalid: \(error)")
        }
    }

    /// The default fixtures, or why they failed, loaded once.
    public static let embeddedResult: Result<LoadedFixtures, FixtureLoadError> = {
        do throws(FixtureLoadError) {
            return .success(try load(files: DefaultFixtures.files))
        } catch {
            return .failure(error)
        }
    }()

    /// The default fixtures' catalogue, or an empty one if they are broken.
    static var embeddedCatalogue: ResponseCatalogue {
        (try? embeddedResult.get())?.catalogue ?? ResponseCatalogue(entries: [])
    }
}
