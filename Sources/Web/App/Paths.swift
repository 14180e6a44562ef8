import Foundation
import SocialValue

/// Every internal page and download path, in one place: pages, forms, redirects, breadcrumbs and
/// the navigation build their links here, so links and routes cannot drift apart. Each function
/// follows a route that a `…Pages` collection registers; `LinkCrawlTests` follows every link.
enum Paths {
    typealias ID = CustomStringConvertible

    /// A path from its segments, each written as it is (ids are UUIDs, numbers or plain words).
    static func join(_ segments: [any ID]) -> String {
        "/" + segments.map { "\($0)" }.joined(separator: "/")
    }

    /// An action on an item inside a page: `…/questions/<id>/delete`.
    enum Action: String, CaseIterable {
        case edit, delete, up, down, remove, answer, response, revoke, read
    }

    private static func join(_ segments: [any ID], _ action: Action?) -> String {
        join(segments + (action.map { [$0.rawValue] } ?? []))
    }

    // MARK: The site

    static let home = "/"
    static let dashboard = "/dashboard"
    static let accessibility = "/accessibility"
    static let audit = "/audit"
    static let stylesheet = "/assets/app.css"
    static let openAPI = "/api/v1/openapi.json"
    static let signIn = "/sign-in"
    static let signOut = "/sign-out"

    /// The sign-in page that returns to `next` (a path on this site) afterwards.
    static func signIn(next: String) -> String { "\(signIn)?next=\(next)" }

    // MARK: Accounts

    static let account = "/account"
    static let accountPassword = "/account/password"
    static let accountTokens = "/account/tokens"
    static func revokeToken(_ id: some ID) -> String { join(["account", "tokens", id], .revoke) }

    static let organisations = "/organisations"
    static let newOrganisation = "/organisations/new"
    static func organisation(_ id: some ID, _ action: Action? = nil) -> String { join(["organisations", id], action) }

    enum User: String, CaseIterable {
        case memberships, disable, enable, password
        case subjectAccess = "subject-access"
    }
    static let users = "/admin/users"
    static let newUser = "/admin/users/new"
    static func user(_ id: some ID, _ page: User? = nil) -> String {
        join(["admin", "users", id] + (page.map { [$0.rawValue] } ?? []))
    }
    static func membership(_ user: some ID, _ membership: some ID, _ action: Action) -> String {
        join(["admin", "users", user, "memberships", membership], action)
    }

    static let notifications = "/notifications"
    static let notificationsRead = "/notifications/read"
    static func notification(_ id: some ID, _ action: Action) -> String { join(["notifications", id], action) }

    // MARK: Compacts

    enum Compact: String, CaseIterable {
        case edit, reviews, settings, signatories, group, principles, strategy, amend
        case newReview = "reviews/new"
        case marketStatement = "market-statement"
        case priorities = "strategy/priorities"
        case signups = "strategy/signups"
        case amendStrategy = "strategy/amend"
    }
    static let compacts = "/compacts"
    static let newCompact = "/compacts/new"
    static func compact(_ id: some ID, _ page: Compact? = nil) -> String {
        join(["compacts", id] + (page.map { [$0.rawValue] } ?? []))
    }
    /// A signatory, seat, principle or strategy priority of a Compact, with an action on it.
    static func compact(_ id: some ID, _ page: Compact, _ item: some ID, _ action: Action? = nil) -> String {
        join(["compacts", id, page.rawValue, item], action)
    }

    // MARK: Frameworks and value sets

    enum Framework: String, CaseIterable { case versions, contributors, workshops }
    static let frameworks = "/frameworks"
    static let newFramework = "/frameworks/new"
    static func framework(_ id: some ID, _ page: Framework? = nil) -> String {
        join(["frameworks", id] + (page.map { [$0.rawValue] } ?? []))
    }

    enum Version: String, CaseIterable {
        case transition, themes, outcomes, measures, comments
        case exportJSON = "export.json"
    }
    static func version(_ framework: some ID, _ version: some ID, _ page: Version? = nil) -> String {
        join(["frameworks", framework, "versions", version] + (page.map { [$0.rawValue] } ?? []))
    }
    /// A measure or a comment of a version, with an action on it.
    static func version(
        _ framework: some ID, _ version: some ID, _ page: Version, _ item: some ID,
        _ action: Action? = nil
    ) -> String {
        join(["frameworks", framework, "versions", version, page.rawValue, item], action)
    }

    /// A theme or outcome (`items/<kind>/<id>`) of a version, with an action on it.
    static func versionItem(
        _ framework: some ID, _ version: some ID, _ kind: String, _ item: some ID,
        _ action: Action? = nil
    ) -> String {
        join(["frameworks", framework, "versions", version, "items", kind, item], action)
    }

    enum ValueSet: String, CaseIterable {
        case values
        case priceIndex = "price-index"
        case valuesCSV = "values.csv"
    }
    static let valueSets = "/value-sets"
    static func newValueSet(version: some ID) -> String { "/value-sets/new?version=\(version)" }
    static func valueSet(_ id: some ID, _ page: ValueSet? = nil) -> String {
        join(["value-sets", id] + (page.map { [$0.rawValue] } ?? []))
    }

    // MARK: Consultations

    enum Consultation: String, CaseIterable {
        case edit, delete, publish, questions, documents, respond, responses, outcome
        case responsesCSV = "responses.csv"
    }
    static let consultations = "/consultations"
    static let consultationCompliance = "/consultations/compliance"
    static let newConsultation = "/consultations/new"
    static func consultation(_ id: some ID, _ page: Consultation? = nil) -> String {
        join(["consultations", id] + (page.map { [$0.rawValue] } ?? []))
    }
    /// A question, document or response of a consultation, with an action on it.
    static func consultation(_ id: some ID, _ page: Consultation, _ item: some ID, _ action: Action? = nil) -> String {
        join(["consultations", id, page.rawValue, item], action)
    }
    /// The finder with filters, e.g. `[("status", "open")]`.
    static func consultations(_ query: [(String, any ID)]) -> String {
        consultations + "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }
    static let responses = "/responses"
    static func response(_ id: some ID) -> String { join(["responses", id]) }

    // MARK: Procurements

    enum Procurement: String, CaseIterable {
        case edit, consideration, status, publish, comments, events, tender, engagement
        case amendConsideration = "consideration/amend"
    }
    static let procurements = "/procurements"
    static let newProcurement = "/procurements/new"
    static func procurement(_ id: some ID, _ page: Procurement? = nil) -> String {
        join(["procurements", id] + (page.map { [$0.rawValue] } ?? []))
    }
    enum Event: String, CaseIterable { case register, after }
    static func event(_ id: some ID, _ page: Event) -> String { join(["events", id, page.rawValue]) }
    static let pipeline = "/pipeline"
    static let pipelineCSV = "/pipeline.csv"
    static let pipelineAtom = "/pipeline.atom"

    // MARK: Tenders, bids, evaluation and award

    enum Tender: String, CaseIterable {
        case publish, documents, clarifications, open, cancel, bids, evaluation, report, award, feedback, bid
        case reportCSV = "report.csv"
        case evaluationDocument = "evaluation-document.json"
    }
    static let tenders = "/tenders"
    static func tender(_ id: some ID, _ page: Tender? = nil) -> String {
        join(["tenders", id] + (page.map { [$0.rawValue] } ?? []))
    }
    /// A document, clarification or bid of a tender, with an action on it.
    static func tender(_ id: some ID, _ page: Tender, _ item: some ID, _ action: Action? = nil) -> String {
        join(["tenders", id, page.rawValue, item], action)
    }
    /// A file attached to a bid, as the buyer reads it after the opening.
    static func openedBid(_ tender: some ID, _ bid: some ID, attachment file: some ID) -> String {
        join(["tenders", tender, "bids", bid, "attachments", file])
    }

    enum Bid: String, CaseIterable {
        case submit, withdraw, attachments, template
        case templateJSON = "template.json"
        case templateCSV = "template.csv"
    }
    /// The supplier's own bid for a tender.
    static func bid(_ tender: some ID, _ page: Bid? = nil) -> String {
        join(["tenders", tender, "bid"] + (page.map { [$0.rawValue] } ?? []))
    }
    /// A file attached to the supplier's own bid.
    static func bidAttachment(_ tender: some ID, _ file: some ID, _ action: Action? = nil) -> String {
        join(["tenders", tender, "bid", "attachments", file], action)
    }

    enum Evaluation: String, CaseIterable {
        case evaluators, submit, moderation, rank, bids
        /// Accepts every score all the evaluators agree on, in one post.
        case moderationAgreed = "moderation/agreed"
    }
    static func evaluation(_ tender: some ID, _ page: Evaluation? = nil) -> String {
        join(["tenders", tender, "evaluation"] + (page.map { [$0.rawValue] } ?? []))
    }
    /// An evaluator, a bid to score or a bid to moderate, with an action on it.
    static func evaluation(_ tender: some ID, _ page: Evaluation, _ item: some ID, _ action: Action? = nil) -> String {
        join(["tenders", tender, "evaluation", page.rawValue, item], action)
    }

    // MARK: Contracts and monitoring

    static let contracts = "/contracts"
    static func contract(_ id: some ID) -> String { join(["contracts", id]) }
    static func progressCSV(_ contract: some ID) -> String { join(["contracts", contract, "progress.csv"]) }
    /// A contract's KPIs, assessments and failures (docs/performance.md), and its forms.
    enum Performance: String, CaseIterable { case kpis, position, assessments, failures }
    static func performance(_ contract: some ID, _ form: Performance? = nil) -> String {
        join(["contracts", contract, "performance"] + (form.map { [$0.rawValue] } ?? []))
    }
    /// Amending an assessment (its series).
    static func assessment(_ contract: some ID, _ series: some ID) -> String {
        join(["contracts", contract, "performance", "assessments", series])
    }
    /// The public register of awarded contracts (no sign-in).
    static let awardedContracts = "/awarded-contracts"
    static let awardedContractsCSV = "/awarded-contracts.csv"
    static func awardedContract(_ id: some ID) -> String { join(["awarded-contracts", id]) }
    static func awardedContracts(buyer: some ID) -> String { "\(awardedContracts)?buyerId=\(buyer)" }
    static func awardedContracts(supplier: some ID) -> String { "\(awardedContracts)?supplierId=\(supplier)" }
    /// An organisation's public impact profile and its CSV (no sign-in).
    static func profile(_ organisation: some ID) -> String { join(["organisations", organisation, "profile"]) }
    static func profileCSV(_ organisation: some ID) -> String { join(["organisations", organisation, "profile.csv"]) }
    /// Open data: the page, its yearly downloads and the OCDS API (docs/ocds.md).
    static let openData = "/open-data"
    static func openDataYear(_ year: String) -> String { "/open-data/releases-\(year).jsonl" }
    static let ocdsReleases = "/api/v1/ocds/releases"

    enum Return: String, CaseIterable {
        case submit, evidence, verification
        /// The return as a CSV template, and its upload (docs/monitoring.md).
        case template = "template.csv"
        case upload
    }
    /// The monitoring return of a contract for a reporting period.
    static func monitoringReturn(_ contract: some ID, _ period: Int, _ page: Return? = nil) -> String {
        join(["contracts", contract, "returns", period] + (page.map { [$0.rawValue] } ?? []))
    }
    static func evidence(_ contract: some ID, _ period: Int, _ item: some ID, _ action: Action? = nil) -> String {
        join(["contracts", contract, "returns", period, "evidence", item], action)
    }

    // MARK: Decommissioning

    enum Decommissioning: String, CaseIterable { case proposal, impact, discussion, share, response, decision }
    static let decommissioning = "/decommissioning"
    static let decommissioningCSV = "/decommissioning.csv"
    static let newDecommissioning = "/decommissioning/new"
    static func newDecommissioning(contract: some ID) -> String { "\(newDecommissioning)?contractId=\(contract)" }
    static func decommissioning(_ id: some ID, _ page: Decommissioning? = nil) -> String {
        join(["decommissioning", id] + (page.map { [$0.rawValue] } ?? []))
    }
    static func decommissioning(_ id: some ID, section: DecommissioningSection) -> String {
        join(["decommissioning", id, section.rawValue])
    }
    /// Amending a proposal shared with the provider.
    static func decommissioningAmendment(_ id: some ID) -> String {
        join(["decommissioning", id, "proposal", "amend"])
    }

    // MARK: The JSON API, for Location headers

    enum API {
        static func join(_ segments: [any ID]) -> String { Paths.join(["api", "v1"] + segments) }
        static func user(_ id: some ID) -> String { join(["users", id]) }
        static func organisation(_ id: some ID) -> String { join(["organisations", id]) }
        static func profile(_ id: some ID) -> String { join(["organisations", id, "profile"]) }
        static func compact(_ id: some ID) -> String { join(["compacts", id]) }
        static func compactReviews(_ id: some ID) -> String { join(["compacts", id, "reviews"]) }
        static func compactAmendments(_ id: some ID) -> String { join(["compacts", id, "amendments"]) }
        static func strategy(_ id: some ID) -> String { join(["compacts", id, "strategy"]) }
        static func framework(_ id: some ID) -> String { join(["frameworks", id]) }
        static func frameworkVersion(_ id: some ID) -> String { join(["framework-versions", id]) }
        static func valueSet(_ id: some ID) -> String { join(["value-sets", id]) }
        static func consultation(_ id: some ID) -> String { join(["consultations", id]) }
        static func consultationQuestions(_ id: some ID) -> String { join(["consultations", id, "questions"]) }
        static func consultationOutcome(_ id: some ID) -> String { join(["consultations", id, "outcome"]) }
        static func consultationDocument(_ id: some ID, _ document: some ID) -> String {
            join(["consultations", id, "documents", document])
        }
        static func response(_ id: some ID) -> String { join(["responses", id]) }
        static func procurement(_ id: some ID) -> String { join(["procurements", id]) }
        static func procurementEvents(_ id: some ID) -> String { join(["procurements", id, "events"]) }
        static func considerationAmendments(_ id: some ID) -> String {
            join(["procurements", id, "consideration", "amendments"])
        }
    }
}
