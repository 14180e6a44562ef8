import Foundation
import SocialValue

/// The evaluation engine and the standstill calculator, as the stores call them.
enum EngineBridge {
    /// Runs the evaluation document (calculations.md §2) and returns the result JSON.
    static func run(_ document: String) throws -> String { try Evaluation.run(document) }
    /// The last day of the standstill period after an award decision.
    static func standstillEnd(_ decision: CalendarDate) -> CalendarDate { Standstill.endDate(awardDecision: decision) }
}
