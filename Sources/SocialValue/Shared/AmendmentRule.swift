import Foundation

/// The rule every amendment of a signed or published record follows (issue 13 §1): the record is
/// never changed in place; an amendment gives the record as amended, checked under the record's
/// own rules, with a **reason** (required, up to `reasonMaxLength` characters) and at least one
/// **change** from the version in force. Who may amend is each feature's access table. Each
/// record names itself in the messages: "Enter why the Compact is amended", "The amendment is the
/// same as version 2, the Compact in force: change what needs amending".
public struct AmendmentRule: Sendable, Equatable {
    /// The longest reason for any amendment.
    public static let reasonMaxLength = 2000

    /// The record as the messages name it, like "the Compact" or "the summary".
    public var record: String
    /// How the version in force is described after the record's name, like "in force" or
    /// "published now".
    public var inForce: String
    /// The field an amendment that changes nothing is reported on (the form's first field).
    public var unchangedField: String

    public init(record: String, inForce: String = "in force", unchangedField: String) {
        self.record = record
        self.inForce = inForce
        self.unchangedField = unchangedField
    }

    /// Runs the record's own rules (`rules`), adding their problems to `p`; nil when they found any.
    public static func checked<T>(_ p: inout Problems, _ rules: () throws -> T) throws -> T? {
        do {
            return try rules()
        } catch let failure as ValidationFailure {
            for e in failure.errors { p.add(e.field, e.message) }
            return nil
        }
    }

    /// Checks the reason, then (when the amended record passed its own rules: `changes` is not
    /// nil) that something changed from version `currentVersion`, adding the problems to `p` in
    /// that order. Returns the trimmed reason, nil when it is missing or too long.
    public func check(reason: String?, changes: [String]?, currentVersion: Int, _ p: inout Problems) -> String? {
        let reason = p.text(
            reason, field: "reason", label: "why \(record) is amended", max: Self.reasonMaxLength)
        if let changes, changes.isEmpty {
            p.add(
                unchangedField,
                "The amendment is the same as version \(currentVersion), \(record) \(inForce): change what needs amending"
            )
        }
        return reason
    }
}
