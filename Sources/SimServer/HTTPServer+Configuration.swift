import Foundation

extension HTTPServer {
    /// Where the server listens and the limits it enforces.
    public struct Configuration: Sendable {
        /// The address to bind: an IPv4 or IPv6 literal or a host name. Default `127.0.0.1`.
        public var host: String
        /// The TCP port; 0 picks a free one (read it back from ``HTTPServer/localPort``). Default 7788.
        public var port: Int
        /// How many event loops, each on its own thread. Default: the active processor count. Systems without
        /// epoll use one loop.
        public var eventLoopCount: Int
        /// Open connections allowed across all loops; one more is answered with 503 and closed.
        public var maxConnections: Int
        /// The longest request body; a longer one is answered with 413. Default 1 MiB.
        public var maxBodyBytes: Int
        /// The longest request line plus header section; a longer one is answered with 431. Default 16 KiB.
        public var maxHeadBytes: Int
        /// The most header fields per request; more are answered with 431. Default 100.
        public var maxHeaderCount: Int
        /// How long a client has to send a complete request head, counted from connecting for the first
        /// request and from its first byte for later ones; then 408 and close. Trickling bytes does not
        /// extend it. Default 10 s.
        public var headerTimeout: Duration
        /// How long a client has to send a complete request body, counted from the end of its head; then 408
        /// and close. A total, not a per-byte timer: a client trickling a byte a second cannot hold a
        /// connection slot longer than this. Default 30 s (1 MiB at about 35 KB/s).
        public var bodyTimeout: Duration
        /// How long a keep-alive connection may sit idle between requests before it is closed quietly, and how
        /// long a response write may stall. Default 60 s.
        public var idleTimeout: Duration
        /// The listen backlog per listening socket.
        public var backlog: Int32

        /// Makes a configuration; every parameter has the default documented on its property.
        public init(
            host: String = "127.0.0.1",
            port: Int = 7788,
            eventLoopCount: Int = ProcessInfo.processInfo.activeProcessorCount,
            maxConnections: Int = 4096,
            maxBodyBytes: Int = 1024 * 1024,
            maxHeadBytes: Int = 16 * 1024,
            maxHeaderCount: Int = 100,
            headerTimeout: Duration = .seconds(10),
            bodyTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(60),
            backlog: Int32 = 1024
        ) {
            self.host = host
            self.port = port
            self.eventLoopCount = eventLoopCount
            self.maxConnections = maxConnections
            self.maxBodyBytes = maxBodyBytes
            self.maxHeadBytes = maxHeadBytes
            self.maxHeaderCount = maxHeaderCount
            self.headerTimeout = headerTimeout
            self.bodyTimeout = bodyTimeout
            self.idleTimeout = idleTimeout
            self.backlog = backlog
        }

        /// Throws when a value cannot work.
        func validate() throws(HTTPServerError) {
            guard (0...65_535).contains(port) else { throw .invalidConfiguration("port \(port) is not 0...65535") }
            guard eventLoopCount >= 1 else { throw .invalidConfiguration("eventLoopCount must be at least 1") }
            guard maxConnections >= 1 else { throw .invalidConfiguration("maxConnections must be at least 1") }
            guard maxBodyBytes >= 0 else { throw .invalidConfiguration("maxBodyBytes must not be negative") }
            guard maxHeadBytes >= 64 else { throw .invalidConfiguration("maxHeadBytes must be at least 64") }
            guard maxHeaderCount >= 1 else { throw .invalidConfiguration("maxHeaderCount must be at least 1") }
            guard headerTimeout > .zero, bodyTimeout > .zero, idleTimeout > .zero else {
                throw .invalidConfiguration("timeouts must be positive")
            }
            guard backlog >= 1 else { throw .invalidConfiguration("backlog must be at least 1") }
        }
    }
}
