import Foundation

/// The kinds of question a consultation can ask.
public enum QuestionKind: String, Codable, Sendable, CaseIterable {
    case freeText = "free-text"
    case singleChoice = "single-choice"
    case multipleChoice = "multiple-choice"
    /// A whole number from 1 to 5, optionally with words for each end.
    case scale

    public var label: String {
        switch self {
        case .freeText: return "Free text"
        case .singleChoice: return "Single choice"
        case .multipleChoice: return "Multiple choice"
        case .scale: return "Scale from 1 to 5"
        }
    }

    public var hasChoices: Bool { self == .singleChoice || self == .multipleChoice }
}

/// What a person enters for a question, before it is checked: the API's body and the question
/// form, with the same names. `required` is a yes/no (a form's checkbox); `options` an array or,
/// from a form, one text with an option on each line (see `FormValues.swift`).
public struct QuestionInput: Codable, Sendable, Equatable {
    public var text: String?
    public var hint: String?
    public var kind: String?
    public var required: Bool?
    /// Choices for single and multiple choice; for a scale, nothing or the words for 1 and 5.
    public var options: [String]?

    public init(
        text: String? = nil, hint: String? = nil, kind: String? = nil, required: Bool? = nil, options: [String]? = nil
    ) {
        self.text = text
        self.hint = hint
        self.kind = kind
        self.required = required
        self.options = options
    }

    /// The input that gives `q` again: what the form to change it starts from.
    public init(_ q: Question) {
        self.init(text: q.text, hint: q.hint, kind: q.kind.rawValue, required: q.required, options: q.options)
    }

    enum CodingKeys: String, CodingKey { case text, hint, kind, required, options }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        hint = try c.decodeIfPresent(String.self, forKey: .hint)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        required = try c.decodeYesNo(forKey: .required)
        options = try c.decodeLines(forKey: .options)
    }
}

/// A question once the rules hold.
public struct Question: Codable, Sendable, Equatable {
    public var text: String
    public var hint: String?
    public var kind: QuestionKind
    public var required: Bool
    public var options: [String]

    public init(text: String, hint: String?, kind: QuestionKind, required: Bool, options: [String]) {
        self.text = text
        self.hint = hint
        self.kind = kind
        self.required = required
        self.options = options
    }

    public static let maximumOptions = 20
    /// A consultation asks at most this many questions.
    public static let maximumPerConsultation = 50

    /// Rules: a question's text; a choice question has 2 to 20 different options; a scale has
    /// words for both ends or neither; a free-text question has no options.
    public static func validate(_ input: QuestionInput) throws -> Question {
        var p = Problems()
        let text = p.text(input.text, field: "text", label: "the question", max: 1_000)
        let hint = p.text(input.hint, field: "hint", label: "the hint", required: false, max: 1_000)
        var kind: QuestionKind?
        if let raw = input.kind?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            kind = QuestionKind(rawValue: raw)
            if kind == nil { p.add("kind", "Select a kind of question from the list") }
        } else {
            p.add("kind", "Select the kind of question")
        }
        let options = (input.options ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
            !$0.isEmpty
        }
        if let kind {
            switch kind {
            case .singleChoice, .multipleChoice:
                if options.count < 2 {
                    p.add("options", "Give at least 2 options, one on each line")
                } else if options.count > maximumOptions {
                    p.add("options", "A question can have at most \(maximumOptions) options")
                } else if let long = options.first(where: { $0.count > 200 }) {
                    p.add("options", "Each option must be 200 characters or fewer (‘\(long.prefix(30))…’ is longer)")
                } else if Set(options.map { $0.lowercased() }).count != options.count {
                    p.add("options", "Each option must be different")
                }
            case .scale:
                if options.count == 1 || options.count > 2 {
                    p.add("options", "Give words for both ends of the scale (1 and 5), or for neither")
                } else if options.contains(where: { $0.count > 100 }) {
                    p.add("options", "The words for each end of the scale must be 100 characters or fewer")
                }
            case .freeText:
                if !options.isEmpty {
                    p.add(
                        "options",
                        "Only choice questions and scales have options: clear them, or change the kind of question")
                }
            }
        }
        try p.throwIfAny()
        return Question(text: text!, hint: hint, kind: kind!, required: input.required ?? false, options: options)
    }

    /// The words shown beside 1 and 5 on a scale, if any.
    public var scaleEnds: (low: String, high: String)? {
        kind == .scale && options.count == 2 ? (options[0], options[1]) : nil
    }
}

/// One answer once checked. Stored as text (`stored`): the words, the option chosen, a JSON
/// array of the options chosen, or the number.
public enum Answer: Sendable, Equatable {
    case text(String)
    case choice(String)
    case choices([String])
    case scale(Int)

    public static let maximumTextLength = 10_000

    public var stored: String {
        switch self {
        case .text(let s), .choice(let s): return s
        case .scale(let n): return String(n)
        case .choices(let list):
            let data = (try? JSONEncoder().encode(list)) ?? Data("[]".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    public static func decode(_ stored: String, kind: QuestionKind) -> Answer? {
        switch kind {
        case .freeText: return .text(stored)
        case .singleChoice: return .choice(stored)
        case .scale: return Int(stored).map(Answer.scale)
        case .multipleChoice:
            return (try? JSONDecoder().decode([String].self, from: Data(stored.utf8))).map(Answer.choices)
        }
    }

    /// How the answer reads in a table or a CSV cell: several choices are joined with "; ".
    public var display: String {
        switch self {
        case .text(let s), .choice(let s): return s
        case .choices(let list): return list.joined(separator: "; ")
        case .scale(let n): return String(n)
        }
    }
}

/// An answer as sent: `value` for free text, a single choice or a scale ("1" to "5"); `values`
/// for multiple choice.
public struct RawAnswer: Sendable, Equatable {
    public var value: String?
    public var values: [String]?

    public init(value: String? = nil, values: [String]? = nil) {
        self.value = value
        self.values = values
    }
}

public enum AnswerRules {
    /// Checks the answers given to `questions` (in their order, numbered from 1).
    ///
    /// A draft may leave anything unanswered but what it does answer must be valid; a
    /// submission must also answer every required question. Errors name the field through
    /// `field(number, id)`, so a form can say `q3` and the API `answers.<id>`.
    public static func validate(
        _ raw: [UUID: RawAnswer], questions: [(id: UUID, question: Question)], submitting: Bool,
        field: (Int, UUID) -> String
    ) throws -> [UUID: Answer] {
        var p = Problems()
        let known = Set(questions.map(\.id))
        for id in raw.keys where !known.contains(id) {
            p.add("answers", "This consultation has no question with the ID \(id.uuidString)")
        }
        var answers: [UUID: Answer] = [:]
        for (i, item) in questions.enumerated() {
            let n = i + 1
            let q = item.question
            let f = field(n, item.id)
            let given = raw[item.id] ?? RawAnswer()
            let value = given.value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            var answer: Answer?
            switch q.kind {
            case .freeText:
                if value.count > Answer.maximumTextLength {
                    p.add(f, "Your answer to question \(n) must be 10,000 characters or fewer")
                } else if !value.isEmpty {
                    answer = .text(value)
                }
            case .singleChoice:
                if !value.isEmpty {
                    if q.options.contains(value) {
                        answer = .choice(value)
                    } else {
                        p.add(f, "Select one of the options for question \(n)")
                    }
                }
            case .multipleChoice:
                let chosen = (given.values ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter {
                    !$0.isEmpty
                }
                if chosen.contains(where: { !q.options.contains($0) }) {
                    p.add(f, "Select only the options listed for question \(n)")
                } else if !chosen.isEmpty {
                    // Kept in the order the options are listed, each once.
                    answer = .choices(q.options.filter { chosen.contains($0) })
                }
            case .scale:
                if !value.isEmpty {
                    if let k = Int(value), (1...5).contains(k) {
                        answer = .scale(k)
                    } else {
                        p.add(f, "Select a number from 1 to 5 for question \(n)")
                    }
                }
            }
            if let answer {
                answers[item.id] = answer
            } else if submitting && q.required && p.errors.last?.field != f {
                p.add(f, requiredMessage(q.kind, n))
            }
        }
        try p.throwIfAny()
        return answers
    }

    static func requiredMessage(_ kind: QuestionKind, _ n: Int) -> String {
        switch kind {
        case .freeText: return "Enter your answer to question \(n): it is required"
        case .singleChoice: return "Select an answer to question \(n): it is required"
        case .multipleChoice: return "Select at least one answer to question \(n): it is required"
        case .scale: return "Select a number from 1 to 5 for question \(n): it is required"
        }
    }
}
