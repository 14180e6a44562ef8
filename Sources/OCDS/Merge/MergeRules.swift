import Foundation

/// What the merge routine does with a field, read from a release schema (docs/ocds.md, "Merge rules").
public enum MergeRule: Sendable, Equatable {
    /// `"omitWhenMerged": true` (or 1.0's `"mergeStrategy": "ocdsOmit"`): left out of merged releases.
    case omitWhenMerged
    /// Replaced whole, never merged item by item: `"wholeListMerge": true` (or `"mergeStrategy":
    /// "ocdsVersion"`), arrays whose `items` allow anything but objects, and arrays of objects without `id`.
    case wholeListMerge
}

/// The merge rules of a release schema, keyed by field path without array positions
/// (`["awards", "suppliers"]`). Built as the OCDS reference implementation (ocdsmerge) builds them, from
/// the schema with its local `$ref`s resolved (a `$ref`'s sibling keywords are ignored, as `jsonref` does).
public struct MergeRules: Sendable {
    public private(set) var rules: [[String]: MergeRule] = [:]

    public init(rules: [[String]: MergeRule]) { self.rules = rules }

    public subscript(path: [String]) -> MergeRule? { rules[path] }

    /// The rules of a release schema (JSON Schema with `properties` and local `#/definitions/...` refs).
    public init(schema: JSONValue) {
        var builder = Builder(root: schema)
        if case .object(let properties)? = builder.resolve(schema)["properties"] {
            builder.collect(properties, path: [], depth: 0)
        }
        self.rules = builder.rules
    }

    public init(schemaData: Data) throws {
        self.init(schema: try JSONParser.parse(schemaData, duplicateKeys: .keepLast))
    }

    /// The default schema: OCDS 1.1.5's release schema patched with the UK profile's extensions
    /// (`Sources/OCDS/Resources/`, see its SOURCE.md).
    public static func bundled() throws -> MergeRules {
        try MergeRules(schemaData: try Data(contentsOf: bundledSchemaURL))
    }

    public static var bundledSchemaURL: URL {
        Bundle.module.url(
            forResource: "release-schema-1__1__5-uk-profile-patched", withExtension: "json", subdirectory: "Resources")!
    }

    private struct Builder {
        let root: JSONValue
        var rules: [[String]: MergeRule] = [:]

        /// Follows `$ref`s that point inside the schema (`#/definitions/Name`, any JSON pointer).
        func resolve(_ node: JSONValue) -> JSONValue {
            var current = node
            var hops = 0
            while let ref = current["$ref"]?.string, ref.hasPrefix("#"), hops < 32 {
                guard let target = lookUp(pointer: String(ref.dropFirst())) else { return current }
                current = target
                hops += 1
            }
            return current
        }

        private func lookUp(pointer: String) -> JSONValue? {
            var node = root
            for raw in pointer.split(separator: "/", omittingEmptySubsequences: true) {
                let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                if let next = node[token] {
                    node = next
                } else if let i = Int(token), let items = node.array, items.indices.contains(i) {
                    node = items[i]
                } else {
                    return nil
                }
            }
            return node
        }

        private func types(_ node: JSONValue) -> [String] {
            switch node["type"] {
            case .string(let t)?: return [t]
            case .array(let ts)?: return ts.compactMap(\.string)
            default: return []
            }
        }

        mutating func collect(_ properties: [JSONMember], path: [String], depth: Int) {
            // OCDS schemas are not recursive; the bound only guards against a malformed one.
            guard depth < 64 else { return }
            for member in properties {
                let value = resolve(member.value)
                let newPath = path + [member.key]
                let types = types(value)
                if value["omitWhenMerged"] == .bool(true) || value["mergeStrategy"] == "ocdsOmit" {
                    rules[newPath] = .omitWhenMerged
                } else if types.contains("array"),
                    value["wholeListMerge"] == .bool(true) || value["mergeStrategy"] == "ocdsVersion"
                {
                    rules[newPath] = .wholeListMerge
                } else if types.contains("object"), case .object(let nested)? = value["properties"] {
                    collect(nested, path: newPath, depth: depth + 1)
                } else if types.contains("array"), let rawItems = value["items"] {
                    let items = resolve(rawItems)
                    let itemTypes = self.types(items)
                    if itemTypes.contains(where: { $0 != "object" }) {
                        rules[newPath] = .wholeListMerge
                    } else if itemTypes.contains("object"), case .object(let nested)? = items["properties"] {
                        if nested.contains(where: { $0.key == "id" }) {
                            collect(nested, path: newPath, depth: depth + 1)
                        } else {
                            rules[newPath] = .wholeListMerge
                        }
                    }
                }
            }
        }
    }
}
