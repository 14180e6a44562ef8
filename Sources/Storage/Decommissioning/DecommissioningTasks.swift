import Fluent
import Foundation
import SocialValue

extension DecommissioningStore {
    /// Cases still being assessed whose provider has responded, for the commissioners of the
    /// owning body (`canManageDecommissioning`): they read the response before deciding.
    public func responsesToRead(for viewer: Viewer) async throws -> [DecommissioningCaseModel] {
        let bodies = Set(viewer.memberships.map(\.organisationID)).filter { viewer.canManageDecommissioning(owner: $0) }
        guard !bodies.isEmpty else { return [] }
        return try await DecommissioningCaseModel.query(on: db).with(\.$owner).with(\.$provider)
            .filter(\.$owner.$id ~~ Array(bodies)).filter(\.$responseText != nil)
            .filter(\.$statusValue == .assessing).sort(\.$sharedAt).all()
    }
}
