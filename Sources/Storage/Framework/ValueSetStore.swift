import Fluent
import Foundation
import SocialValue

/// Proxy value sets for a framework version. Imports are all-or-nothing.
public struct ValueSetStore: Sendable {
    let db: Database

    public init(_ db: Database) { self.db = db }

    /// A value set, for a signed-in viewer who may see its framework version (others: not found).
    public func find(_ id: UUID, viewer: Viewer?) async throws -> ValueSetModel {
        let set = try await Self.find(id, on: db)
        do {
            _ = try await FrameworkStore.visibleVersion(set.$version.id, viewer: viewer, on: db)
        } catch StorageError.notFound {
            throw StorageError.notFound("The value set")
        }
        return set
    }

    /// A value set, checked that `viewer` owns its framework.
    static func owned(_ id: UUID, viewer: Viewer, _ what: String, on db: Database) async throws -> ValueSetModel {
        let set = try await find(id, on: db)
        _ = try await FrameworkStore.ownedVersion(set.$version.id, viewer: viewer, what, on: db)
        return set
    }

    static func find(_ id: UUID, on db: Database) async throws -> ValueSetModel {
        guard
            let s = try await ValueSetModel.query(on: db).filter(\.$id == id).with(
                \.$version, { $0.with(\.$framework) }
            ).first()
        else {
            throw StorageError.notFound("The value set")
        }
        return s
    }

    /// The value sets of a version, for anyone who may see the version (a visitor: adopted and
    /// superseded versions only, as for the version itself).
    public func sets(of versionID: UUID, viewer: Viewer?) async throws -> [ValueSetModel] {
        _ = try await FrameworkStore.visibleVersion(versionID, viewer: viewer, on: db)
        return try await ValueSetModel.query(on: db).filter(\.$version.$id == versionID).sort(\.$name).all()
    }

    public func entries(of setID: UUID, viewer: Viewer?) async throws -> [ValueSetEntryModel] {
        _ = try await find(setID, viewer: viewer)
        return try await Self.entries(of: setID, on: db)
    }

    static func entries(of setID: UUID, on db: Database) async throws -> [ValueSetEntryModel] {
        try await ValueSetEntryModel.query(on: db).filter(\.$valueSet.$id == setID).sort(\.$measureCode).all()
    }

    public func export(_ setID: UUID, viewer: Viewer?) async throws -> String {
        ValueSetCSV.export(try await entries(of: setID, viewer: viewer).map(\.proxy))
    }

    /// The measures a value set can price: code → valuation.
    func measures(of versionID: UUID, on tx: Database) async throws -> [String: MeasureValuation] {
        let all = try await FrameworkMeasureModel.query(on: tx).filter(\.$version.$id == versionID).all()
        return Dictionary(all.map { ($0.code, $0.measureValuation) }, uniquingKeysWith: { a, _ in a })
    }

    /// Creates a value set from CSV. Any problem in the file (reported by line and column)
    /// means nothing is saved.
    public func create(
        version versionID: UUID, _ input: ValueSetInput, viewer: Viewer, by actor: Actor
    ) async throws -> ValueSetModel {
        _ = try await FrameworkStore.ownedVersion(versionID, viewer: viewer, "add value sets", on: db)
        let (raw, illustrative, rawNotes, csv) = (input.name, input.illustrative ?? false, input.notes, input.csv ?? "")
        var p = Problems()
        let name = p.text(raw, field: "name", label: "a name for the value set, like ‘Illustrative values 2025’")
        let notes = p.text(rawNotes, field: "notes", label: "notes", required: false, max: 5_000)
        let given = ValueSetInput(
            licenceName: input.licenceName, licenceUrl: input.licenceUrl,
            permitsRedistribution: input.permitsRedistribution, permitsCommercialUse: input.permitsCommercialUse)
        _ = ProxyLicence.validated(
            name: given.licenceName, url: given.licenceUrl, permitsRedistribution: given.permitsRedistribution,
            permitsCommercialUse: given.permitsCommercialUse, rows: [], problems: &p)
        try p.throwIfAny()
        return try await db.write { tx in
            _ = try await FrameworkVersionModel.require(versionID, on: tx, "The framework version")
            let values = try ValueSetCSV.parse(csv, measures: try await measures(of: versionID, on: tx))
            var checked = Problems()
            let licence =
                ProxyLicence.validated(
                    name: given.licenceName, url: given.licenceUrl, permitsRedistribution: given.permitsRedistribution,
                    permitsCommercialUse: given.permitsCommercialUse, rows: values.map(\.licence), problems: &checked)
                ?? .notRecorded
            if try await ValueSetModel.query(on: tx).filter(\.$version.$id == versionID).filter(\.$name == name!)
                .first() != nil
            {
                throw ValidationFailure("name", "This version already has a value set called \(name!)")
            }
            let set = ValueSetModel()
            set.$version.id = versionID
            set.name = name!
            set.isIllustrative = illustrative
            set.notes = notes ?? ""
            set.priceIndexJSON = "{}"
            set.apply(licence)
            try await set.create(on: tx)
            try await Self.insert(values, into: set.requireID(), on: tx)
            try await AuditLog.record(
                "created", "value-set", id: set.requireID().uuidString,
                changes: [
                    "name": FieldChange(from: nil, to: set.name),
                    "illustrative": FieldChange(from: nil, to: String(illustrative)),
                    "values": FieldChange(from: nil, to: String(values.count)),
                    "licence": FieldChange(from: nil, to: "\(licence.name): \(licence.terms)"),
                ], by: actor, on: tx)
            return set
        }
    }

    /// Replaces every value of a set from CSV, all-or-nothing. The set of an adopted (or
    /// superseded) version is part of that version and keeps its values (issue 13 §1): other
    /// values are imported as a new set.
    public func replaceValues(_ setID: UUID, csv: String, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.owned(setID, viewer: viewer, "replace the values", on: db)
        try await db.write { tx in
            let set = try await ValueSetModel.require(setID, on: tx, "The value set")
            let version = try await FrameworkVersionModel.require(set.$version.id, on: tx, "The framework version")
            guard version.status.isEditable else {
                throw StorageError.conflict(
                    FieldError(
                        "csvText",
                        "\(set.name) belongs to \(version.label), which is \(version.status.label.lowercased()): its values cannot be replaced. Import the new values as a new value set"
                    ))
            }
            let values = try ValueSetCSV.parse(csv, measures: try await measures(of: set.$version.id, on: tx))
            let old = try await ValueSetEntryModel.query(on: tx).filter(\.$valueSet.$id == setID).all()
            for e in old { try await e.delete(on: tx) }
            try await Self.insert(values, into: setID, on: tx)
            try await AuditLog.record(
                "replaced-values", "value-set", id: setID.uuidString,
                changes: [
                    "values": FieldChange(from: String(old.count), to: String(values.count))
                ], by: actor, on: tx)
        }
    }

    static func insert(_ values: [ProxyValue], into setID: UUID, on tx: Database) async throws {
        for v in values {
            let e = ValueSetEntryModel()
            e.$valueSet.id = setID
            e.measureCode = v.measureCode
            e.valuePerUnit = ValueSetCSV.plain(v.valuePerUnit)
            e.currency = v.currency
            e.baseYear = v.baseYear
            e.source = v.source
            e.licence = v.licence
            e.notes = v.notes
            try await e.create(on: tx)
        }
    }

    /// Stores the price index (CSV `year,index`) beside a set, for uprating, while the set's
    /// version is a draft or out for consultation; an adopted version's set keeps its index.
    public func setPriceIndex(_ setID: UUID, csv: String, viewer: Viewer, by actor: Actor) async throws {
        _ = try await Self.owned(setID, viewer: viewer, "set the price index", on: db)
        let index = try PriceIndex.parse(csv)
        let json = String(
            decoding: try JSONEncoder.sorted.encode(
                Dictionary(
                    uniqueKeysWithValues: index.points.map {
                        (String($0.key), ValueSetCSV.plain($0.value))
                    })), as: UTF8.self)
        try await db.write { tx in
            let set = try await ValueSetModel.require(setID, on: tx, "The value set")
            // The index changes what the set's values are worth in another year's prices, so an
            // adopted (or superseded) version's set keeps it, as it keeps its values
            // (frameworks.md, "What an adopted version keeps").
            let version = try await FrameworkVersionModel.require(set.$version.id, on: tx, "The framework version")
            guard version.status.isEditable else {
                throw StorageError.conflict(
                    FieldError(
                        "indexText",
                        "\(set.name) belongs to \(version.label), which is \(version.status.label.lowercased()): its price index cannot be changed. Import the values with the new index as a new value set, or change it in a new version"
                    ))
            }
            let before = set.priceIndexJSON
            set.priceIndexJSON = json
            try await set.update(on: tx)
            try await AuditLog.record(
                "updated", "value-set", id: setID.uuidString,
                changes: ["priceIndex": FieldChange(from: before, to: json)], by: actor, on: tx)
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
