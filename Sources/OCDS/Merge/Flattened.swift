import Foundation

/// One step of a flattened path: a member name, or an object in an array named by its `id` (identifier
/// merge) — or, if it has no `id`, by a number unique to this merge, so it is never merged with another.
enum PathPart: Hashable {
    case key(String)
    case item(ItemKey)
}

/// An array item's identity. Two objects with the same `id` value (same JSON type and text) have the
/// same identity; `original` is the `id` value to write back (nil when the object had no `id`).
struct ItemKey: Hashable {
    let identity: String
    let original: JSONValue?

    static func == (a: ItemKey, b: ItemKey) -> Bool { a.identity == b.identity }
    func hash(into hasher: inout Hasher) { hasher.combine(identity) }
}

/// An insertion-ordered map from flattened paths to values: setting an existing path keeps its position,
/// like Python's dict in the reference implementation — that order becomes the output's member order.
struct OrderedFlat<Value> {
    private(set) var keys: [[PathPart]] = []
    private var positions: [[PathPart]: Int] = [:]
    private(set) var values: [Value] = []

    subscript(key: [PathPart]) -> Value? {
        get { positions[key].map { values[$0] } }
        set {
            if let i = positions[key] {
                if let newValue { values[i] = newValue }
            } else if let newValue {
                positions[key] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    var entries: Zip2Sequence<[[PathPart]], [Value]> { zip(keys, values) }
}

/// A repeated `id` inside one array of one release: the objects are merged into one (later fields win),
/// as the reference implementation does; reported so that a publisher's mistake is visible.
public struct DuplicateIdWarning: Sendable, Equatable, CustomStringConvertible {
    public let releaseID: String?
    public let path: String
    public let id: String
    public var description: String {
        "Multiple objects have the `id` value \(id) in the `\(path)` array"
            + (releaseID.map { " of release \($0)" } ?? "")
    }
}

/// Turns a release into (path, value) pairs by the merge rules: literals, `wholeListMerge` arrays and
/// arrays holding anything but objects are leaves; objects and arrays of objects are walked; empty
/// objects and arrays are skipped ("if the object is empty in input, do nothing"); `omitWhenMerged`
/// fields are dropped.
struct Flattener {
    let rules: MergeRules
    var counter: Int
    var warnings: [DuplicateIdWarning] = []
    let releaseID: String?

    mutating func flatten(_ release: JSONValue) -> OrderedFlat<JSONValue> {
        var out = OrderedFlat<JSONValue>()
        walk(release, path: [], rulePath: [], into: &out)
        return out
    }

    private mutating func walk(
        _ node: JSONValue, path: [PathPart], rulePath: [String], into out: inout OrderedFlat<JSONValue>
    ) {
        switch node {
        case .object(let members):
            for member in members {
                visit(member.value, path: path + [.key(member.key)], rulePath: rulePath + [member.key], into: &out)
            }
        case .array(let items):
            var seen: [String: Int] = [:]
            for (index, item) in items.enumerated() {
                let key = itemKey(item)
                if let earlier = seen[key.identity], earlier != index {
                    warnings.append(
                        DuplicateIdWarning(
                            releaseID: releaseID, path: rulePath.joined(separator: "."),
                            id: key.original.map { $0.serialized() } ?? "null"))
                } else {
                    seen[key.identity] = index
                }
                visit(item, path: path + [.item(key)], rulePath: rulePath, into: &out)
            }
        default:
            break
        }
    }

    private mutating func visit(
        _ value: JSONValue, path: [PathPart], rulePath: [String], into out: inout OrderedFlat<JSONValue>
    ) {
        let rule = rules[rulePath]
        if rule == .omitWhenMerged { return }
        let isLeaf: Bool
        switch value {
        case .object: isLeaf = rule == .wholeListMerge
        case .array(let items): isLeaf = rule == .wholeListMerge || items.contains { !$0.isObject }
        default: isLeaf = true
        }
        if isLeaf {
            out[path] = value
        } else if !value.isEmptyContainer {
            walk(value, path: path, rulePath: rulePath, into: &out)
        }
    }

    /// An object with an `id` member (even `null`) is named by it; one without gets a fresh identity.
    private mutating func itemKey(_ item: JSONValue) -> ItemKey {
        if let id = item["id"] {
            let identity: String
            switch id {
            case .string(let s): identity = "s" + s
            case .number(let n): identity = "n" + n.text
            default: identity = "j" + id.serialized()
            }
            return ItemKey(identity: identity, original: id.isNull ? nil : id)
        }
        counter += 1
        return ItemKey(identity: "#\(counter)", original: nil)
    }
}

/// A merged value that cannot be rebuilt: an earlier release had a literal where a later one has an
/// object or an array of objects (or the reverse), at `pointer`.
public struct InconsistentTypeError: Error, Sendable, Equatable, CustomStringConvertible {
    public let pointer: String
    public var description: String {
        "An earlier release had a literal value at \(pointer), but a later release has an object there"
    }
}

/// Rebuilds a JSON object from flattened paths, in the paths' order: array items are found by identity
/// (a new identity appends an object, starting with its `id`), a `null` leaf leaves the field out.
enum Unflattener {
    final class Node {
        enum Kind {
            case object
            case array
            case literal(JSONValue)
        }
        var kind: Kind
        var keys: [String] = []
        var children: [String: Node] = [:]
        var items: [Node] = []
        var byIdentity: [String: Node] = [:]

        init(_ kind: Kind) { self.kind = kind }

        var json: JSONValue {
            switch kind {
            case .literal(let v): return v
            case .array: return .array(items.map(\.json))
            case .object: return .object(keys.map { JSONMember($0, children[$0]!.json) })
            }
        }

        func set(_ key: String, _ node: Node) {
            if children[key] == nil { keys.append(key) }
            children[key] = node
        }
    }

    static func unflatten(_ entries: [([PathPart], JSONValue)]) throws -> JSONValue {
        let root = Node(.object)
        for (key, value) in entries {
            var current = root
            for (position, part) in key.enumerated() {
                let isLast = position == key.count - 1
                switch part {
                case .item(let item):
                    guard case .array = current.kind else { throw inconsistent(key, upTo: position) }
                    if let existing = current.byIdentity[item.identity] {
                        current = existing
                    } else {
                        let node = Node(.object)
                        if let id = item.original { node.set("id", Node(.literal(id))) }
                        current.byIdentity[item.identity] = node
                        current.items.append(node)
                        current = node
                    }
                case .key(let name):
                    guard case .object = current.kind else { throw inconsistent(key, upTo: position) }
                    if let existing = current.children[name] {
                        // A path seen before: change into it (an array item's `id` is already set).
                        if !isLast, case .literal = existing.kind { throw inconsistent(key, upTo: position + 1) }
                        current = existing
                        continue
                    }
                    if !isLast {
                        let next: Node
                        if case .item = key[position + 1] { next = Node(.array) } else { next = Node(.object) }
                        current.set(name, next)
                        current = next
                    } else if !value.isNull {
                        current.set(name, Node(.literal(value)))
                    }
                }
            }
        }
        return root.json
    }

    private static func inconsistent(_ key: [PathPart], upTo end: Int) -> InconsistentTypeError {
        InconsistentTypeError(pointer: pointer(Array(key.prefix(end))))
    }

    static func pointer(_ parts: [PathPart]) -> String {
        parts.map { part in
            switch part {
            case .key(let k): return "/" + k
            case .item(let i): return "/[id=\(i.original?.serialized() ?? "none")]"
            }
        }.joined()
    }
}
