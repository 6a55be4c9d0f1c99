import Dispatch
import Foundation
import SNAPSim
import Synchronization

/// `snapsim serve --watch`: polls a fixture folder and swaps each new version into the simulator, the same way
/// `POST /_sim/fixtures` does: validated whole, swapped atomically, or refused with every problem while the set
/// in force keeps serving.
///
/// Polling file times (every 500 ms by default, on a Dispatch timer) needs nothing from the platform and
/// notices editors that replace files as well as those that rewrite them.
public final class FixtureWatcher: Sendable {
    /// The files of the folder as last seen: path, size, modification time and file number.
    struct Snapshot: Equatable {
        var files: [String]
    }

    private let directory: String
    private let simulator: Simulator
    private let interval: Duration
    private let log: @Sendable (String) -> Void
    private let lastSeen: Mutex<Snapshot?>
    private let timer = Mutex<(any DispatchSourceTimer)?>(nil)
    private static let queue = DispatchQueue(label: "snapsim.fixture-watcher")

    /// Watches `directory` (the `--fixtures` folder the simulator loaded) and reports reloads and refusals
    /// through `log`.
    public init(directory: String, simulator: Simulator, interval: Duration = .milliseconds(500), log: @escaping @Sendable (String) -> Void) {
        self.directory = directory
        self.simulator = simulator
        self.interval = interval
        self.log = log
        lastSeen = Mutex(Self.snapshot(of: directory))
    }

    /// Starts polling; the first poll compares against the folder as it was when the watcher was made.
    public func start() {
        let milliseconds = Int(interval.components.seconds * 1000 + interval.components.attoseconds / 1_000_000_000_000_000)
        timer.withLock { current in
            current?.cancel()
            // A private serial queue: polls never overlap and never wait for the shared pool.
            let source = DispatchSource.makeTimerSource(queue: Self.queue)
            source.schedule(deadline: .now() + .milliseconds(milliseconds), repeating: .milliseconds(milliseconds))
            source.setEventHandler { @Sendable [weak self] in self?.poll() }
            source.resume()
            current = source
        }
    }

    /// Stops polling.
    public func stop() {
        timer.withLock { current in
            current?.cancel()
            current = nil
        }
    }

    /// Reloads once if the folder changed since it was last seen.
    /// - Returns: whether it changed (whether or not the new set loaded).
    @discardableResult
    public func poll() -> Bool {
        let now = Self.snapshot(of: directory)
        let changed = lastSeen.withLock { seen in
            guard seen != now else { return false }
            seen = now
            return true
        }
        guard changed else { return false }
        do throws(FixtureLoadError) {
            let generation: Int
            let fixtures: LoadedFixtures
            if simulator.isDurable {
                // The state directory keeps the very files loaded, so they are read once, here.
                let files = FixtureFiles.read(directory)
                fixtures = try LoadedFixtures.load(files: files.map { ($0.path, $0.contents) })
                generation = simulator.replaceFixtures(fixtures, files: files)
            } else {
                fixtures = try LoadedFixtures.load(directory: directory)
                generation = simulator.replaceFixtures(fixtures)
            }
            log("snapsim: fixtures reloaded from \(directory) (generation \(generation)): \(fixtures.summary)")
        } catch {
            log("snapsim: fixtures in \(directory) changed but were not reloaded; still serving generation \(simulator.fixtureGeneration). \(error)")
        }
        return true
    }

    /// Every `*.json` file below `directory` with what changes when it is edited or replaced, sorted by path.
    static func snapshot(of directory: String) -> Snapshot? {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return nil }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            guard relative.hasSuffix(".json"),
                let attributes = try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(relative).path)
            else { continue }
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
            let number = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            files.append("\(relative) \(size) \(modified) \(number)")
        }
        return Snapshot(files: files.sorted())
    }
}
