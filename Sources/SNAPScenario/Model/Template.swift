import SNAPSim
import SimJSON

/// A string of a scenario file that may name variables: `TOPUP-${runId}-1`, `${referenceNo}`.
///
/// Parsed when the file is loaded, so an unclosed `${` or an unknown variable is a load problem with its JSON
/// pointer rather than a surprise half-way through a run.
public struct Template: Sendable, Hashable, CustomStringConvertible {
    public enum Part: Sendable, Hashable {
        case text(String)
        case variable(String)
    }

    public let parts: [Part]

    /// The template as written.
    public var description: String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .variable(let name): "${\(name)}"
            }
        }.joined()
    }

    /// A template without variables.
    public init(literal text: String) {
        parts = text.isEmpty ? [] : [.text(text)]
    }

    /// Parses `${name}` references; names are letters, digits, `_`, `-` and `.`.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        var parts: [Part] = []
        var literal = ""
        var rest = Substring(text)
        while let dollar = Self.openingIndex(in: rest) {
            literal += rest[..<dollar]
            let afterOpen = rest[rest.index(dollar, offsetBy: 2)...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                throw TemplateSyntaxError(message: "\"${\" is not closed by \"}\" in \"\(text)\"")
            }
            let name = String(afterOpen[..<close])
            guard Self.isValidName(name) else {
                throw TemplateSyntaxError(
                    message: "\"${\(name)}\" is not a variable name: use letters, digits, _, - and . (in \"\(text)\")")
            }
            if !literal.isEmpty { parts.append(.text(literal)) }
            literal = ""
            parts.append(.variable(name))
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
    }

    /// The variables named, in order of appearance.
    public var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { name } else { nil } }
    }

    /// The single variable when the template is exactly `${name}` (its JSON value is then used as is).
    public var soleVariable: String? {
        if parts.count == 1, case .variable(let name) = parts[0] { name } else { nil }
    }

    /// The text with each variable replaced: strings as they are, other JSON values as compact JSON.
    public func rendered(_ variables: ScenarioVariables) throws(ScenarioVariables.Missing) -> String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let literal): text += literal
            case .variable(let name): text += try variables.text(name)
            }
        }
        return text
    }

    /// Where the next `${` starts.
    private static func openingIndex(in text: Substring) -> Substring.Index? {
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let next = text.index(after: dollar)
            if next < text.endIndex, text[next] == "{" { return dollar }
            index = next
        }
        return nil
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "_-.".unicodeScalars.contains(scalar))
        }
    }
}

/// A malformed `${…}` reference.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public let message: String
}

extension JSONValue {
    /// Every string of the value (member keys excluded), for finding the variables a body names.
    var allStrings: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let elements): elements.flatMap(\.allStrings)
        case .object(let object): object.members.flatMap(\.value.allStrings)
        case .null, .bool, .number: []
        }
    }
}
