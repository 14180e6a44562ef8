import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var consultations: ConsultationStore { ConsultationStore(db) }
    var responses: ResponseStore { ResponseStore(db) }
    var notifications: NotificationStore { NotificationStore(db) }

    /// A consultation the person may see, with its phase now. The store answers "not found" for
    /// a draft they may not see, so its existence does not leak.
    func visibleConsultation(_ name: String = "id") async throws -> (ConsultationModel, ConsultationPhase) {
        let c = try await consultations.find(try parameterID(name), for: currentUser?.viewer)
        return (c, try await consultations.phase(of: c))
    }

    /// A consultation the signed-in person is changing, with its phase now: the store refuses
    /// anyone who does not manage it.
    func consultationToChange(_ name: String = "id") async throws -> (CurrentUser, ConsultationModel, ConsultationPhase)
    {
        let me = try requireUser()
        let c = try await consultations.find(try parameterID(name), managedBy: me.viewer)
        return (me, c, try await consultations.phase(of: c))
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
