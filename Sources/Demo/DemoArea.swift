import Fluent
import Foundation
import SocialValue
import Storage

/// Eastmoor: a fictional county used for demonstrations and browser tests. Loaded through the
/// stores, so it obeys every rule and leaves a full audit trail.
public enum DemoArea {
    public struct Account: Sendable {
        public let email: String
        public let role: Role
        public let organisation: String?
    }

    public struct Loaded: Sendable {
        public let password: String
        public let accounts: [Account]
    }

    public struct NotEmpty: Error, CustomStringConvertible {
        public var description: String {
            "the database already has data: the demo area loads only into an empty database (use a new --data-dir)"
        }
    }

    static let organisations: [OrganisationInput] = [
        org(
            "Eastmoor County Council", .countyCouncil, line1: "County Hall, Market Square", town: "Eastmoor",
            postcode: "EM1 1AA"),
        org(
            "Brackenford District Council", .districtCouncil, line1: "Civic Centre, Mill Road", town: "Brackenford",
            postcode: "EM4 2BD"),
        org(
            "Saltmarsh District Council", .districtCouncil, line1: "Harbour Offices, Quay Street", town: "Saltmarsh",
            postcode: "EM9 7QS"),
        org(
            "NHS Eastmoor Integrated Care Board", .nhsBody, line1: "Riverside House, 4 Wharf Lane", town: "Eastmoor",
            postcode: "EM2 3RH"),
        org(
            "Eastmoor Police and Crime Commissioner", .policeAndCrimeCommissioner,
            line1: "Headquarters, Old London Road", town: "Eastmoor", postcode: "EM3 8PC"),
        org(
            "Eastmoor Council for Voluntary Service", .charity, charity: "1180001",
            line1: "The Guildhall Annexe, 12 Church Street", town: "Eastmoor", postcode: "EM1 4CV"),
        org(
            "Brackenford Foodbank", .charitableIncorporatedOrganisation, charity: "1190234",
            line1: "Unit 3, Station Yard", town: "Brackenford", postcode: "EM4 5FB"),
        org(
            "Moorland Carers Trust", .charity, charity: "1104567", company: "05123456", line1: "2 Fell View",
            town: "Brackenford", postcode: "EM5 1MC"),
        org(
            "Eastmoor Youth Network", .charity, charity: "1167890", line1: "Youth Centre, Park Avenue",
            town: "Eastmoor", postcode: "EM2 6YN"),
        org(
            "Saltmarsh Community Transport CIC", .communityInterestCompany, company: "12345678",
            line1: "Depot, Ferry Road", town: "Saltmarsh", postcode: "EM9 2CT"),
        org(
            "Greenway Employment", .socialEnterprise, company: "09876543", line1: "Greenway Works, Canal Side",
            town: "Eastmoor", postcode: "EM3 2GE"),
        org(
            "Harbour Lane Residents’ Group", .communityGroup, line1: "c/o 17 Harbour Lane", town: "Saltmarsh",
            postcode: "EM9 3HL"),
        org(
            "Kestrel Facilities Ltd", .sme, company: "10234567", line1: "Kestrel House, Enterprise Park",
            town: "Eastmoor", postcode: "EM6 1KF"),
        org(
            "Fenwick and Daughters Builders Ltd", .sme, company: "08345678", line1: "The Yard, Back Lane",
            town: "Brackenford", postcode: "EM4 9FD"),
        org(
            "Northgate Care Services plc", .largeBusiness, company: "02456789",
            line1: "Northgate Tower, 1 Commerce Way", town: "Eastmoor", postcode: "EM1 9NG"),
    ]

    static func org(
        _ name: String, _ kind: OrganisationKind, charity: String? = nil, company: String? = nil,
        line1: String, town: String, postcode: String
    ) -> OrganisationInput {
        OrganisationInput(
            name: name, kind: kind.rawValue, isVCSE: kind.isAlwaysVCSE, isSME: kind == .sme,
            charityNumber: charity, companyNumber: company, addressLine1: line1,
            town: town, postcode: postcode, area: "Eastmoor")
    }

    static let compactText = """
        The Eastmoor Compact is an agreement between the public bodies of Eastmoor and the county’s voluntary and community sector. It sets out how we will work together to improve the lives of people in Eastmoor.

        We agree a shared local definition of social value and a joint strategy for it; we consult early and for twelve weeks where appropriate; we agree outcomes and proportionate monitoring before contracts start; and we manage changes to funding fairly, with an impact assessment and at least three months’ notice.
        """

    /// Loads Eastmoor. Refuses if the database has any organisation or user. The password is
    /// `password` if given (it must meet the policy), otherwise a new random one.
    ///
    /// Consultations are placed around `now` (one open, one shorter with a reason, one closed
    /// with its outcome, one forthcoming, one draft), so the product shows each phase whenever
    /// the demo is loaded.
    public static func load(on db: Database, passwords: Passwords, password given: String? = nil, now: Date = Date())
        async throws -> Loaded
    {
        let orgCount = try await OrganisationModel.query(on: db).count()
        let userCount = try await UserModel.query(on: db).count()
        guard orgCount == 0, userCount == 0 else { throw NotEmpty() }
        let password = try PasswordPolicy.check(given ?? Secrets.readablePassword())
        let actor = Actor.demoLoader
        let orgStore = OrganisationStore(db)
        var ids: [String: UUID] = [:]
        for input in organisations {
            ids[input.name!] = try await orgStore.create(input, viewer: .commandLine, by: actor).id!
        }
        let users = UserStore(db, passwords: passwords)
        let compacts = CompactStore(db)
        let compact = try await compacts.create(
            CompactInput(
                name: "Eastmoor Compact", area: "Eastmoor", text: compactText, version: "3.0",
                adoptedOn: "2024-03-01", nextReviewOn: "2026-03-01"), viewer: .commandLine, by: actor)
        let signings: [(String, String)] = [
            ("Eastmoor County Council", "2024-03-01"), ("Brackenford District Council", "2024-03-01"),
            ("Saltmarsh District Council", "2024-03-14"), ("Eastmoor Council for Voluntary Service", "2024-03-01"),
            ("Brackenford Foodbank", "2024-04-02"), ("Moorland Carers Trust", "2024-04-02"),
            ("Eastmoor Youth Network", "2024-05-20"), ("NHS Eastmoor Integrated Care Board", "2024-09-16"),
            ("Eastmoor Police and Crime Commissioner", "2025-01-20"),
        ]
        for (name, date) in signings {
            try await compacts.addSignatory(
                compact.id!, CompactSignatoryInput(organisationId: ids[name], signedOn: date), viewer: .commandLine,
                by: actor)
        }

        struct Person {
            let email: String, name: String, org: String?, role: MembershipRole?, admin: Bool
        }
        let people = [
            Person(email: "admin@eastmoor.example", name: "Alex Admin", org: nil, role: nil, admin: true),
            Person(
                email: "commissioner@eastmoor-cc.example", name: "Priya Commissioner", org: "Eastmoor County Council",
                role: .commissioner, admin: false),
            Person(
                email: "evaluator@eastmoor-cc.example", name: "Evan Evaluator", org: "Eastmoor County Council",
                role: .evaluator, admin: false),
            Person(
                email: "viewer@brackenford-dc.example", name: "Vera Viewer", org: "Brackenford District Council",
                role: .viewer, admin: false),
            Person(
                email: "commissioner@eastmoor-icb.example", name: "Idris Commissioner",
                org: "NHS Eastmoor Integrated Care Board", role: .commissioner, admin: false),
            Person(
                email: "supplier@brackenford-foodbank.example", name: "Sam Supplier", org: "Brackenford Foodbank",
                role: .supplierMember, admin: false),
            Person(
                email: "bids@kestrel-facilities.example", name: "Kim Kestrel", org: "Kestrel Facilities Ltd",
                role: .supplierMember, admin: false),
            Person(
                email: "compact@eastmoor-cvs.example", name: "Cath Compact",
                org: "Eastmoor Council for Voluntary Service", role: .supplierMember, admin: false),
            Person(
                email: "compact@eastmoor-cc.example", name: "Colin Compact", org: "Eastmoor County Council",
                role: .viewer, admin: false),
        ]
        var accounts: [Account] = []
        for person in people {
            let user = try await users.create(
                .init(email: person.email, displayName: person.name, password: password, isAdmin: person.admin),
                viewer: .commandLine, by: actor)
            if let org = person.org, let role = person.role {
                try await users.addMembership(
                    user: user.id!, MembershipInput(organisationId: ids[org], role: role.rawValue),
                    viewer: .commandLine, by: actor)
            }
            if person.email.hasPrefix("compact@") {
                let position =
                    person.email.contains("cvs") ? "Co-chair (voluntary sector)" : "Co-chair (public sector)"
                try await compacts.addSeat(
                    compact.id!,
                    CompactSeatInput(userId: user.id!, organisationId: ids[person.org!], position: position),
                    viewer: .commandLine, by: actor)
                accounts.append(Account(email: person.email, role: .compactGroupMember, organisation: person.org))
            } else {
                let role: Role = person.admin ? .installationAdmin : Role(rawValue: person.role!.rawValue)!
                accounts.append(Account(email: person.email, role: role, organisation: person.org))
            }
        }
        try await compacts.recordReview(
            compact.id!,
            CompactReviewInput(
                reviewedOn: "2025-03-03", versionAfter: "3.0",
                summary:
                    "Annual check: principles unchanged; the proportionality table was agreed with the VCS forum and the Police and Crime Commissioner joined.",
                nextReviewOn: "2026-03-01"), viewer: .commandLine, by: actor)
        try await loadFramework(compact: compact.id!, ids: ids, on: db, by: actor)
        try await loadConsultations(on: db, compact: compact.id!, organisations: ids, now: now)
        try await loadProcurements(on: db, compact: compact.id!, organisations: ids, now: now)
        try await loadTenders(on: db, compact: compact.id!, organisations: ids, now: now)
        try await loadDecommissioning(on: db, organisations: ids, now: now)
        return Loaded(password: password, accounts: accounts)
    }

    /// Eastmoor's joint framework: version 1 adopted by every public body, version 2 in draft
    /// with a comment, an illustrative value set, and the joint strategy.
    static func loadFramework(compact: UUID, ids: [String: UUID], on db: Database, by actor: Actor) async throws {
        let frameworks = FrameworkStore(db)
        // The demo loader acts for the Compact's group, which owns the framework.
        let group = Viewer(userID: UUID(), isAdmin: false, memberships: [], compactSeats: [compact])
        var tree = FrameworkTemplates.socialValueAct()
        tree.definition =
            "In Eastmoor, social value means the extra good that public money does for the people and places of the county: good local jobs, a strong voluntary and community sector, healthier and more connected communities, and a cleaner environment. It is agreed through the Eastmoor Compact and used by every public body that signs it."
        let (framework, v1) = try await frameworks.create(
            name: "Eastmoor Social Value Framework", owner: .compact(compact),
            template: .template(.socialValueAct), tree: tree,
            reviewOn: "2027-04-01", viewer: group, by: actor)
        let frameworkID = try framework.requireID()
        try await frameworks.addContributor(
            frameworkID,
            ContributorInput(
                organisationId: ids["Eastmoor Council for Voluntary Service"],
                contribution: "Ran the VCS forum sessions and drafted the local definition"), viewer: group, by: actor)
        try await frameworks.addContributor(
            frameworkID,
            ContributorInput(
                organisationId: ids["Greenway Employment"], contribution: "Proposed the employment measures"),
            viewer: group, by: actor)
        try await frameworks.addWorkshop(
            frameworkID,
            WorkshopInput(
                heldOn: "2025-02-11", title: "What social value means for Eastmoor",
                notes:
                    "Forty people from eleven organisations. Agreed the three themes and asked for a measure of spend with local VCSE organisations.",
                attending: [
                    "Eastmoor County Council", "Eastmoor Council for Voluntary Service", "Brackenford Foodbank",
                    "Greenway Employment", "Moorland Carers Trust",
                ].compactMap { ids[$0] }), viewer: group, by: actor)
        let publicBodies = [
            "Eastmoor County Council", "Brackenford District Council", "Saltmarsh District Council",
            "NHS Eastmoor Integrated Care Board", "Eastmoor Police and Crime Commissioner",
        ].compactMap { ids[$0] }
        let v1ID = try v1.requireID()
        try await frameworks.transition(v1ID, TransitionInput(status: "consultation"), viewer: group, by: actor)
        try await frameworks.transition(
            v1ID, TransitionInput(status: "adopted", adoptedOn: "2025-04-01", adoptedBy: publicBodies), viewer: group,
            by: actor)
        try await ValueSetStore(db).create(
            version: v1ID,
            ValueSetInput(
                name: "Illustrative values — not for decisions", illustrative: true,
                notes:
                    "Worked from Open Government Licence sources to show how proxy values work. Import a value set your Compact has agreed before using values in a decision.",
                csv: illustrativeValues), viewer: group, by: actor)
        _ = try await StrategyStore(db).save(
            compact,
            StrategyInput(
                title: "Eastmoor Joint Social Value Strategy 2025 to 2028",
                summary:
                    "The public bodies of Eastmoor will use the Eastmoor Social Value Framework in every procurement, weigh social value in line with the Compact’s proportionality table, and report together each year.",
                frameworkVersionId: v1.id, startsOn: "2025-04-01", endsOn: "2028-03-31"), viewer: .commandLine,
            by: actor)
        let outcomes = try await frameworks.tree(of: v1ID, viewer: group).outcomes
        func outcome(_ name: String) -> UUID? { outcomes.first { $0.name == name }?.id }
        let strategies = StrategyStore(db)
        try await strategies.addPriority(
            compact: compact,
            .init(
                outcomeId: outcome("A thriving local economy and voluntary sector"),
                target: "£2m spend with local VCSE organisations", period: "a year"), viewer: .commandLine, by: actor)
        try await strategies.addPriority(
            compact: compact,
            .init(
                outcomeId: outcome("More local people in good work"),
                target: "150 local people employed on public contracts", period: "a year"), viewer: .commandLine,
            by: actor)
        try await strategies.addPriority(
            compact: compact,
            .init(
                outcomeId: outcome("Less carbon"),
                target: "2,000 tonnes CO2e avoided", period: "2025 to 2028"), viewer: .commandLine, by: actor)
        for (name, date) in [
            ("Eastmoor County Council", "2025-04-01"), ("Brackenford District Council", "2025-04-01"),
            ("Saltmarsh District Council", "2025-05-12"), ("NHS Eastmoor Integrated Care Board", "2025-06-30"),
        ] {
            try await strategies.signUp(
                compact: compact, StrategySignupInput(organisationId: ids[name], signedUpOn: date),
                viewer: .commandLine,
                by: actor)
        }
        let v2 = try await frameworks.newVersion(of: frameworkID, viewer: group, by: actor)
        let v2ID = try v2.requireID()
        try await frameworks.updateVersion(
            v2ID, VersionInput(definition: tree.definition, reviewOn: "2028-04-01"), viewer: group, by: actor)
        guard
            let carbon = try await frameworks.tree(of: v2ID, viewer: group).measures.first(where: { $0.code == "ENV1" }
            ),
            let cath = try await UserModel.query(on: db).filter(\.$email == "compact@eastmoor-cvs.example").first()
        else { throw StorageError.notFound("The demo’s carbon measure and Compact group member") }
        // Cath sits on the group for the Eastmoor CVS, and comments on its behalf.
        let cathViewer = Viewer(userID: try cath.requireID(), isAdmin: false, memberships: [], compactSeats: [compact])
        try await frameworks.addComment(
            v2ID,
            CommentInput(
                targetKind: "measure", targetId: carbon.id,
                text:
                    "Small charities cannot calculate tonnes of CO2e. Could the guidance point to a simple calculator, or accept fuel and energy bills as evidence?"
            ), viewer: cathViewer, by: .user(cath))
    }

    /// Illustrative proxy values from Open Government Licence sources (our arithmetic noted).
    static let illustrativeValues = """
        measure_code,value_per_unit,currency,base_year,source,licence,notes
        ECO1,23809.50,GBP,2025,"National Living Wage from April 2025, £12.21 an hour (GOV.UK), for 37.5 hours a week over 52 weeks",Open Government Licence v3.0,"Our arithmetic: 12.21 × 37.5 × 52. Gross pay, not a fiscal or wellbeing value"
        ECO2,226.50,GBP,2025,"National Minimum Wage apprentice rate from April 2025, £7.55 an hour (GOV.UK), for 30 hours a week",Open Government Licence v3.0,"Our arithmetic: 7.55 × 30"
        SOC1,12.21,GBP,2025,"National Living Wage from April 2025 (GOV.UK), as the value of an hour of volunteering",Open Government Licence v3.0,A common replacement-cost method; illustrative
        ENV1,241,GBP,2020,"DESNZ (then BEIS) Valuation of greenhouse gas emissions for policy appraisal and evaluation (2021), central carbon value for 2020, 2020 prices",Open Government Licence v3.0,Check the current series before use
        """
}
