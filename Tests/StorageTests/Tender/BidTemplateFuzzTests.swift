import Fluent
import Foundation
import SocialValue
import TestSupport
import Testing

@testable import Storage

/// Fuzzing the bid template upload (issue 19): the filled template, as CSV and as JSON, mutated
/// by fixed seeds, read by the core (`BidTemplate`) and saved as the draft through the store, as
/// the upload does. Each input is either saved as read, or refused with problems that name the
/// line (CSV) or JSON path, and the draft stays as it was.
@Suite struct BidTemplateFuzzTests {
    static let csvSeeds: Range<UInt64> = 3_001..<3_301
    static let jsonSeeds: Range<UInt64> = 4_001..<4_301

    enum Format { case csv, json }

    func fuzz(_ format: Format, seeds: Range<UInt64>) async throws {
        try await withApp(.sqliteMemory) { app async throws in
            let a = try await TenderArea(app)
            let config = try await a.tenders.find(a.tender).configuration
            let filled = try Bids.validate(TenderArea.complete, config: config, isVCS: false)
            let saveDraft = { (input: BidInput) in
                try await a.bids.saveDraft(
                    tender: a.tender, organisation: a.area.firm, input, viewer: a.kim, by: .user(a.area.kim),
                    now: TenderArea.before)
            }
            _ = try await saveDraft(TenderArea.complete)
            let cases: [FuzzCase]
            switch format {
            case .csv:
                cases = Fuzz.csvCases(from: BidTemplate.csv(config: config, isVCS: false, filled: filled), seeds: seeds)
            case .json:
                cases = Fuzz.jsonCases(
                    from: BidTemplate.json(
                        tender: a.tender, title: "Meals", config: config, isVCS: false, filled: filled),
                    seeds: seeds)
            }
            var (accepted, refused) = (0, 0)
            for c in cases {
                guard let text = c.text else { continue }  // the upload refuses bytes that are not UTF-8
                let before = try await a.bids.ownBid(tender: a.tender, organisation: a.area.firm, viewer: a.kim)!
                let events = try await AuditEventModel.query(on: app.db).count()
                let bids = try await BidModel.query(on: app.db).count()
                let input: BidInput
                var lines = TemplateCSV.Lines()
                do {
                    switch format {
                    case .csv:
                        (input, lines) = try BidTemplate.parseCSV(text)
                    case .json: input = try BidTemplate.parseJSON(text, tender: a.tender)
                    }
                } catch let f as ValidationFailure {
                    refused += 1
                    for e in f.errors {
                        switch format {
                        case .csv: #expect(e.field == "csv" && e.message.hasPrefix("line "), "\(e) — \(c)")
                        case .json: #expect(e.field.hasPrefix("$"), "\(e) — \(c)")
                        }
                    }
                    continue
                } catch {
                    Issue.record("unexpected \(error) — \(c)")
                    continue
                }
                let expected = Result { try Bids.validate(input, config: config, isVCS: false) }
                do {
                    let saved = try await saveDraft(input)
                    accepted += 1
                    #expect(saved.content == (try expected.get()), "\(c)")
                    #expect(
                        try await a.bids.ownBid(tender: a.tender, organisation: a.area.firm, viewer: a.kim)!.content
                            == (try expected.get()), "\(c)")
                } catch let f as ValidationFailure {
                    refused += 1
                    if case .failure(let e as ValidationFailure) = expected {
                        #expect(e == f, "\(c)")
                    } else {
                        Issue.record("the store refused what the rules accept — \(c)")
                    }
                    for e in f.errors {
                        switch format {
                        case .csv: #expect(lines.byField[e.field] != nil, "\(e) has no line — \(c)")
                        case .json: #expect(BidTemplate.jsonPath(e.field, config: config).hasPrefix("$."), "\(c)")
                        }
                    }
                    let after = try await a.bids.ownBid(tender: a.tender, organisation: a.area.firm, viewer: a.kim)!
                    #expect(after.content == before.content, "the draft changed — \(c)")
                    #expect(try await AuditEventModel.query(on: app.db).count() == events, "\(c)")
                    #expect(try await BidModel.query(on: app.db).count() == bids, "\(c)")
                }
            }
            print("bid template \(format) fuzz: \(seeds.count) cases, \(accepted) accepted, \(refused) refused")
            #expect(accepted > 10 && refused > 50)
        }
    }

    @Test func bidTemplateCSVFuzz() async throws { try await fuzz(.csv, seeds: Self.csvSeeds) }

    @Test func bidTemplateJSONFuzz() async throws { try await fuzz(.json, seeds: Self.jsonSeeds) }
}
