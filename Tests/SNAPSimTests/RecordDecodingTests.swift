import SimHTTP
@testable import SNAPSim
import Testing

/// The log's records decoded slice by slice on every core (RecordDecoding): every record back in log order,
/// across several slices, and the refusal names the first record that does not read, wherever the slices end.
@Suite struct RecordDecodingTests {
    static func records(_ count: Int) -> [DurableRecord] {
        (0..<count).map { number in
            let at = SimTime(millisecondsSince1970: 1_768_442_400_000 + Int64(number))
            let request = HTTPRequest(
                method: .post, target: "/v1.0/emoney/topup?n=\(number)", version: .http1_1,
                headers: HTTPHeaders([("X-EXTERNAL-ID", "E\(number)")]), body: Array("{\"n\":\(number)}".utf8))
            return number % 3 == 0 ? .admin(at: at, request) : .request(at: at, request)
        }
    }

    @Test func recordsComeBackInLogOrder() throws {
        let records = Self.records(RecordDecoding.sliceSize * 2 + 17)
        let decoded = try RecordDecoding(records.map(\.encoded), directory: "state").records()
        #expect(decoded == records)
        #expect(try RecordDecoding([], directory: "state").records().isEmpty)
    }

    @Test func theFirstUnreadableRecordIsTheOneNamed() throws {
        var bytes = Self.records(RecordDecoding.sliceSize * 3).map(\.encoded)
        for index in [RecordDecoding.sliceSize * 2 + 5, RecordDecoding.sliceSize + 1, RecordDecoding.sliceSize * 2] {
            bytes[index] = [250, 1, 2]
        }
        #expect {
            _ = try RecordDecoding(bytes, directory: "state").records()
        } throws: { error in
            "\(error)".contains("record \(RecordDecoding.sliceSize + 2) of the log in state is intact but not one")
        }
    }
}
