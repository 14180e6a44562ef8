import ArgumentParser
import Foundation
import SocialValue

/// The help text every calculation document command shares.
let calculationDiscussion =
    "Bad input exits with status 2, prints nothing on standard output and one 'error: $.path: message' line per problem on standard error."

/// Runs a calculation document command (`screen`, `evaluate`): reads FILE, or standard input
/// for `-`, and prints the result document. Bad input exits with status 2, prints nothing on
/// standard output and one `error: $.path: message` line per problem on standard error.
func runCalculation(_ file: String, _ calculate: (String) throws -> String) throws {
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
        let output = try calculate(text)
        FileHandle.standardOutput.write(Data(output.utf8))
    } catch let f as ValidationFailure {
        for e in f.errors { printError("\(e.field): \(e.message)") }
        throw ExitCode(2)
    }
}
