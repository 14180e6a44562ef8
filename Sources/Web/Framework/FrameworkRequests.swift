import Foundation
import SocialValue
import Storage
import Vapor

/// What a request may do with a framework, worked out once per page.
struct FrameworkAccess {
    let framework: FrameworkModel
    let canEdit: Bool
    let canComment: Bool

    static func load(_ req: Request, _ framework: FrameworkModel) async throws -> FrameworkAccess {
        guard let viewer = req.currentUser?.viewer else {
            return FrameworkAccess(framework: framework, canEdit: false, canComment: false)
        }
        let compacts = try await FrameworkStore(req.db).commentingCompacts(for: framework)
        return FrameworkAccess(
            framework: framework, canEdit: viewer.canEditFramework(framework.owner),
            canComment: viewer.canCommentOnFramework(compacts: compacts))
    }

    /// Adopted and superseded versions are public; drafts and consultations are for the owners
    /// and the Compact groups asked to comment.
    func canSee(_ version: FrameworkVersionModel) -> Bool {
        !version.status.isEditable || canEdit || canComment
    }

    var ownerName: String { framework.compact?.name ?? framework.organisation?.name ?? "" }
}

extension Request {
    var frameworks: FrameworkStore { FrameworkStore(db) }
    var valueSets: ValueSetStore { ValueSetStore(db) }
    var strategies: StrategyStore { StrategyStore(db) }
}
