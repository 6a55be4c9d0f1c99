extension HMAC where H == SHA512 {
    /// The 64-byte authentication codes of many messages under this key, concatenated in the order of `ranges`.
    ///
    /// Each message is `messages[range]`. Equal to calling ``authenticationCode(of:)`` per message, but cheaper:
    /// messages whose whole leading 128-byte blocks are the same (strings to sign that differ only near their
    /// end) compress those blocks once, and the other blocks are compressed without an allocation per message.
    public func authenticationCodes(of messages: UnsafeRawBufferPointer, ranges: [Range<Int>]) -> [UInt8] {
        SHA512Batch.authenticationCodes(keys: [self], messages: messages, jobs: ranges.map { (0, $0) })
    }

    /// The 64-byte authentication codes of one message under each of `keys`, concatenated in their order: the
    /// same as ``authenticationCode(of:)`` per key, without an allocation per key.
    public static func authenticationCodes(of message: UnsafeRawBufferPointer, keys: [HMAC<SHA512>]) -> [UInt8] {
        SHA512Batch.authenticationCodes(
            keys: keys, messages: message, jobs: keys.indices.map { ($0, 0..<message.count) })
    }
}

/// Many HMAC-SHA512s at once: their inner and outer hashes as a few rounds of independent block compressions,
/// each round a pass over the messages still running.
enum SHA512Batch {
    typealias State = SHA512Core.State

    /// `jobs`: which key and which bytes of `messages`, per code.
    static func authenticationCodes(
        keys: [HMAC<SHA512>], messages: UnsafeRawBufferPointer, jobs: [(key: Int, range: Range<Int>)]
    ) -> [UInt8] {
        var codes = [UInt8](repeating: 0, count: jobs.count * 64)
        for job in jobs {
            precondition(job.range.lowerBound >= 0 && job.range.upperBound <= messages.count, "range outside the messages")
        }
        guard !jobs.isEmpty else { return codes }
        guard keys.allSatisfy({ $0.inner.core.isBlockAligned && $0.outer.core.isBlockAligned }),
            let base = messages.baseAddress
        else {
            // A key fed a partial block before (or no bytes at all): one message at a time.
            for (index, job) in jobs.enumerated() {
                let code = keys[job.key].authenticationCode(of: UnsafeRawBufferPointer(rebasing: messages[job.range]))
                codes.replaceSubrange((index * 64)..<(index * 64 + 64), with: code)
            }
            return codes
        }

        // 1. Messages with the same key and the same whole leading blocks form a group; each group's blocks are
        //    compressed once, block by block across the groups.
        var groupOf: [Int] = []
        groupOf.reserveCapacity(jobs.count)
        // A fingerprint of the whole blocks first, so a message is compared byte for byte with at most the one
        // group it probably belongs to.
        var groups: [(key: Int, start: Int, whole: Int, fingerprint: UInt64)] = []
        groups.reserveCapacity(jobs.count)
        for job in jobs {
            let whole = job.range.count & ~127
            let start = base + job.range.lowerBound
            let fingerprint = fingerprint(start, count: whole)
            if let group = groups.firstIndex(where: {
                $0.fingerprint == fingerprint && $0.key == job.key && $0.whole == whole
                    && equal(start, base + $0.start, count: whole)
            }) {
                groupOf.append(group)
            } else {
                groupOf.append(groups.count)
                groups.append((job.key, job.range.lowerBound, whole, fingerprint))
            }
        }
        var prefixStates = groups.map { keys[$0.key].inner.core.state }
        let longest = groups.map(\.whole).max() ?? 0
        var offset = 0
        while offset < longest {
            compress(&prefixStates, where: { groups[$0].whole > offset }) { UnsafeRawPointer(base + groups[$0].start + offset) }
            offset += 128
        }

        // 2. Each message's last block or two (the bytes after its whole blocks, then the padding), then the
        //    outer hash over the inner digest: one block.
        let staging = UnsafeMutableRawBufferPointer.allocate(byteCount: jobs.count * 256, alignment: 8)
        defer { staging.deallocate() }
        staging.initializeMemory(as: UInt8.self, repeating: 0)
        var states = groupOf.map { prefixStates[$0] }
        for (index, job) in jobs.enumerated() {
            let whole = job.range.count & ~127
            let rest = job.range.count - whole
            let tail = staging.baseAddress.unsafelyUnwrapped + index * 256
            tail.copyMemory(from: base + job.range.lowerBound + whole, byteCount: rest)
            tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
            let tailBytes = rest + 17 <= 128 ? 128 : 256
            // FIPS 180-4 §5.1.2: the message length in bits, as 128 bits; the high half is zero here.
            let bits = (keys[job.key].inner.core.messageByteCount + UInt64(job.range.count)) << 3
            tail.storeBytes(of: bits.bigEndian, toByteOffset: tailBytes - 8, as: UInt64.self)
        }
        let stage = staging.baseAddress.unsafelyUnwrapped
        compress(&states) { UnsafeRawPointer(stage + $0 * 256) }
        // The messages whose tail and padding take a second block.
        compress(&states, where: { (jobs[$0].range.count & 127) + 17 > 128 }) { UnsafeRawPointer(stage + $0 * 256 + 128) }

        var outerStates: [State] = []
        outerStates.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() {
            let outer = keys[job.key].outer.core
            let block = staging.baseAddress.unsafelyUnwrapped + index * 256
            (block + 64).initializeMemory(as: UInt8.self, repeating: 0, count: 64)
            store(states[index], into: block)
            block.storeBytes(of: 0x80, toByteOffset: 64, as: UInt8.self)
            block.storeBytes(of: ((outer.messageByteCount + 64) << 3).bigEndian, toByteOffset: 120, as: UInt64.self)
            outerStates.append(outer.state)
        }
        compress(&outerStates) { UnsafeRawPointer(stage + $0 * 256) }
        codes.withUnsafeMutableBytes { output in
            for index in jobs.indices { store(outerStates[index], into: output.baseAddress.unsafelyUnwrapped + index * 64) }
        }
        return codes
    }

    /// Compresses `blocks[i]` into `states[selected[i]]`, one block after another. Two blocks at a time in the
    /// lanes of a `SIMD2<UInt64>` were measured and cost more (bench/crypto/README.md, "Lanes"): SSE2 has no
    /// 64-bit rotate, so each of a round's six rotations is three instructions for two lanes against one.
    ///
    /// A block equal to the one before it (one message under several keys: another partner's secret tried on
    /// the same string) reuses its message schedule, a third of a compression.
    ///
    /// `block(i)` is compressed into `states[i]` for every `i` that `include` accepts, in order: no array of
    /// indices or block addresses is built per pass.
    static func compress(
        _ states: inout [State], where include: (Int) -> Bool = { _ in true }, block: (Int) -> UnsafeRawPointer
    ) {
        states.withUnsafeMutableBufferPointer { states in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { schedule in
                let w = schedule.baseAddress.unsafelyUnwrapped
                var previous: UnsafeRawPointer?
                for index in states.indices where include(index) {
                    let block = block(index)
                    if previous.map({ !equal($0, block, count: 128) }) ?? true {
                        SHA512Core.prepareSchedule(w, block: block)
                    }
                    SHA512Core.rounds(&states[index], schedule: w)
                    previous = block
                }
            }
        }
    }

    /// H0‖…‖H7 big-endian, 64 bytes.
    @inline(__always)
    static func store(_ state: State, into bytes: UnsafeMutableRawPointer) {
        let words = (
            state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian, state.h3.bigEndian,
            state.h4.bigEndian, state.h5.bigEndian, state.h6.bigEndian, state.h7.bigEndian
        )
        withUnsafeBytes(of: words) { bytes.copyMemory(from: $0.baseAddress.unsafelyUnwrapped, byteCount: 64) }
    }

    /// A 64-bit FNV-style fold of `count` bytes (a multiple of 8): equal bytes, equal fingerprints.
    private static func fingerprint(_ bytes: UnsafeRawPointer, count: Int) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        while offset < count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            offset += 8
        }
        return hash
    }

    /// Whether `count` bytes (a multiple of 8) at `a` and `b` are equal; public data, so an early exit is fine.
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count: Int) -> Bool {
        if a == b { return true }
        var offset = 0
        while offset < count {
            if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            {
                return false
            }
            offset += 8
        }
        return true
    }
}
