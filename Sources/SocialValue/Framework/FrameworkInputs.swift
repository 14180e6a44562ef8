import Foundation

/// The inputs the framework owners and the commenting Compact groups send, one shape for the
/// pages, the JSON API and the store (see `FormValues.swift` for how forms send them).

/// A version's local definition of social value and its review date (`YYYY-MM-DD`).
public struct VersionInput: Codable, Sendable, Equatable {
    public var definition: String?
    public var reviewOn: String?

    public init(definition: String? = nil, reviewOn: String? = nil) {
        self.definition = definition
        self.reviewOn = reviewOn
    }
}

/// A move of a version to `status` (draft, consultation or adopted); adopting also gives the
/// date and the public bodies that adopted it (from a form, checkboxes named `adoptedBy[]`).
public struct TransitionInput: Codable, Sendable, Equatable {
    public var status: String?
    public var adoptedOn: String?
    public var adoptedBy: [UUID]?

    public init(status: String? = nil, adoptedOn: String? = nil, adoptedBy: [UUID]? = nil) {
        self.status = status
        self.adoptedOn = adoptedOn
        self.adoptedBy = adoptedBy
    }
}

/// An organisation that helped make the framework, and how.
public struct ContributorInput: Codable, Sendable, Equatable {
    public var organisationId: UUID?
    public var contribution: String?

    public init(organisationId: UUID? = nil, contribution: String? = nil) {
        self.organisationId = organisationId
        self.contribution = contribution
    }

    enum CodingKeys: String, CodingKey { case organisationId, contribution }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organisationId = try c.decodeChosenID(forKey: .organisationId)
        contribution = try c.decodeIfPresent(String.self, forKey: .contribution)
    }
}

/// A co-production workshop: when, what, notes, and the organisations that attended (from a
/// form, checkboxes named `attending[]`).
public struct WorkshopInput: Codable, Sendable, Equatable {
    public var heldOn: String?
    public var title: String?
    public var notes: String?
    public var attending: [UUID]?

    public init(heldOn: String? = nil, title: String? = nil, notes: String? = nil, attending: [UUID]? = nil) {
        self.heldOn = heldOn
        self.title = title
        self.notes = notes
        self.attending = attending
    }
}

/// What a comment on a framework version is on.
public enum CommentTarget: String, CaseIterable, Codable, Sendable {
    case outcome, measure
}

/// A Compact group member's comment on an outcome or a measure (`targetKind`) of an open version.
public struct CommentInput: Codable, Sendable, Equatable {
    public var targetKind: String?
    public var targetId: UUID?
    public var text: String?

    public init(targetKind: String? = nil, targetId: UUID? = nil, text: String? = nil) {
        self.targetKind = targetKind
        self.targetId = targetId
        self.text = text
    }

    enum CodingKeys: String, CodingKey { case targetKind, targetId, text }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        targetKind = try c.decodeIfPresent(String.self, forKey: .targetKind)
        targetId = try c.decodeChosenID(forKey: .targetId)
        text = try c.decodeIfPresent(String.self, forKey: .text)
    }
}

/// The owners' response to a comment.
public struct CommentResponseInput: Codable, Sendable, Equatable {
    public var response: String?

    public init(response: String? = nil) { self.response = response }
}

/// A new proxy value set: its name, whether it is illustrative only (yes/no), notes, and the
/// values as CSV (`ValueSetCSV.columns`).
public struct ValueSetInput: Codable, Sendable, Equatable {
    public var name: String?
    public var illustrative: Bool?
    public var notes: String?
    public var csv: String?
    /// The set's licence (`ProxyLicence`); when none of these is given, the terms the rows'
    /// licence column implies.
    public var licenceName: String?
    public var licenceUrl: String?
    public var permitsRedistribution: Bool?
    public var permitsCommercialUse: Bool?

    public init(
        name: String? = nil, illustrative: Bool? = nil, notes: String? = nil, csv: String? = nil,
        licenceName: String? = nil, licenceUrl: String? = nil, permitsRedistribution: Bool? = nil,
        permitsCommercialUse: Bool? = nil
    ) {
        self.name = name
        self.illustrative = illustrative
        self.notes = notes
        self.csv = csv
        self.licenceName = licenceName
        self.licenceUrl = licenceUrl
        self.permitsRedistribution = permitsRedistribution
        self.permitsCommercialUse = permitsCommercialUse
    }

    enum CodingKeys: String, CodingKey {
        case name, illustrative, notes, csv, licenceName, licenceUrl, permitsRedistribution, permitsCommercialUse
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        illustrative = try c.decodeYesNo(forKey: .illustrative)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        csv = try c.decodeIfPresent(String.self, forKey: .csv)
        licenceName = try c.decodeIfPresent(String.self, forKey: .licenceName)
        licenceUrl = try c.decodeIfPresent(String.self, forKey: .licenceUrl)
        permitsRedistribution = try c.decodeYesNo(forKey: .permitsRedistribution)
        permitsCommercialUse = try c.decodeYesNo(forKey: .permitsCommercialUse)
    }
}

/// A new framework: its name, its owner (`compactId` or `organisationId`; a form sends the one
/// choice `owner` as `compact:<id>` or `organisation:<id>`), the review date of its first
/// version, and where it starts: a `template` (`FrameworkTemplate`) or a whole `tree` to import.
public struct NewFrameworkInput: Codable, Sendable, Equatable {
    public var name: String?
    public var compactId: UUID?
    public var organisationId: UUID?
    public var owner: String?
    public var template: String?
    public var reviewOn: String?
    /// A whole tree to import instead of a template.
    public var tree: FrameworkTree?

    public init(
        name: String? = nil, compactId: UUID? = nil, organisationId: UUID? = nil, owner: String? = nil,
        template: String? = nil, reviewOn: String? = nil, tree: FrameworkTree? = nil
    ) {
        self.name = name
        self.compactId = compactId
        self.organisationId = organisationId
        self.owner = owner
        self.template = template
        self.reviewOn = reviewOn
        self.tree = tree
    }

    /// Who the framework is to belong to, from `owner` or from `compactId`/`organisationId`.
    public func chosenOwner() throws -> FrameworkOwner {
        if let owner, !owner.isEmpty {
            let parts = owner.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, let id = UUID(uuidString: parts[1]) {
                switch parts[0] {
                case "compact": return .compact(id)
                case "organisation": return .organisation(id)
                default: break
                }
            }
            throw ValidationFailure("owner", "Select who the framework belongs to")
        }
        switch (compactId, organisationId) {
        case (let c?, nil): return .compact(c)
        case (nil, let o?): return .organisation(o)
        default: throw ValidationFailure("owner", "Select who the framework belongs to: a Compact or a public body")
        }
    }

    /// The template to start from, when no tree is given.
    public func chosenTemplate() throws -> FrameworkTemplate {
        guard let t = FrameworkTemplate(rawValue: template ?? "") else {
            throw ValidationFailure(
                "template",
                "Select a template to start from (\(FrameworkTemplate.allCases.map(\.rawValue).joined(separator: ", "))), or send a tree"
            )
        }
        return t
    }
}

extension VersionInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        definition = try c.decodeIfPresent(String.self, forKey: .definition)
        reviewOn = try c.decodeDate(forKey: .reviewOn)
    }
}

extension TransitionInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        adoptedOn = try c.decodeDate(forKey: .adoptedOn)
        adoptedBy = try c.decodeIfPresent([UUID].self, forKey: .adoptedBy)
    }
}

extension WorkshopInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        heldOn = try c.decodeDate(forKey: .heldOn)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        attending = try c.decodeIfPresent([UUID].self, forKey: .attending)
    }
}

extension NewFrameworkInput {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        compactId = try c.decodeIfPresent(UUID.self, forKey: .compactId)
        organisationId = try c.decodeIfPresent(UUID.self, forKey: .organisationId)
        owner = try c.decodeIfPresent(String.self, forKey: .owner)
        template = try c.decodeIfPresent(String.self, forKey: .template)
        reviewOn = try c.decodeDate(forKey: .reviewOn)
        tree = try c.decodeIfPresent(FrameworkTree.self, forKey: .tree)
    }
}
