import Foundation

/// What a consultation is about (Compact outcome 2: policies, programmes and services).
public enum ConsultationSubject: String, Codable, Sendable, CaseIterable {
    case policy
    case programme
    case service
    case strategy
    case frameworkVersion = "framework-version"
    case procurement
    case decommissioningCase = "decommissioning-case"

    public var label: String {
        switch self {
        case .policy: return "Policy"
        case .programme: return "Programme"
        case .service: return "Service"
        case .strategy: return "Strategy"
        case .frameworkVersion: return "Social value framework version"
        case .procurement: return "Procurement"
        case .decommissioningCase: return "Decommissioning case"
        }
    }
}

/// Who is asked to respond. At least one is chosen.
public struct ConsultationAudience: Codable, Sendable, Equatable {
    /// Voluntary, community and social enterprise organisations.
    public var vcs: Bool
    /// Supplier organisations of any kind (including SMEs and large businesses).
    public var suppliers: Bool
    /// Anyone, including people without an account, who give a name and email address.
    public var publicAtLarge: Bool

    public init(vcs: Bool, suppliers: Bool, publicAtLarge: Bool) {
        self.vcs = vcs
        self.suppliers = suppliers
        self.publicAtLarge = publicAtLarge
    }

    public static let codes = ["vcs", "suppliers", "public"]

    /// The codes used in the API and query strings: `vcs`, `suppliers`, `public`.
    public var codes: [String] {
        var c: [String] = []
        if vcs { c.append("vcs") }
        if suppliers { c.append("suppliers") }
        if publicAtLarge { c.append("public") }
        return c
    }

    public init(codes: [String]) {
        self.init(
            vcs: codes.contains("vcs"), suppliers: codes.contains("suppliers"), publicAtLarge: codes.contains("public"))
    }

    public var isEmpty: Bool { !vcs && !suppliers && !publicAtLarge }

    /// "VCS organisations, suppliers and the public".
    public var label: String {
        var parts: [String] = []
        if vcs { parts.append("VCS organisations") }
        if suppliers { parts.append("suppliers") }
        if publicAtLarge { parts.append("the public") }
        guard parts.count > 1 else { return parts.first ?? "No one" }
        return parts.dropLast().joined(separator: ", ") + " and " + parts.last!
    }
}

/// Where a consultation is in its life. Only `draft` and "published" are stored; the rest is
/// worked out from the dates and the moment asked about, so stored state cannot disagree.
public enum ConsultationPhase: String, Codable, Sendable, CaseIterable {
    case draft
    /// Published ahead of opening: the early notice of Compact principle 2.3.
    case forthcoming
    case open
    case closed
    /// Closed, and the "you said, we did" summary is published.
    case summaryPublished = "summary-published"

    public var label: String {
        switch self {
        case .draft: return "Draft"
        case .forthcoming: return "Forthcoming"
        case .open: return "Open"
        case .closed: return "Closed"
        case .summaryPublished: return "Closed: outcome published"
        }
    }

    public var hasClosed: Bool { self == .closed || self == .summaryPublished }
}

/// The dates a consultation runs between, and the day-count convention.
///
/// **Convention.** A consultation opens at the start of its opening date (00:00:00 UK time)
/// and closes at the end of its closing date (23:59:59 UK time, GMT or BST as the clocks
/// show that day). Its period is the number of calendar days from the opening date to the
/// closing date: `closesOn.dayNumber − opensOn.dayNumber`. So one opening on Wednesday
/// 1 April 2026 and closing on Wednesday 24 June 2026 runs for 84 days, 12 weeks, the
/// Compact's default minimum. Clock changes do not change the count: it is a count of dates,
/// not of hours.
public struct ConsultationPeriod: Codable, Sendable, Equatable {
    public let opensOn: CalendarDate
    public let closesOn: CalendarDate

    public init(opensOn: CalendarDate, closesOn: CalendarDate) {
        self.opensOn = opensOn
        self.closesOn = closesOn
    }

    /// Calendar days from the opening date to the closing date.
    public var days: Int { closesOn.dayNumber - opensOn.dayNumber }

    public func meets(minimumDays: Int) -> Bool { days >= minimumDays }

    /// The instant it opens: midnight at the start of the opening date, UK time.
    public var opensAt: Date { UKTime.startOfDay(opensOn) }

    /// The last second responses are taken: 23:59:59 on the closing date, UK time.
    public var closesAt: Date { UKTime.endOfDay(closesOn) }

    /// True from the opening instant until the end of the closing second (23:59:59.999…).
    public func isOpen(at now: Date) -> Bool {
        now >= opensAt && now < closesAt.addingTimeInterval(1)
    }

    public func hasClosed(at now: Date) -> Bool { now >= closesAt.addingTimeInterval(1) }

    /// "84 days (12 weeks)", "45 days (6 weeks and 3 days)", "1 day".
    public static func describe(days: Int) -> String {
        let plural = days == 1 ? "1 day" : "\(days) days"
        let weeks = days / 7
        let rest = days % 7
        guard weeks > 0 else { return plural }
        let w = weeks == 1 ? "1 week" : "\(weeks) weeks"
        return rest == 0 ? "\(plural) (\(w))" : "\(plural) (\(w) and \(rest == 1 ? "1 day" : "\(rest) days"))"
    }
}

/// What a person enters to create or change a consultation, before it is checked: the body of
/// the API's `PUT` and the consultation form, with the same names. `audience` is an array of
/// codes (from a form, the checkboxes `audience[]`); the linked IDs read blank as none (see
/// `FormValues.swift`).
public struct ConsultationInput: Codable, Sendable, Equatable {
    public var title: String?
    public var summary: String?
    public var subject: String?
    public var subjectReference: String?
    public var audience: [String]?
    public var opensOn: String?
    public var closesOn: String?
    public var shortPeriodReason: String?
    /// The framework version a consultation about one is linked to (optional).
    public var frameworkVersionId: UUID?
    /// The procurement a consultation about one is linked to (optional).
    public var procurementId: UUID?

    public init(
        title: String? = nil, summary: String? = nil, subject: String? = nil, subjectReference: String? = nil,
        audience: [String]? = nil, opensOn: String? = nil, closesOn: String? = nil, shortPeriodReason: String? = nil,
        frameworkVersionId: UUID? = nil, procurementId: UUID? = nil
    ) {
        self.frameworkVersionId = frameworkVersionId
        self.procurementId = procurementId
        self.title = title
        self.summary = summary
        self.subject = subject
        self.subjectReference = subjectReference
        self.audience = audience
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.shortPeriodReason = shortPeriodReason
    }

    enum CodingKeys: String, CodingKey {
        case title, summary, subject, subjectReference, audience, opensOn, closesOn, shortPeriodReason
        case frameworkVersionId, procurementId
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        summary = try c.decodeIfPresent(String.self, forKey: .summary)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        subjectReference = try c.decodeIfPresent(String.self, forKey: .subjectReference)
        audience = try c.decodeIfPresent([String].self, forKey: .audience)
        opensOn = try c.decodeDate(forKey: .opensOn)
        closesOn = try c.decodeDate(forKey: .closesOn)
        shortPeriodReason = try c.decodeIfPresent(String.self, forKey: .shortPeriodReason)
        frameworkVersionId = try c.decodeChosenID(forKey: .frameworkVersionId)
        procurementId = try c.decodeChosenID(forKey: .procurementId)
    }
}

/// A new consultation as the API's `POST` and the "start a consultation" form send it: the
/// public body consulting (`ownerId`) and the Compact it consults under (`compactId`), beside
/// the `ConsultationInput` fields in the same object.
public struct NewConsultation: Codable, Sendable, Equatable {
    public var ownerId: UUID?
    public var compactId: UUID?
    public var consultation: ConsultationInput

    public init(ownerId: UUID? = nil, compactId: UUID? = nil, _ consultation: ConsultationInput = ConsultationInput()) {
        self.ownerId = ownerId
        self.compactId = compactId
        self.consultation = consultation
    }

    enum CodingKeys: String, CodingKey { case ownerId, compactId }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ownerId = try c.decodeChosenID(forKey: .ownerId)
        compactId = try c.decodeChosenID(forKey: .compactId)
        consultation = try ConsultationInput(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(ownerId, forKey: .ownerId)
        try c.encodeIfPresent(compactId, forKey: .compactId)
        try consultation.encode(to: encoder)
    }
}

/// A consultation's details once the rules hold.
public struct ConsultationDetails: Codable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var subject: ConsultationSubject
    public var subjectReference: String?
    public var audience: ConsultationAudience
    public var period: ConsultationPeriod
    /// Only kept while the period is shorter than the minimum.
    public var shortPeriodReason: String?
    /// The linked framework version, only for a consultation about one (the store checks it exists).
    public var frameworkVersionID: UUID?
    /// The linked procurement, only for a consultation about one (the store checks it is the owner's).
    public var procurementID: UUID?

    /// The one record a consultation links to, whichever its subject.
    public var linkedRecordID: UUID? { frameworkVersionID ?? procurementID }

    public init(
        title: String, summary: String, subject: ConsultationSubject, subjectReference: String?,
        audience: ConsultationAudience, period: ConsultationPeriod, shortPeriodReason: String?,
        frameworkVersionID: UUID? = nil,
        procurementID: UUID? = nil
    ) {
        self.frameworkVersionID = frameworkVersionID
        self.procurementID = procurementID
        self.title = title
        self.summary = summary
        self.subject = subject
        self.subjectReference = subjectReference
        self.audience = audience
        self.period = period
        self.shortPeriodReason = shortPeriodReason
    }

    /// The longest consultation the product accepts.
    public static let maximumDays = 365

    /// Checks the fields. A reason for a short period is not required here (a draft may be
    /// saved without one) but is dropped when the period meets `minimumDays`; publishing
    /// requires it (`ConsultationRules.checkCanPublish`).
    public static func validate(_ input: ConsultationInput, minimumDays: Int) throws -> ConsultationDetails {
        var p = Problems()
        let title = p.text(input.title, field: "title", label: "a title")
        let summary = p.text(
            input.summary, field: "summary", label: "a summary of what you are consulting on", max: 10_000)
        var subject: ConsultationSubject?
        if let raw = input.subject?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            subject = ConsultationSubject(rawValue: raw)
            if subject == nil { p.add("subject", "Select what the consultation is about from the list") }
        } else {
            p.add("subject", "Select what the consultation is about")
        }
        let reference = p.text(
            input.subjectReference, field: "subjectReference", label: "the reference", required: false)
        let codes = input.audience ?? []
        let audience = ConsultationAudience(codes: codes)
        if let unknown = codes.first(where: { !ConsultationAudience.codes.contains($0) }) {
            p.add("audience", "‘\(unknown)’ is not an audience: choose from vcs, suppliers and public")
        } else if audience.isEmpty {
            p.add("audience", "Select who can respond")
        }
        let opens = date(input.opensOn, field: "opensOn", label: "the opening date", &p)
        let closes = date(input.closesOn, field: "closesOn", label: "the closing date", &p)
        var reason = p.text(
            input.shortPeriodReason, field: "shortPeriodReason", label: "the reason for a shorter period",
            required: false, max: 5_000)
        if let opens, let closes {
            let days = closes.dayNumber - opens.dayNumber
            if days < 1 {
                p.add(
                    DateEntry.errorField(input.closesOn, "closesOn"), "The closing date must be after the opening date")
            } else if days > maximumDays {
                p.add(
                    "closesOn", "A consultation can run for at most \(maximumDays) days: choose an earlier closing date"
                )
            } else if days >= minimumDays {
                reason = nil
            }
        }
        if input.frameworkVersionId != nil, let subject, subject != .frameworkVersion {
            p.add(
                "frameworkVersionId",
                "Only a consultation about a social value framework version links to one: choose that subject, or no version"
            )
        }
        if input.procurementId != nil, let subject, subject != .procurement {
            p.add(
                "procurementId",
                "Only a consultation about a procurement links to one: choose that subject, or no procurement")
        }
        try p.throwIfAny()
        return ConsultationDetails(
            title: title!, summary: summary!, subject: subject!, subjectReference: reference, audience: audience,
            period: ConsultationPeriod(opensOn: opens!, closesOn: closes!), shortPeriodReason: reason,
            frameworkVersionID: input.frameworkVersionId, procurementID: input.procurementId)
    }
}

/// The rules for a consultation's life: publishing, changing it once published, early notice.
public enum ConsultationRules {
    /// The phase at `now`. `published` is whether it has left draft; `summaryPublished` whether
    /// its "you said, we did" summary is out.
    public static func phase(published: Bool, period: ConsultationPeriod, summaryPublished: Bool, at now: Date)
        -> ConsultationPhase
    {
        guard published else { return .draft }
        if now < period.opensAt { return .forthcoming }
        if period.isOpen(at: now) { return .open }
        return summaryPublished ? .summaryPublished : .closed
    }

    /// Compact principle 2.4: a period shorter than the minimum needs a reason before the
    /// consultation can open. Also: the opening date cannot have passed (no back-dating), and
    /// there must be something to answer.
    public static func checkCanPublish(
        _ d: ConsultationDetails, minimumDays: Int, questionCount: Int,
        compactName: String, today: CalendarDate
    ) throws {
        var p = Problems()
        if d.period.opensOn < today {
            p.add("opensOn", "The opening date, \(d.period.opensOn.longForm), has passed: choose today or a later date")
        }
        checkReason(d, minimumDays: minimumDays, compactName: compactName, &p)
        if questionCount == 0 { p.add("questions", "Add at least one question before publishing") }
        try p.throwIfAny()
    }

    static func checkReason(_ d: ConsultationDetails, minimumDays: Int, compactName: String, _ p: inout Problems) {
        let days = d.period.days
        if days < minimumDays && (d.shortPeriodReason ?? "").isEmpty {
            p.add(
                "shortPeriodReason",
                "This consultation runs for \(ConsultationPeriod.describe(days: days)), shorter than the \(compactName)’s minimum of \(ConsultationPeriod.describe(days: minimumDays)). Give the reason for the shorter period: it is published on the consultation’s page"
            )
        }
    }

    /// Changes to a published consultation. Before it opens the dates may move (not into the
    /// past); once open the opening date is fixed and the closing date can only be extended;
    /// once closed nothing but the summary changes. The reason rule holds throughout.
    public static func checkChange(
        from old: ConsultationDetails, to new: ConsultationDetails, minimumDays: Int,
        compactName: String, now: Date
    ) throws {
        let oldPeriod = old.period
        if oldPeriod.hasClosed(at: now) {
            throw ValidationFailure("closesOn", "This consultation has closed, so it can no longer be changed")
        }
        var p = Problems()
        let today = UKTime.date(at: now)
        if now >= oldPeriod.opensAt {
            if new.period.opensOn != old.period.opensOn {
                p.add(
                    "opensOn",
                    "This consultation opened on \(old.period.opensOn.longForm), so its opening date cannot change")
            }
            if new.period.closesOn < old.period.closesOn {
                p.add(
                    "closesOn",
                    "An open consultation’s closing date can be extended but not brought forward (it closes on \(old.period.closesOn.longForm))"
                )
            }
        } else if new.period.opensOn < today {
            p.add("opensOn", "The opening date cannot be in the past: choose today or a later date")
        }
        checkReason(new, minimumDays: minimumDays, compactName: compactName, &p)
        try p.throwIfAny()
    }

    /// The early-notice date recorded when a consultation is published on `today`: that date if
    /// it comes before the opening date, otherwise nil (no early notice was given). It is set
    /// by the product, never typed in, so the compliance figures cannot be back-dated.
    public static func noticeDate(publishedOn today: CalendarDate, opensOn: CalendarDate) -> CalendarDate? {
        today < opensOn ? today : nil
    }

    /// Days of early notice: from the notice date to the opening date, 0 without notice.
    public static func noticeDays(noticeOn: CalendarDate?, opensOn: CalendarDate) -> Int {
        noticeOn.map { max(0, $0.days(until: opensOn)) } ?? 0
    }

    /// "6 weeks’ notice", "4 days’ notice", "No early notice".
    public static func describeNotice(days: Int) -> String {
        if days <= 0 { return "No early notice" }
        if days < 7 { return days == 1 ? "1 day’s notice" : "\(days) days’ notice" }
        let weeks = days / 7
        return weeks == 1 ? "1 week’s notice" : "\(weeks) weeks’ notice"
    }
}
