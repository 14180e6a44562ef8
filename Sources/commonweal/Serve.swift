import ArgumentParser
import Demo
import Foundation
import SocialValue
import Storage
import Vapor
import Web

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web server (applies migrations first).")

    @ArgumentParser.Option(help: "Address to listen on.") var host = "127.0.0.1"
    @ArgumentParser.Option(help: "Port to listen on (or PORT).") var port: Int?
    @ArgumentParser.Flag(help: "Load the demo area first, if the database is empty.") var demo = false
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let port =
            try self.port ?? env["PORT"].map { raw in
                guard let p = Int(raw) else { throw ValidationError("PORT must be a number (it is ‘\(raw)’)") }
                return p
            } ?? 8080
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        // Without a setting, links use the address `serve` prints (localhost when it listens on every interface).
        let listening = host == "0.0.0.0" || host == "::" ? "localhost" : host
        let publicURL = try env["COMMONWEAL_PUBLIC_URL"].map(WebSettings.publicURL) ?? "http://\(listening):\(port)"
        var settings = WebSettings(
            secureCookies: env["COMMONWEAL_SECURE_COOKIES"] == "true", passwords: try passwordHashing(),
            publicURL: publicURL)
        settings.trustedProxies = ClientAddress.trustedProxies(env["COMMONWEAL_TRUSTED_PROXIES"])
        try await withApplication(database, logLevel: Logger.Level(rawValue: env["LOG_LEVEL"] ?? "") ?? .notice) {
            app, location in
            try configure(app, settings: settings)
            if demo {
                do {
                    printDemoAccounts(
                        try await DemoArea.load(
                            on: app.db, passwords: settings.passwords, password: DemoArea.configuredPassword))
                } catch is DemoArea.NotEmpty {
                    print("The database already has data, so the demo area was not loaded.")
                }
            }
            try await app.asyncBoot()
            do {
                try await app.server.start(address: .hostname(host, port: port))
            } catch {
                let text = String(describing: error)
                if text.contains("Address already in use") {
                    throw ConfigurationError(
                        "port \(port) on \(host) is already in use: stop the other program or choose another port with --port"
                    )
                }
                throw ConfigurationError("cannot listen on \(host):\(port): \(text.prefix(160))")
            }
            print("Commonweal is running at http://\(host):\(port)/  (\(location.summary)). Press Ctrl-C to stop.")
            if env["COMMONWEAL_PUBLIC_URL"] == nil {
                print(
                    "Links in feeds use \(publicURL): set COMMONWEAL_PUBLIC_URL to the address people reach this server at."
                )
            } else {
                print("Links in feeds use \(publicURL) (COMMONWEAL_PUBLIC_URL).")
            }
            await waitForTermination()
            print("Stopping…")
            await app.server.shutdown()
        }
    }
}

/// Suspends until SIGINT or SIGTERM.
func waitForTermination() async {
    await withCheckedContinuation { (cont: CheckedContinuation<Void, Never>) in
        let queue = DispatchQueue(label: "commonweal.signals")
        queue.async {
            var done = false
            for sig in [SIGINT, SIGTERM] {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
                source.setEventHandler {
                    guard !done else { return }
                    done = true
                    cont.resume()
                }
                source.resume()
                SignalSources.keep.append(source)
            }
        }
    }
}

enum SignalSources {
    nonisolated(unsafe) static var keep: [DispatchSourceSignal] = []
}
