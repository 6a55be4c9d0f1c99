import SNAPSimCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@main
struct Main {
    static func main() async {
        exit(await CLI.run(Array(CommandLine.arguments.dropFirst())))
    }
}
