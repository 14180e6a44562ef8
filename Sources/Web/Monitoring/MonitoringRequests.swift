import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var monitoring: MonitoringStore { MonitoringStore(db) }
}
