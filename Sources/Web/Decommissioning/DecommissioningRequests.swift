import Foundation
import SocialValue
import Storage
import Vapor

extension Request {
    var decommissioning: DecommissioningStore { DecommissioningStore(db) }
}
