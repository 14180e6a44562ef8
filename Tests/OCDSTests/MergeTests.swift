import Foundation
import Testing

@testable import OCDS

/// Each merge rule and edge case of the OCDS merge routine (docs/ocds.md), with the bundled 1.1.5 schema.
/// Expected values are written by hand from the rules in the OCDS documentation, not taken from the code.
@Suite struct MergeTests {
    let merger = Merger(rules: try! MergeRules.bundled())

    private func compiled(_ releases: String...) throws -> JSONValue {
        try merger.compiledRelease(releases.map { try JSONParser.parse($0) }).release
    }

    private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    @Test func rulesComeFromTheSchema() throws {
        let rules = merger.rules
        #expect(rules[["id"]] == .omitWhenMerged)
        #expect(rules[["date"]] == .omitWhenMerged)
        #expect(rules[["tag"]] == .omitWhenMerged)
        #expect(rules[["ocid"]] == nil)
        #expect(rules[["parties", "additionalIdentifiers"]] == .wholeListMerge)
        #expect(rules[["parties", "roles"]] == .wholeListMerge)
        #expect(rules[["tender", "additionalProcurementCategories"]] == .wholeListMerge)
        #expect(rules[["tender", "deliveryAddresses"]] == .wholeListMerge)
        #expect(rules[["awards"]] == nil)
        #expect(rules[["awards", "suppliers"]] == nil)
        #expect(rules[["awards", "items", "additionalClassifications"]] == .wholeListMerge)
    }

    @Test func compiledReleaseHasItsOwnTagIdAndDateFirst() throws {
        let result = try compiled(
            #"{"ocid": "ocds-1", "id": "r1", "date": "2020-01-01T00:00:00Z", "tag": ["tender"], "language": "en"}"#,
            #"{"ocid": "ocds-1", "id": "r2", "date": "2020-02-01T00:00:00Z", "tag": ["award"]}"#)
        #expect(
            result
                == (try json(
                    #"{"tag": ["compiled"], "id": "ocds-1-2020-02-01T00:00:00Z", "date": "2020-02-01T00:00:00Z", "ocid": "ocds-1", "language": "en"}"#
                )))
    }

    @Test func objectsMergeMemberByMember() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": "A", "value": {"amount": 1.50, "currency": "GBP"}}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"title": "B", "value": {"amount": 2.00}}}"#)
        #expect(result["tender"] == (try json(#"{"title": "B", "value": {"amount": 2.00, "currency": "GBP"}}"#)))
    }

    @Test func arraysOfObjectsMergeById() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "awards": [{"id": "1", "title": "x", "status": "pending"}, {"id": "2", "title": "y"}]}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "awards": [{"id": "2", "title": "z"}, {"id": "3"}]}"#)
        #expect(
            result["awards"]
                == (try json(
                    #"[{"id": "1", "title": "x", "status": "pending"}, {"id": "2", "title": "z"}, {"id": "3"}]"#)))
    }

    @Test func objectsWithoutIdAreKeptNotMerged() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "awards": [{"title": "first"}]}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "awards": [{"title": "second"}, {"title": "second"}]}"#)
        #expect(result["awards"] == (try json(#"[{"title": "first"}, {"title": "second"}, {"title": "second"}]"#)))
    }

    @Test func numericAndStringIdsAreDifferentIdentities() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "awards": [{"id": 1, "title": "number"}]}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "awards": [{"id": "1", "title": "string"}]}"#)
        #expect(result["awards"] == (try json(#"[{"id": 1, "title": "number"}, {"id": "1", "title": "string"}]"#)))
    }

    @Test func wholeListMergeArraysAreReplacedWhole() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "parties": [{"id": "p", "additionalIdentifiers": [{"scheme": "A", "id": "1"}, {"scheme": "B", "id": "2"}], "roles": ["buyer", "payer"]}]}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "parties": [{"id": "p", "additionalIdentifiers": [{"scheme": "C", "id": "3"}], "roles": ["supplier"]}]}"#
        )
        #expect(
            result["parties"]
                == (try json(
                    #"[{"id": "p", "additionalIdentifiers": [{"scheme": "C", "id": "3"}], "roles": ["supplier"]}]"#)))
    }

    @Test func emptyWholeListArrayReplacesButEmptyIdentifierArrayDoesNothing() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"additionalProcurementCategories": ["goods"]}, "awards": [{"id": "1"}]}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"additionalProcurementCategories": []}, "awards": []}"#
        )
        #expect(result["tender"] == (try json(#"{"additionalProcurementCategories": []}"#)))
        #expect(result["awards"] == (try json(#"[{"id": "1"}]"#)))
    }

    @Test func emptyObjectsDoNothing() throws {
        let later = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": "A"}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {}}"#)
        #expect(later["tender"] == (try json(#"{"title": "A"}"#)))
        let only = try compiled(#"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {}, "awards": []}"#)
        #expect(only["tender"] == nil)
        #expect(only["awards"] == nil)
    }

    @Test func omitWhenMergedFieldsAreLeftOut() throws {
        let result = try compiled(#"{"ocid": "o", "id": "r", "date": "2020-01-01", "tag": ["planning"]}"#)
        #expect(result["tag"] == ["compiled"])
        #expect(result["id"] == "o-2020-01-01")
    }

    @Test func nullRemovesAField() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": "A", "description": "D"}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"title": null}}"#)
        #expect(result["tender"] == (try json(#"{"description": "D"}"#)))
    }

    @Test func nullInTheFirstReleaseLeavesTheFieldOutUntilSet() throws {
        let unset = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": null, "status": "active"}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"status": "complete"}}"#)
        #expect(unset["tender"] == (try json(#"{"status": "complete"}"#)))
        let set = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": null}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"title": "B"}}"#)
        #expect(set["tender"] == (try json(#"{"title": "B"}"#)))
    }

    @Test func releasesAreTakenInDateOrderTiesInInputOrder() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "3", "date": "2020-03-01", "tender": {"title": "third"}}"#,
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"title": "first", "status": "planned"}}"#)
        #expect(result["tender"] == (try json(#"{"title": "third", "status": "planned"}"#)))
        #expect(result["date"] == "2020-03-01")
        let tie = try compiled(
            #"{"ocid": "o", "id": "a", "date": "2020-01-01", "tender": {"title": "a"}}"#,
            #"{"ocid": "o", "id": "b", "date": "2020-01-01", "tender": {"title": "b"}}"#)
        #expect(tie["tender"]?["title"] == "b")
    }

    @Test func duplicateIdsInOneReleaseMergeIntoOneObjectWithAWarning() throws {
        let result = try merger.compiledRelease([
            try json(
                #"{"ocid": "o", "id": "r1", "date": "2020-01-01", "awards": [{"id": "1", "title": "a", "status": "x"}, {"id": "1", "title": "b"}]}"#
            )
        ])
        #expect(result.release["awards"] == (try json(#"[{"id": "1", "title": "b", "status": "x"}]"#)))
        #expect(result.warnings.count == 1)
        #expect(result.warnings.first?.path == "awards")
        #expect(result.warnings.first?.releaseID == "r1")
    }

    @Test func idInAnObjectOutsideAnArrayIsAnOrdinaryField() throws {
        let result = try compiled(
            #"{"ocid": "o", "id": "1", "date": "2020-01-01", "tender": {"id": "t1", "title": "A"}}"#,
            #"{"ocid": "o", "id": "2", "date": "2020-01-02", "tender": {"id": "t2"}}"#)
        #expect(result["tender"] == (try json(#"{"id": "t2", "title": "A"}"#)))
    }

    @Test func releasesWithoutDatesCannotBeOrdered() throws {
        #expect(throws: MergeError.missingDate(index: 1)) {
            try compiled(#"{"ocid": "o", "id": "1", "date": "2020"}"#, #"{"ocid": "o", "id": "2"}"#)
        }
        #expect(throws: MergeError.invalidDate(index: 0)) {
            try compiled(#"{"ocid": "o", "id": "1", "date": null}"#, #"{"ocid": "o", "id": "2", "date": "2020"}"#)
        }
    }

    @Test func versionedReleaseKeepsEachChangeWithItsRelease() throws {
        let releases = try [
            json(
                #"{"ocid": "o", "id": "r1", "date": "2020-01-01", "tag": ["tender"], "tender": {"id": "t1", "title": "A"}, "awards": [{"id": "1", "status": "pending"}]}"#
            ),
            json(
                #"{"ocid": "o", "id": "r2", "date": "2020-01-02", "tag": ["award"], "tender": {"id": "t1", "title": "B"}, "awards": [{"id": "1", "status": "active"}]}"#
            ),
        ]
        let result = try merger.versionedRelease(releases).release
        let expected = try json(
            #"""
            {"ocid": "o",
             "tender": {
               "id": [{"releaseID": "r1", "releaseDate": "2020-01-01", "releaseTag": ["tender"], "value": "t1"}],
               "title": [{"releaseID": "r1", "releaseDate": "2020-01-01", "releaseTag": ["tender"], "value": "A"},
                         {"releaseID": "r2", "releaseDate": "2020-01-02", "releaseTag": ["award"], "value": "B"}]},
             "awards": [{"id": "1",
               "status": [{"releaseID": "r1", "releaseDate": "2020-01-01", "releaseTag": ["tender"], "value": "pending"},
                          {"releaseID": "r2", "releaseDate": "2020-01-02", "releaseTag": ["award"], "value": "active"}]}]}
            """#)
        #expect(result == expected)
    }

    @Test func versionedReleaseRecordsANullAsAValue() throws {
        let releases = try [
            json(#"{"ocid": "o", "id": "r1", "date": "2020-01-01", "tag": ["tender"], "tender": {"title": "A"}}"#),
            json(#"{"ocid": "o", "id": "r2", "date": "2020-01-02", "tag": ["tender"], "tender": {"title": null}}"#),
        ]
        let title = try merger.versionedRelease(releases).release["tender"]?["title"]
        #expect(title?.array?.count == 2)
        #expect(title?.array?.last?["value"] == .null)
    }
}
