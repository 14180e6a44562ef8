import ArgumentParser
import Foundation
import OCDS
import SocialValue
import Storage

/// `commonweal indicators`: the red-flag indicators of issue 16 (docs/indicators.md) in the JSON
/// shape of OCP's Cardinal, `{"OCID": {ocid: {CODE: value}}, "Buyer": {id: {CODE: value}}}`.
struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Print the indicators (red flags) in the JSON shape of OCP's Cardinal.",
        discussion: """
            Each flag's rule and source are in docs/indicators.md. The ocid is the OCDS export's \
            (COMMONWEAL_OCID_PREFIX, default \(OCDSExportMapping.defaultOCIDPrefix)); a buyer is its \
            organisation id. Run on the server, the command reads every body's records, as the \
            installation's administrator would.
            """)

    @ArgumentParser.Option(help: "Only this body's flags (its organisation id).")
    var body: String?

    @ArgumentParser.Option(help: "Only flags dated on or after this day (YYYY-MM-DD, UK).")
    var from: String?

    @ArgumentParser.Option(help: "Only flags dated on or before this day (YYYY-MM-DD, UK).")
    var to: String?

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let args: IndicatorQuery
        do {
            args = try IndicatorQuery.read(body: body, from: from, to: to) { "--" + $0 }
        } catch let f as ValidationFailure {
            for e in f.errors { printError(e.message) }
            throw ExitCode(2)
        }
        let prefix = OCDSExportCommand.ocidPrefix
        let operatorViewer = Viewer(userID: UUID(), isAdmin: true, memberships: [], compactSeats: [])
        let flags = try await withApplication(database, auditKey: .notNeeded) { app, _ in
            try await IndicatorStore(app.db).flags(
                body: args.body, from: args.from, to: args.to, viewer: operatorViewer, ocidPrefix: prefix)
        }
        print(CardinalShape.json(flags.map(\.flag)).rendered())
    }
}
