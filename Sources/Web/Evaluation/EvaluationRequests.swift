import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var evaluations: EvaluationStore { EvaluationStore(db) }
    var awards: AwardStore { AwardStore(db) }
}
