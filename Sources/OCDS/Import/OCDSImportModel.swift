import Foundation

/// An organisation's identifier: `identifier.scheme` (an org-id.guide list code such as `GB-COH`) and
/// `identifier.id`.
public struct ImportedIdentifier: Hashable, Sendable, CustomStringConvertible {
    public let scheme: String
    public let id: String

    public init(scheme: String, id: String) {
        self.scheme = scheme
        self.id = id
    }

    public var description: String { "\(scheme)-\(id)" }
}

/// An amount exactly as published: the number's text and its value as a decimal, never binary floating point.
public struct ImportedAmount: Equatable, Sendable {
    /// The number as written in the JSON (`93007`, `1.10`).
    public let text: String
    public let amount: Decimal
    public let currency: String?

    public init(text: String, amount: Decimal, currency: String?) {
        self.text = text
        self.amount = amount
        self.currency = currency
    }
}

/// A party (buyer, supplier, …) of a compiled release.
public struct ImportedParty: Equatable, Sendable {
    /// The party's `id` within the release (what `buyer.id` and `awards[].suppliers[].id` point to).
    public var ref: String
    public var name: String
    public var identifier: ImportedIdentifier?
    public var streetAddress: String?
    public var locality: String?
    public var postalCode: String?
    /// `details.scale` is `sme` or `micro` (true), `large` (false), absent or other (nil).
    public var isSME: Bool?
    /// The UK extension's `details.vcse`.
    public var isVCSE: Bool?
    public var roles: [String]
}

/// One award criterion: `tender.awardCriteria` text or a criterion of `tender.lots[].awardCriteria.criteria`.
public struct ImportedCriterion: Equatable, Sendable {
    public var name: String
    public var type: String?
    /// The weight as written (percent or points), exact.
    public var weight: String?
}

/// A lot of the tender, with its award criteria.
public struct ImportedLot: Equatable, Sendable {
    public var id: String
    public var title: String?
    public var criteria: [ImportedCriterion]
}

/// The tender of a process.
public struct ImportedTender: Equatable, Sendable {
    public var id: String?
    public var title: String?
    public var status: String?
    public var procurementMethod: String?
    /// `tender.awardCriteria` (a codelist value such as `priceOnly`, `ratedCriteria`).
    public var awardCriteria: String?
    public var awardCriteriaDetails: String?
    public var criteria: [ImportedCriterion]
    public var lots: [ImportedLot]
    public var tenderEnds: String?
}

/// An award: its value, date, status and suppliers (by party reference).
public struct ImportedAward: Equatable, Sendable {
    public var id: String
    public var title: String?
    public var status: String?
    public var date: String?
    public var value: ImportedAmount?
    public var supplierRefs: [String]
    public var relatedLots: [String]
    public var startDate: String?
    public var endDate: String?
}

/// A contract, linked to its award by `awardID`.
public struct ImportedContract: Equatable, Sendable {
    public var id: String
    public var awardID: String?
    public var title: String?
    public var status: String?
    public var value: ImportedAmount?
    public var startDate: String?
    public var endDate: String?
    public var dateSigned: String?
}

/// What one compiled release brings in: a procurement with its buyer, tender, awards, contracts and parties.
public struct ImportedProcurement: Equatable, Sendable {
    public var ocid: String
    /// `date` of the compiled release (the latest release's).
    public var date: String?
    public var title: String
    public var description: String?
    /// The tender's status, else the latest award's or contract's (`planned`, `active`, `complete`, …).
    public var status: String?
    public var value: ImportedAmount?
    public var buyerRef: String?
    public var parties: [ImportedParty]
    public var tender: ImportedTender
    public var awards: [ImportedAward]
    public var contracts: [ImportedContract]
    public var startDate: String?
    public var endDate: String?

    /// The buyer's party, if the release names one.
    public var buyer: ImportedParty? { buyerRef.flatMap { ref in parties.first { $0.ref == ref } } }

    /// The parties some award names as supplier.
    public var suppliers: [ImportedParty] {
        let refs = Set(awards.flatMap(\.supplierRefs))
        return parties.filter { refs.contains($0.ref) }
    }
}

/// A known data quality problem of UK OCDS data, reported by the import (issue 17).
public enum ImportFinding: Equatable, Sendable, CustomStringConvertible {
    /// One process published under several ocids: the same buyer and tender id (or title).
    case oneProcessSeveralOcids(buyer: String, tender: String, ocids: [String])
    /// Several lots (or several objects) of one release whose awards or contracts share an `id`: merging
    /// by id makes them one.
    case sharedID(ocid: String, array: String, id: String, count: Int)
    /// A party with no `identifier.scheme` and `identifier.id`: matched by name only.
    case partyWithoutIdentifier(ocid: String, name: String)

    public var description: String {
        switch self {
        case .oneProcessSeveralOcids(let buyer, let tender, let ocids):
            return "one process under \(ocids.count) ocids (buyer \(buyer), tender \(tender)): "
                + ocids.joined(separator: ", ")
        case .sharedID(let ocid, let array, let id, let count):
            return "\(ocid): \(count) \(array) share the id \(id) in one release"
        case .partyWithoutIdentifier(let ocid, let name):
            return "\(ocid): party without identifier: \(name)"
        }
    }
}
