import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var performance: PerformanceStore { PerformanceStore(db) }
}
