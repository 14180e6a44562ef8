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

/// A response as the API's body and the response form send it, in the shape a response is read
/// in, so a response read can be sent back: `respondingAs` (`individual`, or `organisation` with
/// its `organisationId`), a member of the public's `respondentName` and `respondentEmail`,
/// `status` (`draft`, or `submitted` to send it), and `answers`, in the order of the questions:
/// each a `questionId` with a `value` (free text, the option chosen, a scale's number) or `values`
/// (the options chosen, for multiple choice; from a form, `answers[2][values][]`).
public struct ConsultationResponseInput: Codable, Sendable, Equatable {
    public struct AnswerInput: Codable, Sendable, Equatable {
        public var questionId: UUID?
        public var value: String?
        public var values: [String]?

        public init(questionId: UUID?, value: String? = nil, values: [String]? = nil) {
            self.questionId = questionId
            self.value = value
            self.values = values
        }

        /// The input that gives `answer` again (nil: the question is not answered).
        public init(questionId: UUID, _ answer: Answer?) {
            switch answer {
            case .choices(let list)?: self.init(questionId: questionId, values: list)
            case let a?: self.init(questionId: questionId, value: a.stored)
            case nil: self.init(questionId: questionId)
            }
        }

        enum CodingKeys: String, CodingKey { case questionId, value, values }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            questionId = try c.decodeIfPresent(UUID.self, forKey: .questionId)
            value = try c.decodeIfPresent(String.self, forKey: .value)
            values = try c.decodeIfPresent([String].self, forKey: .values)
        }
    }

    public var respondingAs: String?
    public var organisationId: UUID?
    public var respondentName: String?
    public var respondentEmail: String?
    public var status: String?
    public var answers: [AnswerInput]?

    public init(
        respondingAs: String? = nil, organisationId: UUID? = nil, respondentName: String? = nil,
        respondentEmail: String? = nil, status: String? = nil, answers: [AnswerInput]? = nil
    ) {
        self.respondingAs = respondingAs
        self.organisationId = organisationId
        self.respondentName = respondentName
        self.respondentEmail = respondentEmail
        self.status = status
        self.answers = answers
    }

    enum CodingKeys: String, CodingKey {
        case respondingAs, organisationId, respondentName, respondentEmail, status, answers
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        respondingAs = try c.decodeIfPresent(String.self, forKey: .respondingAs)
        // A UUID or null: the response form sends it only with a real id, so text is never "none".
        organisationId = try c.decodeIfPresent(UUID.self, forKey: .organisationId)
        respondentName = try c.decodeIfPresent(String.self, forKey: .respondentName)
        respondentEmail = try c.decodeIfPresent(String.self, forKey: .respondentEmail)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        answers = try c.decodeIfPresent([AnswerInput].self, forKey: .answers)
    }

    /// The capacity the response is written in: as an individual (the default), or for the
    /// organisation `organisationId`.
    public func capacity() throws -> RespondingAs {
        switch respondingAs?.trimmingCharacters(in: .whitespaces) {
        case nil, "", "individual"?: return .individual
        case "organisation"?:
            guard let organisationId else {
                throw ValidationFailure("organisationId", "Give the ID of the organisation you are responding for")
            }
            return .organisation(organisationId)
        default:
            throw ValidationFailure("respondingAs", "respondingAs must be ‘individual’ or ‘organisation’")
        }
    }

    /// Whether it is sent (`status` `submitted`) rather than saved as a draft (`draft`, the default).
    public func submits() throws -> Bool {
        switch status?.trimmingCharacters(in: .whitespaces) {
        case nil, "", "draft"?: return false
        case "submitted"?: return true
        default: throw ValidationFailure("status", "status must be ‘draft’ or ‘submitted’")
        }
    }

    /// The answers by question ID, as `AnswerRules.validate` reads them.
    /// The answers by question. Each answer names its question once, by `questionId`; an answer
    /// without one, or a second answer to the same question, is a problem on that answer's
    /// `questionId` (`answers[1].questionId`), not left out.
    public func rawAnswers() throws -> [UUID: RawAnswer] {
        var raw: [UUID: RawAnswer] = [:]
        var problems = Problems()
        for (i, a) in (answers ?? []).enumerated() {
            guard let id = a.questionId else {
                problems.add("answers[\(i)].questionId", "Give the ID of the question this answer is to")
                continue
            }
            guard raw[id] == nil else {
                problems.add(
                    "answers[\(i)].questionId",
                    "Answer each question once: question \(id.uuidString) is answered twice")
                continue
            }
            raw[id] = RawAnswer(value: a.value, values: a.values)
        }
        if !problems.isEmpty { throw ValidationFailure(problems.errors) }
        return raw
    }

    /// Where a problem with the answer to question `number` (from 1) is reported: its place in
    /// `answers` and the property a `kind` of question answers in (`answers[0].value`,
    /// `answers[2].values`).
    public static func answerField(_ number: Int, _ kind: QuestionKind) -> String {
        "answers[\(number - 1)].\(kind == .multipleChoice ? "values" : "value")"
    }
}
