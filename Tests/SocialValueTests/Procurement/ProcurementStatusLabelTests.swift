import Foundation
import Testing

@testable import SocialValue

/// A tender whose deadline has passed is never shown as "Tender open" (issue 13 §2).
@Suite struct ProcurementStatusLabelTests {
    // 12 March 2027 at 12:00 UK time (GMT) is 12:00 UTC.
    static let deadline = ISO8601DateFormatter().date(from: "2027-03-12T12:00:00Z")!

    @Test func anOpenTenderReadsOpenUntilItsDeadline() {
        let before = Self.deadline.addingTimeInterval(-1)
        #expect(
            ProcurementStatus.tenderOpen.label(tenderDeadline: Self.deadline, now: before, managing: true)
                == "Tender open")
        #expect(
            ProcurementStatus.tenderOpen.label(tenderDeadline: Self.deadline, now: before, managing: false)
                == "Tender open")
    }

    @Test func fromTheDeadlineItIsClosedAndItsManagersAreToldToOpenTheBids() {
        for now in [Self.deadline, Self.deadline.addingTimeInterval(2 * 86400)] {
            #expect(
                ProcurementStatus.tenderOpen.label(tenderDeadline: Self.deadline, now: now, managing: true)
                    == "Closed: bids to open")
            #expect(
                ProcurementStatus.tenderOpen.label(tenderDeadline: Self.deadline, now: now, managing: false) == "Closed"
            )
        }
    }

    @Test func otherStatusesAndProcurementsWithoutATenderKeepTheirLabel() {
        let later = Self.deadline.addingTimeInterval(86400)
        #expect(ProcurementStatus.tenderOpen.label(tenderDeadline: nil, now: later, managing: true) == "Tender open")
        #expect(
            ProcurementStatus.evaluation.label(tenderDeadline: Self.deadline, now: later, managing: true)
                == "Evaluation")
        #expect(
            ProcurementStatus.awarded.label(tenderDeadline: Self.deadline, now: later, managing: false) == "Awarded")
        #expect(ProcurementStatus.planning.label(tenderDeadline: nil, now: later, managing: true) == "Planning")
    }
}
