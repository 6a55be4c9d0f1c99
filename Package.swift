// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: Swift 6 mode is the tools default; these keep the code explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "snapsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "snapsim", targets: ["snapsim"]),
        .library(name: "SNAPSim", targets: ["SNAPSim"]),
        .library(name: "SNAPCrypto", targets: ["SNAPCrypto"]),
        .library(name: "SimServer", targets: ["SimServer"]),
        .library(name: "SimHTTPClient", targets: ["SimHTTPClient"]),
    ],
    targets: [
        // MARK: - Foundations with no SNAP knowledge

        /// SHA-2, HMAC, RSA PKCS#1 v1.5 and key parsing; no Foundation.
        .target(name: "SNAPCrypto", exclude: ["README.md"], swiftSettings: strictSettings),
        /// JSON values that keep member order and number text, a strict parser, serializers, pointers, merge patch
        /// and a located reader for user-written documents.
        .target(name: "SimJSON", exclude: ["README.md"], swiftSettings: strictSettings),
        /// EMVCo merchant-presented QR (QRIS): tag-length-value, CRC-16/CCITT-FALSE, encode and decode.
        .target(name: "QRISCode", swiftSettings: strictSettings),
        /// HTTP/1.1 values, the incremental request parser and the response encoder; no sockets.
        .target(name: "SimHTTP", exclude: ["README.md"], swiftSettings: strictSettings),
        /// Exposes epoll to Swift (Glibc does not); empty on other systems.
        .target(name: "CEpoll"),
        /// Sockets, event loops, timers, limits and graceful shutdown.
        .target(name: "SimServer", dependencies: ["SimHTTP", "CEpoll"], swiftSettings: strictSettings),
        /// An append-only, checksummed log with group-commit fsync and a directory lock; no SNAP knowledge.
        .target(name: "SimLog", swiftSettings: strictSettings),
        /// A compact binary `Encoder`/`Decoder` (tagged values, varints, a key table per document); no SNAP knowledge.
        .target(name: "SimBinaryCoding", exclude: ["README.md"], swiftSettings: strictSettings),
        /// An outbound HTTP/1.1 client over plain sockets with deadlines; no Foundation.
        .target(name: "SimHTTPClient", dependencies: ["SimHTTP"], swiftSettings: strictSettings),

        // MARK: - The simulator

        /// Fixtures, ledger, security pipeline, rules, services, journal and admin API.
        .target(
            name: "SNAPSim",
            dependencies: ["SNAPCrypto", "SimHTTP", "SimHTTPClient", "SimJSON", "QRISCode", "SimLog", "SimBinaryCoding"],
            swiftSettings: strictSettings,
            plugins: ["EmbedDefaultFixtures"]
        ),
        /// Scenario files, the partner-side signer, the runner and its reporters.
        .target(name: "SNAPScenario", dependencies: ["SNAPSim", "SNAPCrypto", "SimHTTP", "SimHTTPClient", "SimJSON", "SimServer"], swiftSettings: strictSettings),
        /// The commands behind the `snapsim` executable, testable without a process.
        .target(
            name: "SNAPSimCLI",
            dependencies: ["SNAPSim", "SNAPScenario", "SimServer", "SimHTTP", "SimHTTPClient", "SNAPCrypto", "SimJSON", "QRISCode"],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "snapsim", dependencies: ["SNAPSimCLI"], swiftSettings: strictSettings),
        /// The server's per-request work in one process, for instruction counts (bench/snap/callgrind.sh).
        .executableTarget(name: "snapsim-bench", dependencies: ["SNAPSim", "SNAPScenario", "SimHTTP"], path: "bench/driver", swiftSettings: strictSettings),
        /// The size, decode and encode times of a state directory's snapshot (bench/snap/durable.sh).
        .executableTarget(name: "snapsim-snapshot-probe", dependencies: ["SNAPSim"], path: "bench/snapshot-probe", swiftSettings: strictSettings),
        /// Records replayed per second by a start with `--state` (issue 15), in one process.
        .executableTarget(
            name: "snapsim-replay-bench", dependencies: ["SNAPSim", "SNAPScenario", "SimHTTP", "SimJSON"], path: "bench/replay",
            swiftSettings: strictSettings),

        // MARK: - Build tooling

        /// Turns `fixtures/*.json` into Swift source so the defaults live inside the binary.
        .executableTarget(name: "FixtureEmbedder", swiftSettings: strictSettings),
        .plugin(name: "EmbedDefaultFixtures", capability: .buildTool(), dependencies: ["FixtureEmbedder"]),

        // MARK: - Tests

        .testTarget(name: "SNAPCryptoTests", dependencies: ["SNAPCrypto"], resources: [.copy("Vectors")]),
        .testTarget(name: "SimHTTPTests", dependencies: ["SimHTTP"], resources: [.copy("Corpus")]),
        .testTarget(name: "SimJSONTests", dependencies: ["SimJSON"], exclude: ["JSONTestSuite"]),
        .testTarget(name: "QRISCodeTests", dependencies: ["QRISCode"], exclude: ["Reference"]),
        /// A loopback HTTP client and polling helpers shared by every test that talks to a real socket.
        .target(name: "SocketTestSupport", path: "Tests/SocketTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "SimServerTests", dependencies: ["SimServer", "SimHTTP", "SocketTestSupport"]),
        .testTarget(name: "SimLogTests", dependencies: ["SimLog"]),
        .testTarget(name: "SimBinaryCodingTests", dependencies: ["SimBinaryCoding"]),
        .testTarget(name: "SimHTTPClientTests", dependencies: ["SimHTTPClient", "SimServer", "SimHTTP"]),
        .testTarget(
            name: "SNAPSimTests",
            dependencies: [
                "SNAPSim", "SNAPCrypto", "SimHTTP", "SimServer", "SimJSON", "QRISCode", "SocketTestSupport", "SimBinaryCoding",
            ],
            exclude: ["Golden"]),
        .testTarget(name: "SNAPScenarioTests", dependencies: ["SNAPScenario", "SNAPSim", "SimServer", "SimHTTP", "SimJSON"]),
        .testTarget(
            name: "SNAPSimCLITests",
            dependencies: ["SNAPSimCLI", "SNAPSim", "SimJSON", "QRISCode", "SimServer", "SocketTestSupport", "SimLog"]),
    ]
)
