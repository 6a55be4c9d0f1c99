import Foundation
import SimJSON

/// Reading the security pipeline's settings from `simulator.json`'s `security` object.
///
/// Decoded through ``SecuritySettings``' own `Codable` conformance, so settings the security pipeline adds
/// are read without touching the loader; the loader adds range checks and a typo check on the names.
extension SecuritySettings {
    static func read(_ node: FixtureNode, _ problems: inout FixtureProblems) -> SecuritySettings? {
        guard let members = node.members(&problems) else { return nil }
        let known = knownFieldNames
        for member in members where !member.key.hasPrefix("_") && !known.contains(member.key) {
            problems.add(member.node, "unknown security setting \"\(member.key)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
        let settings: SecuritySettings
        do {
            let object = JSONObject(members.filter { !$0.key.hasPrefix("_") }.map { ($0.key, $0.node.value) })
            settings = try JSONDecoder().decode(SecuritySettings.self, from: Data(JSONValue.object(object).compactBytes))
        } catch let error as DecodingError {
            let (path, reason) = Self.describe(error)
            problems.add(node.file, JSONPointer(tokens: node.pointer.tokens + path), reason)
            return nil
        } catch {
            problems.add(node, "unreadable security settings")
            return nil
        }
        if settings.tokenLifetimeSeconds < 1 {
            problems.add(node["tokenLifetimeSeconds"] ?? node, "must be at least 1 second (SNAP uses 900)")
        }
        if settings.timestampSkewSeconds < 0 {
            problems.add(node["timestampSkewSeconds"] ?? node, "must not be negative")
        }
        for (name, value) in [
            ("customerTokenLifetimeSeconds", settings.customerTokenLifetimeSeconds),
            ("refreshTokenLifetimeSeconds", settings.refreshTokenLifetimeSeconds),
        ] where value < 1 {
            problems.add(node[name] ?? node, "must be at least 1 second")
        }
        if settings.externalIDMaxLength < 1 {
            problems.add(node["externalIDMaxLength"] ?? node, "must be at least 1 (ASPI says 36)")
        }
        return settings
    }

    /// The member names ``SecuritySettings`` encodes, learnt from the type itself.
    private static var knownFieldNames: Set<String> {
        guard let data = try? JSONEncoder().encode(SecuritySettings()),
            let object = try? JSONParser.parse(Array(data)).objectValue
        else { return [] }
        return Set(object.keys)
    }

    private static func describe(_ error: DecodingError) -> (path: [String], reason: String) {
        switch error {
        case .typeMismatch(let type, let context):
            (context.codingPath.map(\.stringValue), "expected \(type == Bool.self ? "true or false" : type == Int.self ? "an integer" : "\(type)")")
        case .valueNotFound(let type, let context):
            (context.codingPath.map(\.stringValue), "missing \(type)")
        case .keyNotFound(let key, let context):
            (context.codingPath.map(\.stringValue) + [key.stringValue], "missing required setting")
        case .dataCorrupted(let context):
            (context.codingPath.map(\.stringValue), context.debugDescription)
        @unknown default:
            ([], "unreadable security settings")
        }
    }
}
