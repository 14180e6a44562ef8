import Foundation
import SocialValue
import Vapor

/// GET /api/v1/organisations/{id}/profile: an organisation's public impact profile. Amounts are
/// pounds as exact decimal text; a £ figure whose value set's licence forbids publication is
/// absent, with `valuesWithheld` saying why (docs/profiles.md).
struct ProfileJSON: Content {
    struct Line: Content {
        let measureCode: String, name: String, unit: String, committed: String, verifiedToDate: String
        let proxy: String?, deliveredValueVerified: String?
    }
    struct Contract: Content {
        let id: UUID, title: String, buyerId: UUID, buyer: String, valuePence: Int64, awardedOn: String,
            startsOn: String, endsOn: String
        let deliveredValueVerified: String?
        let valuesWithheld: String?
        let lines: [Line]
    }
    struct Embedded: Content {
        let statement: String, contractId: UUID, contractTitle: String, awardedOn: String
    }
    let id: UUID, name: String, kind: String, isVCSE: Bool, isSME: Bool
    let charityNumber: String?, companyNumber: String?, area: String
    let contracts: [Contract]
    let contractsAwarded: Int
    /// Σ verified delivered value of the contracts whose values may be published.
    let socialValueVerified: String
    let contractsWithValuesWithheld: Int
    let embeddedValue: Embedded?
    /// Published SROI analyses: none yet (a later change publishes them here).
    let sroiAnalyses: [String]

    init(_ p: ImpactProfile) {
        (id, name, kind, isVCSE, isSME) = (p.id, p.name, p.kind.rawValue, p.isVCSE, p.isSME)
        (charityNumber, companyNumber, area) = (p.charityNumber, p.companyNumber, p.area)
        contracts = p.contracts.map { c in
            Contract(
                id: c.id, title: c.title, buyerId: c.buyerID, buyer: c.buyer, valuePence: c.value.pence,
                awardedOn: c.awardedOn, startsOn: c.startsOn, endsOn: c.endsOn,
                deliveredValueVerified: c.deliveredValue.map { DecimalText.format($0) },
                valuesWithheld: c.withheldReason,
                lines: c.lines.map { l in
                    Line(
                        measureCode: l.measureCode, name: l.name, unit: l.unit,
                        committed: DecimalText.plainQuantity(l.committed),
                        verifiedToDate: DecimalText.plainQuantity(l.verified), proxy: l.proxy.map(ValueSetCSV.plain),
                        deliveredValueVerified: l.deliveredValue.map { DecimalText.format($0) })
                })
        }
        contractsAwarded = p.contractsAwarded
        socialValueVerified = DecimalText.format(p.verifiedValue)
        contractsWithValuesWithheld = p.contractsWithheld
        embeddedValue = p.embeddedValue.map {
            Embedded(
                statement: $0.statement, contractId: $0.contractID, contractTitle: $0.contractTitle,
                awardedOn: $0.awardedOn)
        }
        sroiAnalyses = []
    }
}
