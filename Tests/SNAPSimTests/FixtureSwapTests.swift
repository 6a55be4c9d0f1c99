import SimHTTP
import Testing

@testable import SNAPSim
import SimJSON

/// `GET`/`POST /_sim/fixtures` in-process: whole-set replacement, and refusal that leaves the set in force.
/// ControlPlaneSocketTests swaps sets under concurrent load.
@Suite struct FixtureSwapTests {
    let world = ControlWorld()

    /// The default files as the `files` member of a swap, with `changes` applied (a `nil` content removes a file).
    static func files(_ changes: [String: String?] = [:]) -> JSONValue {
        var files = JSONObject(DefaultFixtures.files.map { ($0.path, JSONValue.string($0.contents)) })
        for (path, contents) in changes { files[path] = contents.map(JSONValue.string) }
        return ["files": .object(files)]
    }

    static func defaultFile(_ path: String) -> String {
        DefaultFixtures.files.first { $0.path == path }?.contents ?? ""
    }

    @Test func validSet_ReplacesTheRunningOne_AndPartnersStartAfresh() throws {
        let token = try world.token(for: .alpha)
        let customers = Self.defaultFile("customers.json").replacingOccurrences(of: "Ani Wijaya", with: "Ani Baru")
        // The test partners are not in the default files; a swap to the defaults drops them.
        let swapped = try world.admin(.post, "/_sim/fixtures", Self.files(["customers.json": customers]))
        #expect(swapped.status == 200)
        #expect(swapped["/generation"] == 2)
        #expect(swapped["/files"]?.arrayValue?.count == DefaultFixtures.files.count)
        #expect(try world.admin(.get, "/_sim/fixtures")["/generation"] == 2)
        #expect(try world.admin(.get, "/_sim/accounts/081234560001")["/name"] == "Ani Baru")
        #expect(world.send(world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())).status == 401)
    }

    @Test func invalidSet_IsRefusedWithEveryProblem_AndTheRunningSetStays() throws {
        let token = try world.token(for: .alpha)
        let customers = Self.defaultFile("customers.json").replacingOccurrences(of: #""tier": "premium""#, with: #""tier": "gold""#)
        let answer = try world.admin(.post, "/_sim/fixtures", Self.files([
            "customers.json": customers, "tiers.json": #"{"tiers": []"#, "zz-rules.json": #"{"rules": [{"id": "x"}]}"#,
        ]))
        #expect(answer.status == 422)
        let problems = answer["/problems"]?.arrayValue ?? []
        let files = Set(problems.compactMap { $0[pointer: "/file"]?.stringValue })
        #expect(files == ["customers.json", "tiers.json", "zz-rules.json"])
        #expect(answer["/error"]?.stringValue?.contains("running set is unchanged") == true)
        #expect(try world.admin(.get, "/_sim/fixtures")["/generation"] == 1)
        // Still the old set, and the partner's token still works: nothing was reset.
        #expect(world.send(world.transaction(.alpha, token: token, ControlWorld.balancePath, Bodies.balanceInquiry())).code == "2001100")
    }

    @Test func filesMayBeJSON_AndBadPathsOrShapesAreRefused() throws {
        var object = Self.files().objectValue?["files"]?.objectValue ?? [:]
        object["simulator.json"] = try JSONParser.parse(Array(Self.defaultFile("simulator.json").utf8))
        #expect(try world.admin(.post, "/_sim/fixtures", ["files": .object(object)]).status == 200)

        object["../escape.json"] = "{}"
        object["notes.txt"] = "{}"
        object["count.json"] = 3
        let refused = try world.admin(.post, "/_sim/fixtures", ["files": .object(object)])
        #expect(refused.status == 422)
        #expect(refused["/problems"]?.arrayValue?.count == 3)
        #expect(try world.admin(.post, "/_sim/fixtures", ["partners.json": "{}"]).status == 400)
        #expect(try world.admin(.post, "/_sim/fixtures", ["files": [:]]).status == 422)
        #expect(try world.admin(.get, "/_sim/fixtures")["/generation"] == 2)
    }
}
