import Foundation
import Testing

@testable import SocialValue

@Suite struct BidRuleTests {
    func complete() -> BidInput {
        BidInput(
            price: "100,000", responses: ["Q1": "We will", "Q2": "Our staff"],
            commitments: ["VCSE-SPEND": "40000", "APPR": "10"],
            deliveryPlan: "Quarterly reports")
    }

    @Test func aDraftMayBeIncompleteButItsValuesAreChecked() throws {
        let config = try TenderFixture.config()
        let draft = try Bids.validate(BidInput(price: "", responses: ["Q1": "  "]), config: config, isVCS: false)
        #expect(draft.price == nil && draft.responses.isEmpty)
        let e = #expect(throws: ValidationFailure.self) {
            try Bids.validate(
                BidInput(
                    price: "-5", responses: ["Q9": "x"], commitments: ["APPR": "-1", "NOPE": "1"],
                    embeddedValueStatement: "We are local", socialValueResponse: "x"), config: config, isVCS: false)
        }
        #expect(
            Set(e?.errors.map(\.field) ?? []) == [
                "price", "responses.Q9", "commitments.APPR", "commitments.NOPE",
                "embeddedValueStatement", "socialValueResponse",
            ])
        #expect(
            e?.message(for: "commitments.APPR")
                == "Enter the quantity for APPR as a number of 0 or more, like 12 or 1500.5")
    }

    @Test func aSubmissionMustBeComplete() throws {
        let config = try TenderFixture.config()
        let e = #expect(throws: ValidationFailure.self) {
            try Bids.checkComplete(
                try Bids.validate(BidInput(price: "0", responses: ["Q1": "x"]), config: config, isVCS: false),
                config: config)
        }
        #expect(
            Set(e?.errors.map(\.field) ?? []) == [
                "price", "responses.Q2", "commitments.VCSE-SPEND", "commitments.APPR", "deliveryPlan",
            ])
        #expect(e?.message(for: "responses.Q2") == "Answer Q2: Staffing")
        try Bids.checkComplete(try Bids.validate(complete(), config: config, isVCS: false), config: config)
        // Zero is a quantity.
        var zero = complete()
        zero.commitments = ["VCSE-SPEND": "0", "APPR": "0"]
        try Bids.checkComplete(try Bids.validate(zero, config: config, isVCS: false), config: config)
    }

    @Test func aVCSOrganisationMayAddAnEmbeddedValueStatement() throws {
        var input = complete()
        input.embeddedValueStatement = "Our volunteers are local people"
        let c = try Bids.validate(input, config: try TenderFixture.config(), isVCS: true)
        #expect(c.embeddedValueStatement == "Our volunteers are local people")
    }

    @Test func aQualitativeTenderAsksForAWrittenResponse() throws {
        let (config, _) = try TenderSetup.validate(
            TenderFixture.input {
                $0.socialValueMethod = "qualitative"
                $0.measureCodes = []
            }, context: TenderFixture.context())
        let e = #expect(throws: ValidationFailure.self) {
            try Bids.checkComplete(
                try Bids.validate(
                    BidInput(price: "10", responses: ["Q1": "a", "Q2": "b"]), config: config, isVCS: false),
                config: config)
        }
        #expect(e?.errors == [FieldError("socialValueResponse", "Enter your social value response")])
    }

    @Test func deliverabilityWarnsWhereAMeasureExceedsTheShareOfThePrice() throws {
        let config = try TenderFixture.config()
        // Price £100,000, share 50%: limit £50,000. VCSE spend 50,000 × £1 is at the limit (fine);
        // 205 apprenticeship weeks × £244.63 = £50,149.15 is over it.
        let c = try Bids.validate(
            BidInput(price: "100000", commitments: ["VCSE-SPEND": "50000", "APPR": "205"]), config: config, isVCS: false
        )
        let w = Bids.deliverabilityWarnings(c, config: config)
        #expect(w.map(\.measureCode) == ["APPR"])
        #expect(w.first?.monetised == "50149.15")
        #expect(
            w.first?.message
                == "Check deliverability: your commitment for APPR Apprenticeship weeks is worth £50,149.15, more than 50% of your bid price (£50,000)"
        )
        #expect(c.monetisedSocialValue(config) == Decimal(string: "100149.15")!)
        #expect(Bids.deliverabilityWarnings(BidContent(commitments: ["APPR": 1000]), config: config).isEmpty)
    }

    @Test func theCanonicalTextIsFixedByContentNotByOrder() throws {
        let config = try TenderFixture.config()
        let t = UUID(uuidString: "00000000-0000-0000-0000-000000000001")!
        let o = UUID(uuidString: "00000000-0000-0000-0000-000000000002")!
        let a = try Bids.validate(complete(), config: config, isVCS: false)
        var b = a
        b.responses = ["Q2": "Our staff", "Q1": "We will"]
        let textA = Bids.canonicalText(tender: t, organisation: o, a, config: config, attachments: [])
        #expect(textA == Bids.canonicalText(tender: t, organisation: o, b, config: config, attachments: []))
        b.price = Money(pence: 1)
        #expect(textA != Bids.canonicalText(tender: t, organisation: o, b, config: config, attachments: []))
        #expect(textA.contains("\"pricePence\": 10000000"))
        #expect(textA.contains("\"quantity\": \"40000.00\""))
    }
}

@Suite struct BidTemplateTests {
    let tender = UUID()

    @Test func theJSONTemplateRoundTrips() throws {
        let config = try TenderFixture.config()
        let filled = try Bids.validate(
            BidInput(price: "1234.50", responses: ["Q1": "Yes"], commitments: ["APPR": "3"], deliveryPlan: "Plan"),
            config: config, isVCS: true)
        let text = BidTemplate.json(tender: tender, title: "Transport", config: config, isVCS: true, filled: filled)
        let input = try BidTemplate.parseJSON(text, tender: tender)
        #expect(try Bids.validate(input, config: config, isVCS: true) == filled)
        let blank = try BidTemplate.parseJSON(
            BidTemplate.json(tender: tender, title: "T", config: config, isVCS: false), tender: tender)
        #expect(try Bids.validate(blank, config: config, isVCS: false) == BidContent())
    }

    @Test func jsonProblemsAreNamedByPath() throws {
        let e = #expect(throws: ValidationFailure.self) {
            try BidTemplate.parseJSON(
                #"{"tender": "\#(UUID())", "responses": [{"criterion": "Q1", "response": 5}, {"response": "x"}], "commitments": {}}"#,
                tender: tender)
        }
        #expect(e?.errors.map(\.field) == ["$.tender", "$.responses[1].criterion", "$.commitments"])
        #expect(throws: ValidationFailure.self) { try BidTemplate.parseJSON("{", tender: tender) }
        let config = try TenderFixture.config()
        #expect(BidTemplate.jsonPath("commitments.APPR", config: config) == "$.commitments[1].quantity")
        #expect(BidTemplate.jsonPath("price", config: config) == "$.price")
    }

    @Test func theCSVTemplateRoundTripsAndNamesLines() throws {
        let config = try TenderFixture.config()
        let filled = try Bids.validate(
            BidInput(
                price: "99", responses: ["Q2": "Line one\nline two, with a comma"], commitments: ["VCSE-SPEND": "12.5"],
                deliveryPlan: "Plan"), config: config, isVCS: false)
        let text = BidTemplate.csv(config: config, isVCS: false, filled: filled)
        #expect(text.hasPrefix(CSV.byteOrderMark + "section,key,name,unit,proxy,value\r\n"))
        let (input, lines) = try BidTemplate.parseCSV(text)
        #expect(try Bids.validate(input, config: config, isVCS: false) == filled)
        #expect(lines.byField["commitments.APPR"] != nil)
        #expect(lines.location("price") == "line 2, column value")
        let e = #expect(throws: ValidationFailure.self) {
            try BidTemplate.parseCSV("section,key,name,unit,proxy,value\nprice,,,,,1\nprice,,,,,2\nbonus,,,,,3\n")
        }
        #expect(
            e?.errors.map(\.message) == [
                "line 3, column key: price is already on line 2", "line 4, column section: unknown section “bonus”",
            ])
    }
}
