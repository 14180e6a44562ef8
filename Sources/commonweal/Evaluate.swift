import ArgumentParser
import SocialValue

/// `commonweal evaluate FILE|-`: the tender evaluation document (calculations.md §2), offline,
/// with no database.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate tenders: read the evaluation JSON, print the ranking JSON.",
        discussion: calculationDiscussion)

    @Argument(help: "The evaluation document (JSON), or - for standard input.")
    var file: String

    func run() throws {
        try runCalculation(file, Evaluation.run)
    }
}
