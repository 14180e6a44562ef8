import Foundation
import Testing

@testable import OCDS

@Suite struct JSONParserTests {
    @Test func numbersKeepTheirText() throws {
        let text = #"[1.10,1e3,-0,12345678901234567890123456789012345678901234567890,1E+2,0.000001,-12.5e-3]"#
        let value = try JSONParser.parse(text)
        let numbers = value.array?.compactMap { v -> String? in
            if case .number(let n) = v { return n.text }
            return nil
        }
        #expect(
            numbers == [
                "1.10", "1e3", "-0", "12345678901234567890123456789012345678901234567890", "1E+2", "0.000001",
                "-12.5e-3",
            ])
        #expect(value.serialized() == text)
    }

    @Test func membersKeepTheirOrder() throws {
        let value = try JSONParser.parse(#"{"z": 1, "a": {"y": true, "b": null}, "m": "x"}"#)
        #expect(value.members?.map(\.key) == ["z", "a", "m"])
        #expect(value["a"]?.members?.map(\.key) == ["y", "b"])
        #expect(value.serialized() == #"{"z":1,"a":{"y":true,"b":null},"m":"x"}"#)
    }

    @Test func prettyOutputIndentsByTwoAndRoundTrips() throws {
        let value = try JSONParser.parse(#"{"a":[1,{"b":"c"}],"e":{},"f":[]}"#)
        let pretty = value.serialized(.pretty)
        #expect(
            pretty == """
                {
                  "a": [
                    1,
                    {
                      "b": "c"
                    }
                  ],
                  "e": {},
                  "f": []
                }
                """)
        #expect(try JSONParser.parse(pretty) == value)
    }

    @Test func stringsDecodeEscapesAndWriteThemBack() throws {
        let value = try JSONParser.parse(#""caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \n\t\u0001""#)
        #expect(value == .string("café 😀 \"q\" \\ / \n\t\u{1}"))
        #expect(value.serialized() == #""café 😀 \"q\" \\ / \n\t\u0001""#)
        #expect(try JSONParser.parse(value.serialized()) == value)
    }

    @Test func strictEqualityNeedsTheSameOrderAndNumberText() throws {
        let a = try JSONParser.parse(#"{"x": 1, "y": 2.0}"#)
        let b = try JSONParser.parse(#"{"y": 2.0, "x": 1}"#)
        let c = try JSONParser.parse(#"{"y": 2, "x": 1}"#)
        #expect(a != b)
        #expect(a.sameValue(as: b))
        #expect(!a.sameValue(as: c))
        #expect(a.equivalent(to: c))
    }

    @Test func errorsSayWhereWithLineColumnAndPointer() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#"{"a": [1, 2,]}"#) }
        let trailing = parseError(#"{"a": [1, 2,]}"#)
        #expect(trailing?.line == 1)
        #expect(trailing?.column == 13)
        #expect(trailing?.pointer == "/a/2")

        let leadingZero = parseError("{\n  \"a\": 01\n}")
        #expect(leadingZero?.line == 2)
        #expect(leadingZero?.column == 9)
        #expect(leadingZero?.pointer == "/a")
        #expect(leadingZero?.message == "Invalid number: leading zero")

        let nested = parseError(#"{"releases": [{"tender": {"title": "x"}}, {"tender": {"value": NaN}}]}"#)
        #expect(nested?.pointer == "/releases/1/tender/value")

        let escaped = parseError(#"{"a/b": {"c~d": tru}}"#)
        #expect(escaped?.pointer == "/a~1b/c~0d")
    }

    @Test func invalidTextsAreRejected() {
        let invalid = [
            "", " ", "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "01", "1.", ".5", "-", "1e", "+1", "NaN", "Infinity",
            "[true", "nul", "\"abc", "\"a\u{1}b\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"", "[] []", "{} x",
            "// c\n1", "'a'",
        ]
        for text in invalid {
            #expect(throws: JSONParseError.self, "\(text.debugDescription) should be rejected") {
                try JSONParser.parse(text)
            }
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xC3, 0x22]) }
    }

    @Test func duplicateKeysAreRejectedUnlessAskedToKeepTheLast() throws {
        let duplicate = #"{"a": 1, "b": 2, "a": 3}"#
        let error = parseError(duplicate)
        #expect(error?.message == "Duplicate member name \"a\"")
        #expect(error?.column == 18)
        let kept = try JSONParser.parse(duplicate, duplicateKeys: .keepLast)
        #expect(kept == .object([JSONMember("a", 3), JSONMember("b", 2)]))
    }

    @Test func sequencesReadJSONLinesAndConcatenatedJSON() throws {
        let values = try JSONParser.parseSequence(Array("{\"a\":1}\n{\"a\":2}{\"a\":3} [4]\n".utf8))
        #expect(values.count == 4)
        #expect(values[2]["a"] == 3)
        #expect(values[3] == [4])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    private func parseError(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch let error as JSONParseError {
            return error
        } catch {
            return nil
        }
    }
}
