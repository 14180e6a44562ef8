import Foundation
import Testing

@testable import SocialValue

/// Retention dates worked by hand on a calendar (docs/data-protection.md, "Retention").
@Suite struct RetentionRuleTests {
    func d(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

    @Test func responsesAreKeptToTheSameDayMonthsLaterThenErased() {
        // Closed 15 March 2024, kept 24 months: to 15 March 2026 inclusive, erased from the 16th.
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2024-03-15"), months: 24) == d("2026-03-15"))
        #expect(!RetentionRule.responseIsDue(closedOn: d("2024-03-15"), today: d("2026-03-15"), months: 24))
        #expect(RetentionRule.responseIsDue(closedOn: d("2024-03-15"), today: d("2026-03-16"), months: 24))
    }

    @Test func aMonthEndClampsToTheEndOfAShorterMonth() {
        // 31 August + 6 months: February has no 31st; 2024 is a leap year (29th), 2025 is not (28th).
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2023-08-31"), months: 6) == d("2024-02-29"))
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2024-08-31"), months: 6) == d("2025-02-28"))
        #expect(!RetentionRule.responseIsDue(closedOn: d("2024-08-31"), today: d("2025-02-28"), months: 6))
        #expect(RetentionRule.responseIsDue(closedOn: d("2024-08-31"), today: d("2025-03-01"), months: 6))
        // 31 October + 1 month: 30 November.
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2025-10-31"), months: 1) == d("2025-11-30"))
    }

    @Test func aLeapDayClosingIsKeptToTheLastDayOfFebruary() {
        // 29 February 2024 + 12 months = 28 February 2025; + 48 months = 29 February 2028.
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2024-02-29"), months: 12) == d("2025-02-28"))
        #expect(RetentionRule.responseIsDue(closedOn: d("2024-02-29"), today: d("2025-03-01"), months: 12))
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2024-02-29"), months: 48) == d("2028-02-29"))
        // Across a year end: 30 November 2025 + 3 months = 28 February 2026.
        #expect(RetentionRule.keepResponseUntil(closedOn: d("2025-11-30"), months: 3) == d("2026-02-28"))
    }

    @Test func signInRecordsAreDeletedTheDaysAfterTheyEnded() {
        // 90 days before 1 March 2024 (a leap year: 29 days in February) is 2 December 2023.
        #expect(RetentionRule.firstSignInDayKept(today: d("2024-03-01"), days: 90) == d("2023-12-02"))
        #expect(RetentionRule.firstSignInDayKept(today: d("2025-03-01"), days: 90) == d("2024-12-01"))
        #expect(RetentionRule.signInIsDue(endedOn: d("2023-12-01"), today: d("2024-03-01"), days: 90))
        #expect(!RetentionRule.signInIsDue(endedOn: d("2023-12-02"), today: d("2024-03-01"), days: 90))
        // One day: yesterday's is kept, the day before's goes.
        #expect(!RetentionRule.signInIsDue(endedOn: d("2024-02-29"), today: d("2024-03-01"), days: 1))
        #expect(RetentionRule.signInIsDue(endedOn: d("2024-02-28"), today: d("2024-03-01"), days: 1))
    }

    @Test func settingsDefaultAndRefuseNonsense() throws {
        #expect(try RetentionPeriods.read([:]) == RetentionPeriods(consultationResponseMonths: 24, signInDays: 90))
        #expect(
            try RetentionPeriods.read([
                "COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS": "36", "COMMONWEAL_RETAIN_SIGN_INS_DAYS": "",
            ]) == RetentionPeriods(consultationResponseMonths: 36, signInDays: 90))
        #expect(
            throws: RetentionPeriods.Problem(
                message: "COMMONWEAL_RETAIN_SIGN_INS_DAYS must be a whole number of days from 1 to 3650 (it is ‘0’)")
        ) { try RetentionPeriods.read(["COMMONWEAL_RETAIN_SIGN_INS_DAYS": "0"]) }
        #expect(throws: RetentionPeriods.Problem.self) {
            try RetentionPeriods.read(["COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS": "two years"])
        }
    }

    @Test func placeholdersAreRecognisableAndNeverRealAddresses() {
        let id = UUID(uuidString: "3F2504E0-4F89-11D3-9A0C-0305E82C3301")!
        #expect(ErasedPerson.email(for: id) == "erased-3f2504e0-4f8@invalid")
        #expect(ErasedPerson.isPlaceholder("erased-3f2504e0-4f8@invalid"))
        #expect(!ErasedPerson.isPlaceholder("m.ellis@example.org"))
    }
}
