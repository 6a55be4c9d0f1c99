/// The arguments of one command, consumed as a command reads its options.
///
/// Options are `--name value` or `--name=value`; flags are `--name`. Whatever no option claims is positional.
/// ``finish()`` rejects anything left over, so a misspelt option is an error rather than silently ignored.
public struct Arguments: Sendable {
    private var remaining: [String]

    public init(_ arguments: [String]) {
        remaining = arguments
    }

    /// Removes and returns the value of `--name` (the last one wins when repeated).
    public mutating func option(_ name: String) throws(CLIError) -> String? {
        try options(name).last
    }

    /// Removes and returns every value given for a repeatable `--name`, in order.
    public mutating func options(_ name: String) throws(CLIError) -> [String] {
        var values: [String] = []
        var index = 0
        while index < remaining.count {
            let argument = remaining[index]
            if argument == "--" { break }
            if argument == "--\(name)" {
                guard index + 1 < remaining.count else { throw .usage("--\(name) needs a value") }
                values.append(remaining[index + 1])
                remaining.removeSubrange(index...index + 1)
            } else if argument.hasPrefix("--\(name)=") {
                values.append(String(argument.dropFirst(name.count + 3)))
                remaining.remove(at: index)
            } else {
                index += 1
            }
        }
        return values
    }

    /// The value of `--name` converted by `parse`, with a usage error naming the option when it does not convert.
    public mutating func option<T>(_ name: String, as what: String, _ parse: (String) -> T?) throws(CLIError) -> T? {
        guard let text = try option(name) else { return nil }
        guard let value = parse(text) else { throw .usage("--\(name) takes \(what), not \"\(text)\"") }
        return value
    }

    /// Removes `--name` and reports whether it was there.
    public mutating func flag(_ name: String) -> Bool {
        let before = remaining.count
        remaining.removeAll { $0 == "--\(name)" }
        return remaining.count != before
    }

    /// Removes and returns the arguments that are not options.
    public mutating func positionals() throws(CLIError) -> [String] {
        var result: [String] = []
        var rest: [String] = []
        var afterTerminator = false
        for argument in remaining {
            if afterTerminator {
                result.append(argument)
            } else if argument == "--" {
                afterTerminator = true
            } else if argument.hasPrefix("--") && argument.count > 2 {
                rest.append(argument)
            } else {
                result.append(argument)
            }
        }
        remaining = rest
        return result
    }

    /// Fails on any argument nobody consumed.
    public func finish() throws(CLIError) {
        if let first = remaining.first {
            throw .usage("unknown option \(first)")
        }
    }
}
