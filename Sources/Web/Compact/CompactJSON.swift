import Foundation
import SocialValue
import Storage
import Vapor

struct CompactSummaryJSON: Content {
    var id: UUID
    var name: String
    var area: String
    var version: String
    var adoptedOn: String
    var nextReviewOn: String
    var reviewDue: Bool

    init(_ c: CompactModel, today: CalendarDate) {
        id = c.id!
        name = c.name
        area = c.area
        version = c.version
        adoptedOn = c.adoptedOn
        nextReviewOn = c.nextReviewOn
        reviewDue = c.details.isReviewDue(today: today)
    }
}

struct SignatoryJSON: Content {
    var id: UUID
    var organisationId: UUID
    var organisationName: String
    var signedOn: String
}

struct SeatJSON: Content {
    var id: UUID
    var userId: UUID
    var displayName: String
    var organisationId: UUID
    var organisationName: String
    var position: String
}

struct PrincipleJSON: Content {
    var id: UUID
    var code: String
    var title: String
    var text: String
    var productRule: String
}

struct CompactJSON: Content {
    var id: UUID
    var name: String
    var area: String
    var text: String
    var version: String
    var adoptedOn: String
    var nextReviewOn: String
    var reviewDue: Bool
    var settings: CompactSettings
    var signatories: [SignatoryJSON]
    var group: [SeatJSON]
    var principles: [PrincipleJSON]
}

struct ReviewJSON: Content {
    var id: UUID
    var reviewedOn: String
    var versionBefore: String
    var versionAfter: String
    var summary: String
    var nextReviewOn: String
    var recordedBy: String
}

struct NewReviewJSON: Content {
    var reviewedOn: String?
    var version: String?
    var summary: String?
    var nextReviewOn: String?
}

struct NewSignatoryJSON: Content {
    var organisationId: UUID?
    var signedOn: String?
}

struct NewSeatJSON: Content {
    var userId: UUID?
    var organisationId: UUID?
    var position: String?
}

struct PrincipleInputJSON: Content {
    var code: String?
    var title: String?
    var text: String?
    var productRule: String?
}

/// Settings as sent: every field optional so a missing one is named in a 422, not a 400.
struct SettingsInputJSON: Content {
    struct Band: Codable {
        var fromPence: Int64?
        var minWeightingPercent: Int?
        var maxWeightingPercent: Int?
        var monitoring: String?
    }

    var minimumConsultationDays: Int?
    var minimumNoticeMonths: Int?
    var considerSocialValueInAllProcurements: Bool?
    var bands: [Band]?

    func settings() throws -> CompactSettings {
        var p = Problems()
        if minimumConsultationDays == nil {
            p.add("minimumConsultationDays", "Enter the minimum consultation period in days")
        }
        if minimumNoticeMonths == nil { p.add("minimumNoticeMonths", "Enter the minimum notice in months") }
        if considerSocialValueInAllProcurements == nil {
            p.add("considerSocialValueInAllProcurements", "Say whether social value is considered in all procurements")
        }
        if bands == nil { p.add("bands", "Enter the proportionality table") }
        var out: [ValueBand] = []
        for (i, b) in (bands ?? []).enumerated() {
            let n = i + 1
            if b.fromPence == nil { p.add("bands.\(n).fromPence", "Enter band \(n)’s starting value in pence") }
            if b.minWeightingPercent == nil {
                p.add("bands.\(n).minWeightingPercent", "Enter band \(n)’s lowest weighting")
            }
            if b.maxWeightingPercent == nil {
                p.add("bands.\(n).maxWeightingPercent", "Enter band \(n)’s highest weighting")
            }
            let monitoring = b.monitoring.flatMap(MonitoringFrequency.init(rawValue:))
            if monitoring == nil {
                p.add(
                    "bands.\(n).monitoring",
                    "Band \(n)’s monitoring must be one of: \(MonitoringFrequency.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            out.append(
                ValueBand(
                    fromPence: b.fromPence ?? 0, minWeightingPercent: b.minWeightingPercent ?? 0,
                    maxWeightingPercent: b.maxWeightingPercent ?? 0, monitoring: monitoring ?? .annually))
        }
        try p.throwIfAny()
        return try CompactSettings(
            minimumConsultationDays: minimumConsultationDays!, minimumNoticeMonths: minimumNoticeMonths!,
            considerSocialValueInAllProcurements: considerSocialValueInAllProcurements!, bands: out
        ).validated()
    }
}

extension CompactSettings: Content {}
