import Foundation

/// What the signatories of a Compact signed: its text and its principles as adopted locally.
/// Once an organisation has signed, neither changes in place: a change is a new version with its
/// reason, and each signature stays with the version it signed (compact.md, "Amending a signed
/// Compact"). The register details (name, area, the version label, dates) are not part of it.
public struct CompactContent: Codable, Sendable, Equatable {
    public var text: String
    public var principles: [CompactPrinciple]

    public init(text: String, principles: [CompactPrinciple]) {
        self.text = text
        self.principles = principles
    }

    /// What differs from `old`, in words. Empty: nothing was changed.
    public func changes(from old: CompactContent) -> [String] {
        var out: [String] = []
        if old.text != text { out.append("the text") }
        if old.principles != principles { out.append("the principles") }
        return out
    }
}

/// An amendment of a signed Compact as its form or the API sends it: the text as amended, the
/// principles (nil or absent: the principles in force stay; an array replaces them all,
/// `principles[0][code]` in a form), optionally a new version label for the register (`version`,
/// like 3.1; blank keeps it), and `reason` (required).
public struct CompactAmendmentInput: Codable, Sendable, Equatable {
    public var text: String?
    public var principles: [CompactPrincipleInput]?
    public var version: String?
    public var reason: String?

    public init(
        text: String? = nil, principles: [CompactPrincipleInput]? = nil, version: String? = nil,
        reason: String? = nil
    ) {
        self.text = text
        self.principles = principles
        self.version = version
        self.reason = reason
    }

    /// The input that gives `c` again, with its principles: what the amendment form starts from.
    public init(_ c: CompactContent) {
        self.init(text: c.text, principles: c.principles.map(CompactPrincipleInput.init))
    }
}

/// A checked amendment: the Compact as amended, why, and what changed.
public struct CompactAmendment: Sendable, Equatable {
    public var content: CompactContent
    /// The new version label, when one was given.
    public var label: String?
    public var reason: String
    public var changes: [String]
}

extension CompactContent {
    /// The longest reason for an amendment.
    public static let amendmentReasonMaxLength = AmendmentRule.reasonMaxLength

    /// The amendment rule as it names a Compact.
    static let amendmentRule = AmendmentRule(record: "the Compact", unchangedField: "text")

    /// Checks an amendment of the version in force (`current`, version `currentVersion`): the
    /// text under the rule for a Compact, principles under their own rules with distinct numbers,
    /// a reason, and at least one change. Principle problems are named `principles[<i>].<field>`.
    /// Every problem is reported at once.
    public static func validate(amendment a: CompactAmendmentInput, current: CompactContent, currentVersion: Int)
        throws -> CompactAmendment
    {
        var p = Problems()
        let text = p.text(a.text, field: "text", label: "the text of the Compact", max: 100_000)
        let label = p.text(a.version, field: "version", label: "the version", required: false, max: 20)
        var principles: [CompactPrinciple] = []
        var principlesOK = true
        if let given = a.principles {
            var seen = Set<String>()
            for (i, input) in given.enumerated() {
                do {
                    let principle = try input.validated()
                    if !seen.insert(principle.code).inserted {
                        p.add("principles[\(i)].code", "Principle \(principle.code) is given twice")
                    }
                    principles.append(principle)
                } catch let failure as ValidationFailure {
                    principlesOK = false
                    for e in failure.errors {
                        p.add("principles[\(i)].\(e.field)", "Principle \(i + 1): \(e.message)")
                    }
                }
            }
        } else {
            principles = current.principles
        }
        let changes = text.flatMap {
            principlesOK ? CompactContent(text: $0, principles: principles).changes(from: current) : nil
        }
        let reason = amendmentRule.check(reason: a.reason, changes: changes, currentVersion: currentVersion, &p)
        try p.throwIfAny()
        return CompactAmendment(
            content: CompactContent(text: text!, principles: principles), label: label, reason: reason!,
            changes: changes!)
    }
}
