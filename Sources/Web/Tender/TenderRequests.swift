import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var tenders: TenderStore { TenderStore(db) }
    var bids: BidStore { BidStore(db) }

    /// The tender in the `id` parameter, as the signed-in person (or visitor) may see it.
    func visibleTender() async throws -> TenderModel {
        try await tenders.find(try parameterID(), for: currentUser?.viewer)
    }

    /// The signed-in person and the tender as they may see it; the store checks what they may change.
    func signedInTender() async throws -> (CurrentUser, TenderModel) {
        let me = try requireUser()
        return (me, try await tenders.find(try parameterID(), for: me.viewer))
    }

    /// The signed-in supplier member and the organisation they bid for (the first they belong to,
    /// or `organisationId` in the query when they belong to several; one that is not a UUID is a 422).
    func bidder() throws -> (CurrentUser, UUID) {
        let me = try requireUser()
        guard let org = me.viewer.biddingOrganisation(chosen: try queryID("organisationId")) else {
            throw StorageError.forbidden("Only supplier members bid, for their own organisation")
        }
        return (me, org)
    }
}
