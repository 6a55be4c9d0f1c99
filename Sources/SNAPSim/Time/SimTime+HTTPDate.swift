import SimHTTP

extension SimTime {
    /// The `Date` header value (IMF-fixdate) for this instant. Responses take it from simulator time rather than
    /// the wall clock so that they stay byte-identical across runs.
    var httpDate: String {
        let seconds = millisecondsSince1970 >= 0
            ? millisecondsSince1970 / 1000 : (millisecondsSince1970 - 999) / 1000
        return HTTPDate(secondsSince1970: Int(seconds)).description
    }
}
