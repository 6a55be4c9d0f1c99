/// The fixture files compiled into the binary, so `snapsim serve` works with nothing beside it.
public enum DefaultFixtures {
    /// Relative path and contents of each embedded fixture file.
    public static var files: [(path: String, contents: String)] { EmbeddedFixtures.files }
}
