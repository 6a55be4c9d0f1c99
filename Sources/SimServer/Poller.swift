#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if os(Linux)
import CEpoll
#endif
import Synchronization

/// What a registered descriptor should be watched for.
struct Interest: OptionSet, Equatable {
    let rawValue: UInt8
    static let read = Interest(rawValue: 1)
    static let write = Interest(rawValue: 2)
}

/// What the poller saw on a descriptor.
struct Readiness {
    var readable: Bool
    var writable: Bool
    /// An error or a full hang-up: the descriptor is finished.
    var failed: Bool
}

/// Wakes an event loop from another thread. Its descriptor stays open for the waker's lifetime, so a late
/// wake-up after the loop ended writes to a live descriptor rather than a reused one.
final class Waker: Sendable {
    /// The end the loop watches.
    let readFD: Int32
    /// The end other threads write to (the same eventfd on Linux).
    let writeFD: Int32

    init() throws(SocketError) {
        #if os(Linux)
        let fd = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard fd >= 0 else { throw .makeFailed("eventfd") }
        readFD = fd
        writeFD = fd
        #else
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .makeFailed("pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readFD = fds[0]
        writeFD = fds[1]
        #endif
    }

    deinit {
        Socket.close(readFD)
        if writeFD != readFD { Socket.close(writeFD) }
    }

    func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { systemWrite(writeFD, $0.baseAddress, $0.count) }
    }

    /// Empties the wake-up counter (or pipe) so a level-triggered poller stops reporting it.
    func drain() {
        var sink: UInt64 = 0
        while withUnsafeMutableBytes(of: &sink, { systemRead(readFD, $0.baseAddress, $0.count) }) > 0 {}
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #else
    Darwin.write(fd, pointer, count)
    #endif
}

@inline(__always)
private func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.read(fd, pointer, count)
    #else
    Darwin.read(fd, pointer, count)
    #endif
}

#if os(Linux)

/// Level-triggered epoll. One per event loop, used only by that loop's thread.
final class Poller {
    private let epollFD: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    private let capacity = 256

    init() throws(SocketError) {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epollFD >= 0 else { throw .makeFailed("epoll_create1") }
        events = .allocate(capacity: capacity)
    }

    deinit {
        events.deallocate()
        Socket.close(epollFD)
    }

    /// Starts watching `fd`; throws when epoll refuses (out of memory, a bad descriptor).
    func add(_ fd: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        try control(EPOLL_CTL_ADD, fd, token, interest, "epoll_ctl(ADD)")
    }

    func modify(_ fd: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        try control(EPOLL_CTL_MOD, fd, token, interest, "epoll_ctl(MOD)")
    }

    func remove(_ fd: Int32) throws(SocketError) {
        var event = epoll_event()
        guard epoll_ctl(epollFD, EPOLL_CTL_DEL, fd, &event) == 0 else { throw .makeFailed("epoll_ctl(DEL)") }
    }

    private func control(
        _ operation: Int32,
        _ fd: Int32,
        _ token: UInt64,
        _ interest: Interest,
        _ call: String
    ) throws(SocketError) {
        var event = epoll_event()
        var flags: UInt32 = 0
        if interest.contains(.read) { flags |= EPOLLIN.rawValue }
        if interest.contains(.write) { flags |= EPOLLOUT.rawValue }
        event.events = flags
        event.data.u64 = token
        guard epoll_ctl(epollFD, operation, fd, &event) == 0 else { throw .makeFailed(call) }
    }

    /// Waits up to `timeout` milliseconds (-1: forever); returns how many descriptors are ready (0 on timeout
    /// or `EINTR`). Read each with ``event(at:)`` before the next wait.
    func wait(timeout: Int32) -> Int {
        max(Int(epoll_wait(epollFD, events, Int32(capacity), timeout)), 0)
    }

    /// The token and readiness of the `index`th descriptor the last wait reported.
    @inline(__always)
    func event(at index: Int) -> (token: UInt64, readiness: Readiness) {
        let event = events[index]
        let flags = event.events
        let readiness = Readiness(
            readable: flags & (EPOLLIN.rawValue | EPOLLHUP.rawValue | EPOLLERR.rawValue) != 0,
            writable: flags & EPOLLOUT.rawValue != 0,
            failed: flags & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
        )
        return (event.data.u64, readiness)
    }
}

#else

/// A `poll()` fallback for systems without epoll. Simple rather than fast: it rebuilds its descriptor
/// array when registrations change and scans it after every wait.
final class Poller {
    private var registrations: [Int32: (token: UInt64, interest: Interest)] = [:]
    private var descriptors: [pollfd] = []
    private var tokens: [UInt64] = []
    private var isDirty = true

    init() throws(SocketError) {}

    func add(_ fd: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        registrations[fd] = (token, interest)
        isDirty = true
    }

    func modify(_ fd: Int32, token: UInt64, interest: Interest) throws(SocketError) {
        registrations[fd] = (token, interest)
        isDirty = true
    }

    func remove(_ fd: Int32) throws(SocketError) {
        registrations[fd] = nil
        isDirty = true
    }

    private var ready: [(token: UInt64, readiness: Readiness)] = []

    func wait(timeout: Int32) -> Int {
        if isDirty {
            descriptors.removeAll(keepingCapacity: true)
            tokens.removeAll(keepingCapacity: true)
            for (fd, registration) in registrations {
                var events: Int16 = 0
                if registration.interest.contains(.read) { events |= Int16(POLLIN) }
                if registration.interest.contains(.write) { events |= Int16(POLLOUT) }
                descriptors.append(pollfd(fd: fd, events: events, revents: 0))
                tokens.append(registration.token)
            }
            isDirty = false
        }
        ready.removeAll(keepingCapacity: true)
        guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0 else { return 0 }
        for (descriptor, token) in zip(descriptors, tokens) where descriptor.revents != 0 {
            let flags = descriptor.revents
            let readiness = Readiness(
                readable: flags & Int16(POLLIN | POLLHUP | POLLERR) != 0,
                writable: flags & Int16(POLLOUT) != 0,
                failed: flags & Int16(POLLERR | POLLHUP | POLLNVAL) != 0
            )
            ready.append((token, readiness))
        }
        return ready.count
    }

    func event(at index: Int) -> (token: UInt64, readiness: Readiness) {
        ready[index]
    }
}

#endif
