import Fluent
import Foundation
import SocialValue

/// A priority as a strategy version keeps it: the outcome (its id and its name then), the local
/// target and its period, in rank order.
public struct StrategyVersionPriority: Codable, Sendable, Equatable {
    public var outcomeId: UUID
    public var outcome: String
    public var target: String
    public var period: String

    public var priority: StrategyPriority { StrategyPriority(outcomeId: outcomeId, target: target, period: period) }
}

/// One version of what the public bodies signed up to in a Compact's joint strategy: its fields
/// and its priorities with their targets. Version 1 is the strategy as it stood when the first
/// body signed up; 2, 3, … are amendments, each with its reason. The `strategies` row and its
/// `strategy_priorities` mirror the latest version; earlier versions are never changed
/// (frameworks.md, "Amending a signed-up strategy").
public final class StrategyVersionModel: Model, VersionStamp, @unchecked Sendable {
    public static let schema = "strategy_versions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "strategy_id") public var strategy: StrategyModel
    @Field(key: "version") public var version: Int
    @Field(key: "title") public var title: String
    @Field(key: "summary") public var summary: String
    @Field(key: "framework_version_id") public var frameworkVersionID: UUID
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    /// JSON array of `StrategyVersionPriority`, in rank order.
    @Field(key: "priorities") public var prioritiesJSON: String
    /// Why it was amended; nil for version 1.
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "author_id") public var authorID: UUID?
    @Field(key: "author") public var author: String
    @Field(key: "at") public var at: Date

    public init() {}

    public var priorities: [StrategyVersionPriority] {
        (try? JSONDecoder().decode([StrategyVersionPriority].self, from: Data(prioritiesJSON.utf8))) ?? []
    }

    /// What was signed up to, for the core's amendment rule. Dates the register could not read
    /// (none are written so) fall back to the first day of year 1.
    public var content: StrategyContent {
        let fallback = CalendarDate(year: 1, month: 1, day: 1)!
        return StrategyContent(
            title: title, summary: summary, frameworkVersionId: frameworkVersionID,
            startsOn: CalendarDate(iso: startsOn) ?? fallback, endsOn: CalendarDate(iso: endsOn) ?? fallback,
            priorities: priorities.map(\.priority))
    }
}
