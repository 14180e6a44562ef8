import Foundation

extension RecordPackager {
    /// Adds every release in `bytes` (read from `file`: one JSON document, JSON lines, concatenated JSON, or
    /// arrays of them; release packages or bare releases) and returns the problems of those it could not
    /// take, in order: values that are not JSON (reading resumes at the next value) and releases without
    /// ocid, id or date. Used by `ocds compile` and `import ocds` (docs/ocds.md).
    public mutating func addDocuments(_ bytes: [UInt8], file: String) -> [ReleaseProblem] {
        var problems: [ReleaseProblem] = []
        for item in JSONParser.parseSequenceRecovering(bytes, duplicateKeys: .keepLast) {
            let origin = "\(file):\(item.line)"
            switch item.result {
            case .failure(let e):
                let message = "Not JSON: \(e.message) (line \(e.line), column \(e.column))"
                problems.append(ReleaseProblem(origin: origin, pointer: e.pointer, message: message))
            case .success(let value):
                if let items = value.array {
                    for (position, element) in items.enumerated() {
                        problems += add(element, origin: origin, at: "/\(position)")
                    }
                } else {
                    problems += add(value, origin: origin)
                }
            }
        }
        return problems
    }
}
