import Foundation

/// Maps published procurements to OCDS 1.1.5 releases, as they occurred, with the Procurement Act
/// 2023 notices in `documents[].noticeType` (docs/ocds.md, "Export", gives the mapping field by field
/// and where each choice comes from). Pure: the same input gives the same bytes.
public struct OCDSExportMapping: Sendable {
    /// The ocid prefix (`COMMONWEAL_OCID_PREFIX`; default `ocds-commonweal`).
    public var ocidPrefix: String

    public static let defaultOCIDPrefix = "ocds-commonweal"

    public init(ocidPrefix: String = OCDSExportMapping.defaultOCIDPrefix) {
        self.ocidPrefix = ocidPrefix
    }

    public func ocid(_ p: OCDSExportInput.Procurement) -> String { "\(ocidPrefix)-\(p.id)" }

    /// Every release of one procurement, in date order (equal dates keep the order they occurred in).
    public func releases(_ p: OCDSExportInput.Procurement) -> [JSONValue] {
        var out: [(date: String, release: JSONValue)] = []
        let ocid = ocid(p)
        var planned = false
        if let day = p.pipelinePublishedOn {
            let date = ExportJSON.dayStart(day)
            let notice = document("UK1", "plannedProcurementNotice", "Pipeline notice: \(p.title)", date)
            out.append(
                (
                    date,
                    release(
                        ocid, "\(ocid)-planning", date, "planning", p, [p.buyer],
                        [
                            ("planning", planning(p, documents: [notice])),
                            ("tender", tenderBasics(p, status: "planned")),
                        ])
                ))
            planned = true
            for e in p.engagementEvents {
                let notice = document(
                    "UK2-\(e.id)", "marketEngagementNotice", "Market engagement: \(e.title) (\(e.heldOn))", e.createdAt)
                out.append(
                    (
                        e.createdAt,
                        release(
                            ocid, "\(ocid)-engagement-\(e.id)", e.createdAt, "planningUpdate", p, [p.buyer],
                            [("planning", planning(p, documents: [notice]))])
                    ))
            }
        }
        if let t = p.tender {
            let notice = document("UK4", "tenderNotice", "Tender notice: \(p.title)", t.publishedAt)
            var sections: [(String, JSONValue?)] = []
            let plan = planning(p, documents: [])
            if !planned && !plan.isEmptyContainer { sections.append(("planning", plan)) }
            sections.append(("tender", tender(p, t, notice: notice)))
            out.append(
                (t.publishedAt, release(ocid, "\(ocid)-tender", t.publishedAt, "tender", p, [p.buyer], sections)))
            if let at = t.cancelledAt {
                let notice = document("UK12", "tenderCancellationNotice", "Procurement termination notice", at)
                let cancelled = ExportJSON.object([
                    ("id", .string(t.id)), ("status", .string("cancelled")),
                    ("statusDetails", ExportJSON.string(t.cancelReason)),
                    ("lots", .array([ExportJSON.object([("id", .string("1")), ("status", .string("cancelled"))])])),
                    ("documents", .array([notice])),
                ])
                out.append(
                    (
                        at,
                        release(
                            ocid, "\(ocid)-tender-cancellation", at, "tenderCancellation", p, [p.buyer],
                            [("tender", cancelled)])
                    )
                )
            }
        }
        for c in p.contracts {
            // The award day (never before the tender notice), not when it was typed in: a
            // contract recorded late still comes before its verified deliveries.
            let awarded = max(ExportJSON.dayStart(c.awardedOn), p.tender?.publishedAt ?? "")
            out.append((awarded, awardRelease(ocid, p, c, date: awarded)))
            out.append((awarded, contractRelease(ocid, p, c, date: awarded)))
            for d in c.deliveries {
                out.append((d.verifiedAt, implementationRelease(ocid, p, c, d)))
            }
            for f in c.failures { out.append((f.recordedAt, failureRelease(ocid, p, c, f))) }
            for a in c.assessments { out.append((a.recordedAt, assessmentRelease(ocid, p, c, a))) }
            if let end = c.termination {
                let notice = document(
                    "UK11-\(end.id)", "contractTerminationNotice", "Contract termination notice", end.decidedAt)
                let contract = ExportJSON.object([
                    ("id", .string(c.id)), ("awardID", .string(c.id)), ("status", .string("terminated")),
                    ("statusDetails", ExportJSON.string(end.rationale)), ("documents", .array([notice])),
                ])
                out.append(
                    (
                        end.decidedAt,
                        release(
                            ocid, "\(ocid)-termination-\(end.id)", end.decidedAt, "contractTermination", p,
                            [p.buyer, c.supplier], [("contracts", .array([contract]))])
                    ))
            }
        }
        // A stable sort by date: equal dates keep the order above (award before contract).
        return out.enumerated().sorted { a, b in
            a.element.date != b.element.date ? a.element.date < b.element.date : a.offset < b.offset
        }.map(\.element.release)
    }

    // MARK: - Releases

    private func release(
        _ ocid: String, _ id: String, _ date: String, _ tag: String, _ p: OCDSExportInput.Procurement,
        _ parties: [OCDSExportInput.Party], _ sections: [(String, JSONValue?)]
    ) -> JSONValue {
        ExportJSON.object(
            [
                ("ocid", .string(ocid)), ("id", .string(id)), ("date", .string(date)), ("tag", .array([.string(tag)])),
                ("initiationType", .string("tender")), ("language", .string("en")),
                ("parties", .array(partyList(parties, buyerID: p.buyer.id))),
                ("buyer", reference(p.buyer)),
            ] + sections)
    }

    private func awardRelease(
        _ ocid: String, _ p: OCDSExportInput.Procurement, _ c: OCDSExportInput.Contract, date: String
    ) -> JSONValue {
        let notice = document("UK6-\(c.id)", "awardNotice", "Contract award notice: \(c.title)", date)
        let award = ExportJSON.object([
            ("id", .string(c.id)), ("title", .string(c.title)), ("status", .string("active")),
            ("date", .string(ExportJSON.dayStart(c.awardedOn))), ("value", ExportJSON.value(c.valuePence)),
            ("suppliers", .array([reference(c.supplier)])),
            ("contractPeriod", period(c.startsOn, c.endsOn)),
            ("standstillPeriod", ExportJSON.object([("endDate", .string(ExportJSON.dayEnd(c.standstillEndsOn)))])),
            ("relatedLots", .array([.string("1")])), ("documents", .array([notice])),
        ])
        return release(
            ocid, "\(ocid)-award-\(c.id)", date, "award", p, [p.buyer, c.supplier],
            [("awards", .array([award]))])
    }

    private func contractRelease(
        _ ocid: String, _ p: OCDSExportInput.Procurement, _ c: OCDSExportInput.Contract, date: String
    ) -> JSONValue {
        let notice = document("UK7-\(c.id)", "contractNotice", "Contract details notice: \(c.title)", date)
        let metrics = c.commitments.map { m in
            ExportJSON.object([
                ("id", .string(m.measureCode)), ("title", .string(m.name)),
                (
                    "observations",
                    .array([
                        ExportJSON.object([
                            ("id", .string("\(m.measureCode)-agreed")), ("measure", ExportJSON.quantity(m.quantity)),
                            ("unit", ExportJSON.object([("name", .string(m.unit))])),
                            ("period", period(c.startsOn, c.endsOn)),
                        ])
                    ])
                ),
            ])
        }
        let contract = ExportJSON.object([
            ("id", .string(c.id)), ("awardID", .string(c.id)), ("title", .string(c.title)),
            ("status", .string("active")), ("period", period(c.startsOn, c.endsOn)),
            ("value", ExportJSON.value(c.valuePence)), ("agreedMetrics", ExportJSON.array(metrics)),
            (
                "noAgreedMetricsRationale",
                metrics.isEmpty
                    ? .string("No social value commitments were agreed, so no key performance indicators were set.")
                    : JSONValue?.none
            ),
            ("documents", .array([notice])),
        ])
        return release(
            ocid, "\(ocid)-contract-\(c.id)", date, "contract", p, [p.buyer, c.supplier],
            [("contracts", .array([contract]))])
    }

    private func implementationRelease(
        _ ocid: String, _ p: OCDSExportInput.Procurement, _ c: OCDSExportInput.Contract,
        _ d: OCDSExportInput.Delivery
    ) -> JSONValue {
        let metrics = d.verified.map { line -> JSONValue in
            let commitment = c.commitments.first { $0.measureCode == line.measureCode }
            return ExportJSON.object([
                ("id", .string(line.measureCode)), ("title", ExportJSON.string(commitment?.name)),
                (
                    "observations",
                    .array([
                        ExportJSON.object([
                            ("id", .string("\(line.measureCode)-period-\(d.periodNumber)")),
                            ("period", period(d.periodStartsOn, d.periodEndsOn)),
                            ("measure", ExportJSON.quantity(line.quantity)),
                            ("unit", commitment.map { ExportJSON.object([("name", .string($0.unit))]) }),
                        ])
                    ])
                ),
            ])
        }
        let contract = ExportJSON.object([
            ("id", .string(c.id)), ("awardID", .string(c.id)),
            ("implementation", ExportJSON.object([("metrics", ExportJSON.array(metrics))])),
        ])
        return release(
            ocid, "\(ocid)-implementation-\(d.id)", d.verifiedAt, "implementation", p, [p.buyer, c.supplier],
            [("contracts", .array([contract]))])
    }

    /// UK9, the contract performance notice: one KPI assessment version, each KPI a metric
    /// (`KPI-{kpi}`) with one observation for the period assessed carrying its rating as
    /// `measureClassification` (UK extension codes). An amendment is the next version, a new release.
    private func assessmentRelease(
        _ ocid: String, _ p: OCDSExportInput.Procurement, _ c: OCDSExportInput.Contract,
        _ a: OCDSExportInput.Assessment
    ) -> JSONValue {
        let notice = document(
            "UK9-\(a.id)-\(a.version)", "contractPerformanceNotice",
            "Contract performance notice: \(c.title)\(a.version > 1 ? " (version \(a.version))" : "")", a.recordedAt,
            description: a.narrative)
        let metrics = a.ratings.map { r in
            ExportJSON.object([
                ("id", .string("KPI-\(r.kpiID)")), ("title", .string(r.kpiName)),
                (
                    "observations",
                    .array([
                        ExportJSON.object([
                            ("id", .string("KPI-\(r.kpiID)-assessment-\(a.id)")),
                            ("period", period(a.periodFrom, a.periodTo)),
                            (
                                "measureClassification",
                                ExportJSON.object([("id", .string(r.code)), ("description", .string(r.label))])
                            ),
                            ("notes", ExportJSON.string(r.explanation)),
                        ])
                    ])
                ),
            ])
        }
        let contract = ExportJSON.object([
            ("id", .string(c.id)), ("awardID", .string(c.id)),
            ("implementation", ExportJSON.object([("metrics", ExportJSON.array(metrics))])),
            ("documents", .array([notice])),
        ])
        return release(
            ocid, "\(ocid)-performance-\(a.id)-\(a.version)", a.recordedAt, "implementation", p,
            [p.buyer, c.supplier], [("contracts", .array([contract]))])
    }

    /// A breach or failure to perform, in the UK extension's performance failure fields (UK9).
    private func failureRelease(
        _ ocid: String, _ p: OCDSExportInput.Procurement, _ c: OCDSExportInput.Contract,
        _ f: OCDSExportInput.Failure
    ) -> JSONValue {
        let failure = ExportJSON.object([
            ("id", .string(f.id)), ("requirement", .string(f.requirement)), ("description", .string(f.description)),
            ("decisionDate", .string(ExportJSON.dayStart(f.decidedOn))),
            ("penaltyType", ExportJSON.string(f.penaltyType)),
            ("penaltyValue", f.penaltyPence.map(ExportJSON.value)),
            ("suppliers", .array([reference(c.supplier)])),
        ])
        let contract = ExportJSON.object([
            ("id", .string(c.id)), ("awardID", .string(c.id)),
            ("implementation", ExportJSON.object([("performanceFailures", .array([failure]))])),
        ])
        return release(
            ocid, "\(ocid)-failure-\(f.id)", f.recordedAt, "implementation", p, [p.buyer, c.supplier],
            [("contracts", .array([contract]))])
    }

    // MARK: - Sections

    private func planning(_ p: OCDSExportInput.Procurement, documents: [JSONValue]) -> JSONValue {
        ExportJSON.object([
            ("rationale", ExportJSON.string(p.socialValue?.wellbeing)),
            ("documents", ExportJSON.array(documents)),
            ("socialValue", p.socialValue.map(socialValue)),
        ])
    }

    private func tenderBasics(_ p: OCDSExportInput.Procurement, status: String) -> JSONValue {
        ExportJSON.object([
            ("id", .string(p.tender?.id ?? p.id)), ("title", .string(p.title)),
            ("description", ExportJSON.string(p.description)), ("status", .string(status)),
            ("mainProcurementCategory", .string(p.category)),
        ])
    }

    private func tender(_ p: OCDSExportInput.Procurement, _ t: OCDSExportInput.Tender, notice: JSONValue) -> JSONValue {
        func criterion(_ type: String, _ name: String, _ weight: Int) -> JSONValue {
            ExportJSON.object([
                ("type", .string(type)), ("name", .string(name)),
                (
                    "numbers",
                    .array([
                        ExportJSON.object([
                            ("number", .number(JSONNumber(weight))), ("weight", .string("percentageExact")),
                        ])
                    ])
                ),
            ])
        }
        let quality = t.qualityCriteria.map { "\($0.name) \($0.weight)%" }.joined(separator: "; ")
        let criteria = ExportJSON.object([
            (
                "weightingDescription",
                .string(
                    "Price \(t.priceWeight)%, quality \(t.qualityWeight)%, social value \(t.socialValueWeight)% of the total."
                        + (quality.isEmpty ? "" : " Quality is split: \(quality).")
                )
            ),
            (
                "criteria",
                .array([
                    criterion("price", "Price", t.priceWeight), criterion("quality", "Quality", t.qualityWeight),
                    criterion("quality", "Social value", t.socialValueWeight),
                ])
            ),
        ])
        let lot = ExportJSON.object([
            ("id", .string("1")), ("title", .string(p.title)), ("status", .string("active")),
            ("awardCriteria", criteria),
        ])
        return ExportJSON.object([
            ("id", .string(t.id)), ("title", .string(p.title)), ("description", ExportJSON.string(p.description)),
            ("status", .string("active")), ("mainProcurementCategory", .string(p.category)),
            ("procurementMethod", .string("open")),
            (
                "tenderPeriod",
                ExportJSON.object([("startDate", .string(t.publishedAt)), ("endDate", .string(t.deadlineAt))])
            ),
            ("lots", .array([lot])), ("documents", .array([notice])),
        ])
    }

    /// Our extension's `planning.socialValue` (extensions/commonweal_social_value).
    private func socialValue(_ s: OCDSExportInput.SocialValue) -> JSONValue {
        let consideration = ExportJSON.object([
            ("wellbeing", ExportJSON.string(s.wellbeing)), ("securing", ExportJSON.string(s.securing)),
            ("consult", s.consult.map { .bool($0) }), ("consultRationale", ExportJSON.string(s.consultReason)),
            ("dateSigned", s.signedOn.map { .string(ExportJSON.dayStart($0)) }),
        ])
        let proportionality = ExportJSON.object([
            ("bandFrom", s.bandFromPence.map(ExportJSON.value)),
            ("minimumWeightingPercent", ExportJSON.int(s.bandMinimumPercent)),
            ("maximumWeightingPercent", ExportJSON.int(s.bandMaximumPercent)),
            ("weightingPercent", ExportJSON.int(s.weightingPercent)),
            ("outsideBandRationale", ExportJSON.string(s.outsideBandReason)),
        ])
        return ExportJSON.object([
            (
                "screening",
                ExportJSON.object([
                    ("result", .string(s.screeningResult)), ("actApplies", .bool(s.actApplies)),
                    ("considerationRequired", .bool(s.considerationRequired)),
                ])
            ),
            ("consideration", consideration.isEmptyContainer ? JSONValue?.none : consideration),
            ("proportionality", proportionality.isEmptyContainer ? JSONValue?.none : proportionality),
        ])
    }

    // MARK: - Parties, references, documents

    /// The party's OCDS id: its Companies House or Charity Commission number (org-id.guide's
    /// GB-COH / GB-CHC), else our own identifier.
    public func partyID(_ o: OCDSExportInput.Party) -> String {
        if let n = o.companyNumber, !n.isEmpty { return "GB-COH-\(n)" }
        if let n = o.charityNumber, !n.isEmpty { return "GB-CHC-\(n)" }
        return "\(ocidPrefix)-org-\(o.id)"
    }

    private func reference(_ o: OCDSExportInput.Party) -> JSONValue {
        ExportJSON.object([("id", .string(partyID(o))), ("name", .string(o.name))])
    }

    private func partyList(_ parties: [OCDSExportInput.Party], buyerID: String) -> [JSONValue] {
        parties.map { o in
            let identifier: JSONValue =
                if let n = o.companyNumber, !n.isEmpty {
                    ExportJSON.object([
                        ("scheme", .string("GB-COH")), ("id", .string(n)), ("legalName", .string(o.name)),
                    ])
                } else if let n = o.charityNumber, !n.isEmpty {
                    ExportJSON.object([
                        ("scheme", .string("GB-CHC")), ("id", .string(n)), ("legalName", .string(o.name)),
                    ])
                } else {
                    ExportJSON.object([("legalName", .string(o.name))])
                }
            let details = ExportJSON.object([
                ("scale", o.isPublicBody ? JSONValue?.none : .string(o.isSME ? "sme" : "large")),
                ("vcse", .bool(o.isVCSE)),
            ])
            return ExportJSON.object([
                ("id", .string(partyID(o))), ("name", .string(o.name)), ("identifier", identifier),
                (
                    "address",
                    o.town.map {
                        ExportJSON.object([("locality", .string($0)), ("countryName", .string("United Kingdom"))])
                    }
                ),
                ("roles", .array([.string(o.id == buyerID ? "buyer" : "supplier")])),
                ("details", details),
            ])
        }
    }

    private func period(_ start: String, _ end: String) -> JSONValue {
        ExportJSON.object([
            ("startDate", .string(ExportJSON.dayStart(start))), ("endDate", .string(ExportJSON.dayEnd(end))),
        ])
    }

    /// A notice: the OCDS `documentType` and the Procurement Act notice in `noticeType` (UK extension).
    private func document(
        _ id: String, _ type: String, _ title: String, _ published: String, description: String? = nil
    ) -> JSONValue {
        let noticeType = String(id.prefix { $0 != "-" })
        return ExportJSON.object([
            ("id", .string(id)), ("documentType", .string(type)), ("noticeType", .string(noticeType)),
            ("title", .string(title)), ("description", ExportJSON.string(description)),
            ("datePublished", .string(published)), ("language", .string("en")),
        ])
    }
}
