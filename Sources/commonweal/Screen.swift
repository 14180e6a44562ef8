import ArgumentParser
import Foundation
import SocialValue
import Storage

/// `commonweal screen FILE|-`: the Social Value Act screening document (calculations.md §1),
/// offline, with no database.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Screen a procurement under the Social Value Act: read the screening JSON, print the result JSON.",
        discussion: "Bad input exits with status 2, prints nothing on standard output and one 'error: $.path: message' line per problem on standard error.")

    @Argument(help: "The screening document (JSON), or - for standard input.")
    var file: String

    func run() throws {
        let text: String
        if file == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("$: cannot read the file \(file)")
                throw ExitCode(2)
            }
            text = String(decoding: data, as: UTF8.self)
        }
        do {
            let output = try Screening.run(text, thresholds: ThresholdData.table)
            FileHandle.standardOutput.write(Data(output.utf8))
        } catch let f as ValidationFailure {
            for e in f.errors { printError("\(e.field): \(e.message)") }
            throw ExitCode(2)
        }
    }
}
