@testable import SNAPCrypto
import Testing

/// `SHA512Core.compress2`: two SHA-512 compressions in the lanes of `SIMD2<UInt64>`, held to the scalar
/// compression one block at a time over random states and blocks (and to SHA-512 itself through the batch tests).
@Suite struct SHA512LanesTests {
    private func randomState(_ generator: inout SeededGenerator) -> SHA512Core.State {
        SHA512Core.State(
            h0: .random(in: .min ... .max, using: &generator), h1: .random(in: .min ... .max, using: &generator),
            h2: .random(in: .min ... .max, using: &generator), h3: .random(in: .min ... .max, using: &generator),
            h4: .random(in: .min ... .max, using: &generator), h5: .random(in: .min ... .max, using: &generator),
            h6: .random(in: .min ... .max, using: &generator), h7: .random(in: .min ... .max, using: &generator))
    }

    private func words(_ state: SHA512Core.State) -> [UInt64] {
        [state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7]
    }

    @Test func compress2_EqualsTheScalarCompression_ForRandomStatesAndBlocks() {
        var generator = SeededGenerator(seed: 512)
        for round in 0..<200 {
            // Unaligned blocks in one buffer (offset 1…7), and in every fifth round the same block in both lanes.
            let offset = 1 + round % 7
            let bytes = (0..<(offset + 256)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let sameBlock = round % 5 == 0
            var lane0 = randomState(&generator)
            var lane1 = sameBlock ? lane0 : randomState(&generator)
            var scalar0 = lane0
            var scalar1 = lane1
            bytes.withUnsafeBytes { buffer in
                let block0 = buffer.baseAddress.unsafelyUnwrapped + offset
                let block1 = sameBlock ? block0 : block0 + 128
                SHA512Core.compress2(&lane0, &lane1, block0: block0, block1: block1)
                SHA512Core.compress(&scalar0, blocks: UnsafeRawBufferPointer(start: block0, count: 128))
                SHA512Core.compress(&scalar1, blocks: UnsafeRawBufferPointer(start: block1, count: 128))
            }
            #expect(words(lane0) == words(scalar0))
            #expect(words(lane1) == words(scalar1))
            if sameBlock { #expect(words(lane0) == words(lane1)) }
        }
    }

    @Test func compress2_FromTheInitialState_GivesSHA512OfAnEmptyMessage() {
        // The padded empty message is one block: 0x80, zeros, a zero length. FIPS 180-2's SHA-512("").
        var block = [UInt8](repeating: 0, count: 128)
        block[0] = 0x80
        var state0 = SHA512Core.State.sha512
        var state1 = SHA512Core.State.sha384
        block.withUnsafeBytes { SHA512Core.compress2(&state0, &state1, block0: $0.baseAddress!, block1: $0.baseAddress!) }
        #expect(state0.h0 == 0xcf83_e135_7eef_b8bd)
        #expect(state0.h7 == 0xa538_327a_f927_da3e)
        // SHA-384("") begins 38b060a751ac9638.
        #expect(state1.h0 == 0x38b0_60a7_51ac_9638)
    }
}
