import Foundation
import SocialValue

/// Reads the template data shipped in Resources/frameworks (see its SOURCE.md).
public enum FrameworkTemplateLibrary {
    public static func tree(for template: FrameworkTemplate) throws -> FrameworkTree {
        switch template {
        case .socialValueAct: return FrameworkTemplates.socialValueAct()
        case .ppn0620:
            return try FrameworkTemplates.ppn0620(csv: try resource("ppn0620_social_value_model_themes_outcomes"))
        case .ppn002:
            return try FrameworkTemplates.ppn002(csv: try resource("ppn002_social_value_model_missions_outcomes"))
        case .blank:
            return FrameworkTree(
                definition: "", themes: [.init(name: "Economic well-being", description: "", outcomes: [])])
        }
    }

    static func resource(_ name: String) throws -> String {
        guard let url = Bundle.module.url(forResource: "Resources/frameworks/\(name)", withExtension: "csv") else {
            throw StorageError.notFound("The template file \(name).csv")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
