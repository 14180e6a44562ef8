import Foundation

/// The known quality problems of UK OCDS data (issue 17), found while importing.
public struct OCDSImportFindings: Sendable {
    public private(set) var findings: [ImportFinding] = []
    /// Buyer + tender id, and buyer + tender title → the ocids seen with them, in first-seen order.
    private var processes: [String: [String]] = [:]
    private var processOrder: [String] = []
    private var labels: [String: (buyer: String, tender: String)] = [:]

    public init() {}

    /// Duplicate `id`s within `awards` and `contracts` of one release (e.g. one award per lot, all with the
    /// same id): merging by id makes them one.
    public mutating func check(release: JSONValue, ocid: String) {
        for array in ["awards", "contracts"] {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for item in release[array]?.array ?? [] {
                guard let id = OCDSImportMapping.text(item["id"]) else { continue }
                if counts[id] == nil { order.append(id) }
                counts[id, default: 0] += 1
            }
            for id in order where counts[id]! > 1 {
                findings.append(.sharedID(ocid: ocid, array: array, id: id, count: counts[id]!))
            }
        }
    }

    /// Parties without identifiers, and the keys that find one process under several ocids.
    public mutating func check(_ p: ImportedProcurement) {
        for party in p.parties where party.identifier == nil {
            findings.append(.partyWithoutIdentifier(ocid: p.ocid, name: party.name))
        }
        guard let buyer = p.buyer?.name else { return }
        let buyerKey = OCDSImportMapping.normalisedName(buyer)
        var keys: [(String, String)] = []
        if let id = p.tender.id { keys.append(("id \u{1F}" + buyerKey + "\u{1F}" + id, "id " + id)) }
        if let title = p.tender.title {
            keys.append(("title \u{1F}" + buyerKey + "\u{1F}" + OCDSImportMapping.normalisedName(title), "“\(title)”"))
        }
        for (key, label) in keys {
            if processes[key] == nil {
                processOrder.append(key)
                labels[key] = (buyer, label)
            }
            if processes[key]?.contains(p.ocid) != true { processes[key, default: []].append(p.ocid) }
        }
    }

    /// Every finding: the per-release and per-party ones in the order met, then each process seen under
    /// several ocids once (the id key first; a title key whose ocids an id key already reported is left out).
    public var all: [ImportFinding] {
        var out = findings
        var reported: Set<[String]> = []
        for key in processOrder {
            guard let ocids = processes[key], ocids.count > 1, let label = labels[key] else { continue }
            let sorted = ocids.sorted()
            guard reported.insert(sorted).inserted else { continue }
            out.append(.oneProcessSeveralOcids(buyer: label.buyer, tender: label.tender, ocids: sorted))
        }
        return out
    }
}
