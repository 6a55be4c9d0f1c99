import Foundation
import SNAPCrypto
import Testing

/// Locates and decodes the data files under `Vectors/` (copied into the test bundle by Package.swift).
enum Vectors {
    /// The URL of `path`, relative to the `Vectors` directory.
    static func url(_ path: String) throws -> URL {
        let directory = try #require(
            Bundle.module.url(forResource: "Vectors", withExtension: nil),
            "the Vectors resource directory is missing from the test bundle"
        )
        return directory.appendingPathComponent(path)
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(path)))
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// Decodes `path` as JSON.
    static func decode<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(path)))
    }

    /// The `tests` array of a `{ "source": …, "tests": [ … ] }` vector file.
    static func tests<Test: Decodable>(_ type: Test.Type, from path: String) throws -> [Test] {
        try decode(VectorFile<Test>.self, from: path).tests
    }
}

/// The envelope every JSON vector file shares: where the vectors come from, and the cases.
struct VectorFile<Test: Decodable>: Decodable {
    var source: String
    var tests: [Test]
}

/// Bytes from a hex string in a vector file; a malformed vector fails the test instead of trapping.
func hexBytes(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    try #require(Hex.decode(text), "invalid hex in vector file", sourceLocation: sourceLocation)
}

/// A deterministic generator (SplitMix64) so fuzz and key-generation tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
