/// How providers mask customer data in e-money answers (seed 001: "masked customer phone number / name").
enum Masking {
    /// `081977817902` → `0819****7902`: first four and last four kept when the number is longer than eight,
    /// otherwise only the first two.
    static func customerNumber(_ number: String) -> String {
        let characters = Array(number)
        guard characters.count > 8 else {
            return String(characters.prefix(2)) + String(repeating: "*", count: max(0, characters.count - 2))
        }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 8)
            + String(characters.suffix(4))
    }

    /// `Budi Santoso` → `Bu** Sa****`: each word keeps its first two characters (one when it has two or
    /// fewer) and the rest becomes at most four stars, so a long word does not give its length away.
    static func name(_ name: String) -> String {
        name.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let characters = Array(word)
            let kept = characters.count > 2 ? 2 : min(1, characters.count)
            return String(characters.prefix(kept)) + String(repeating: "*", count: min(4, characters.count - kept))
        }.joined(separator: " ")
    }
}
