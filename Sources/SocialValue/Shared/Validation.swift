/// A problem with one field of a form, API body, CLI argument or imported line.
///
/// `field` is the name the user sees in the form or JSON (for example `"email"` or
/// `"bands[2].lowerBoundPence"`); `message` is a whole sentence in plain English, in the
/// style of GOV.UK error messages ("Enter an email address").
public struct FieldError: Equatable, Sendable, Codable {
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}

/// Thrown when input breaks one or more rules; carries every problem, not just the first.
public struct ValidationFailure: Error, Equatable, Sendable {
    public let errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }
    public init(_ field: String, _ message: String) { self.errors = [FieldError(field, message)] }

    /// The message for one field, if that field has a problem.
    public func message(for field: String) -> String? {
        errors.first { $0.field == field }?.message
    }
}

/// Collects field errors while a value is checked, then throws them all at once.
public struct Problems: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field, message))
    }

    public var isEmpty: Bool { errors.isEmpty }

    public func throwIfAny() throws {
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// Trims `value`, then checks it is present (when `required`), holds no control character
    /// (`TextRules.isControl`) and is no longer than `max` characters.
    @discardableResult
    public mutating func text(
        _ value: String?, field: String, label: String, required: Bool = true, max: Int = 200
    ) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            if required { add(field, "Enter \(label)") }
            return nil
        }
        if trimmed.unicodeScalars.contains(where: TextRules.isControl) {
            add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must not contain control characters")
            return nil
        }
        if trimmed.count > max {
            add(field, "\(label.prefix(1).uppercased() + label.dropFirst()) must be \(max) characters or fewer")
            return nil
        }
        return trimmed
    }
}

extension Problems {
    /// An amount in pounds as typed ("48,000", "1,250.50"), or nil after adding the problem:
    /// "Enter {label} in pounds" when it is required and empty, `Money.tooLargeMessage` above
    /// `Money.maximum`, else an example of what is read.
    public mutating func money(_ raw: String?, field: String, label: String, required: Bool) -> Money? {
        let text = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            if required { add(field, "Enter \(label) in pounds") }
            return nil
        }
        guard let m = Money(parsing: text) else {
            add(
                field,
                Money.isTooLarge(text)
                    ? Money.tooLargeMessage(label) : "Enter \(label) in pounds, like 48,000 or 1,250.50")
            return nil
        }
        return m
    }
}

/// Rules every piece of typed text follows, whichever form, API call or import it came in by.
public enum TextRules {
    /// A control character: C0 other than tab, line feed and carriage return, DEL, or C1. None is
    /// typed on purpose; they break XML (the Atom feed), CSV and terminals, so text holding one is
    /// refused with an error naming its field (issue 19 item 5, docs/security.md).
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x9, 0xA, 0xD: return false
        case 0x0...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
