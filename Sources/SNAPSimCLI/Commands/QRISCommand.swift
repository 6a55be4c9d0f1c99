import QRISCode
import SNAPSim

/// `snapsim qris`: prints a valid QRIS for a fixture merchant, or decodes one.
struct QRISCommand: Command {
    static let name = "qris"
    static let summary = "Print a valid QRIS string for a fixture merchant, or decode and check one"
    static let help = """
        Usage: snapsim qris --merchant ID [--amount VALUE] [--reference REF] [--fixtures PATH]
               snapsim qris --decode STRING

        With --merchant, prints the merchant's static QRIS (no amount) or, with --amount, a dynamic one for that
        amount (reference label REF, default SNAPSIM-CLI). Either can be paid with `snapsim pay --qr`.
        With --decode, checks a QRIS (structure, CRC-16/CCITT-FALSE, mandatory tags) and prints its data
        objects; exit 1 naming the problem when it is not valid.

          --merchant ID      A merchantId of merchants.json (e.g. MID-SATE-001)
          --amount VALUE     The amount, e.g. 25000.00
          --reference REF    Template 62's reference label (sub-tag 05) of a dynamic code
        \(FixtureOption.help)
        """

    var merchant: String?
    var amount: Amount?
    var reference: String
    var decode: String?
    var fixtures: FixtureOption

    init(parsing arguments: inout Arguments) throws(CLIError) {
        merchant = try arguments.option("merchant")
        amount = try arguments.option("amount", as: "an amount such as 25000.00") { Amount.parseValue($0).map { Amount(minorUnits: $0) } }
        reference = try arguments.option("reference") ?? "SNAPSIM-CLI"
        decode = try arguments.option("decode")
        fixtures = try FixtureOption(parsing: &arguments)
        guard (merchant == nil) != (decode == nil) else { throw .usage("give --merchant ID or --decode STRING") }
    }

    func run(console: any Console) async throws -> Int32 {
        if let decode { return Self.describe(decode, console: console) }
        let fixtures = try fixtures.load()
        guard let merchant = merchant.flatMap({ fixtures.merchants[$0] }) else {
            throw CLIError("no merchant \"\(merchant ?? "")\" (known: \(fixtures.merchants.keys.sorted().joined(separator: ", ")))")
        }
        do throws(QRISProblem) {
            if let amount {
                console.out(try MerchantQRCode.dynamicCode(for: merchant, amount: amount, referenceNo: reference, billNumber: nil, terminalId: nil))
            } else {
                console.out(try MerchantQRCode.staticCode(for: merchant))
            }
        } catch {
            throw CLIError("cannot make a QRIS for \(merchant.merchantId): \(error.message)")
        }
        return 0
    }

    private static func describe(_ text: String, console: any Console) -> Int32 {
        let code: MerchantPresentedQR
        do throws(QRISProblem) {
            code = try MerchantPresentedQR.decode(text)
        } catch {
            console.err("invalid QRIS\(error.tag.map { " (tag \($0))" } ?? ""): \(error.message)")
            return 1
        }
        var lines = ["valid QRIS (CRC \(text.suffix(4)))"]
        lines.append("  01 point of initiation  \(code.initiation == .dynamicCode ? "12 dynamic" : "11 static")")
        for account in code.merchantAccounts {
            lines.append("  \(account.tag) merchant account    " + account.elements.map { "\($0.tag)=\($0.value)" }.joined(separator: " "))
        }
        lines.append("  52 category            \(code.merchantCategoryCode)")
        lines.append("  53 currency            \(code.currency)")
        if let amount = code.amount { lines.append("  54 amount              \(amount)") }
        if let tip = code.tip { lines.append("  55 tip                 \(tip)") }
        lines.append("  59 merchant name       \(code.merchantName)")
        lines.append("  60 merchant city       \(code.merchantCity)")
        if let postal = code.postalCode { lines.append("  61 postal code         \(postal)") }
        if !code.additionalData.isEmpty {
            lines.append("  62 additional data     " + code.additionalData.map { "\($0.tag)=\($0.value)" }.joined(separator: " "))
        }
        if let nmid = code.nationalMerchantID { lines.append("     NMID                \(nmid)") }
        console.out(lines.joined(separator: "\n"))
        return 0
    }
}
