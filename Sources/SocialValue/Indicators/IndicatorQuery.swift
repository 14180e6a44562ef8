import Foundation

/// Which flags to list (docs/indicators.md): one body or every body the viewer may read, and the
/// UK days from and to (both included, either open). The CLI (`--body`, `--from`, `--to`) and the
/// API (`body`, `from`, `to`) read them with the same messages; errors name `body`, `from`, `to`.
public struct IndicatorQuery: Sendable, Equatable {
    public var body: UUID?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(body: UUID? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.body = body
        self.from = from
        self.to = to
    }

    /// Reads the text given. A day must be a real date written YYYY-MM-DD; `from` not after `to`;
    /// `body` an organisation id (a UUID). `name` gives how each is called in the message
    /// (`--from` on the command line).
    public static func read(
        body: String?, from: String?, to: String?, name: (String) -> String = { $0 }
    ) throws -> IndicatorQuery {
        var p = Problems()
        func day(_ field: String, _ text: String?) -> CalendarDate? {
            guard let text else { return nil }
            guard let d = CalendarDate(iso: text), d.iso == text else {
                p.add(field, "\(name(field)) must be a real day as YYYY-MM-DD, not ‘\(text)’")
                return nil
            }
            return d
        }
        var q = IndicatorQuery(from: day("from", from), to: day("to", to))
        if let f = q.from, let t = q.to, f > t {
            p.add("from", "\(name("from")) must not be after \(name("to"))")
        }
        if let body {
            if let id = UUID(uuidString: body) {
                q.body = id
            } else {
                p.add("body", "\(name("body")) must be an organisation’s id (a UUID), not ‘\(body)’")
            }
        }
        try p.throwIfAny()
        return q
    }
}
