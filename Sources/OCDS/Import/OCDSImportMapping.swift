import Foundation

/// From a compiled release to what to import (docs/ocds.md, "commonweal import ocds"): pure, no I/O.
public enum OCDSImportMapping {
    /// The procurement a compiled release describes. Throws `OCDSShapeError` when it has no `ocid` or is
    /// not an object; every other field is optional (a missing or mistyped field is left out).
    public static func procurement(from compiled: JSONValue) throws -> ImportedProcurement {
        guard compiled.isObject, let ocid = compiled["ocid"]?.string, !ocid.isEmpty else {
            throw OCDSShapeError("A compiled release must be a JSON object with an `ocid`")
        }
        let tenderJSON = compiled["tender"] ?? .null
        let parties = (compiled["parties"]?.array ?? []).compactMap(party)
        let awards = (compiled["awards"]?.array ?? []).compactMap(award)
        let contracts = (compiled["contracts"]?.array ?? []).compactMap(contract)
        let tender = ImportedTender(
            id: text(tenderJSON["id"]), title: text(tenderJSON["title"]), status: text(tenderJSON["status"]),
            procurementMethod: text(tenderJSON["procurementMethod"]),
            awardCriteria: text(tenderJSON["awardCriteria"]),
            awardCriteriaDetails: text(tenderJSON["awardCriteriaDetails"]),
            criteria: criteria(tenderJSON["awardCriteria"]),
            lots: (tenderJSON["lots"]?.array ?? []).compactMap(lot),
            tenderEnds: text(tenderJSON["tenderPeriod"]?["endDate"]))
        let title =
            text(tenderJSON["title"]) ?? text(compiled["title"]) ?? text(compiled["planning"]?["budget"]?["project"])
            ?? ocid
        let status = tender.status ?? contracts.last?.status ?? awards.last?.status
        return ImportedProcurement(
            ocid: ocid, date: text(compiled["date"]), title: title,
            description: text(tenderJSON["description"]) ?? text(compiled["description"]), status: status,
            value: amount(tenderJSON["value"]) ?? amount(compiled["planning"]?["budget"]?["amount"]),
            buyerRef: text(compiled["buyer"]?["id"]) ?? parties.first { $0.roles.contains("buyer") }?.ref,
            parties: parties, tender: tender, awards: awards, contracts: contracts,
            startDate: text(tenderJSON["contractPeriod"]?["startDate"]),
            endDate: text(tenderJSON["contractPeriod"]?["endDate"]))
    }

    /// A name reduced for matching: letters and digits only (case and accents folded), words joined by one
    /// space, "limited" written "ltd", "public limited company" "plc", and "the " dropped at the start.
    public static func normalisedName(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .lowercased()
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" && scalar != "." {
                if !word.isEmpty { words.append(word) }
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        if words.first == "the" && words.count > 1 { words.removeFirst() }
        var out: [String] = []
        var i = 0
        while i < words.count {
            if words[i] == "public" && i + 2 < words.count && words[i + 1] == "limited" && words[i + 2] == "company" {
                out.append("plc")
                i += 3
                continue
            }
            out.append(words[i] == "limited" ? "ltd" : words[i])
            i += 1
        }
        return out.joined(separator: " ")
    }

    // MARK: Fields

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let s)?:
            // Control characters (other than line breaks and tabs) are dropped: they break XML and CSV.
            let kept = s.unicodeScalars.filter { $0 == "\n" || $0 == "\t" || $0.properties.generalCategory != .control }
            let t = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespacesAndNewlines)
            return t.isEmpty ? nil : t
        case .number(let n)?: return n.text
        default: return nil
        }
    }

    static func amount(_ value: JSONValue?) -> ImportedAmount? {
        guard case .number(let n)? = value?["amount"], let decimal = n.decimal else { return nil }
        return ImportedAmount(text: n.text, amount: decimal, currency: text(value?["currency"]))
    }

    static func party(_ json: JSONValue) -> ImportedParty? {
        guard json.isObject else { return nil }
        let name = text(json["name"]) ?? text(json["identifier"]?["legalName"])
        guard let ref = text(json["id"]) ?? name, let name else { return nil }
        var identifier: ImportedIdentifier?
        if let scheme = text(json["identifier"]?["scheme"]), let id = text(json["identifier"]?["id"]) {
            identifier = ImportedIdentifier(scheme: scheme, id: id)
        }
        let scale = text(json["details"]?["scale"])
        var vcse: Bool?
        if case .bool(let b)? = json["details"]?["vcse"] { vcse = b }
        let address = json["address"]
        return ImportedParty(
            ref: ref, name: name, identifier: identifier, streetAddress: text(address?["streetAddress"]),
            locality: text(address?["locality"]), postalCode: text(address?["postalCode"]),
            isSME: scale.map { $0 == "sme" || $0 == "micro" }, isVCSE: vcse,
            roles: json["roles"]?.array?.compactMap { text($0) } ?? [])
    }

    static func award(_ json: JSONValue) -> ImportedAward? {
        guard json.isObject, let id = text(json["id"]) else { return nil }
        return ImportedAward(
            id: id, title: text(json["title"]), status: text(json["status"]), date: text(json["date"]),
            value: amount(json["value"]),
            supplierRefs: (json["suppliers"]?.array ?? []).compactMap { text($0["id"]) ?? text($0["name"]) },
            relatedLots: json["relatedLots"]?.array?.compactMap { text($0) } ?? [],
            startDate: text(json["contractPeriod"]?["startDate"]), endDate: text(json["contractPeriod"]?["endDate"]))
    }

    static func contract(_ json: JSONValue) -> ImportedContract? {
        guard json.isObject, let id = text(json["id"]) else { return nil }
        return ImportedContract(
            id: id, awardID: text(json["awardID"]), title: text(json["title"]), status: text(json["status"]),
            value: amount(json["value"]), startDate: text(json["period"]?["startDate"]),
            endDate: text(json["period"]?["endDate"]), dateSigned: text(json["dateSigned"]))
    }

    static func lot(_ json: JSONValue) -> ImportedLot? {
        guard json.isObject, let id = text(json["id"]) else { return nil }
        return ImportedLot(id: id, title: text(json["title"]), criteria: criteria(json["awardCriteria"]))
    }

    /// The award criteria extension's `criteria` (name, type, weight from `numbers[0]` or `weight`).
    static func criteria(_ json: JSONValue?) -> [ImportedCriterion] {
        (json?["criteria"]?.array ?? []).compactMap { c in
            guard let name = text(c["name"]) ?? text(c["description"]) ?? text(c["type"]) else { return nil }
            let weight = text(c["weight"]) ?? text(c["numbers"]?.array?.first?["number"])
            return ImportedCriterion(name: name, type: text(c["type"]), weight: weight)
        }
    }
}
