import ArgumentParser
import SocialValue
import Storage

/// `commonweal screen FILE|-`: the Social Value Act screening document (calculations.md §1),
/// offline, with no database.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Screen a procurement under the Social Value Act: read the screening JSON, print the result JSON.",
        discussion: calculationDiscussion)

    @Argument(help: "The screening document (JSON), or - for standard input.")
    var file: String

    func run() throws {
        try runCalculation(file) { try Screening.run($0, thresholds: ThresholdData.table) }
    }
}
