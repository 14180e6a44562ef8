import Fluent
import Foundation
import SocialValue

/// A contract awarded from a tender: buyer, supplier, value, dates, the standstill end, and the
/// monitoring plan agreed before award. Its commitments are `ContractCommitmentModel`s, ready for
/// monitoring returns.
public final class ContractModel: Model, @unchecked Sendable {
    public static let schema = "contracts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "tender_id") public var tender: TenderModel
    @Parent(key: "procurement_id") public var procurement: ProcurementModel
    @Parent(key: "bid_id") public var bid: BidModel
    @Parent(key: "buyer_id") public var buyer: OrganisationModel
    @Parent(key: "supplier_id") public var supplier: OrganisationModel
    @Field(key: "title") public var title: String
    @Field(key: "value_pence") public var valuePence: Int64
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    @Field(key: "awarded_on") public var awardedOn: String
    @Field(key: "standstill_ends_on") public var standstillEndsOn: String
    /// Why a bid other than the top-ranked one won, when it did.
    @OptionalField(key: "award_reason") public var awardReason: String?
    @Field(key: "monitoring_plan") public var monitoringPlan: String
    /// Decoding a row fails on a value the product does not know (no silent default).
    @Field(key: "reporting_frequency") public var frequency: MonitoringFrequency
    @Field(key: "awarded_by") public var awardedBy: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    public var value: Money { Money(pence: valuePence) }
    public var reportingFrequency: String { frequency.rawValue }
}

/// One social value commitment carried into the contract, with the proxy frozen in the tender.
public final class ContractCommitmentModel: Model, @unchecked Sendable {
    public static let schema = "contract_commitments"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "contract_id") public var contract: ContractModel
    @Field(key: "measure_code") public var measureCode: String
    @Field(key: "name") public var name: String
    @Field(key: "unit") public var unit: String
    /// Exact decimal text.
    @Field(key: "quantity") public var quantity: String
    @Field(key: "proxy") public var proxy: String
    /// Quantity × proxy in pounds, two decimal places.
    @Field(key: "monetised") public var monetised: String

    public init() {}
}
