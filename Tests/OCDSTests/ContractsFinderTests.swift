import Foundation
import Testing

@testable import OCDS

/// Real Contracts Finder data (200 releases of January and March 2025, 190 ocids, some with several
/// releases and repeated party ids; Fixtures/SOURCE.md) compiled must give exactly what
/// `ocdskit compile --package --linked-releases` (ocdskit 1.7.0, ocdsmerge 0.8.0) printed for it with the
/// same schema: the same value, members in the same order, and the same bytes.
@Suite struct ContractsFinderTests {
    private func fixture(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }

    @Test func compileEqualsOcdskitByteForByte() throws {
        var packager = RecordPackager()
        packager.linkedReleases = true
        #expect(
            packager.add(try JSONParser.parse(try fixture("cf-2025-release-package"), duplicateKeys: .keepLast)).isEmpty
        )
        let (package, warnings, problems) = try packager.package(merger: Merger(rules: try MergeRules.bundled()))
        #expect(problems.isEmpty)
        let expectedData = try fixture("cf-2025-ocdskit-record-package")
        let expected = try JSONParser.parse(expectedData)
        #expect(package["records"]?.array?.count == 190)
        #expect(package.sameValue(as: expected))
        let sameOrder = package == expected
        #expect(sameOrder)
        let sameBytes = package.serializedData() + Data("\n".utf8) == expectedData
        #expect(sameBytes)
        // ocdskit warned about the same two arrays of the same release.
        #expect(
            warnings == [
                "ocds-b5fd17-8d84c691-fc64-4f64-b240-443a0af1ba82: Multiple objects have the `id` value \"GB-COH-03794455\" in the `parties` array of release df8d0f63-9018-4d89-9008-acf8ea3d67bc-832814",
                "ocds-b5fd17-8d84c691-fc64-4f64-b240-443a0af1ba82: Multiple objects have the `id` value \"GB-COH-03794455\" in the `awards.suppliers` array of release df8d0f63-9018-4d89-9008-acf8ea3d67bc-832814",
            ])
    }
}
