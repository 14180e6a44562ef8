import ArgumentParser
import SocialValue

extension SROIDetail: ExpressibleByArgument {}

/// `commonweal sroi FILE|-`: the SROI document (calculations.md §3), offline, with no database.
/// `--detail full` adds the payback period and the per-outcome tornado table
/// (docs/calculations.md, "Beyond §3").
struct SROICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sroi",
        abstract: "Social return on investment: read the SROI JSON, print the present values, NPV and ratio.",
        discussion: calculationDiscussion)

    @Argument(help: "The SROI document (JSON), or - for standard input.")
    var file: String

    @Option(
        help:
            "document: exactly the calculations.md §3 output; full: also the payback period and each outcome's tornado table."
    )
    var detail: SROIDetail = .document

    func run() throws {
        let detail = self.detail
        try runCalculation(file) { try SROI.run($0, detail: detail) }
    }
}
