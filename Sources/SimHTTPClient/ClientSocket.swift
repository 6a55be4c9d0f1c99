#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One outbound TCP connection: non-blocking, waited on with `poll` so every step has a deadline.
struct ClientSocket: ~Copyable {
    let fd: Int32

    init(adopting fd: Int32) { self.fd = fd }

    /// Resolves `host`, then tries each address until one accepts before `deadline`.
    init(connectingTo host: String, port: Int, deadline: ContinuousClock.Instant, timeout: Duration)
        throws(HTTPClientError)
    {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, results != nil else {
            throw .addressResolution(host: host, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(results) }
        var lastError = HTTPClientError.connectionRefused(host: host, port: port)
        var cursor = results
        while let info = cursor?.pointee {
            cursor = info.ai_next
            let fd = socket(info.ai_family, info.ai_socktype, info.ai_protocol)
            guard fd >= 0 else {
                lastError = .system(call: "socket", errno: errno)
                continue
            }
            do throws(HTTPClientError) {
                try Self.prepare(fd)
                if connect(fd, info.ai_addr, info.ai_addrlen) != 0 {
                    guard errno == EINPROGRESS || errno == EINTR else { throw Self.connectError(errno, host, port) }
                    guard try Self.wait(fd, for: Int16(POLLOUT), until: deadline) else {
                        throw .connectTimeout(host: host, port: port, after: timeout)
                    }
                    var code: Int32 = 0
                    var length = socklen_t(MemoryLayout<Int32>.size)
                    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length) == 0 else {
                        throw .system(call: "getsockopt(SO_ERROR)", errno: errno)
                    }
                    if code != 0 { throw Self.connectError(code, host, port) }
                }
                self.fd = fd
                return
            } catch {
                _ = closeDescriptor(fd)
                lastError = error
                if case .connectTimeout = error { throw error }
            }
        }
        throw lastError
    }

    deinit { _ = closeDescriptor(fd) }

    /// Writes all of `bytes` before `deadline`.
    func write(_ bytes: [UInt8], deadline: ContinuousClock.Instant, timeout: Duration) throws(HTTPClientError) {
        #if canImport(Glibc)
            let flags = Int32(MSG_NOSIGNAL)
        #else
            let flags: Int32 = 0
        #endif
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, flags) }
            if count >= 0 {
                offset += count
                continue
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try Self.wait(fd, for: Int16(POLLOUT), until: deadline) else {
                    throw .writeTimeout(after: timeout)
                }
            case ECONNRESET, EPIPE: throw .connectionReset(received: 0)
            case let code: throw .system(call: "send", errno: code)
            }
        }
    }

    enum ReadResult { case bytes(Int), endOfFile }

    /// Reads what arrives into `buffer`, waiting until `deadline`; `nil` when the deadline passed first.
    func read(into buffer: UnsafeMutableRawBufferPointer, deadline: ContinuousClock.Instant, received: Int)
        throws(HTTPClientError) -> ReadResult?
    {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .bytes(count) }
            if count == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                guard try Self.wait(fd, for: Int16(POLLIN), until: deadline) else { return nil }
            case ECONNRESET, EPIPE: throw .connectionReset(received: received)
            case let code: throw .system(call: "recv", errno: code)
            }
        }
    }

    /// An idle kept-alive connection is fit for reuse only if the peer has sent nothing (no FIN, no stray bytes).
    func isQuiet() -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    /// Waits for `events`; false when `deadline` passed first.
    private static func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant)
        throws(HTTPClientError) -> Bool
    {
        while true {
            let left = deadline - .now
            guard left > .zero else { return false }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return true }  // errors and hang-ups surface from the next call
            if ready < 0 && errno != EINTR { throw .system(call: "poll", errno: errno) }
        }
    }

    private static func prepare(_ fd: Int32) throws(HTTPClientError) {
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw .system(call: "fcntl(F_SETFD)", errno: errno) }
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw .system(call: "fcntl(F_SETFL)", errno: errno)
        }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        #if canImport(Darwin)
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    private static func connectError(_ code: Int32, _ host: String, _ port: Int) -> HTTPClientError {
        code == ECONNREFUSED ? .connectionRefused(host: host, port: port) : .system(call: "connect", errno: code)
    }
}

@inline(__always)
private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.close(fd)
    #else
        Darwin.close(fd)
    #endif
}

extension ClientSocket {
    /// Hands the descriptor over (to the idle pool) without closing it.
    consuming func release() -> Int32 {
        let fd = self.fd
        discard self
        return fd
    }
}
