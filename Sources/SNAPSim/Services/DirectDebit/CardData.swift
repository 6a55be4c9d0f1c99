import SNAPCrypto
import SimJSON

/// The card a registration (service 01) carries in `cardData`: DOKU's encrypted string
/// `base64(AES-128-CBC(json)) + "|" + base64(iv)`, keyed with the partner's client secret cut or padded with
/// `-` to 16 characters, or (for trying things out) the JSON object itself.
struct CardData {
    var bankCardNo: String
    var expiryDate: String
    var bankCardType: String?

    /// The card number with all but the first six and last four digits masked.
    var masked: String {
        let digits = Array(bankCardNo)
        return String(digits.prefix(6)) + String(repeating: "*", count: max(0, digits.count - 10))
            + String(digits.suffix(4))
    }

    /// DOKU's key: the client secret's first 16 characters, or the secret padded with `-` to 16.
    static func key(clientSecret: String) -> [UInt8] {
        let bytes = Array(clientSecret.utf8)
        return bytes.count >= 16
            ? Array(bytes.prefix(16)) : bytes + Array(repeating: UInt8(ascii: "-"), count: 16 - bytes.count)
    }

    /// Reads `cardData`, decrypting it with `clientSecret` when it is a string.
    static func read(_ fields: RequestFields, clientSecret: String) throws(SNAPError) -> CardData {
        guard let value = fields.object["cardData"], value != .null else { throw fields.missing("cardData") }
        let card: JSONObject
        switch value {
        case .object(let object):
            card = object
        case .string(let text):
            card = try decrypt(text, clientSecret: clientSecret, fields)
        default:
            throw fields.format(
                "cardData", "must be the encrypted card string (or the card object), got \(value.typeName)",
                received: value)
        }
        let nested = RequestFields(card, prefix: "cardData.")
        let number = try nested.digits("bankCardNo", required: true, maxLength: 19) ?? ""
        guard number.count >= 12, isLuhnValid(number) else {
            throw SNAPError.invalidAccount("card").explained([
                "summary": .string(
                    "cardData.bankCardNo \(number.prefix(6))… is not a valid card number (12–19 digits, Luhn check)")
            ])
        }
        let expiry = try nested.required("expiryDate", maxLength: 5)
        return CardData(
            bankCardNo: number, expiryDate: expiry,
            bankCardType: try nested.string("bankCardType", required: false, maxLength: 2))
    }

    /// `(month, two-digit year)` of `expiryDate` written `MMYY` or `MM/YY`.
    func expiry() -> (month: Int, year: Int)? {
        let digits = expiryDate.filter { $0 != "/" }
        guard digits.count == 4, let month = Int(digits.prefix(2)), let year = Int(digits.suffix(2)),
            (1...12).contains(month)
        else { return nil }
        return (month, year)
    }

    private static func decrypt(_ text: String, clientSecret: String, _ fields: RequestFields) throws(SNAPError)
        -> JSONObject
    {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 2, let ciphertext = Base64.decode(String(parts[0])),
            let iv = Base64.decode(String(parts[1]))
        else {
            throw fields.format(
                "cardData", "must be base64(ciphertext)|base64(iv), as DOKU's encrypt_card writes it",
                received: .string(text))
        }
        let plaintext: [UInt8]
        do {
            plaintext = try AES128.CBC(key: key(clientSecret: clientSecret), iv: iv).decrypt(ciphertext)
        } catch {
            throw fields.format(
                "cardData",
                "cannot be decrypted with AES-128-CBC under the client secret cut or padded with '-' to 16 characters: \(error)",
                received: .string(text))
        }
        guard case .object(let object)? = try? JSONParser.parse(plaintext) else {
            throw fields.format("cardData", "decrypts, but not to a JSON object", received: .string(text))
        }
        return object
    }

    private static func isLuhnValid(_ number: String) -> Bool {
        var sum = 0
        for (index, character) in number.reversed().enumerated() {
            guard var digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return sum % 10 == 0
    }
}
