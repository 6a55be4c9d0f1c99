import Foundation
import PackagePlugin

/// Regenerates `EmbeddedFixtures.swift` from the package's `fixtures/` folder whenever a fixture changes.
@main
struct EmbedDefaultFixtures: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        let fixtures = context.package.directoryURL.appending(path: "fixtures")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFixtures.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: fixtures, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.pathExtension == "json" {
                inputs.append(url)
            }
        }
        return [
            .buildCommand(
                displayName: "Embedding default fixtures",
                executable: try context.tool(named: "FixtureEmbedder").url,
                arguments: [fixtures.path(), output.path()],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
