import Dispatch
import Foundation
import Glibc

/// A one-connection TCP server on loopback that plays a script: for the behaviours SimServer will not produce
/// (a reset, bytes in separate writes, an answer held until the test releases it).
final class ScriptedPeer: Sendable {
    let port: Int
    private let listener: Int32
    private let done = DispatchSemaphore(value: 0)

    /// What the peer does once it has read the request head.
    enum Step: Sendable {
        case write(String)
        /// Waits until the test signals the semaphore.
        case waitFor(DispatchSemaphore)
        /// Closes with SO_LINGER 0, which sends RST.
        case reset
    }

    init(_ steps: [Step]) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        _ = listen(listener, 4)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound.sin_port))
        let done = self.done
        // A thread of its own: the peer blocks in accept and recv, which must not starve a shared pool.
        Thread.detachNewThread {
            let fd = accept(listener, nil, nil)
            defer { done.signal() }
            guard fd >= 0 else { return }
            Self.readHead(fd)
            for step in steps {
                switch step {
                case .write(let text): _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                case .waitFor(let semaphore): semaphore.wait()
                case .reset:
                    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
                    _ = setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
                }
            }
            close(fd)
        }
    }

    /// Waits until the script has run and the connection is closed, then stops listening.
    func finish() {
        done.wait()
        close(listener)
    }

    private static func readHead(_ fd: Int32) {
        var seen: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            seen.append(byte)
            if seen.count >= 4 && Array(seen.suffix(4)) == [13, 10, 13, 10] { return }
        }
    }
}

/// A loopback port with nothing listening: bound, never listened on, so connecting is refused.
func refusingPort() -> (port: Int, release: () -> Void) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    var bound = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &bound) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (Int(UInt16(bigEndian: bound.sin_port)), { close(fd) })
}
