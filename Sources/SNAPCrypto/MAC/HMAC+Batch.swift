extension HMAC where H == SHA512 {
    /// The 64-byte authentication codes of many messages under this key, concatenated in the order of `ranges`.
    ///
    /// Each message is `messages[range]`. Equal to calling ``authenticationCode(of:)`` per message, but cheaper:
    /// messages whose whole leading 128-byte blocks are the same (strings to sign that differ only near their
    /// end) compress those blocks once, and the other blocks are compressed without an allocation per message.
    public func authenticationCodes(of messages: UnsafeRawBufferPointer, ranges: [Range<Int>]) -> [UInt8] {
        withUnsafePointer(to: self) { key in
            ranges.withUnsafeBufferPointer { ranges in
                SHA512Batch.authenticationCodes(
                    keys: UnsafeBufferPointer(start: key, count: 1), messages: messages, count: ranges.count,
                    key: { _ in 0 }, range: { ranges[$0] })
            }
        }
    }

    /// The 64-byte authentication codes of one message under each of `keys`, concatenated in their order: the
    /// same as ``authenticationCode(of:)`` per key, without an allocation per key.
    public static func authenticationCodes(of message: UnsafeRawBufferPointer, keys: [HMAC<SHA512>]) -> [UInt8] {
        keys.withUnsafeBufferPointer { keys in
            SHA512Batch.authenticationCodes(
                keys: keys, messages: message, count: keys.count, key: { $0 }, range: { _ in 0..<message.count })
        }
    }
}

/// Many HMAC-SHA512s at once: their inner and outer hashes as a few rounds of independent block compressions,
/// each round a pass over the messages still running.
enum SHA512Batch {
    typealias State = SHA512Core.State

    /// A message's group: the same key and the same whole leading blocks.
    private struct Group {
        var key: Int
        var start: Int
        var whole: Int
        var fingerprint: UInt64
    }

    /// `count` codes: code `i` is of `messages[range(i)]` under `keys[key(i)]`.
    ///
    /// Everything the passes need (the groups, the states, the staged tails) lives in one scratch allocation:
    /// the arrays built per call before cost more than the bookkeeping itself (~4k instructions per batch, on
    /// every wrong signature twice).
    static func authenticationCodes(
        keys: UnsafeBufferPointer<HMAC<SHA512>>, messages: UnsafeRawBufferPointer, count: Int,
        key: (Int) -> Int, range: (Int) -> Range<Int>
    ) -> [UInt8] {
        for index in 0..<count {
            let job = range(index)
            precondition(job.lowerBound >= 0 && job.upperBound <= messages.count, "range outside the messages")
        }
        guard count > 0 else { return [] }
        guard keys.allSatisfy({ $0.inner.core.isBlockAligned && $0.outer.core.isBlockAligned }),
            let base = messages.baseAddress
        else {
            // A key fed a partial block before (or no bytes at all): one message at a time.
            var codes: [UInt8] = []
            codes.reserveCapacity(count * 64)
            for index in 0..<count {
                codes += keys[key(index)].authenticationCode(of: UnsafeRawBufferPointer(rebasing: messages[range(index)]))
            }
            return codes
        }

        // The scratch: per message a 256-byte staging area, two states and its group number; per group a state
        // and the group itself (at most one group per message).
        let stateSize = MemoryLayout<State>.stride
        let layout = (
            staging: 0, states: count * 256, groupStates: count * (256 + stateSize),
            groupOf: count * (256 + 2 * stateSize), groups: count * (256 + 2 * stateSize + MemoryLayout<Int>.stride))
        let scratch = UnsafeMutableRawPointer.allocate(
            byteCount: layout.groups + count * MemoryLayout<Group>.stride, alignment: 16)
        defer { scratch.deallocate() }
        let stage = scratch + layout.staging
        let states = (scratch + layout.states).bindMemory(to: State.self, capacity: count)
        let groupStates = (scratch + layout.groupStates).bindMemory(to: State.self, capacity: count)
        let groupOf = (scratch + layout.groupOf).bindMemory(to: Int.self, capacity: count)
        let groups = (scratch + layout.groups).bindMemory(to: Group.self, capacity: count)

        // 1. Messages with the same key and the same whole leading blocks form a group; each group's blocks are
        //    compressed once, block by block across the groups.
        // A fingerprint of the whole blocks first, so a message is compared byte for byte with at most the one
        // group it probably belongs to.
        var groupCount = 0
        var longest = 0
        for index in 0..<count {
            let job = range(index)
            let jobKey = key(index)
            let whole = job.count & ~127
            let start = base + job.lowerBound
            let fingerprint = fingerprint(start, count: whole)
            var found = -1
            for group in 0..<groupCount {
                let candidate = groups[group]
                if candidate.fingerprint == fingerprint && candidate.key == jobKey && candidate.whole == whole
                    && equal(start, base + candidate.start, count: whole)
                {
                    found = group
                    break
                }
            }
            if found < 0 {
                found = groupCount
                (groups + groupCount).initialize(to: Group(key: jobKey, start: job.lowerBound, whole: whole, fingerprint: fingerprint))
                (groupStates + groupCount).initialize(to: keys[jobKey].inner.core.state)
                groupCount += 1
                longest = max(longest, whole)
            }
            (groupOf + index).initialize(to: found)
        }
        var offset = 0
        while offset < longest {
            compress(groupStates, count: groupCount, where: { groups[$0].whole > offset }) {
                UnsafeRawPointer(base + groups[$0].start + offset)
            }
            offset += 128
        }

        // 2. Each message's last block or two (the bytes after its whole blocks, then the padding), then the
        //    outer hash over the inner digest: one block.
        stage.initializeMemory(as: UInt8.self, repeating: 0, count: count * 256)
        for index in 0..<count {
            let job = range(index)
            (states + index).initialize(to: groupStates[groupOf[index]])
            let whole = job.count & ~127
            let rest = job.count - whole
            let tail = stage + index * 256
            tail.copyMemory(from: base + job.lowerBound + whole, byteCount: rest)
            tail.storeBytes(of: 0x80, toByteOffset: rest, as: UInt8.self)
            let tailBytes = rest + 17 <= 128 ? 128 : 256
            // FIPS 180-4 §5.1.2: the message length in bits, as 128 bits; the high half is zero here.
            let bits = (keys[key(index)].inner.core.messageByteCount + UInt64(job.count)) << 3
            tail.storeBytes(of: bits.bigEndian, toByteOffset: tailBytes - 8, as: UInt64.self)
        }
        compress(states, count: count) { UnsafeRawPointer(stage + $0 * 256) }
        // The messages whose tail and padding take a second block.
        compress(states, count: count, where: { (range($0).count & 127) + 17 > 128 }) {
            UnsafeRawPointer(stage + $0 * 256 + 128)
        }

        // The outer states take the group states' place (no longer needed).
        let outerStates = groupStates
        for index in 0..<count {
            let outer = keys[key(index)].outer.core
            let block = stage + index * 256
            (block + 64).initializeMemory(as: UInt8.self, repeating: 0, count: 64)
            store(states[index], into: block)
            block.storeBytes(of: 0x80, toByteOffset: 64, as: UInt8.self)
            block.storeBytes(of: ((outer.messageByteCount + 64) << 3).bigEndian, toByteOffset: 120, as: UInt64.self)
            outerStates[index] = outer.state
        }
        compress(outerStates, count: count) { UnsafeRawPointer(stage + $0 * 256) }
        return [UInt8](unsafeUninitializedCapacity: count * 64) { output, initialized in
            for index in 0..<count { store(outerStates[index], into: output.baseAddress.unsafelyUnwrapped + index * 64) }
            initialized = count * 64
        }
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
        _ states: UnsafeMutablePointer<State>, count: Int, where include: (Int) -> Bool = { _ in true },
        block: (Int) -> UnsafeRawPointer
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { schedule in
            let w = schedule.baseAddress.unsafelyUnwrapped
            var previous: UnsafeRawPointer?
            for index in 0..<count where include(index) {
                let block = block(index)
                if previous.map({ !equal($0, block, count: 128) }) ?? true {
                    SHA512Core.prepareSchedule(w, block: block)
                }
                SHA512Core.rounds(&states[index], schedule: w)
                previous = block
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
