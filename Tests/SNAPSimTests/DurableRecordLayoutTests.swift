import SimHTTP
@testable import SNAPSim
import Testing

/// The bytes of a logged request: written in the compact layout (varint lengths), read back exactly; the first
/// layout (8-byte lengths) still reads; damaged bytes are refused, never trapped on.
@Suite struct DurableRecordLayoutTests {
    static let request = HTTPRequest(
        method: .post, target: "/v1.0/balance-inquiry?x=ü", version: .http1_1,
        headers: HTTPHeaders([
            ("Content-Type", "application/json"), ("X-EXTERNAL-ID", "100000042"), ("X-SIGNATURE", String(repeating: "s", count: 300)),
            ("X-Empty", ""),
        ]),
        body: Array(#"{"partnerReferenceNo":"1","accountNo":"12345678"}"#.utf8))

    @Test(arguments: [Int64(0), 1_768_442_400_123, -86_400_000, Int64.max, Int64.min])
    func requestsRoundTripInTheCompactLayout(milliseconds: Int64) throws {
        let at = SimTime(millisecondsSince1970: milliseconds)
        for record in [DurableRecord.request(at: at, Self.request), .admin(at: at, Self.request)] {
            let bytes = record.encoded
            #expect(bytes.first == 6 || bytes.first == 7)
            #expect(DurableRecord(bytes) == record)
        }
        var empty = Self.request
        empty.body = []
        empty.headers = HTTPHeaders()
        #expect(DurableRecord(DurableRecord.request(at: at, empty).encoded) == .request(at: at, empty))
        // A head larger than the first buffer (600 bytes plus a body of up to 384) is written again into one of
        // 4 KiB plus the body, and a head larger than that takes the array path, all in the same layout; so do
        // heads whose last header only just passes either buffer's end, and bodies too large for the first.
        for size in [100, 200, 230, 600, 1_000, 3_700, 3_800, 3_900, 5_000, 9_000] {
            for bodySize in [0, 48, 384, 385, 5_000] {
                var large = Self.request
                large.headers["X-Large"] = String(repeating: "é", count: size / 2)
                large.body = Array(repeating: UInt8(ascii: "b"), count: bodySize)
                let record = DurableRecord.request(at: at, large)
                #expect(DurableRecord(record.encoded) == record, "a \(size)-byte header, a \(bodySize)-byte body")
            }
        }
    }

    @Test func theCompactLayoutIsSmaller_AndTheFirstStillReads() throws {
        let at = SimTime(millisecondsSince1970: 1_768_442_400_123)
        let first = DurableRecord.firstLayout(admin: false, at: at, Self.request)
        #expect(DurableRecord(first) == .request(at: at, Self.request))
        #expect(DurableRecord(DurableRecord.firstLayout(admin: true, at: at, Self.request)) == .admin(at: at, Self.request))
        #expect(DurableRecord.request(at: at, Self.request).encoded.count < first.count - 60)
    }

    @Test func readRecordsRoundTrip_AndDamagedOnesAreRefused() {
        for (registered, open) in [(false, false), (true, false), (false, true), (true, true)] {
            let read = ReadRecord(
                at: SimTime(millisecondsSince1970: 1_768_442_400_123), clientId: "snapsim-demo", externalID: "100000042",
                registered: registered, idsPosition: 0xFEDC_BA98_7654_3210, ledgerOpen: open)
            let bytes = DurableRecord.read(read).encoded
            #expect(bytes.count <= 41)
            #expect(DurableRecord(bytes) == .read(read))
            for length in 1..<bytes.count { #expect(DurableRecord(Array(bytes.prefix(length))) == nil) }
            #expect(DurableRecord(bytes + [0]) == nil)
            var flags = bytes
            flags[bytes.count - 11] = 4  // the flags byte, before the position (10 varint bytes here)
            #expect(DurableRecord(flags) == nil)
        }
    }

    @Test func damagedCompactRecordsAreRefused() {
        let bytes = DurableRecord.request(at: SimTime(millisecondsSince1970: 5), Self.request).encoded
        for length in 1..<bytes.count { #expect(DurableRecord(Array(bytes.prefix(length))) == nil, "cut at \(length)") }
        #expect(DurableRecord(bytes + [0]) == nil)
        var huge = bytes
        huge.replaceSubrange(2..<2, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(DurableRecord(huge) == nil)
    }
}
