import SocialValue
import Storage
import Vapor

extension FrameworkStatus {
    var tagColour: String {
        switch self {
        case .draft: return "grey"
        case .consultation: return "yellow"
        case .adopted: return "green"
        case .superseded: return "orange"
        }
    }
}
