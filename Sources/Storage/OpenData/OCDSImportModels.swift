import Fluent
import Foundation

/// A procurement imported from OCDS (`commonweal import ocds`, docs/ocds.md): one row per ocid, with the
/// hash of the compiled release it came from, so a re-import of the same record changes nothing. Kept
/// apart from `procurements`, whose rows carry our own invariants (screening, recorded consideration
/// before the start, sealed bids): imported history never passes through them.
public final class OCDSProcurementModel: Model, @unchecked Sendable {
    public static let schema = "ocds_procurements"

    @ID(key: .id) public var id: UUID?
    @Field(key: "ocid") public var ocid: String
    /// SHA-256 of the compiled release, compact JSON.
    @Field(key: "record_hash") public var recordHash: String
    /// The file it was last imported from.
    @Field(key: "source") public var source: String
    @OptionalParent(key: "buyer_id") public var buyer: OrganisationModel?
    @Field(key: "title") public var title: String
    @OptionalField(key: "description") public var description: String?
    @OptionalField(key: "status") public var status: String?
    /// The amount exactly as published (decimal text) and its currency.
    @OptionalField(key: "value_amount") public var valueAmount: String?
    @OptionalField(key: "currency") public var currency: String?
    @OptionalField(key: "tender_ref") public var tenderRef: String?
    @OptionalField(key: "tender_status") public var tenderStatus: String?
    @OptionalField(key: "procurement_method") public var procurementMethod: String?
    @OptionalField(key: "award_criteria") public var awardCriteria: String?
    @OptionalField(key: "award_criteria_details") public var awardCriteriaDetails: String?
    /// The tender's and its lots' award criteria, as JSON (`[{lot, name, type, weight}]`).
    @Field(key: "criteria") public var criteria: String
    @OptionalField(key: "tender_ends") public var tenderEnds: String?
    @OptionalField(key: "starts") public var starts: String?
    @OptionalField(key: "ends") public var ends: String?
    @OptionalField(key: "release_date") public var releaseDate: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}
}

/// An award of an imported procurement.
public final class OCDSAwardModel: Model, @unchecked Sendable {
    public static let schema = "ocds_awards"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: OCDSProcurementModel
    /// The award's `id` in the release.
    @Field(key: "award_ref") public var awardRef: String
    @OptionalField(key: "title") public var title: String?
    @OptionalField(key: "status") public var status: String?
    @OptionalField(key: "awarded") public var awarded: String?
    @OptionalField(key: "value_amount") public var valueAmount: String?
    @OptionalField(key: "currency") public var currency: String?
    @OptionalField(key: "starts") public var starts: String?
    @OptionalField(key: "ends") public var ends: String?
    /// `relatedLots`, one a line.
    @Field(key: "related_lots") public var relatedLots: String

    public init() {}
}

/// A supplier of an imported award.
public final class OCDSAwardSupplierModel: Model, @unchecked Sendable {
    public static let schema = "ocds_award_suppliers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "award_id") public var award: OCDSAwardModel
    @Parent(key: "organisation_id") public var organisation: OrganisationModel

    public init() {}
}

/// A contract of an imported procurement, with the supplier of its award.
public final class OCDSContractModel: Model, @unchecked Sendable {
    public static let schema = "ocds_contracts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "procurement_id") public var procurement: OCDSProcurementModel
    @Field(key: "contract_ref") public var contractRef: String
    @OptionalField(key: "award_ref") public var awardRef: String?
    @OptionalParent(key: "supplier_id") public var supplier: OrganisationModel?
    @OptionalField(key: "title") public var title: String?
    @OptionalField(key: "status") public var status: String?
    @OptionalField(key: "value_amount") public var valueAmount: String?
    @OptionalField(key: "currency") public var currency: String?
    @OptionalField(key: "starts") public var starts: String?
    @OptionalField(key: "ends") public var ends: String?
    @OptionalField(key: "signed") public var signed: String?

    public init() {}
}

/// An organisation identifier (`scheme`, `id`) seen in OCDS data, and the organisation it names.
public final class OCDSOrganisationIdentifierModel: Model, @unchecked Sendable {
    public static let schema = "ocds_organisation_identifiers"

    @ID(key: .id) public var id: UUID?
    @Field(key: "scheme") public var scheme: String
    @Field(key: "identifier") public var identifier: String
    @Parent(key: "organisation_id") public var organisation: OrganisationModel

    public init() {}
}
