import SimHTTP
import SimJSON

/// An OpenAPI 3.1 document of one provider profile, generated from the loaded fixtures: the profile's routes
/// (the route table), each service's request schema (read from the service's own validation, ``RequestSchema``)
/// and every status and response code the route can answer (``ResponseSchemas``).
///
/// Served at `GET /_sim/openapi.json?profile=…` and printed by `snapsim openapi --profile …`. Members are in a
/// fixed order and lists in route or code order, so the same fixtures give the same bytes.
public enum OpenAPIDocument {
    /// The profiles a document can be made for, in the router's order (the default profile first).
    public static func profiles(_ fixtures: LoadedFixtures) -> [String] {
        var names: [String] = []
        for entry in fixtures.router.entries where !names.contains(entry.route.profile) {
            names.append(entry.route.profile)
        }
        for profile in fixtures.profiles.map(\.name).sorted() where !names.contains(profile) {
            names.append(profile)
        }
        return names
    }

    /// The document of `profile`, or `nil` when the fixtures have no such profile.
    /// - Parameter serverURL: the base URL to list under `servers` (e.g. the serving address).
    public static func build(profile: String, fixtures: LoadedFixtures, serverURL: String? = nil) -> JSONValue? {
        guard let definition = fixtures.profiles.first(where: { $0.name == profile }) else { return nil }
        let entries = fixtures.router.entries.filter { $0.route.profile == profile }
        let responses = ResponseSchemas(fixtures: fixtures)

        var paths = JSONObject()
        var operationIds = Set<String>()
        for entry in entries {
            var operationId = "\(profile).\(entry.route.serviceName)"
            if !operationIds.insert(operationId).inserted {
                operationId += ".\(entry.method.rawValue.lowercased())\(String(entry.path.map { $0 == "/" ? "_" : $0 }))"
                operationIds.insert(operationId)
            }
            var item = paths[entry.path]?.objectValue ?? JSONObject()
            item[entry.method.rawValue.lowercased()] = operation(
                entry, operationId: operationId, responses: responses.responses(for: entry), fixtures: fixtures)
            paths[entry.path] = .object(item)
        }

        var info: JSONObject = [
            "title": .string("snapsim — \(profile) profile"),
            "version": "0.1.0",
            "description": .string(description(of: definition, fixtures: fixtures)),
            "license": ["name": "Sandbox simulator; the demo partners' keys are public on purpose"],
        ]
        if let summary = definition.description { info["summary"] = .string(summary) }
        var document: JSONObject = [
            "openapi": "3.1.0",
            "info": .object(info),
        ]
        if let serverURL { document["servers"] = [["url": .string(serverURL), "description": "this simulator"]] }
        document["paths"] = .object(paths)
        document["components"] = OpenAPIComponents.components
        return .object(document)
    }

    private static func description(of profile: Profile, fixtures: LoadedFixtures) -> String {
        var text = "The \(profile.name) profile of snapsim, a sandbox simulator of Bank Indonesia's SNAP payment APIs. "
            + "Generated from the route table and the services' own validation: request schemas list the members "
            + "each service reads (other members are ignored); responses list every HTTP status and response code "
            + "the route can answer with the loaded fixtures, including magic-value rules. Answers forced through "
            + "the admin API (`/_sim/faults`: any status, dropped connections, delays) are not listed."
        if profile.name == fixtures.engine.defaultProfile {
            text += " This is the default profile: partners that name no profile speak it."
        }
        return text
    }

    private static func operation(
        _ entry: Router.Entry, operationId: String, responses: JSONValue, fixtures: LoadedFixtures
    ) -> JSONValue {
        let route = entry.route
        let title = ServiceDescriptor.named(route.serviceName)?.title ?? route.serviceName
        var operation: JSONObject = [
            "operationId": .string(operationId),
            "summary": .string("\(title) (service \(route.serviceCode))"),
            "description": .string(OpenAPISecurity.describe(route)),
            "tags": [.string(route.serviceName)],
        ]
        let parameters = OpenAPISecurity.headers(for: route)
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
        if entry.method != .get, let body = RequestSchema.body(of: route, fixtures: fixtures) {
            operation["requestBody"] = [
                "required": true,
                "content": ["application/json": ["schema": body]],
            ]
        }
        operation["responses"] = responses
        operation["security"] = OpenAPISecurity.requirements(for: route)
        return .object(operation)
    }
}
