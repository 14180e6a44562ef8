import Testing

@testable import Web

@Suite struct PluralTests {
    @Test func countsWithTheRightNoun() {
        #expect(Plural.count(1, "procurement") == "1 procurement")
        #expect(Plural.count(0, "procurement") == "0 procurements")
        #expect(Plural.count(2, "procurement") == "2 procurements")
        #expect(Plural.count(1, "person", "people") == "1 person")
        #expect(Plural.count(4, "person", "people") == "4 people")
        #expect(Plural.verb(1, "needs", "need") == "needs")
        #expect(Plural.verb(0, "needs", "need") == "need")
    }

    /// The units the frameworks offer (Framework.commonUnits) and a few typed ones.
    @Test(arguments: [
        ("weeks", "per week"), ("hours", "per hour"), ("tonnes CO2e", "per tonne CO2e"), ("people", "per person"),
        ("organisations", "per organisation"), ("FTE", "per FTE"), ("GBP", "per GBP"), ("number", "per number"),
        ("percent", "per percent"), ("nights", "per night"), ("deliveries", "per delivery"), ("boxes", "per box"),
        ("lunches", "per lunch"), ("classes", "per class"), ("bus", "per bus"), ("analysis", "per analysis"),
        ("kWh", "per kWh"), ("", "per "),
    ])
    func oneOfAUnit(unit: String, expected: String) {
        #expect(Plural.per(unit) == expected)
    }
}
