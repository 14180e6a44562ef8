import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing
import Vapor

@testable import Storage

private func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

@Suite struct ProcurementStoreTests {
    static func input(
        _ value: String = "250000", tender: String = "2026-06-01", kind: String = "services",
        title: String = "Community transport"
    ) -> ProcurementInput {
        var i = ProcurementInput()
        i.title = title
        i.description = "Door-to-door transport."
        i.kind = kind
        i.value = value
        i.valueIncludesVAT = true
        i.tenderOpensOn = tender
        return i
    }

    static func consideration() -> ConsiderationInput {
        var c = ConsiderationInput()
        c.wellbeing = "People reach appointments"
        c.securing = "Two lots and a 15% weighting"
        c.weightingPercent = "15"
        c.consult = true
        c.consultReason = "Twelve-week consultation"
        c.monitoring = "quarterly"
        c.monitoringPlan = "Quarterly returns"
        return c
    }

    @Test(arguments: Backend.all)
    func screeningRunsOnEverySave(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let p = try await store.create(
                owner: area.county, compact: area.compact, Self.input(), viewer: priya, by: actor,
                now: utc("2026-01-10T10:00:00Z"))
            #expect(p.actApplies)
            #expect(p.considerationRequired)
            #expect(p.screeningJSON.contains("\"regime\": \"procurement-act-2023\""))
            #expect(p.screeningJSON.contains("value 250000.00 is at or above the threshold 207720.00 (VAT included)"))
            let below = try await store.update(
                p.id!, Self.input("50000"), viewer: priya, by: actor, now: utc("2026-01-11T10:00:00Z"))
            #expect(!below.actApplies)
            #expect(below.considerationRequired)  // the Compact commits to every procurement (principle 2.1)
            let compact = try await CompactModel.find(area.compact, on: app.db)!
            compact.considerAllProcurements = false
            try await compact.update(on: app.db)
            let relaxed = try await store.update(
                p.id!, Self.input("50000"), viewer: priya, by: actor, now: utc("2026-01-12T10:00:00Z"))
            #expect(!relaxed.considerationRequired)
            let goods = try await store.update(p.id!, Self.input("900000", kind: "goods"), viewer: priya, by: actor)
            #expect(!goods.actApplies)
            #expect(goods.screeningJSON.contains("\"threshold\": null"))
            // Only a public body's commissioners run its procurements: a supplier cannot be the owner.
            await expectForbidden {
                try await store.create(
                    owner: area.foodbank, compact: area.compact, Self.input(), viewer: priya, by: actor)
            }
        }
    }

    @Test(arguments: Backend.all)
    func noTenderWithoutTheConsiderationAndLateIsFlagged(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let p = try await store.create(
                owner: area.county, compact: area.compact, Self.input(), viewer: priya, by: actor)
            await #expect(
                throws: ValidationFailure(
                    "status", "Record and sign off the social value consideration before the tender opens")
            ) {
                try await store.transition(p.id!, to: "tender-open", viewer: priya, by: actor)
            }
            _ = try await store.recordConsideration(
                p.id!, Self.consideration(), signedBy: "Priya", viewer: priya, by: actor,
                now: utc("2026-03-01T09:00:00Z"))
            let open = try await store.transition(
                p.id!, to: "tender-open", viewer: priya, by: actor, now: utc("2026-03-02T09:00:00Z"))
            #expect(open.statusValue == .tenderOpen)
            #expect(open.startedOn == "2026-03-02")
            #expect(!open.isLate)
            #expect(open.considerationSignedBy == "Priya")

            // Not required (below threshold, the Compact does not commit): the tender may open
            // without it, and one recorded afterwards is late.
            let compact = try await CompactModel.find(area.compact, on: app.db)!
            compact.considerAllProcurements = false
            try await compact.update(on: app.db)
            let small = try await store.create(
                owner: area.county, compact: area.compact, Self.input("40000", title: "Lunch club"), viewer: priya,
                by: actor)
            _ = try await store.transition(
                small.id!, to: "tender-open", viewer: priya, by: actor, now: utc("2026-03-02T09:00:00Z"))
            var c = Self.consideration()
            c.weightingPercent = "15"
            c.monitoring = "six-monthly"
            let late = try await store.recordConsideration(
                small.id!, c, signedBy: "Priya", viewer: priya, by: actor, now: utc("2026-03-09T09:00:00Z"))
            #expect(late.isLate)
            await #expect(throws: ValidationFailure("cancelReason", "Enter why the procurement is cancelled")) {
                try await store.transition(small.id!, to: "cancelled", viewer: priya, by: actor)
            }
        }
    }

    @Test(arguments: Backend.all)
    func proportionalityReadsTheCompactsSettings(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let p = try await store.create(
                owner: area.county, compact: area.compact, Self.input(), viewer: priya, by: actor)
            var settings = CompactSettings.defaults
            settings.bands[2].minWeightingPercent = 20
            settings.bands[2].maxWeightingPercent = 25
            _ = try await CompactStore(app.db).updateSettings(area.compact, settings, viewer: .commandLine, by: actor)
            await #expect(
                throws: ValidationFailure(
                    "weightingReason", "Give a reason for a weighting outside the suggested 20% to 25%")
            ) {
                try await store.recordConsideration(
                    p.id!, Self.consideration(), signedBy: "Priya", viewer: priya, by: actor)
            }
        }
    }

    @Test(arguments: Backend.all)
    func pipelineFiltersAndEvents(_ backend: Backend) async throws {
        try await withApp(backend) { app in
            let area = try await ConsultationArea(app)
            let store = ProcurementStore(app.db)
            let actor = Actor.user(area.priya)
            let priya = try await UserStore(app.db, passwords: testPasswords).viewer(for: area.priya)
            let a = try await store.create(
                owner: area.county, compact: area.compact,
                Self.input("250000", tender: "2026-06-01", title: "Community transport"), viewer: priya, by: actor)
            let b = try await store.create(
                owner: area.county, compact: area.compact,
                Self.input("2000000", tender: "2026-09-01", kind: "works", title: "Library roof"), viewer: priya,
                by: actor)
            _ = try await store.create(
                owner: area.county, compact: area.compact, Self.input("90000", title: "Unpublished plan"),
                viewer: priya, by: actor)
            _ = try await store.publishToPipeline(a.id!, viewer: priya, by: actor, now: utc("2026-01-05T10:00:00Z"))
            _ = try await store.publishToPipeline(b.id!, viewer: priya, by: actor)
            #expect(try await store.pipeline().map(\.title) == ["Community transport", "Library roof"])
            #expect(try await store.pipeline(.init(kind: .works)).map(\.title) == ["Library roof"])
            #expect(try await store.pipeline(.init(valueBand: "100k-1m")).map(\.title) == ["Community transport"])
            #expect(
                try await store.pipeline(.init(from: CalendarDate(iso: "2026-07-01"))).map(\.title) == ["Library roof"])
            #expect(try await store.pipeline(.init(text: "roof")).map(\.title) == ["Library roof"])
            #expect(try await store.pipeline(.init(owner: area.foodbank)).isEmpty)

            _ = try await store.recordConsideration(
                a.id!, Self.consideration(), signedBy: "Priya", viewer: priya, by: actor)
            let opened = try await store.transition(
                a.id!, to: "tender-open", viewer: priya, by: actor, now: utc("2026-03-02T10:00:00Z"))
            #expect(opened.noticeWeeks == 8)  // 5 January to 2 March 2026: 56 days
            #expect(try await store.pipeline().map(\.title) == ["Library roof"])  // no longer forthcoming

            let users = UserStore(app.db, passwords: testPasswords)
            let sam = try await users.viewer(for: area.sam)
            let kim = try await users.viewer(for: area.kim)
            let event = try await store.addEvent(
                b.id!,
                EngagementEventInput(
                    kind: "meet-the-buyer", title: "Meet the buyer", heldOn: "2026-05-01", place: "County Hall",
                    capacity: "1"), viewer: priya, by: actor)
            try await store.register(
                event: event.id!, user: area.sam.id!, organisation: area.foodbank, viewer: sam, by: .user(area.sam),
                now: utc("2026-04-01T10:00:00Z"))
            await #expect(throws: StorageError.self) {
                try await store.register(
                    event: event.id!, user: area.kim.id!, organisation: area.firm, viewer: kim, by: .user(area.kim),
                    now: utc("2026-04-01T10:00:00Z"))
            }
            await #expect(throws: StorageError.self) {
                try await store.register(
                    event: event.id!, user: area.sam.id!, organisation: area.foodbank, viewer: sam, by: .user(area.sam),
                    now: utc("2026-04-01T10:00:00Z"))
            }
            let reg = try await store.registrations(for: event.id!)
            try await store.recordAfterEvent(
                event.id!, attended: Set(reg.compactMap(\.id)), notes: "Ten questions answered.", viewer: priya,
                by: actor)
            #expect(try await store.registrations(for: event.id!).allSatisfy(\.attended))
            #expect(try await store.event(event.id!).notesPublished)
            try await store.addComment(
                b.id!, organisation: area.foodbank, author: "Sam", comment: "Please lot the roof by building.",
                event: event.id, consultation: nil, viewer: sam,
                by: .user(area.sam))
            #expect(try await store.comments(on: b.id!).first?.eventID == event.id)
        }
    }
}
