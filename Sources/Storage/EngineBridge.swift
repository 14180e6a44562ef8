import Foundation
import SocialValue

/// The evaluation engine and the standstill calculator, as the stores call them.
enum EngineBridge {
    struct NotAvailable: Error {}
    /// Runs the evaluation document (calculations.md §2) and returns the result JSON.
    static func run(_ document: String) throws -> String { throw NotAvailable() }
    /// The last day of the standstill period after an award decision.
    static func standstillEnd(_ decision: CalendarDate) -> CalendarDate { decision }
}
