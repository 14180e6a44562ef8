import Foundation
import SocialValue
import Storage
import Vapor

/// An organisation's public impact profile (issue 15; docs/profiles.md): no sign-in, published
/// data only. Who they are, the awarded contracts they deliver, social value verified to date,
/// their embedded value statement, and the place for published SROI analyses; with a CSV.
struct ProfilePages: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.get("organisations", ":id", "profile", use: show)
        routes.get("organisations", ":id", "profile.csv", use: csv)
    }

    func show(req: Request) async throws -> Response {
        let p = try await req.profiles.profile(of: try req.parameterID(), viewer: req.currentUser?.viewer)
        let awarded: HTML =
            p.contractsAwarded == 0
            ? .empty
            : """
            <h2 class="govuk-heading-m">Contracts they have awarded</h2>
            <p class="govuk-body">\(Components.link("\(Plural.count(p.contractsAwarded, "awarded contract")) let by \(p.name)", Paths.awardedContracts(buyer: p.id)))</p>
            """
        return Page(
            title: "\(p.name): public impact profile",
            breadcrumbs: [("Home", Paths.home), ("Awarded contracts", Paths.awardedContracts)],
            content: """
                <span class="govuk-caption-l">Public impact profile</span>
                <h1 class="govuk-heading-l">\(p.name)</h1>
                <p class="govuk-body">Built from published information only: the contracts \(p.name) has been awarded, and the social value their buyers have verified from monitoring returns.</p>
                <h2 class="govuk-heading-m">Who they are</h2>
                \(ProfileView.who(p))
                <h2 class="govuk-heading-m">Contracts they deliver</h2>
                \(ProfileView.contracts(p))
                <h2 class="govuk-heading-m">Social value verified to date</h2>
                \(ProfileView.verified(p))
                <h2 class="govuk-heading-m">Embedded value statement</h2>
                \(ProfileView.embedded(p))
                <h2 class="govuk-heading-m">Published SROI analyses</h2>
                \(ProfileView.sroi(p))
                \(awarded)
                <h2 class="govuk-heading-m">Download</h2>
                <ul class="govuk-list">
                  <li>\(Components.link("Download the contracts and verified social value as CSV", Paths.profileCSV(p.id)))</li>
                  <li>\(Components.link("This profile as JSON", Paths.API.profile(p.id)))</li>
                </ul>
                """
        ).render(req)
    }

    func csv(req: Request) async throws -> Response {
        let p = try await req.profiles.profile(of: try req.parameterID(), viewer: req.currentUser?.viewer)
        let safeName = p.name.filter { $0.isLetter || $0.isNumber || $0 == " " }.replacingOccurrences(
            of: " ", with: "-")
        return Response.download(
            Data(ProfileView.csv(p).utf8), filename: "\(safeName.isEmpty ? "organisation" : safeName)-profile.csv",
            contentType: "text/csv; charset=utf-8")
    }
}
