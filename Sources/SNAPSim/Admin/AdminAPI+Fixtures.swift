import Synchronization
import SimHTTP
import SimJSON

/// `GET`/`POST /_sim/fixtures`: what set is in force, and replacing it whole.
extension AdminAPI {
    static let fixturesUsage = #"Send {"files": {"partners.json": "<file text>", "rules.json": {"rules": []}, …}}: every file of the new set, by path, as text or as JSON."#

    func fixtures(_ request: HTTPRequest) throws(AdminFailure) -> HTTPReply {
        switch request.method {
        case .get:
            let world = simulator.world
            return json(200, Self.describe(world.fixtures, generation: world.generation))
        case .post:
            let files = try fixtureFiles(request)
            let loaded: LoadedFixtures
            do throws(FixtureLoadError) {
                loaded = try LoadedFixtures.load(files: files)
            } catch {
                let count = error.problems.count == 1 ? "1 problem" : "\(error.problems.count) problems"
                return problems("Fixtures not loaded (\(count)); the running set is unchanged.", error.problems)
            }
            let generation = simulator.replaceFixtures(loaded)
            // Replayed or live, the set's files are what the next snapshot keeps.
            simulator.options.stateLog?.fixtureFiles.withLock {
                $0 = files.map { DurableRecord.FixtureFile(path: $0.path, contents: $0.contents) }
            }
            return json(200, Self.describe(loaded, generation: generation))
        default:
            throw notAllowed(request, allowed: "GET, POST")
        }
    }

    /// The files of a `POST /_sim/fixtures` body; a 400 for a body of the wrong shape, a 422 for bad paths.
    private func fixtureFiles(_ request: HTTPRequest) throws(AdminFailure) -> [(path: String, contents: String)] {
        guard let object = try jsonBody(request, usage: Self.fixturesUsage).objectValue,
            let files = object["files"]?.objectValue, object.keys.allSatisfy({ $0 == "files" })
        else {
            throw AdminFailure(reply: error(400, Self.fixturesUsage))
        }
        var result: [(path: String, contents: String)] = []
        var problems: [FixtureProblem] = []
        for (path, value) in files {
            let at = JSONPointer(tokens: ["files", path])
            if !path.hasSuffix(".json") || path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                problems.append(FixtureProblem(file: path, pointer: at, message: "a fixture path is relative and ends in .json, e.g. rules.json or profiles/snap.json"))
            }
            switch value {
            case .string(let text): result.append((path, text))
            case .object: result.append((path, value.compactText))
            default:
                problems.append(FixtureProblem(file: path, pointer: at, message: "the file's contents must be its text (a string) or its JSON object, not \(value.typeName)"))
            }
        }
        if files.isEmpty {
            problems.append(FixtureProblem(file: "request body", pointer: JSONPointer(tokens: ["files"]), message: "no files: send every file of the new set"))
        }
        guard problems.isEmpty else {
            throw AdminFailure(reply: self.problems("Fixtures not loaded; the running set is unchanged.", problems))
        }
        return result
    }

    static func describe(_ fixtures: LoadedFixtures, generation: Int) -> JSONValue {
        [
            "generation": .int(generation),
            "summary": .string(fixtures.summary),
            "files": .array(fixtures.sourceFiles.map(JSONValue.string)),
        ]
    }
}
