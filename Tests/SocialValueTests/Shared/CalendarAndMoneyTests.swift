import Foundation
import Testing

@testable import SocialValue

@Suite struct CalendarDateTests {
    @Test func parsesOnlyRealISODates() {
        #expect(CalendarDate(iso: "2024-02-29") != nil)  // leap year
        #expect(CalendarDate(iso: "2025-02-29") == nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)  // century, not leap
        #expect(CalendarDate(iso: "2000-02-29") != nil)  // divisible by 400
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "2026-4-1") == nil)
        #expect(CalendarDate(iso: "01/04/2026") == nil)
        #expect(CalendarDate(iso: "２０２６-04-01") == nil)  // full-width digits
    }

    @Test func dayNumbersMatchKnownDates() {
        #expect(CalendarDate(iso: "1970-01-01")!.dayNumber == 0)
        #expect(CalendarDate(iso: "2000-03-01")!.dayNumber == 11017)
        #expect(CalendarDate(iso: "2026-11-25")!.dayNumber == 20782)  // 56 years (14 leap days) = 20454, plus 328 days
        #expect(CalendarDate(dayNumber: 20782).iso == "2026-11-25")
        // 12 weeks from 1 April 2026
        #expect(CalendarDate(iso: "2026-04-01")!.adding(days: 84).iso == "2026-06-24")
        #expect(CalendarDate(iso: "2026-04-01")!.days(until: CalendarDate(iso: "2026-06-24")!) == 84)
    }

    @Test func addingMonthsClampsToTheEndOfTheMonth() {
        #expect(CalendarDate(iso: "2024-01-31")!.adding(months: 1).iso == "2024-02-29")
        #expect(CalendarDate(iso: "2025-01-31")!.adding(months: 1).iso == "2025-02-28")
        #expect(CalendarDate(iso: "2025-11-30")!.adding(months: 3).iso == "2026-02-28")
        #expect(CalendarDate(iso: "2024-03-01")!.adding(months: 60).iso == "2029-03-01")
    }

    @Test func longFormIsGOVUKStyle() {
        #expect(CalendarDate(iso: "2026-03-01")!.longForm == "1 March 2026")
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        ("25000", Int64(2_500_000)), ("£25,000", 2_500_000), ("1,250.5", 125_050), ("1250.05", 125_005), ("0", 0),
    ])
    func parsesWhatPeopleType(text: String, pence: Int64) {
        #expect(Money(parsing: text)?.pence == pence)
    }

    @Test(arguments: ["-5", "1.234", "abc", "", "£", "1.2.3", "99999999999999999999"])
    func rejectsWhatIsNotAnAmount(text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func formatsPoundsWithGrouping() {
        #expect(Money(pence: 500_000_000).description == "£5,000,000")
        #expect(Money(pence: 125_050).description == "£1,250.50")
        #expect(Money(pence: 7).description == "£0.07")
    }

    @Test func displaysDecimalTextAsMoney() {
        #expect(Money.display("207720.00") == "£207,720")
        #expect(Money.display("11778.5") == "£11,778.50")
        #expect(Money.display("0.125") == "£0.125")  // not pounds and pence: shown as given
        #expect(Money.display("1234.0450") == "£1,234.0450")  // a value per unit keeps its places
        #expect(Money.display("-0.125") == "£-0.125")  // not an amount: as given
        #expect(Money.display("n/a") == "£n/a")
    }

    /// The monetised values of the demo's bids (quantity × proxy, exact) as the issue saw them
    /// printed bare, "£23809.50" beside "£400,000".
    @Test func displaysExactPoundsRoundedToPence() {
        #expect(Money.display(Decimal(string: "23809.5")!) == "£23,809.50")
        #expect(Money.display(Decimal(string: "41805.00")!) == "£41,805")
        #expect(Money.display(Decimal(string: "50149.145")!) == "£50,149.15")  // half-up to pence
        #expect(Money.display(Decimal(0)) == "£0")
    }
}

@Suite struct ListPageTests {
    @Test func clampsAndDescribesTheRange() {
        let p = ListPage(requested: 3, size: 20, total: 57)
        #expect(p.offset == 40)
        #expect(p.pageCount == 3)
        #expect(p.rangeText == "Showing 41 to 57 of 57")
        #expect(!p.hasNext && p.hasPrevious)
        #expect(ListPage(requested: 99, size: 20, total: 57).number == 3)
        #expect(ListPage(requested: -1, size: 20, total: 57).number == 1)
        #expect(ListPage(requested: 1, size: 20, total: 0).rangeText == "No results")
    }

    @Test func slicesTheItemsOfItsPage() {
        let items = Array(1...57)
        #expect(ListPage(requested: 3, size: 20, total: 57).slice(items) == Array(41...57))
        #expect(ListPage(requested: 1, size: 20, total: 57).slice(items) == Array(1...20))
        #expect(ListPage(requested: 1, size: 20, total: 0).slice([Int]()) == [])
    }
}
