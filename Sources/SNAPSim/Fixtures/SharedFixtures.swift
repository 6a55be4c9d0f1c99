/// A fixture set held by reference, for the values built per request that read it (``ResponseRenderer``,
/// ``ServiceRequest``): storing `LoadedFixtures` itself in them copies the struct, which retains (and later
/// releases) every one of its two dozen members, ~2.5k instructions each time, twice per request.
final class SharedFixtures: Sendable {
    let fixtures: LoadedFixtures

    init(_ fixtures: LoadedFixtures) {
        self.fixtures = fixtures
    }
}
