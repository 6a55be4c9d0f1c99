import SNAPSim

/// `snapsim keys`: the simulator's public keys, which partners verify its notifications with.
struct KeysCommand: Command {
    static let name = "keys"
    static let summary = "Print the simulator's public keys (to verify its notifications)"
    static let help = """
        Usage: snapsim keys [--fixtures PATH] [--name NAME]

        Prints each key pair's public key (PEM) with the profiles that sign notifications with it; a running
        simulator serves the same at GET /_sim/keys. With --name, prints only that key's PEM (for a file).

        \(FixtureOption.help)
          --name NAME       Print only this key's PEM
        """

    var fixtures: FixtureOption
    var name: String?

    init(parsing arguments: inout Arguments) throws(CLIError) {
        fixtures = try FixtureOption(parsing: &arguments)
        name = try arguments.option("name")
    }

    func run(console: any Console) async throws -> Int32 {
        let settings = try fixtures.load().notifications
        if let name {
            guard let key = settings.keys[name] else {
                throw CLIError("no key \"\(name)\" (known: \(settings.keys.keys.sorted().joined(separator: ", ")))")
            }
            console.out(key.publicKeyPEM)
            return 0
        }
        for name in settings.keys.keys.sorted() {
            let profiles = settings.profiles.values.filter { $0.signing.keyName == name }.map(\.profile).sorted()
            console.out("# \(name) (SHA256withRSA) signs notifications of: \(profiles.joined(separator: ", "))")
            console.out(settings.keys[name]!.publicKeyPEM)
        }
        return 0
    }
}
