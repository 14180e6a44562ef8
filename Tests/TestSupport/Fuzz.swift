import Foundation

/// A small seeded generator (SplitMix64): the same seed gives the same numbers on every machine
/// and every run, so a fuzz failure reproduces from the seed it prints.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<n` (n > 0).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
}

/// One fuzz input: the mutations that made it (to print on failure) and its bytes.
public struct FuzzCase: Sendable, CustomStringConvertible {
    public let seed: UInt64
    public var mutations: [String]
    public var bytes: [UInt8]

    public var text: String? { String(validating: bytes, as: UTF8.self) }

    /// The seed, the mutations and the input (shortened, with escapes), for a failure message.
    public var description: String {
        let shown = String(decoding: bytes.prefix(600), as: UTF8.self).debugDescription
        return "seed \(seed), mutations \(mutations), \(bytes.count) bytes: \(shown)\(bytes.count > 600 ? "…" : "")"
    }
}

/// Mutations of a valid file, for importers: each case starts from the valid file and applies
/// one to three mutations chosen by the seed. Sizes are bounded (at most about 600 KB) so no case
/// can hang a parser.
public enum Fuzz {
    public static let formulaCells = [
        "=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(A1:A9)", "-1+HYPERLINK(\"x\")", "@cmd", "=1+1", "\t=1",
        "\r=1",
    ]
    public static let numbersOutOfRange = [
        "99999999999999999999", "1e400", "-0", "0.00001", "NaN", "Infinity", "1,000", "£12", "0x1F", "١٢٣",
        "123456789012.5", "9223372036854775808", "-9223372036854775809", "1.23456",
    ]
    public static let controlScalars: [Unicode.Scalar] = [
        "\u{0}", "\u{1}", "\u{7}", "\u{0B}", "\u{1B}", "\u{7F}", "\u{85}",
    ]
    public static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]]

    /// Cases for a CSV importer, from the valid file `valid` (lines separated by "\n").
    public static func csvCases(from valid: String, seeds: Range<UInt64>) -> [FuzzCase] {
        seeds.map { seed in
            var rng = SplitMix64(seed: seed)
            var c = FuzzCase(seed: seed, mutations: [], bytes: Array(valid.utf8))
            for _ in 0..<(1 + rng.below(3)) { csvMutation(&c, &rng) }
            return c
        }
    }

    /// Cases for a JSON importer, from the valid (pretty-printed, one key per line) file.
    public static func jsonCases(from valid: String, seeds: Range<UInt64>) -> [FuzzCase] {
        seeds.map { seed in
            var rng = SplitMix64(seed: seed)
            var c = FuzzCase(seed: seed, mutations: [], bytes: Array(valid.utf8))
            for _ in 0..<(1 + rng.below(3)) { jsonMutation(&c, &rng) }
            return c
        }
    }

    // MARK: Byte-level mutations (any format)

    static func byteMutation(_ c: inout FuzzCase, _ rng: inout SplitMix64) -> Bool {
        let n = c.bytes.count
        switch rng.below(7) {
        case 0:
            let at = rng.below(n + 1)
            c.bytes = Array(c.bytes.prefix(at))
            c.mutations.append("truncate at \(at)")
        case 1 where n > 0:
            let at = rng.below(n)
            let bit = UInt8(1 << rng.below(8))
            c.bytes[at] ^= bit
            c.mutations.append("flip bit \(bit) of byte \(at)")
        case 2:
            let at = rng.below(n + 1)
            let b = UInt8(truncatingIfNeeded: rng.next())
            c.bytes.insert(b, at: at)
            c.mutations.append("insert byte \(b) at \(at)")
        case 3:
            let at = rng.below(n + 1)
            let seq = rng.pick(invalidUTF8)
            c.bytes.insert(contentsOf: seq, at: at)
            c.mutations.append("invalid UTF-8 \(seq) at \(at)")
        case 4:
            c.bytes = [0xEF, 0xBB, 0xBF] + c.bytes
            c.mutations.append("byte-order mark")
        case 5:
            let at = rng.below(n + 1)
            let s = rng.pick(controlScalars)
            c.bytes.insert(contentsOf: Array(String(s).utf8), at: at)
            c.mutations.append("control U+\(String(s.value, radix: 16)) at \(at)")
        default:
            c.bytes = []
            c.mutations.append("empty")
        }
        return true
    }

    // MARK: CSV

    static func csvMutation(_ c: inout FuzzCase, _ rng: inout SplitMix64) {
        guard let text = c.text, rng.below(10) >= 2 else {
            _ = byteMutation(&c, &rng)
            return
        }
        var lines = text.components(separatedBy: "\n")
        func cellMutate(_ name: String, _ value: (inout SplitMix64) -> String) {
            let l = rng.below(lines.count)
            var cells = lines[l].components(separatedBy: ",")
            let k = rng.below(cells.count)
            let v = value(&rng)
            cells[k] = v
            lines[l] = cells.joined(separator: ",")
            c.mutations.append("\(name) at line \(l + 1) cell \(k + 1)")
        }
        switch rng.below(12) {
        case 0:
            let endings = ["\n", "\r\n", "\r"]
            var out = ""
            for (i, line) in lines.enumerated() {
                out += line
                if i < lines.count - 1 { out += rng.pick(endings) }
            }
            c.bytes = Array(out.utf8)
            c.mutations.append("mixed line endings")
            return
        case 1:
            let l = rng.below(lines.count)
            let at = rng.below(lines[l].unicodeScalars.count + 1)
            var scalars = Array(lines[l].unicodeScalars)
            scalars.insert("\"", at: at)
            lines[l] = String(String.UnicodeScalarView(scalars))
            c.mutations.append("unbalanced quote at line \(l + 1)")
        case 2:
            let l = rng.below(lines.count)
            lines[l] += ",extra"
            c.mutations.append("extra column at line \(l + 1)")
        case 3:
            let l = rng.below(lines.count)
            if let comma = lines[l].lastIndex(of: ",") { lines[l] = String(lines[l][..<comma]) }
            c.mutations.append("missing column at line \(l + 1)")
        case 4:
            let size = 1_000 + rng.below(300_000)
            cellMutate("huge field of \(size)") { _ in String(repeating: "A", count: size) }
        case 5:
            let data = Array(lines.dropFirst().filter { !$0.isEmpty })
            if !data.isEmpty {
                // At most about 600 KB more, however long the lines already are.
                let longest = data.map(\.utf8.count).max()! + 1
                let count = min(100 + rng.below(4_000), max(1, 600_000 / longest))
                lines += (0..<count).map { data[$0 % data.count] }
                c.mutations.append("\(count) more lines")
            }
        case 6:
            let s = rng.pick(controlScalars)
            cellMutate("control U+\(String(s.value, radix: 16))") { _ in "a" + String(s) + "b" }
        case 7:
            cellMutate("formula") { r in r.pick(formulaCells) }
        case 8:
            cellMutate("number out of range") { r in r.pick(numbersOutOfRange) }
        case 9:
            // A valid variant: a cell quoted, with a doubled quote and a line break inside.
            cellMutate("quoted cell") { _ in "\"say \"\"hello\"\",\nthen go\"" }
        case 10:
            let l = rng.below(lines.count)
            lines.insert(lines[l], at: l)
            c.mutations.append("duplicate line \(l + 1)")
        default:
            cellMutate("empty cell") { _ in "" }
        }
        c.bytes = Array(lines.joined(separator: "\n").utf8)
    }

    // MARK: JSON

    static func jsonMutation(_ c: inout FuzzCase, _ rng: inout SplitMix64) {
        guard let text = c.text, rng.below(10) >= 2 else {
            _ = byteMutation(&c, &rng)
            return
        }
        var lines = text.components(separatedBy: "\n")
        /// Lines holding `"key" : value` (or `"key": value`).
        let keyed = lines.indices.filter { lines[$0].contains("\" :") || lines[$0].contains("\":") }
        func valueRange(_ l: Int) -> Range<String.Index>? {
            guard let colon = lines[l].range(of: ": ") else { return nil }
            var end = lines[l].endIndex
            if lines[l].hasSuffix(",") { end = lines[l].index(before: end) }
            return colon.upperBound < end ? colon.upperBound..<end : nil
        }
        switch rng.below(10) {
        case 0 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            var copy = lines[l]
            if !copy.hasSuffix(",") && !copy.hasSuffix("{") && !copy.hasSuffix("[") { copy += "," }
            lines.insert(copy, at: l)
            c.mutations.append("duplicate key at line \(l + 1)")
        case 1:
            let depth = 10 + rng.below(3_000)
            let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            if let l = keyed.isEmpty ? nil : rng.pick(keyed), let r = valueRange(l) {
                lines[l].replaceSubrange(r, with: nested)
            } else {
                lines = [nested]
            }
            c.mutations.append("nesting \(depth) deep")
        case 2 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            if let r = valueRange(l), lines[l][r].hasPrefix("\"") {
                let escape = rng.pick(["\\u0000", "\\u000b", "\\u001b", "\\u007f", "\\ud800", "\\u0085"])
                lines[l].insert(contentsOf: escape, at: lines[l].index(after: r.lowerBound))
                c.mutations.append("escape \(escape) at line \(l + 1)")
            }
        case 3 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            if let r = valueRange(l) {
                let v = rng.pick(["1", "-1e999", "null", "true", "[]", "{}", "\"\"", "123456789012345678901234567890"])
                lines[l].replaceSubrange(r, with: v)
                c.mutations.append("value \(v) at line \(l + 1)")
            }
        case 4 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            lines.remove(at: l)
            c.mutations.append("remove line \(l + 1)")
        case 5 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            if let r = valueRange(l) {
                let size = 1_000 + rng.below(200_000)
                lines[l].replaceSubrange(r, with: "\"" + String(repeating: "x", count: size) + "\"")
                c.mutations.append("string of \(size) at line \(l + 1)")
            }
        case 6 where !keyed.isEmpty:
            let l = rng.pick(keyed)
            if let r = valueRange(l), lines[l][r].hasPrefix("\"") {
                let inner = String(lines[l][r].dropFirst().dropLast())
                let padded = "\"  \(inner)  \""
                lines[l].replaceSubrange(r, with: padded)
                c.mutations.append("padded value at line \(l + 1)")
            }
        case 7:
            let s = rng.pick(controlScalars)
            let l = rng.below(lines.count)
            lines[l].unicodeScalars.append(s)
            c.mutations.append("raw control U+\(String(s.value, radix: 16)) at line \(l + 1)")
        case 8:
            lines.append(rng.pick(["{}", ",", "x", "null"]))
            c.mutations.append("trailing text")
        default:
            _ = byteMutation(&c, &rng)
            return
        }
        c.bytes = Array(lines.joined(separator: "\n").utf8)
    }
}
