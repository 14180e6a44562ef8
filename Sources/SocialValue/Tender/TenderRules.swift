import Foundation

/// A tender's deadline: a Europe/London wall-clock date and time, and the instant it is.
/// At the deadline exactly the tender is closed (`now >= instant`).
public struct TenderDeadline: Codable, Sendable, Equatable {
    public var date: CalendarDate
    /// `HH:MM`, 24-hour UK time.
    public var time: String
    public var instant: Date

    public init(date: CalendarDate, time: String, instant: Date) {
        self.date = date
        self.time = time
        self.instant = instant
    }

    /// The instant a UK clock shows `time` on `date` (BST or GMT as the calendar says).
    public init?(date: CalendarDate, time: String) {
        guard let (h, m) = TenderDeadline.parseTime(time) else { return nil }
        self.init(date: date, time: time, instant: UKTime.instant(date, hour: h, minute: m, second: 0))
    }

    /// "12 March 2027 at 12:00" (UK time).
    public var text: String { "\(date.longForm) at \(time)" }

    public func hasPassed(at now: Date) -> Bool { now >= instant }

    /// `HH:MM` with hours 00–23 and minutes 00–59.
    public static func parseTime(_ raw: String) -> (Int, Int)? {
        let parts = raw.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return (h, m)
    }
}

/// The thrown error when bid contents are asked for while they are sealed. The web layer
/// answers 403 with `message`.
public struct BidsSealed: Error, Equatable, Sendable, CustomStringConvertible {
    public let deadline: String
    public let deadlinePassed: Bool

    public init(deadline: String, deadlinePassed: Bool) {
        self.deadline = deadline
        self.deadlinePassed = deadlinePassed
    }

    public var message: String {
        deadlinePassed
            ? "Bids are sealed until they are opened: the deadline (\(deadline)) has passed, so a commissioner can open them now"
            : "Bids are sealed until the deadline: \(deadline)"
    }

    public var description: String { message }
}

public enum Tender {
    public static let defaultDeliverabilitySharePercent = 50
    public static let maximumCriteria = 20
    public static let maximumMeasures = 50
    public static let maximumDocuments = 20
    public static let maximumAttachmentsPerBid = 20
}

/// The tender's life and the sealed-bid rule, as pure functions of the stored status, the
/// deadline and the time of asking.
public enum TenderRules {
    public static func phase(status: TenderStatus, deadline: Date, at now: Date) -> TenderPhase {
        switch status {
        case .draft: return .draft
        case .published: return now >= deadline ? .closed : .open
        case .bidsOpened: return .bidsOpened
        case .evaluation: return .evaluation
        case .awarded: return .awarded
        case .cancelled: return .cancelled
        }
    }

    /// Bid contents can be read by the buyer side only after the deadline *and* the opening.
    public static func bidsAreSealed(status: TenderStatus, openedAt: Date?, deadline: Date, at now: Date) -> Bool {
        guard openedAt != nil, now >= deadline else { return true }
        return [.draft, .published].contains(status)
    }

    /// Bids may be saved, submitted and withdrawn while the tender is published and before the deadline.
    public static func acceptsBids(status: TenderStatus, deadline: Date, at now: Date) -> Bool {
        status == .published && now < deadline
    }

    /// Opening needs a published tender whose deadline has passed.
    public static func checkCanOpen(status: TenderStatus, deadline: TenderDeadline, at now: Date) throws {
        guard status == .published else {
            throw ValidationFailure(
                "status", status == .draft ? "The tender has not been published" : "The bids have already been opened")
        }
        guard deadline.hasPassed(at: now) else {
            throw ValidationFailure("status", "The bids can be opened after the deadline: \(deadline.text)")
        }
    }

    /// A tender can be cancelled until it is awarded, with a reason: the reason is published on the
    /// tender and the procurement (as a procurement termination notice would give it). Bids
    /// never opened stay sealed for good. Returns the reason, trimmed.
    public static func checkCanCancel(status: TenderStatus, reason: String?) throws -> String {
        var p = Problems()
        switch status {
        case .awarded: p.add("status", "An awarded tender cannot be cancelled")
        case .cancelled: p.add("status", "The tender has already been cancelled")
        default: break
        }
        let text = p.text(reason, field: "reason", label: "the reason for cancelling the tender", max: 5_000)
        try p.throwIfAny()
        return text!
    }

    /// The message for a bid change refused by the clock or status.
    public static func closedMessage(_ deadline: TenderDeadline, status: TenderStatus) -> String {
        status == .published
            ? "This tender closed at \(deadline.text). Bids can no longer be saved, submitted or withdrawn"
            : "This tender is not open for bids"
    }
}

extension Viewer {
    /// Tenders are set up, published, answered and opened by the owning body's commissioners.
    public func canManageTender(owner: UUID) -> Bool { holds(.commissioner, at: owner) }

    /// The buyer side of a tender: anyone at the owning body, and the administrator. They see
    /// the number of bids while sealed, and the contents once opened.
    public func isBuyerSide(owner: UUID) -> Bool { isAdmin || belongs(to: owner) }

    /// A published tender is seen by everyone; a draft by the buyer side only.
    public func canSeeTender(owner: UUID, published: Bool) -> Bool { published || isBuyerSide(owner: owner) }

    /// Supplier members bid (and ask clarification questions) for their organisations.
    public func canBid(for organisation: UUID) -> Bool { holds(.supplierMember, at: organisation) }

    /// The organisations the viewer can bid for.
    public var biddingOrganisations: [UUID] {
        memberships.filter { $0.role == .supplierMember }.map(\.organisationID)
    }

    /// The organisation the viewer bids for: `chosen` when they may bid for it, else the first
    /// they may bid for; nil when they bid for none.
    public func biddingOrganisation(chosen: UUID?) -> UUID? {
        if let chosen, canBid(for: chosen) { return chosen }
        return biddingOrganisations.first
    }
}

extension Optional where Wrapped == Viewer {
    public func canSeeTender(owner: UUID, published: Bool) -> Bool {
        self?.canSeeTender(owner: owner, published: published) ?? published
    }
}

/// Cancelling a tender, as the tender page's form and the API send it.
public struct TenderCancelInput: Codable, Sendable, Equatable {
    public var reason: String?

    public init(reason: String? = nil) { self.reason = reason }
}

/// A bidder's clarification question, as typed in the tender page's form.
public struct ClarificationQuestionInput: Codable, Sendable, Equatable {
    public var question: String?

    public init(question: String? = nil) { self.question = question }
}

/// The buyer's answer to a clarification question, as typed in the tender page's form.
public struct ClarificationAnswerInput: Codable, Sendable, Equatable {
    public var answer: String?

    public init(answer: String? = nil) { self.answer = answer }
}
