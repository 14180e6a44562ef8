import Foundation

/// One social value commitment of a delivered contract on a public profile: what was committed
/// and what the buyer has verified, with the £ value only when the proxy's licence permits
/// publication (issue 15; docs/profiles.md).
public struct ProfileLine: Sendable, Equatable {
    public let measureCode: String
    public let name: String
    public let unit: String
    public let committed: Decimal
    /// Σ verified quantities of verified returns only.
    public let verified: Decimal
    /// The proxy per unit frozen in the tender; nil when its licence forbids publication.
    public let proxy: Decimal?
    /// verified × proxy, unrounded pounds; nil when withheld.
    public let deliveredValue: Decimal?
}

/// A contract the organisation delivers, as its public profile shows it.
public struct ProfileContract: Sendable, Equatable {
    public let id: UUID
    public let title: String
    public let buyerID: UUID
    public let buyer: String
    public let value: Money
    public let awardedOn: String
    public let startsOn: String
    public let endsOn: String
    public let lines: [ProfileLine]
    /// Why the £ values are left out (the value set's licence forbids publication), or nil.
    public let withheldReason: String?

    /// Builds the profile's view of a contract from its verified delivery. `licence` is that of
    /// the value set the tender's proxies were copied from (nil when the buyer entered the
    /// proxies in the tender itself: they are the buyer's, already on the public register).
    public init(
        id: UUID, title: String, buyerID: UUID, buyer: String, value: Money, awardedOn: String, startsOn: String,
        endsOn: String, delivery: ContractProgress, valueSet: (name: String, licence: ProxyLicence)?
    ) {
        (self.id, self.title, self.buyerID, self.buyer, self.value) = (id, title, buyerID, buyer, value)
        (self.awardedOn, self.startsOn, self.endsOn) = (awardedOn, startsOn, endsOn)
        let reason = valueSet.flatMap { $0.licence.withheldReason(setName: $0.name) }
        withheldReason = reason
        lines = delivery.lines.map { l in
            ProfileLine(
                measureCode: l.commitment.code, name: l.commitment.name, unit: l.commitment.unit,
                committed: l.commitment.committed, verified: l.verified,
                proxy: reason == nil ? l.commitment.proxy : nil,
                deliveredValue: reason == nil ? l.deliveredValue : nil)
        }
    }

    /// Σ verified delivered value, unrounded; nil when the values are withheld.
    public var deliveredValue: Decimal? {
        withheldReason == nil ? lines.reduce(0) { $0 + ($1.deliveredValue ?? 0) } : nil
    }
}

/// The statement of embedded social value from the bid that won a contract (bids are sealed
/// until opened; only a winning bid's statement, carried into its awarded contract, is shown).
public struct EmbeddedValue: Sendable, Equatable {
    public let statement: String
    public let contractID: UUID
    public let contractTitle: String
    public let awardedOn: String

    public init(statement: String, contractID: UUID, contractTitle: String, awardedOn: String) {
        (self.statement, self.contractID, self.contractTitle, self.awardedOn) = (
            statement, contractID, contractTitle, awardedOn
        )
    }
}

/// An organisation's public impact profile: who they are, the awarded contracts they deliver
/// with the social value verified to date, their embedded value statement, and (later)
/// published SROI analyses. Built from published data only (docs/profiles.md).
public struct ImpactProfile: Sendable, Equatable {
    public let id: UUID
    public let name: String
    public let kind: OrganisationKind
    public let isVCSE: Bool
    public let isSME: Bool
    /// Registered numbers are on public registers (Charity Commission, Companies House).
    public let charityNumber: String?
    public let companyNumber: String?
    public let area: String
    /// Awarded contracts it delivers, newest award first.
    public let contracts: [ProfileContract]
    /// How many awarded contracts it has let, as a buyer.
    public let contractsAwarded: Int
    public let embeddedValue: EmbeddedValue?

    public init(
        id: UUID, details d: OrganisationDetails, contracts: [ProfileContract], contractsAwarded: Int,
        embeddedValue: EmbeddedValue?
    ) {
        (self.id, name, kind, isVCSE, isSME) = (id, d.name, d.kind, d.isVCSE || d.kind.isAlwaysVCSE, d.isSME)
        (charityNumber, companyNumber, area) = (d.charityNumber, d.companyNumber, d.area)
        self.contracts = contracts
        self.contractsAwarded = contractsAwarded
        self.embeddedValue = embeddedValue
    }

    /// Σ verified delivered value of the contracts whose values may be published, unrounded.
    public var verifiedValue: Decimal { contracts.reduce(0) { $0 + ($1.deliveredValue ?? 0) } }

    /// Contracts whose £ values are left out for their licence.
    public var contractsWithheld: Int { contracts.filter { $0.withheldReason != nil }.count }
}
