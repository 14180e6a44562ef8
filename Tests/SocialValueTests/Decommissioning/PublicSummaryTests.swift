import Foundation
import Testing

@testable import SocialValue

/// The public summary's checks (docs/decommissioning.md, "The public record").
@Suite struct PublicSummaryTests {
    @Test(arguments: [DecommissioningStatus.ended, .reduced, .withdrawn])
    func aDecidedCaseIsPublishedWithItsRationaleTrimmed(_ status: DecommissioningStatus) throws {
        let t = try Decommissioning.validatePublication(
            PublicSummaryInput(rationale: "  The grants budget fell by a third.\n ", reason: "ignored"),
            status: status, version: 1)
        #expect(t.rationale == "The grants budget fell by a third.")
        #expect(t.reason == nil)
    }

    @Test func aCaseStillAssessedIsNotPublished() {
        #expect(throws: ValidationFailure("status", "Only a decided case can be published: record the decision first"))
        {
            try Decommissioning.validatePublication(
                PublicSummaryInput(rationale: "Why"), status: .assessing, version: 1)
        }
    }

    @Test func theRationaleIsRequiredWithoutControlCharactersAndLimited() {
        func message(_ text: String?) -> String? {
            do {
                _ = try Decommissioning.validatePublication(
                    PublicSummaryInput(rationale: text), status: .ended, version: 1)
                return nil
            } catch let f as ValidationFailure {
                return f.message(for: "rationale")
            } catch { return "\(error)" }
        }
        #expect(message(nil) == "Enter the public rationale")
        #expect(message(" \n ") == "Enter the public rationale")
        #expect(message("Budget\u{7}cut") == "The public rationale must not contain control characters")
        #expect(
            message(String(repeating: "a", count: Decommissioning.publicRationaleMaxLength + 1))
                == "The public rationale must be 5000 characters or fewer")
        #expect(message(String(repeating: "a", count: Decommissioning.publicRationaleMaxLength)) == nil)
    }

    @Test func aLaterVersionNeedsItsReason() throws {
        #expect(throws: ValidationFailure("reason", "Enter why the summary is published again")) {
            try Decommissioning.validatePublication(PublicSummaryInput(rationale: "Why"), status: .ended, version: 2)
        }
        let t = try Decommissioning.validatePublication(
            PublicSummaryInput(rationale: "Why", reason: " The decision was amended "), status: .ended, version: 2)
        #expect(t.reason == "The decision was amended")
    }
}
