/// Entry point of the command-line interface.
public enum CLI {
    public static func run(_ arguments: [String]) async -> Int32 { 0 }
}
