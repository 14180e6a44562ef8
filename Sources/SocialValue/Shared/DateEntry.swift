/// A date as a person or a client enters it. The JSON API sends ISO text (`"2026-03-27"`); a web
/// form sends the GOV.UK date input's three fields, `signedOn[day]=27&signedOn[month]=3&
/// signedOn[year]=2026`, which a form decoder reads as an object `{day, month, year}`. Both
/// decode (through `decodeDate(forKey:)`) into the same `String?` field of the same input type:
/// ISO text as it is, the three fields as they were typed, kept together by `DateParts.text` so
/// that a form with a problem shows them again exactly as typed.
public struct DateParts: Equatable, Sendable {
    public var day: String
    public var month: String
    public var year: String

    /// The character that joins the typed parts in `text` (the ASCII unit separator: a form's
    /// fields cannot hold it, and it is never ISO text).
    static let mark: Character = "\u{1F}"

    public init(day: String, month: String, year: String) {
        self.day = day
        self.month = month
        self.year = year
    }

    /// The parts of `raw`: the typed parts kept by `text`, or the day, month and year of an ISO
    /// date (what a form shows for a saved date); nothing for other text.
    public init(_ raw: String?) {
        let raw = raw ?? ""
        if raw.contains(Self.mark) {
            let parts = raw.split(separator: Self.mark, omittingEmptySubsequences: false).map(String.init)
            self.init(
                day: parts.count > 0 ? parts[0] : "", month: parts.count > 1 ? parts[1] : "",
                year: parts.count > 2 ? parts[2] : "")
        } else if let d = CalendarDate(iso: raw.trimmingCharacters(in: .whitespaces)) {
            self.init(day: String(d.day), month: String(d.month), year: String(d.year))
        } else {
            self.init(day: "", month: "", year: "")
        }
    }

    /// Whether `raw` holds typed parts (from a form) rather than ISO text.
    public static func areIn(_ raw: String?) -> Bool { raw?.contains(mark) ?? false }

    /// The parts as one text for an input's date field (an untouched optional date reads as
    /// absent: `DateEntry.read` takes three empty parts as nothing entered).
    public var text: String {
        [day, month, year].map { String($0.filter { $0 != Self.mark }) }.joined(separator: String(Self.mark))
    }
}

/// The GOV.UK rules for reading a date entered either way, with errors named for the field.
public enum DateEntry {
    /// The field a problem with the whole date is reported under: a form's day field
    /// (`signedOn.day`, whose id the error summary links to) when the date came from a form, else
    /// the field itself (`signedOn`, as the API names it).
    public static func errorField(_ raw: String?, _ field: String) -> String {
        DateParts.areIn(raw) ? field + ".day" : field
    }

    /// The date in `raw` (ISO text, or typed parts), or nil after adding the problem to `p`.
    /// `label` is how a sentence names it, like "the date signed": "Enter the date signed",
    /// "The date signed must include a month", "The date signed must be a real date".
    /// An optional date (`required: false`) left empty is nil with no problem.
    public static func read(
        _ raw: String?, field: String, label: String, required: Bool = true, _ p: inout Problems
    ) -> CalendarDate? {
        let name = label.prefix(1).uppercased() + label.dropFirst()
        guard DateParts.areIn(raw) else {
            let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                if required { p.add(field, "Enter \(label)") }
                return nil
            }
            guard let d = CalendarDate(iso: text) else {
                p.add(field, "\(name) must be a real date, like 2026-04-01")
                return nil
            }
            return d
        }
        let parts = DateParts(raw)
        let typed = [("day", parts.day), ("month", parts.month), ("year", parts.year)].map {
            ($0.0, $0.1.trimmingCharacters(in: .whitespaces))
        }
        let missing = typed.filter { $0.1.isEmpty }.map(\.0)
        if missing.count == 3 {
            if required { p.add("\(field).day", "Enter \(label)") }
            return nil
        }
        if let first = missing.first {
            p.add("\(field).\(first)", "\(name) must include a \(missing.joined(separator: " and "))")
            return nil
        }
        let numbers = typed.map { $0.1.allSatisfy(\.isASCII) && $0.1.allSatisfy(\.isNumber) ? Int($0.1) : nil }
        guard let day = numbers[0], let month = numbers[1], let year = numbers[2] else {
            p.add("\(field).day", "\(name) must be a real date")
            return nil
        }
        if typed[2].1.count != 4 {
            p.add("\(field).year", "The year of \(label) must include 4 numbers")
            return nil
        }
        guard let d = CalendarDate(year: year, month: month, day: day) else {
            p.add("\(field).day", "\(name) must be a real date")
            return nil
        }
        return d
    }

    /// Adds "… must be today or in the past" when `date` is after `today` (the caller's today:
    /// the core never reads the clock).
    public static func notAfter(
        _ date: CalendarDate?, today: CalendarDate, raw: String?, field: String, label: String, _ p: inout Problems
    ) {
        guard let date, date > today else { return }
        let name = label.prefix(1).uppercased() + label.dropFirst()
        p.add(errorField(raw, field), "\(name) must be today or in the past")
    }
}

/// The parts a form sends for a date input.
private enum DatePartKey: String, CodingKey { case day, month, year }

extension KeyedDecodingContainer {
    /// A date field: ISO text (the API), or a form's `{day, month, year}` kept as `DateParts.text`
    /// so the rules can name a missing part and the form can show what was typed.
    public func decodeDate(forKey key: Key) throws -> String? {
        if let text = try? decodeIfPresent(String.self, forKey: key) { return text }
        guard contains(key), let parts = try? nestedContainer(keyedBy: DatePartKey.self, forKey: key) else {
            return nil
        }
        func part(_ k: DatePartKey) -> String {
            if let s = try? parts.decodeIfPresent(String.self, forKey: k) { return s }
            if let n = try? parts.decodeIfPresent(Int.self, forKey: k) { return String(n) }
            return ""
        }
        return DateParts(day: part(.day), month: part(.month), year: part(.year)).text
    }
}
