import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var consultations: ConsultationStore { ConsultationStore(db) }
    var responses: ResponseStore { ResponseStore(db) }
    var notifications: NotificationStore { NotificationStore(db) }

    /// A consultation the person may see, with its phase now. A draft they may not see is
    /// "not found", so its existence does not leak.
    func visibleConsultation(_ name: String = "id") async throws -> (ConsultationModel, ConsultationPhase) {
        let c = try await consultations.find(try parameterID(name))
        guard
            currentUser?.viewer.canSeeConsultation(owner: c.$owner.id, compact: c.$compact.id, published: c.isPublished)
                ?? c.isPublished
        else { throw StorageError.notFound("The consultation") }
        return (c, try await consultations.phase(of: c))
    }

    /// A consultation the signed-in person manages (a commissioner of its owner).
    func managedConsultation(_ name: String = "id") async throws -> (CurrentUser, ConsultationModel, ConsultationPhase)
    {
        let me = try requireUser()
        let (c, phase) = try await visibleConsultation(name)
        guard me.viewer.canManageConsultation(owner: c.$owner.id) else { throw StorageError.roleNotAllowed }
        return (me, c, phase)
    }
}

struct PublicResponseLimiterKey: StorageKey { typealias Value = SignInRateLimiter }

extension Application {
    /// New responses from people without an account, per client address: the sign-in limit
    /// (20 in 5 minutes), so a script cannot flood a consultation. Made in `configure`.
    var publicResponseLimiter: SignInRateLimiter {
        if let l = storage[PublicResponseLimiterKey.self] { return l }
        let l = SignInRateLimiter()
        storage[PublicResponseLimiterKey.self] = l
        return l
    }
}
