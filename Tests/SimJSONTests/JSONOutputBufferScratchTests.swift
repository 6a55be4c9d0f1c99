import Testing
@testable import SimJSON

/// The writer starts in stack memory and moves to the heap when the text outgrows it: every length around that
/// boundary, and far past it, must give the reference writer's bytes, whichever write crosses it (a string,
/// an escape, a number, punctuation).
@Suite struct JSONOutputBufferScratchTests {
    private let boundary = JSONOutputBuffer.scratchCapacity

    @Test func stringsAroundTheScratchCapacity() {
        for length in (boundary - 12)...(boundary + 12) {
            for escaped in [false, true] {
                // `["…"]` is four bytes more than the string; an escape sits where the crossing happens.
                var text = String(repeating: "a", count: length - 4)
                if escaped { text.insert("\n", at: text.index(text.startIndex, offsetBy: max(0, length - 40))) }
                let value = JSONValue.array([.string(text)])
                #expect(value.compactBytes == ReferenceWriter.bytes(value), "length \(length)")
                #expect(value.compactText == String(decoding: ReferenceWriter.bytes(value), as: UTF8.self))
            }
        }
    }

    @Test func manySmallWritesCrossingTheCapacityOnPunctuation() {
        for count in [boundary / 4 - 2, boundary / 4, boundary / 4 + 1, boundary, 3 * boundary] {
            let value = JSONValue.array((0..<count).map { .number(String($0 % 10)) })
            #expect(value.compactBytes == ReferenceWriter.bytes(value), "\(count) numbers")
        }
    }

    @Test func objectsFarLargerThanTheScratch() {
        var random = RandomJSON(seed: 29)
        for _ in 0..<200 {
            var object = JSONObject()
            for index in 0..<40 { object["member\(index)"] = random.value(depth: 3) }
            let value = JSONValue.object(object)
            #expect(value.compactBytes == ReferenceWriter.bytes(value))
            #expect(value.compactTextSortingKeys.utf8.count == value.compactBytes.count)
        }
    }

    @Test func appendingToAnArrayKeepsWhatWasThere() {
        var output = Array("prefix".utf8)
        let value = JSONValue.string(String(repeating: "x", count: 3 * boundary))
        JSONCompactWriter.write(value, to: &output)
        #expect(output == Array("prefix".utf8) + ReferenceWriter.bytes(value))
    }
}
