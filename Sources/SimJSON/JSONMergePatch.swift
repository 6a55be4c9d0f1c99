/// JSON Merge Patch (RFC 7396).
public enum JSONMergePatch {
    /// `target` with `patch` applied: objects merge member by member, `null` removes a member, anything
    /// else replaces. New members go last, existing ones keep their place, so the output order stays stable.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        var result = target.objectValue ?? JSONObject()
        for member in patchObject {
            if member.value == .null {
                result[member.key] = nil
            } else {
                result[member.key] = apply(member.value, to: result[member.key] ?? .null)
            }
        }
        return .object(result)
    }
}
