import Testing
@testable import SNAPSim

/// The top-up's headroom from the account it has read equals the headroom looked up by customer number, in the
/// opening month (which counts the fixtures' `toppedUpThisMonth`) and in later ones, before and after credits.
@Suite struct LedgerHeadroomTests {
    @Test func headroomOfAccount_EqualsHeadroomByNumber_AcrossMonthsAndCredits() {
        let tier = Tier(
            name: "basic", balanceCap: Amount(minorUnits: 200_000_000), monthlyTopUpCap: Amount(minorUnits: 2_000_000_000),
            minimumTopUp: Amount(minorUnits: 100), fee: .zero, feeType: "OUR", dailyAccountInquiryLimit: 10)
        let customers = [
            EMoneyCustomer(customerNumber: "081200000001", name: "A", tier: "basic", balance: Amount(minorUnits: 5_000),
                toppedUpThisMonth: Amount(minorUnits: 70_000)),
            EMoneyCustomer(customerNumber: "081200000002", name: "B", tier: "basic", balance: .zero),
        ]
        var ledger = Ledger(customers: customers, accounts: [])
        ledger.open(at: SimTime(millisecondsSince1970: 1_764_547_200_000))  // 2025-12-01 07:00 Jakarta
        let opening = ledger.openingMonth ?? ""
        let months = [opening, "2026-01", "2099-12"]
        for round in 0..<4 {
            for number in ["081200000001", "081200000002"] {
                guard let account = ledger.customer(number) else {
                    Issue.record("no customer \(number)")
                    return
                }
                for month in months {
                    #expect(ledger.headroom(of: account, tier: tier, inMonth: month)
                        == ledger.headroom(number, tier: tier, inMonth: month))
                }
                ledger.credit(number, Amount(minorUnits: Int64(1_000 * (round + 1))), inMonth: months[round % months.count])
            }
        }
    }
}
