import ArgumentParser
import Web

struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the version.")

    func run() {
        print("commonweal \(commonwealVersion)")
    }
}
