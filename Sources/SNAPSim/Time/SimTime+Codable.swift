/// Coded as its milliseconds alone (a single value, not a keyed container): a snapshot holds one per top-up,
/// movement and remembered X-EXTERNAL-ID, and a container per instant was a large share of its cost.
extension SimTime {
    public init(from decoder: any Decoder) throws {
        self.init(millisecondsSince1970: try decoder.singleValueContainer().decode(Int64.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}
