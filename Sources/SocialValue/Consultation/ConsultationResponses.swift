import Foundation

/// Whether a response speaks for the person or for an organisation they belong to.
public enum RespondingAs: Sendable, Hashable {
    case individual
    case organisation(UUID)

    /// `individual`, or the organisation's ID: what forms and the API send.
    public var code: String {
        switch self {
        case .individual: return "individual"
        case .organisation(let id): return id.uuidString
        }
    }

    public init?(code: String?) {
        guard let code = code?.trimmingCharacters(in: .whitespaces), !code.isEmpty else { return nil }
        if code == "individual" {
            self = .individual
        } else if let id = UUID(uuidString: code) {
            self = .organisation(id)
        } else {
            return nil
        }
    }
}

/// What the rules need to know about an organisation a respondent belongs to.
public struct RespondentOrganisation: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let sector: Sector
    public let isVCSE: Bool

    public init(id: UUID, name: String, sector: Sector, isVCSE: Bool) {
        self.id = id
        self.name = name
        self.sector = sector
        self.isVCSE = isVCSE
    }
}

public enum ResponseRules {
    /// The ways a person may respond, in the order a form offers them.
    ///
    /// `organisations` are those the person is a supplier member of. An organisation can
    /// respond if the audience includes it: VCSE organisations when VCS organisations are
    /// asked, any supplier when suppliers are. A person can respond as themselves when the
    /// public is asked, or when they belong to an organisation that is. People who are not
    /// signed in respond only as themselves, and only when the public is asked.
    public static func capacities(
        audience: ConsultationAudience, signedIn: Bool,
        organisations: [RespondentOrganisation]
    ) -> [RespondingAs] {
        guard signedIn else { return audience.publicAtLarge ? [.individual] : [] }
        let eligible = organisations.filter { org in
            (audience.vcs && org.isVCSE) || (audience.suppliers && org.sector == .supplier)
        }
        var result: [RespondingAs] = []
        if audience.publicAtLarge || !eligible.isEmpty { result.append(.individual) }
        result += eligible.map { .organisation($0.id) }
        return result
    }

    /// The name and email address a member of the public gives with a response.
    public static func validatePublicRespondent(name: String?, email: String?) throws -> (name: String, email: String) {
        var p = Problems()
        let n = p.text(name, field: "respondentName", label: "your name", max: 100)
        var e: String?
        do { e = try EmailAddress.normalise(email, field: "respondentEmail") } catch let f as ValidationFailure {
            p.add("respondentEmail", f.errors[0].message)
        }
        try p.throwIfAny()
        return (n!, e!)
    }

    /// Why a response cannot be saved or sent at `now`, or nil if it can.
    public static func refusal(phase: ConsultationPhase, period: ConsultationPeriod) -> String? {
        switch phase {
        case .open: return nil
        case .draft: return "This consultation has not been published, so it cannot take responses"
        case .forthcoming:
            return "This consultation opens on \(period.opensOn.longForm): responses can be sent from then"
        case .closed, .summaryPublished:
            return
                "This consultation closed at \(UKTime.deadlineText(period.closesOn)). Responses can no longer be saved or sent"
        }
    }
}
