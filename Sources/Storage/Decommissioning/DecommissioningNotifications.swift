import Fluent
import Foundation
import SocialValue

/// Who hears about a decommissioning case: the provider's members when the proposal is shared
/// and when it is decided; the body's commissioners when the provider responds. Each call sits
/// inside the transaction that made the news.
enum DecommissioningNotifications {
    static func members(of organisation: UUID, role: MembershipRole, on tx: Database) async throws -> [UUID] {
        var seen = Set<UUID>()
        return try await MembershipModel.query(on: tx).filter(\.$organisation.$id == organisation).filter(
            \.$roleValue == role
        ).all()
            .map { $0.$user.id }.filter { seen.insert($0).inserted }
    }

    static func link(_ c: DecommissioningCaseModel) -> String { "/decommissioning/\(c.id!)" }

    static func shared(_ c: DecommissioningCaseModel, now: Date, on tx: Database) async throws {
        let verb = c.changeValue == .end ? "end" : "reduce"
        try await NotificationStore.send(
            to: try await members(of: c.$provider.id, role: .supplierMember, on: tx), kind: .decommissioningShared,
            text:
                "\(c.owner.name) proposes to \(verb) funding for “\(c.serviceName)”. Read the proposal and its impact assessment, and respond.",
            link: link(c) + "/response", now: now, on: tx)
    }

    /// The provider's members are told the proposal they were shown has been amended (the kind of
    /// the sharing notice: it is the same proposal, to read again).
    static func amended(_ c: DecommissioningCaseModel, version: Int, reason: String, now: Date, on tx: Database)
        async throws
    {
        try await NotificationStore.send(
            to: try await members(of: c.$provider.id, role: .supplierMember, on: tx), kind: .decommissioningShared,
            text:
                "\(c.owner.name) has amended the proposal about “\(c.serviceName)” (version \(version)). Read the proposal as amended and why it was amended.",
            link: link(c), now: now, on: tx)
    }

    static func responded(_ c: DecommissioningCaseModel, now: Date, on tx: Database) async throws {
        try await NotificationStore.send(
            to: try await members(of: c.$owner.id, role: .commissioner, on: tx), kind: .decommissioningResponse,
            text: "\(c.provider.name) has responded to the proposal about “\(c.serviceName)”.",
            link: link(c), now: now, on: tx)
        try await NotificationStore.markDone(
            kind: .decommissioningShared, link: link(c) + "/response", now: now, on: tx)
    }

    /// Said plainly when the notice is short of the Compact's minimum without an exceptional
    /// reason (Compact principle 4; issue 13 §5).
    static func breach(_ c: DecommissioningCaseModel) -> String {
        guard c.noticeCheck == "breach" else { return "" }
        return
            " This is a breach of the Compact: the notice is \(NoticeRule.daysText(c.daysShort ?? 0)) short of the \(NoticeRule.monthsText(c.minimumNoticeMonths)) minimum notice (Compact principle 4)."
    }

    static func decided(_ c: DecommissioningCaseModel, now: Date, on tx: Database) async throws {
        try await NotificationStore.markDone(
            kind: .decommissioningShared, link: link(c) + "/response", now: now, on: tx)
        try await NotificationStore.markDone(kind: .decommissioningResponse, link: link(c), now: now, on: tx)
        let text: String
        switch c.decisionValue {
        case .continueUnchanged, nil:
            text = "\(c.owner.name) has withdrawn the proposal about “\(c.serviceName)”: funding continues unchanged."
        case .some(let d):
            let given = c.noticeGivenOn.flatMap(CalendarDate.init(iso:))?.longForm ?? ""
            let effective = c.effectiveOn.flatMap(CalendarDate.init(iso:))?.longForm ?? ""
            text =
                "\(c.owner.name) has decided to \(d == .end ? "end" : "reduce") funding for “\(c.serviceName)”. Notice given on \(given); the change takes effect on \(effective)."
                + breach(c)
        }
        try await NotificationStore.send(
            to: try await members(of: c.$provider.id, role: .supplierMember, on: tx), kind: .decommissioningDecided,
            text: text, link: link(c), now: now, on: tx)
    }
}
