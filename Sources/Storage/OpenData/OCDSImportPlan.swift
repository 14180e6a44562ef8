import Foundation
import OCDS

/// An OCDS import before anything is stored (docs/ocds.md, "commonweal import ocds"): the input read and
/// compiled per ocid, each record mapped, the problems and the data quality findings.
public struct OCDSImportPlan: Sendable {
    public var items: [OCDSImportStore.Item] = []
    /// Releases left out, in order: `FILE:LINE: POINTER: message`.
    public var problems: [ReleaseProblem] = []
    /// Duplicate ids merged into one object (ocdsmerge's warning).
    public var warnings: [String] = []
    public var findings: [ImportFinding] = []
    /// Releases taken into records.
    public var releasesTaken = 0
    /// True when `strict` met a problem: `problems` holds it and there is nothing to import.
    public var stopped = false
    /// Items of two OCDS versions (1.0 and 1.1) in the input: the command refuses them unless allowed.
    public var versionMix: VersionMix?

    /// Reads `inputs` (name and bytes, already decompressed), compiles by `rules` and maps every record.
    /// With `strict` the first problem stops it. `source` is what imported records say they came from.
    public init(_ inputs: [(file: String, bytes: [UInt8])], rules: MergeRules, strict: Bool, source: String) throws {
        var packager = RecordPackager()
        for input in inputs {
            let found = packager.addDocuments(input.bytes, file: input.file)
            versionMix = packager.versionMix
            if stop(found, strict) { return }
        }
        let compiled = try packager.records(merger: Merger(rules: rules))
        if stop(compiled.problems, strict) { return }
        warnings = compiled.warnings
        var findings = OCDSImportFindings()
        for record in compiled.records {
            guard let ocid = record["ocid"]?.string, let release = record["compiledRelease"] else { continue }
            let releases = record["releases"]?.array ?? []
            for r in releases { findings.check(release: r, ocid: ocid) }
            do {
                let item = try OCDSImportStore.Item(compiledRelease: release, source: source)
                findings.check(item.procurement)
                items.append(item)
                releasesTaken += releases.count
            } catch {
                let problem = ReleaseProblem(origin: ocid, pointer: "", message: "\(error)")
                if stop([problem], strict) { return }
            }
        }
        self.findings = findings.all
    }

    /// Adds `found` to the problems; with `strict`, keeps only the first, drops everything else and says stop.
    private mutating func stop(_ found: [ReleaseProblem], _ strict: Bool) -> Bool {
        guard let first = found.first else { return false }
        guard strict else {
            problems += found
            return false
        }
        problems = [first]
        items = []
        stopped = true
        return true
    }
}
