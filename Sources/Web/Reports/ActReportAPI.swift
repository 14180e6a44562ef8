import Foundation
import SocialValue
import Storage
import Vapor

/// `GET /api/v1/reports/act?body=|compact=|installation=yes&year=` (docs/reports.md): the Act
/// report's figures for a financial year and the year before, as the page and the CSV give them,
/// for a body (its members and the administrator), a Compact's public bodies together (its group
/// and the administrator) or the installation (the administrator); 403 for anyone else. Each
/// parameter at most once and not empty; exactly one of body, compact and installation; a bad
/// one is a 422 naming it.
struct ActReportAPI: RouteCollection {
    func boot(routes: RoutesBuilder) throws {
        routes.grouped("api", "v1", "reports").get("act", use: report)
    }

    static func period(_ p: ReportPeriod) -> JSONValue {
        .ordered([("name", .string(p.name)), ("from", .string(p.from.iso)), ("to", .string(p.to.iso))])
    }

    static func scope(_ s: ActReportScope) -> JSONValue {
        switch s {
        case .body(let id): return .ordered([("body", .string(id.uuidString.lowercased()))])
        case .compact(let id): return .ordered([("compact", .string(id.uuidString.lowercased()))])
        case .installation: return .ordered([("installation", .bool(true))])
        }
    }

    static func number(_ text: String?) -> JSONValue { text.map { .number($0) } ?? .null }

    func report(req: Request) async throws -> Response {
        let me = try req.requireUser()
        try req.refuseEmptyQuery("body", "compact", "installation", "year")
        let q = try ActReportQuery.read(
            body: req.rawQuery("body").first, compact: req.rawQuery("compact").first,
            installation: req.rawQuery("installation").first, year: req.rawQuery("year").first,
            today: UKTime.date(at: Date()))
        guard let scope = q.scope else {
            throw ValidationFailure(
                "body", "Give body (a public body’s id), compact (a Compact’s id) or installation=yes")
        }
        let report = try await ActReportStore(req.db).report(scope, period: q.period, viewer: me.viewer)
        let (now, before) = (report.current, report.previous)
        let figures = zip(now.figures, before.figures).map { a, b -> JSONValue in
            var pairs: [(String, JSONValue)] = [
                ("key", .string(a.key)), ("label", .string(a.label)),
                ("value", Self.number(ActReportView.plain(a.value))),
                ("previous", Self.number(ActReportView.plain(b.value))),
                ("change", Self.number(a.value.change(from: b.value).map { DecimalText.format($0, places: 2) })),
            ]
            switch a.value {
            case .share(let s), .valueShare(let s):
                pairs += [("part", .number("\(s.part)")), ("whole", .number("\(s.whole)"))]
            default: break
            }
            return .ordered(pairs)
        }
        let outcomes = now.byOutcome.map { o -> JSONValue in
            .ordered([
                ("theme", .string(o.outcome.theme)), ("outcome", .string(o.outcome.outcome)),
                ("committed", .number(DecimalText.format(o.committed, places: 2))),
                ("verified", .number(DecimalText.format(o.verified, places: 2))),
                ("claimed", .number(DecimalText.format(o.claimed, places: 2))),
            ])
        }
        let doc = JSONValue.ordered([
            ("scope", Self.scope(scope)), ("name", .string(report.name)), ("period", Self.period(now.period)),
            ("previousPeriod", Self.period(before.period)), ("figures", .array(figures)),
            ("byOutcome", .array(outcomes)),
        ])
        let r = Response(status: .ok, body: .init(string: doc.rendered()))
        r.headers.contentType = .json
        return r
    }
}
