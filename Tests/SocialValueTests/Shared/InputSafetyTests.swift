import Foundation
import Testing

@testable import SocialValue

/// Issue 19: redirects, spreadsheet cells and text fields that an attacker shapes.
@Suite struct InputSafetyTests {
    @Test(arguments: [
        ("/%09/evil.example", false),  // a tab: browsers strip it and land on //evil.example
        ("/\t/evil.example", false),
        ("/\n/evil.example", false),
        ("//evil", false),
        ("///evil", false),
        ("/\\evil", false),
        ("/%5Cevil", false),
        ("/%5cevil", false),
        ("/%2F/evil", false),  // decodes to //evil
        ("https://x", false),
        ("javascript:alert(1)", false),
        ("evil.example", false),
        ("", false),
        (" /dashboard", false),
        ("/%zz", false),  // not valid percent-encoding
        ("/%00", false),
        ("/ok?x=1", true),
        ("/dashboard", true),
        ("/procurements/5e0c6b9e-0000-4000-8000-000000000000", true),
        ("/pipeline?q=youth%20clubs&kind=services", true),
        ("/pipeline?q=a b", false),  // a space must come encoded
    ])
    func onlyALocalPathIsASafeRedirect(target: String, safe: Bool) {
        #expect(LocalPath.isSafe(target) == safe)
    }

    @Test(arguments: [
        ("-1+HYPERLINK(\"http://x\")", "\"'-1+HYPERLINK(\"\"http://x\"\")\""),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2.5e3", "'-2.5e3"),
        ("+5", "'+5"),
        ("-", "'-"),
        ("-1.", "'-1."),
        ("\tcmd", "'\tcmd"),
        ("\r=cmd", "\"'\r=cmd\""),
        ("-5", "-5"),
        ("-1234.56", "-1234.56"),
        ("0.5", "0.5"),
        ("12", "12"),
        ("plain", "plain"),
    ])
    func cellsThatASpreadsheetWouldRunAreNeutralised(cell: String, written: String) {
        #expect(CSV.escape(cell) == written)
    }

    @Test func controlCharactersInTextAreRefusedNamingTheField() {
        var p = Problems()
        #expect(p.text("Youth\u{0B}\u{01} clubs", field: "title", label: "a title") == nil)
        #expect(p.errors == [FieldError("title", "A title must not contain control characters")])
        var q = Problems()
        #expect(
            q.text("Line one\r\n\tLine two", field: "notes", label: "notes", max: 1_000) == "Line one\r\n\tLine two")
        #expect(q.text("DEL\u{7F}", field: "name", label: "a name") == nil)
        #expect(q.text("C1\u{85}C1", field: "summary", label: "a summary") == nil)
        #expect(q.errors.map(\.field) == ["name", "summary"])
    }

    @Test func xmlTextKeepsOnlyWhatXML10Allows() {
        #expect(XMLText.escape("Youth\u{0B}\u{01} <clubs> & \"more\"") == "Youth <clubs> & \"more\"".xmlGolden)
        #expect(XMLText.escape("tab\there\nnew") == "tab\there\nnew")
        #expect(XMLText.escape("\u{FFFE}\u{FFFF}ok") == "ok")
        #expect(XMLText.escape("😀 £") == "😀 £")
    }
}

extension String {
    /// The expected escaping of the test's one sentence, written out by hand.
    fileprivate var xmlGolden: String { "Youth &lt;clubs&gt; &amp; &quot;more&quot;" }
}
