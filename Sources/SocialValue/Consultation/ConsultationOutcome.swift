import Foundation

/// A link to what changed because of a consultation: a revised policy, a decision, a report.
public struct OutcomeLink: Codable, Sendable, Equatable {
    public var label: String
    public var url: String

    public init(label: String, url: String) {
        self.label = label
        self.url = url
    }
}

/// What a person enters for the "you said, we did" summary, before it is checked: the API's body
/// and the summary form, with the names the API reads it under. `links` is an array (from a form,
/// `links[0][label]`, `links[0][url]`, …); `published` a yes/no asking to publish it (once
/// published it stays published).
public struct OutcomeInput: Codable, Sendable, Equatable {
    public struct Link: Codable, Sendable, Equatable {
        public var label: String?
        public var url: String?

        public init(label: String? = nil, url: String? = nil) {
            self.label = label
            self.url = url
        }
    }

    public var youSaid: String?
    public var weDid: String?
    public var links: [Link]?
    public var published: Bool?

    public init(youSaid: String? = nil, weDid: String? = nil, links: [Link]? = nil, published: Bool? = nil) {
        self.youSaid = youSaid
        self.weDid = weDid
        self.links = links
        self.published = published
    }

    /// The input that gives `o` again (`published` as it was).
    public init(_ o: Outcome, published: Bool) {
        self.init(
            youSaid: o.youSaid, weDid: o.weDid, links: o.links.map { Link(label: $0.label, url: $0.url) },
            published: published)
    }

    enum CodingKeys: String, CodingKey { case youSaid, weDid, links, published }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        youSaid = try c.decodeIfPresent(String.self, forKey: .youSaid)
        weDid = try c.decodeIfPresent(String.self, forKey: .weDid)
        links = try c.decodeIfPresent([Link].self, forKey: .links)
        published = try c.decodeYesNo(forKey: .published)
    }
}

/// The "you said, we did" summary once the rules hold.
public struct Outcome: Codable, Sendable, Equatable {
    public var youSaid: String
    public var weDid: String
    public var links: [OutcomeLink]

    public init(youSaid: String, weDid: String, links: [OutcomeLink]) {
        self.youSaid = youSaid
        self.weDid = weDid
        self.links = links
    }

    public static let maximumLinks = 10

    /// Rules: both parts written; at most 10 links, each with words and an address that is a
    /// web address (`https://…` or `http://…`) or a page of this site (`/…`). A link left
    /// wholly blank is skipped, so a form can offer spare rows. Link problems are named
    /// `links[<i>].label` and `links[<i>].url`, counting from 0 as the array does.
    public static func validate(_ input: OutcomeInput) throws -> Outcome {
        var p = Problems()
        let said = p.text(input.youSaid, field: "youSaid", label: "what respondents said", max: 20_000)
        let did = p.text(input.weDid, field: "weDid", label: "what you did in response", max: 20_000)
        var links: [OutcomeLink] = []
        let given = input.links ?? []
        if given.count > maximumLinks { p.add("links", "Give at most \(maximumLinks) links") }
        for (i, link) in given.prefix(maximumLinks).enumerated() {
            let n = i + 1
            let blank = { (s: String?) in (s ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
            if blank(link.label) && blank(link.url) { continue }
            let label = p.text(link.label, field: "links[\(i)].label", label: "words for link \(n)", max: 200)
            let url = p.text(link.url, field: "links[\(i)].url", label: "the address for link \(n)", max: 2_000)
            if let url {
                let lower = url.lowercased()
                let web = lower.hasPrefix("https://") || lower.hasPrefix("http://")
                let local = LocalPath.isSafe(url)
                if !(web || local) || url.contains(where: { $0.isWhitespace }) {
                    p.add(
                        "links[\(i)].url",
                        "Link \(n)’s address must start with https:// (or be a page of this site, starting /)")
                    continue
                }
            }
            if let label, let url { links.append(OutcomeLink(label: label, url: url)) }
        }
        try p.throwIfAny()
        return Outcome(youSaid: said!, weDid: did!, links: links)
    }
}
