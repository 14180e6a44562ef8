import Foundation

/// The licence a value set's proxy values are held under (issue 15, "Proxy licences matter";
/// DOMAIN.md §4): its name, where to read it, and whether it permits redistribution and
/// commercial use. National TOMs and HACT values are CC BY-NC-ND: a council may hold and use
/// them, but a page anyone may copy must not carry them.
public struct ProxyLicence: Codable, Sendable, Equatable {
    public var name: String
    public var url: String?
    public var permitsRedistribution: Bool
    public var permitsCommercialUse: Bool

    public init(name: String, url: String?, permitsRedistribution: Bool, permitsCommercialUse: Bool) {
        self.name = name
        self.url = url
        self.permitsRedistribution = permitsRedistribution
        self.permitsCommercialUse = permitsCommercialUse
    }

    public static let openGovernmentLicenceURL =
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

    /// What a set whose terms nobody recorded is taken to allow: nothing beyond its holder's own use.
    public static let notRecorded = ProxyLicence(
        name: "Not recorded", url: nil, permitsRedistribution: false, permitsCommercialUse: false)

    /// Whether values from the set may be published on a public page (a profile, a published
    /// analysis): anyone may copy such a page for any purpose, so the licence must permit both
    /// redistribution and commercial use. Open Government Licence and CC BY sets may be
    /// published; CC BY-NC-ND sets (National TOMs, HACT) and sets with unrecorded terms may not.
    public var mayPublishValues: Bool { permitsRedistribution && permitsCommercialUse }

    /// Why values from the set named `setName` are left out of a public page, or nil when they
    /// may be published.
    public func withheldReason(setName: String) -> String? {
        if mayPublishValues { return nil }
        let forbids: String
        switch (permitsRedistribution, permitsCommercialUse) {
        case (false, false): forbids = "does not permit redistribution or commercial use"
        case (false, true): forbids = "does not permit redistribution"
        default: forbids = "does not permit commercial use"
        }
        let terms =
            self == .notRecorded
            ? "The licence of the value set ‘\(setName)’ is not recorded, so it"
            : "The licence of the value set ‘\(setName)’ (\(name))"
        return "\(terms) \(forbids), so the £ values are left out here; the quantities are shown."
    }

    /// The terms a licence's name implies, for the licence column of a value set's rows: the
    /// Open Government Licence, CC0 and CC BY permit both; a CC licence with NC permits
    /// redistribution only (not commercial use); ND alone does not stop publication of the values
    /// as given. Any other name: terms not recorded (nothing permitted).
    public static func implied(by licence: String) -> ProxyLicence {
        let key = licence.uppercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
        let name = licence.trimmingCharacters(in: .whitespaces)
        if key.contains("OPENGOVERNMENTLICENCE") || key.hasPrefix("OGL") {
            return ProxyLicence(
                name: name, url: openGovernmentLicenceURL, permitsRedistribution: true, permitsCommercialUse: true)
        }
        if key.hasPrefix("CC0") || key.contains("PUBLICDOMAIN") {
            return ProxyLicence(name: name, url: nil, permitsRedistribution: true, permitsCommercialUse: true)
        }
        if key.hasPrefix("CCBY") || key.hasPrefix("CREATIVECOMMONSATTRIBUTION") {
            let nonCommercial = key.contains("NC") || key.contains("NONCOMMERCIAL")
            return ProxyLicence(name: name, url: nil, permitsRedistribution: true, permitsCommercialUse: !nonCommercial)
        }
        return ProxyLicence(name: name, url: nil, permitsRedistribution: false, permitsCommercialUse: false)
    }

    /// A set's licence when none was given with it: the terms its rows' licence column implies.
    /// One licence on every row: that licence. Several: each must permit what the set permits.
    /// No rows: not recorded.
    public static func implied(byRows licences: [String]) -> ProxyLicence {
        var names: [String] = []
        for l in licences.map({ $0.trimmingCharacters(in: .whitespaces) }) where !l.isEmpty && !names.contains(l) {
            names.append(l)
        }
        guard let first = names.first else { return .notRecorded }
        if names.count == 1 { return implied(by: first) }
        let each = names.map(implied(by:))
        return ProxyLicence(
            name: "Several: " + names.joined(separator: "; "), url: nil,
            permitsRedistribution: each.allSatisfy(\.permitsRedistribution),
            permitsCommercialUse: each.allSatisfy(\.permitsCommercialUse))
    }

    /// The licence given with a value set (form, API, CLI), checked; when no name, URL or
    /// permission is given, the terms the rows imply. A permission not given is not granted.
    /// Problems are added to `p` under `licenceName`, `licenceUrl` and `permitsCommercialUse`.
    public static func validated(
        name rawName: String?, url rawURL: String?, permitsRedistribution: Bool?, permitsCommercialUse: Bool?,
        rows: [String], problems p: inout Problems
    ) -> ProxyLicence? {
        let blank: (String?) -> Bool = { ($0?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty }
        if blank(rawName) && blank(rawURL) && permitsRedistribution == nil && permitsCommercialUse == nil {
            return implied(byRows: rows)
        }
        let before = p.errors.count
        let name = p.text(
            rawName, field: "licenceName", label: "the name of the licence, like ‘Open Government Licence v3.0’")
        let url = p.text(rawURL, field: "licenceUrl", label: "the licence’s web address", required: false, max: 500)
        if let url, !isWebAddress(url) {
            p.add(
                "licenceUrl",
                "Enter the licence’s web address starting https:// or http://, like \(openGovernmentLicenceURL)")
        }
        let redistribution = permitsRedistribution ?? false
        let commercial = permitsCommercialUse ?? false
        if let name {
            let key = name.uppercased().replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "-", with: "")
            if commercial && key.hasPrefix("CCBY") && key.contains("NC") {
                p.add(
                    "permitsCommercialUse",
                    "\(name) is a non-commercial licence: it does not permit commercial use, so leave that unticked")
            }
        }
        guard let name, p.errors.count == before else { return nil }
        return ProxyLicence(
            name: name, url: url, permitsRedistribution: redistribution, permitsCommercialUse: commercial)
    }

    static func isWebAddress(_ s: String) -> Bool {
        guard s.range(of: #"^https?://[^\s/?#]+\.[^\s/?#]+([/?#][^\s]*)?$"#, options: .regularExpression) != nil
        else { return false }
        return URL(string: s)?.host?.isEmpty == false
    }

    /// In a sentence, for the value set page: "Open Government Licence v3.0: permits redistribution and commercial use."
    public var terms: String {
        switch (permitsRedistribution, permitsCommercialUse) {
        case (true, true): return "permits redistribution and commercial use"
        case (true, false): return "permits redistribution, not commercial use"
        case (false, true): return "permits commercial use, not redistribution"
        case (false, false): return "permits neither redistribution nor commercial use"
        }
    }
}
