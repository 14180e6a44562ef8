import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var frameworks: FrameworkStore { FrameworkStore(db) }
    var valueSets: ValueSetStore { ValueSetStore(db) }
    var strategies: StrategyStore { StrategyStore(db) }
}

extension FrameworkModel {
    /// The Compact or public body the framework belongs to, by name.
    var ownerName: String { compact?.name ?? organisation?.name ?? "" }
}
