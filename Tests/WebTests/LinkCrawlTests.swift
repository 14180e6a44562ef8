import Demo
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor
import VaporTesting

@testable import Web

/// Follows every internal link on the demo's pages, for a visitor and for each demo account, and
/// finds no link that answers 404, 403 or 5xx: routes and links cannot drift apart unnoticed. A
/// visitor's links lead to public pages: none sends them to sign in, unless it says so (a link to
/// the sign-in page itself).
@Suite struct LinkCrawlTests {
    /// Pages fetched per role at most, so the crawl stays well under a minute.
    static let maxPages = 250
    /// Queries followed per path at most (filters and pages of one list), so the crawl reaches every feature.
    static let maxQueriesPerPath = 3

    @Test func everyInternalLinkOnTheDemoAnswersForEveryRole() async throws {
        try await withApp(.sqliteMemory) { app in
            try configure(app, settings: WebSettings(passwords: testPasswords))
            let demo = try await DemoArea.load(on: app.db, passwords: testPasswords, password: testPassword)
            let roles: [(String, String?)] =
                [("visitor", nil)]
                + demo.accounts.map { ("\($0.role) \($0.email)", $0.email) }
            // Each role in its own browser, all at once.
            let crawls = try await withThrowingTaskGroup(of: (Int, Crawl).self) { group in
                for (index, (_, email)) in roles.enumerated() {
                    group.addTask {
                        let browser = Browser(app)
                        if let email, try await browser.signIn(email).status != .seeOther {
                            return (index, Crawl(visited: 0, problems: ["could not sign in"]))
                        }
                        return (index, try await Self.crawl(browser, visitor: email == nil))
                    }
                }
                var crawls: [Int: Crawl] = [:]
                for try await (index, crawl) in group { crawls[index] = crawl }
                return crawls
            }
            var problems: [String] = []
            for (index, (label, _)) in roles.enumerated() {
                let crawl = crawls[index] ?? Crawl()
                print("link crawl: \(label) visited \(crawl.visited) pages")
                problems += crawl.problems.map { "\(label): \($0)" }
            }
            #expect(problems.isEmpty, "broken links:\n\(problems.joined(separator: "\n"))")
        }
    }

    /// Every path `Paths` builds matches a registered route (page paths either alone or with an item id).
    @Test func everyPathMatchesARegisteredRoute() async throws {
        try await withApp(.sqliteMemory) { app in
            try configure(app, settings: WebSettings(passwords: testPasswords))
            let routes = app.routes.all.map(\.path)
            func matches(_ path: String) -> Bool {
                let parts = path.split(separator: "?")[0].split(separator: "/").map(String.init)
                return routes.contains { route in
                    guard route.count == parts.count || route.last == .catchall else { return false }
                    return zip(route, parts).allSatisfy { component, part in
                        switch component {
                        case .constant(let c): c == part
                        case .parameter, .anything, .catchall: true
                        }
                    }
                }
            }
            let id = UUID()
            func either(_ page: String, _ item: String) -> String { matches(page) ? page : item }
            var paths = [
                Paths.home, Paths.dashboard, Paths.accessibility, Paths.audit, Paths.stylesheet, Paths.openAPI,
                Paths.signIn, Paths.signOut, Paths.signIn(next: Paths.dashboard), Paths.account,
                Paths.accountPassword, Paths.accountTokens, Paths.revokeToken(id), Paths.organisations,
                Paths.newOrganisation, Paths.organisation(id), Paths.organisation(id, .edit), Paths.users,
                Paths.newUser, Paths.user(id), Paths.membership(id, id, .delete), Paths.notifications,
                Paths.notificationsRead, Paths.notification(id, .read), Paths.compacts, Paths.newCompact,
                Paths.compact(id), Paths.frameworks, Paths.newFramework, Paths.framework(id),
                Paths.version(id, id), Paths.versionItem(id, id, "theme", id),
                Paths.versionItem(id, id, "theme", id, .edit), Paths.versionItem(id, id, "theme", id, .delete),
                Paths.valueSets, Paths.newValueSet(version: id), Paths.valueSet(id), Paths.consultations,
                Paths.consultationCompliance, Paths.newConsultation, Paths.consultation(id),
                Paths.consultations([("status", "open")]), Paths.responses, Paths.response(id),
                Paths.procurements, Paths.newProcurement, Paths.procurement(id), Paths.pipeline,
                Paths.pipelineCSV, Paths.pipelineAtom, Paths.tenders, Paths.tender(id),
                Paths.openedBid(id, id, attachment: id), Paths.bid(id), Paths.bidAttachment(id, id),
                Paths.bidAttachment(id, id, .delete), Paths.evaluation(id), Paths.contracts,
                Paths.contract(id),
                Paths.progressCSV(id), Paths.monitoringReturn(id, 1), Paths.evidence(id, 1, id),
                Paths.evidence(id, 1, id, .delete), Paths.decommissioning, Paths.decommissioningCSV,
                Paths.newDecommissioning, Paths.newDecommissioning(contract: id), Paths.decommissioning(id),
            ]
            paths += Paths.User.allCases.map { Paths.user(id, $0) }
            paths += Paths.Compact.allCases.map { either(Paths.compact(id, $0), Paths.compact(id, $0, id)) }
            paths += Paths.Framework.allCases.map { Paths.framework(id, $0) }
            paths += Paths.Version.allCases.map { either(Paths.version(id, id, $0), Paths.version(id, id, $0, id)) }
            paths += Paths.ValueSet.allCases.map { Paths.valueSet(id, $0) }
            paths += Paths.Consultation.allCases.map {
                either(Paths.consultation(id, $0), Paths.consultation(id, $0, id))
            }
            paths += Paths.Procurement.allCases.map { Paths.procurement(id, $0) }
            paths += Paths.Event.allCases.map { Paths.event(id, $0) }
            paths += Paths.Tender.allCases.map { either(Paths.tender(id, $0), Paths.tender(id, $0, id)) }
            paths += Paths.Bid.allCases.map { Paths.bid(id, $0) }
            paths += Paths.Evaluation.allCases.map { either(Paths.evaluation(id, $0), Paths.evaluation(id, $0, id)) }
            paths += [
                Paths.evaluation(id, .evaluators, id, .remove), Paths.compact(id, .priorities, id, .up),
                Paths.consultation(id, .questions, id, .edit), Paths.tender(id, .clarifications, id, .answer),
                Paths.version(id, id, .comments, id, .response), Paths.version(id, id, .measures, id, .edit),
            ]
            paths += Paths.Return.allCases.map { Paths.monitoringReturn(id, 1, $0) }
            paths += Paths.Decommissioning.allCases.map { Paths.decommissioning(id, $0) }
            paths += DecommissioningSection.allCases.map { Paths.decommissioning(id, section: $0) }
            paths += [
                Paths.API.user(id), Paths.API.organisation(id), Paths.API.compact(id),
                Paths.API.compactReviews(id),
                Paths.API.framework(id), Paths.API.frameworkVersion(id), Paths.API.valueSet(id),
                Paths.API.consultation(id), Paths.API.consultationQuestions(id),
                Paths.API.consultationDocument(id, id), Paths.API.response(id), Paths.API.procurement(id),
                Paths.API.procurementEvents(id), Paths.API.considerationAmendments(id),
            ]
            let unrouted = paths.filter { !matches($0) }
            #expect(unrouted.isEmpty, "paths without a route: \(unrouted)")
        }
    }

    struct Crawl {
        var visited = 0
        var problems: [String] = []
    }

    /// Breadth first from the home page and the dashboard; GET only; each URL once.
    static func crawl(_ browser: Browser, visitor: Bool) async throws -> Crawl {
        var result = Crawl()
        var queue: [(url: String, from: String)] = [("/", "start"), ("/dashboard", "start")]
        var seen = Set(queue.map(\.url))
        var queries: [String: Int] = [:]
        var next = 0
        while next < queue.count, result.visited < maxPages {
            let (url, from) = queue[next]
            next += 1
            let response = try await browser.get(url)
            result.visited += 1
            let status = response.status.code
            if status == 404 || status == 403 || status >= 500 {
                result.problems.append("\(url) answered \(status) (linked from \(from))")
                continue
            }
            if visitor, from != "start", (300..<400).contains(status), !url.hasPrefix(Paths.signIn),
                response.headers.first(name: .location)?.hasPrefix(Paths.signIn) == true
            {
                result.problems.append("\(url) sends a visitor to sign in (linked from \(from))")
                continue
            }
            if isDownload(url), status != 200 {
                result.problems.append("the download \(url) answered \(status) (linked from \(from))")
                continue
            }
            var found: [String] = []
            if (300..<400).contains(status), let location = response.headers.first(name: .location) {
                found.append(location)
            }
            if response.headers.contentType?.subType == "html" {
                found += links(in: response.body.string)
            }
            for link in found {
                guard let target = internalTarget(link), !seen.contains(target) else { continue }
                let path = String(target.split(separator: "?", maxSplits: 1)[0])
                if path != target {
                    guard queries[path, default: 0] < maxQueriesPerPath else { continue }
                    queries[path, default: 0] += 1
                }
                seen.insert(target)
                queue.append((target, url))
            }
        }
        return result
    }

    /// A file rather than a page: its last segment has an extension (`report.csv`) or it is an uploaded file.
    static func isDownload(_ url: String) -> Bool {
        let path = url.split(separator: "?", maxSplits: 1)[0].split(separator: "/")
        guard let last = path.last else { return false }
        let uploads: Set<Substring> = ["documents", "attachments", "evidence"]
        return last.contains(".") || (path.count >= 2 && uploads.contains(path[path.count - 2]))
    }

    /// Every `href` on the page (anchors and stylesheet links), with HTML entities undone.
    static func links(in html: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: #"href="([^"]*)""#) else { return [] }
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            Range(match.range(at: 1), in: html).map {
                String(html[$0]).replacingOccurrences(of: "&amp;", with: "&")
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            }
        }
    }

    /// The path and query of an internal link without its fragment, or nil for external links,
    /// fragments on the same page and signing out.
    static func internalTarget(_ link: String) -> String? {
        guard link.hasPrefix("/"), !link.hasPrefix("//") else { return nil }
        let target = String(link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
        if target.isEmpty || target.hasPrefix("/sign-out") { return nil }
        return target
    }
}
