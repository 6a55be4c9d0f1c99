/// The IMF-fixdate form of HTTP's `Date` header (RFC 9110 §5.6.7), from simulator time so that
/// responses stay byte-identical across runs.
enum HTTPDateFormat {
    static func imfFixdate(_ time: SimTime) -> String {
        let civil = CivilDate(time, offsetMinutes: 0)
        let days = time.millisecondsSince1970 >= 0
            ? time.millisecondsSince1970 / 86_400_000 : (time.millisecondsSince1970 - 86_399_999) / 86_400_000
        // 1970-01-01 was a Thursday.
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][civil.month - 1]
        return "\(weekday), \(CivilDate.pad(civil.day, 2)) \(month) \(CivilDate.pad(civil.year, 4)) "
            + "\(CivilDate.pad(civil.hour, 2)):\(CivilDate.pad(civil.minute, 2)):\(CivilDate.pad(civil.second, 2)) GMT"
    }
}
