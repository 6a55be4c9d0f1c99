#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CEpoll
#endif

/// The outcome of one non-blocking read or write.
enum IOResult {
    case transferred(Int)
    case wouldBlock
    case endOfFile
    case failed(Int32)
}

/// The outcome of one non-blocking accept.
enum AcceptResult {
    case accepted(Int32)
    case wouldBlock
    case failed(Int32)
}

/// Thin wrappers over the POSIX socket calls: each retries `EINTR`, maps `EAGAIN` to `.wouldBlock` and keeps
/// the C types out of the rest of the server.
enum Socket {
    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif

    /// Creates a non-blocking socket bound to `host:port` and listening. Port 0 picks a free port; the port
    /// actually bound is returned. With `reusePort`, several sockets can bind the same port and the kernel
    /// spreads incoming connections across them (Linux `SO_REUSEPORT`).
    static func makeListener(
        host: String,
        port: Int,
        backlog: Int32,
        reusePort: Bool
    ) throws(SocketError) -> (fd: Int32, port: Int) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let info = results?.pointee else {
            throw .addressResolution(host: host, message: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(results) }

        let fd = socket(info.ai_family, streamType, 0)
        guard fd >= 0 else { throw .makeFailed("socket") }
        do throws(SocketError) {
            try setCloseOnExecAndNonBlocking(fd)
            try setOption(fd, SOL_SOCKET, SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR)")
            if reusePort { try setOption(fd, SOL_SOCKET, SO_REUSEPORT, 1, "setsockopt(SO_REUSEPORT)") }
            guard bind(fd, info.ai_addr, info.ai_addrlen) == 0 else { throw .makeFailed("bind") }
            guard listen(fd, backlog) == 0 else { throw .makeFailed("listen") }
            return (fd, try localPort(of: fd))
        } catch {
            _ = systemClose(fd)
            throw error
        }
    }

    /// The port a socket is bound to.
    static func localPort(of fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { throw .makeFailed("getsockname") }
        return withUnsafePointer(to: &storage) { pointer in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin_port))
                }
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            default:
                0
            }
        }
    }

    /// Accepts one pending connection as a non-blocking socket with Nagle's algorithm off: responses go out
    /// in one write, and Nagle would hold the second of two small writes (100 Continue, then the answer) for
    /// a delayed ACK.
    static func accept(_ listener: Int32) -> AcceptResult {
        while true {
            #if canImport(Glibc)
            let fd = CEpoll.accept4(listener, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
            #else
            let fd = Darwin.accept(listener, nil, nil)
            #endif
            if fd >= 0 {
                #if !canImport(Glibc)
                _ = try? setCloseOnExecAndNonBlocking(fd)
                _ = try? setOption(fd, SOL_SOCKET, SO_NOSIGPIPE, 1, "setsockopt(SO_NOSIGPIPE)")
                #endif
                _ = try? setOption(fd, Int32(IPPROTO_TCP), TCP_NODELAY, 1, "setsockopt(TCP_NODELAY)")
                return .accepted(fd)
            }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }

    /// Reads what is available into `buffer`.
    @inline(__always)
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> IOResult {
        while true {
            let count = recv(fd, buffer.baseAddress, buffer.count, 0)
            if count > 0 { return .transferred(count) }
            if count == 0 { return .endOfFile }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }

    /// Writes as much of `bytes` as the socket takes now; a peer that went away is an error, never SIGPIPE.
    @inline(__always)
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> IOResult {
        #if canImport(Glibc)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0  // SO_NOSIGPIPE is set on accept instead.
        #endif
        while true {
            let count = send(fd, bytes.baseAddress, bytes.count, flags)
            if count >= 0 { return .transferred(count) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case let code: return .failed(code)
            }
        }
    }

    /// Sends FIN while still reading: the peer sees the end of the response even if it is still sending.
    static func shutdownWrite(_ fd: Int32) {
        #if canImport(Glibc)
        _ = shutdown(fd, Int32(SHUT_WR))
        #else
        _ = shutdown(fd, SHUT_WR)
        #endif
    }

    static func close(_ fd: Int32) {
        // Linux and Darwin both release the descriptor even when close reports EINTR, so it is not retried.
        _ = systemClose(fd)
    }

    private static func setOption(
        _ fd: Int32,
        _ level: Int32,
        _ name: Int32,
        _ value: Int32,
        _ call: String
    ) throws(SocketError) {
        var value = value
        guard setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0 else {
            throw .makeFailed(call)
        }
    }

    private static func setCloseOnExecAndNonBlocking(_ fd: Int32) throws(SocketError) {
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw .makeFailed("fcntl(F_SETFD)") }
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw .makeFailed("fcntl(F_SETFL)") }
    }
}

/// `close` under a name that does not collide with the `Socket.close` shim.
@inline(__always)
func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}
