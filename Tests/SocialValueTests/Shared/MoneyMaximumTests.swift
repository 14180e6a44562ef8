import Foundation
import Testing

@testable import SocialValue

/// Issue 19 §9: one sane maximum for money typed in (£10 billion), refused with a message that
/// names the field, wherever money is entered.
@Suite struct MoneyMaximumTests {
    @Test func tenBillionPoundsIsTheLargestAmount() {
        #expect(Money(parsing: "10,000,000,000")?.pence == 1_000_000_000_000)
        #expect(Money(parsing: "£10000000000.00")?.pence == 1_000_000_000_000)
        #expect(Money(parsing: "10000000000.01") == nil)
        #expect(Money(parsing: "92000000000000000") == nil)
        #expect(Money(parsing: "9999999999.99")?.pence == 999_999_999_999)
    }

    @Test func aProcurementValueAboveTheMaximumNamesTheField() throws {
        var i = ProcurementInput()
        i.title = "Community transport"
        i.description = "Door to door."
        i.kind = "services"
        i.value = "92,000,000,000,000,000"
        i.valueIncludesVAT = true
        let e = #expect(throws: ValidationFailure.self) { try Procurement.validate(i) }
        #expect(e?.message(for: "value") == "The estimated value must be £10,000,000,000 or less")
    }

    @Test func anAmountAboveTheMaximumNamesTheField() {
        var p = Problems()
        #expect(p.money("20000000000", field: "saving", label: "the saving", required: true) == nil)
        #expect(p.errors == [FieldError("saving", "The saving must be £10,000,000,000 or less")])
    }
}
