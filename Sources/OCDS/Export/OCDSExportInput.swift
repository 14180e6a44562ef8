import Foundation

/// What the export maps (docs/ocds.md, "Export"): plain values that the storage layer fills from
/// published records only. Dates are ISO 8601 text: `…At` fields are instants
/// (`2026-03-01T09:30:00Z`), `…On` fields calendar dates (`2026-03-01`). Money is in integer pence;
/// quantities are exact decimal text. Nothing here is sealed, draft or unverified: the reader
/// leaves those out before the mapping sees them.
public enum OCDSExportInput {
    /// An organisation as a party: a buyer or a supplier.
    public struct Party: Sendable, Equatable {
        public var id: String
        public var name: String
        public var companyNumber: String?
        public var charityNumber: String?
        public var isSME: Bool
        public var isVCSE: Bool
        /// A public body (a council, an NHS body): no `details.scale`.
        public var isPublicBody: Bool
        public var town: String?

        public init(
            id: String, name: String, companyNumber: String? = nil, charityNumber: String? = nil, isSME: Bool,
            isVCSE: Bool, isPublicBody: Bool, town: String? = nil
        ) {
            self.id = id
            self.name = name
            self.companyNumber = companyNumber
            self.charityNumber = charityNumber
            self.isSME = isSME
            self.isVCSE = isVCSE
            self.isPublicBody = isPublicBody
            self.town = town
        }
    }

    /// The recorded social value consideration and screening (our own extension).
    public struct SocialValue: Sendable, Equatable {
        /// The screening result, a code of `screeningResult.csv`.
        public var screeningResult: String
        public var actApplies: Bool
        public var considerationRequired: Bool
        /// s.1(3)(a), s.1(3)(b), s.1(7): nil when no consideration was signed.
        public var wellbeing: String?
        public var securing: String?
        public var consult: Bool?
        public var consultReason: String?
        public var signedOn: String?
        /// The proportionality band: the contract value it starts at and the weighting range it suggests.
        public var bandFromPence: Int64?
        public var bandMinimumPercent: Int?
        public var bandMaximumPercent: Int?
        public var weightingPercent: Int?
        /// Why the weighting is outside the band, when it is.
        public var outsideBandReason: String?

        public init(
            screeningResult: String, actApplies: Bool, considerationRequired: Bool, wellbeing: String? = nil,
            securing: String? = nil, consult: Bool? = nil, consultReason: String? = nil, signedOn: String? = nil,
            bandFromPence: Int64? = nil, bandMinimumPercent: Int? = nil, bandMaximumPercent: Int? = nil,
            weightingPercent: Int? = nil, outsideBandReason: String? = nil
        ) {
            self.screeningResult = screeningResult
            self.actApplies = actApplies
            self.considerationRequired = considerationRequired
            self.wellbeing = wellbeing
            self.securing = securing
            self.consult = consult
            self.consultReason = consultReason
            self.signedOn = signedOn
            self.bandFromPence = bandFromPence
            self.bandMinimumPercent = bandMinimumPercent
            self.bandMaximumPercent = bandMaximumPercent
            self.weightingPercent = weightingPercent
            self.outsideBandReason = outsideBandReason
        }
    }

    /// A market engagement event (UK2).
    public struct EngagementEvent: Sendable, Equatable {
        public var id: String
        public var title: String
        public var heldOn: String
        public var createdAt: String

        public init(id: String, title: String, heldOn: String, createdAt: String) {
            self.id = id
            self.title = title
            self.heldOn = heldOn
            self.createdAt = createdAt
        }
    }

    /// A quality criterion and its whole-percent weight within the quality part.
    public struct Criterion: Sendable, Equatable {
        public var name: String
        public var weight: Int

        public init(name: String, weight: Int) {
            self.name = name
            self.weight = weight
        }
    }

    /// A published tender (UK4), cancelled (UK12) or not.
    public struct Tender: Sendable, Equatable {
        public var id: String
        public var publishedAt: String
        public var deadlineAt: String
        /// Whole-percent weights of the three parts; they add up to 100.
        public var priceWeight: Int
        public var qualityWeight: Int
        public var socialValueWeight: Int
        public var qualityCriteria: [Criterion]
        public var cancelledAt: String?
        public var cancelReason: String?

        public init(
            id: String, publishedAt: String, deadlineAt: String, priceWeight: Int, qualityWeight: Int,
            socialValueWeight: Int, qualityCriteria: [Criterion], cancelledAt: String? = nil,
            cancelReason: String? = nil
        ) {
            self.id = id
            self.publishedAt = publishedAt
            self.deadlineAt = deadlineAt
            self.priceWeight = priceWeight
            self.qualityWeight = qualityWeight
            self.socialValueWeight = socialValueWeight
            self.qualityCriteria = qualityCriteria
            self.cancelledAt = cancelledAt
            self.cancelReason = cancelReason
        }
    }

    /// A social value commitment of a contract: a measure and the quantity agreed.
    public struct Commitment: Sendable, Equatable {
        public var measureCode: String
        public var name: String
        public var unit: String
        public var quantity: String

        public init(measureCode: String, name: String, unit: String, quantity: String) {
            self.measureCode = measureCode
            self.name = name
            self.unit = unit
            self.quantity = quantity
        }
    }

    /// A verified monitoring return: the quantities the buyer verified, by measure code.
    public struct Delivery: Sendable, Equatable {
        public var id: String
        public var periodNumber: Int
        public var periodStartsOn: String
        public var periodEndsOn: String
        public var verifiedAt: String
        public var verified: [(measureCode: String, quantity: String)]

        public init(
            id: String, periodNumber: Int, periodStartsOn: String, periodEndsOn: String, verifiedAt: String,
            verified: [(measureCode: String, quantity: String)]
        ) {
            self.id = id
            self.periodNumber = periodNumber
            self.periodStartsOn = periodStartsOn
            self.periodEndsOn = periodEndsOn
            self.verifiedAt = verifiedAt
            self.verified = verified
        }

        public static func == (a: Delivery, b: Delivery) -> Bool {
            a.id == b.id && a.periodNumber == b.periodNumber && a.periodStartsOn == b.periodStartsOn
                && a.periodEndsOn == b.periodEndsOn && a.verifiedAt == b.verifiedAt
                && a.verified.map(\.measureCode) == b.verified.map(\.measureCode)
                && a.verified.map(\.quantity) == b.verified.map(\.quantity)
        }
    }

    /// A decided decommissioning case that ended the contract's funding (UK11).
    public struct Termination: Sendable, Equatable {
        public var id: String
        public var decidedAt: String
        public var rationale: String

        public init(id: String, decidedAt: String, rationale: String) {
            self.id = id
            self.decidedAt = decidedAt
            self.rationale = rationale
        }
    }

    /// One version of a KPI assessment (UK9): each KPI's rating in the UK extension's codes.
    public struct Assessment: Sendable, Equatable {
        public struct Rating: Sendable, Equatable {
            public var kpiID: String
            public var kpiName: String
            /// `met`, `slightlyBelow`, `below`, `significantlyBelow` or `other`.
            public var code: String
            /// The rating as the regulation names it ("Good", …).
            public var label: String
            public var explanation: String?

            public init(kpiID: String, kpiName: String, code: String, label: String, explanation: String?) {
                self.kpiID = kpiID
                self.kpiName = kpiName
                self.code = code
                self.label = label
                self.explanation = explanation
            }
        }

        /// The assessment's id (its first version's), and this version's number.
        public var id: String
        public var version: Int
        public var recordedAt: String
        public var periodFrom: String
        public var periodTo: String
        public var narrative: String
        public var ratings: [Rating]

        public init(
            id: String, version: Int, recordedAt: String, periodFrom: String, periodTo: String, narrative: String,
            ratings: [Rating]
        ) {
            self.id = id
            self.version = version
            self.recordedAt = recordedAt
            self.periodFrom = periodFrom
            self.periodTo = periodTo
            self.narrative = narrative
            self.ratings = ratings
        }
    }

    /// A breach or failure to perform (UK9, the UK extension's performance failure fields).
    public struct Failure: Sendable, Equatable {
        public var id: String
        public var recordedAt: String
        public var requirement: String
        public var description: String
        public var decidedOn: String
        /// `contracted`, `imposed` or `negotiated`; nil for no penalty.
        public var penaltyType: String?
        public var penaltyPence: Int64?

        public init(
            id: String, recordedAt: String, requirement: String, description: String, decidedOn: String,
            penaltyType: String?, penaltyPence: Int64?
        ) {
            self.id = id
            self.recordedAt = recordedAt
            self.requirement = requirement
            self.description = description
            self.decidedOn = decidedOn
            self.penaltyType = penaltyType
            self.penaltyPence = penaltyPence
        }
    }

    /// An awarded contract (UK6, UK7) with its delivery (implementation) and its end (UK11).
    public struct Contract: Sendable, Equatable {
        public var id: String
        public var title: String
        public var supplier: Party
        public var valuePence: Int64
        public var awardedOn: String
        public var standstillEndsOn: String
        public var startsOn: String
        public var endsOn: String
        /// When the award was recorded (the releases are dated on `awardedOn`; docs/ocds.md).
        public var createdAt: String
        public var commitments: [Commitment]
        public var deliveries: [Delivery]
        public var termination: Termination?
        /// Every version of every KPI assessment, and the failures register (UK9).
        public var assessments: [Assessment]
        public var failures: [Failure]

        public init(
            id: String, title: String, supplier: Party, valuePence: Int64, awardedOn: String, standstillEndsOn: String,
            startsOn: String, endsOn: String, createdAt: String, commitments: [Commitment], deliveries: [Delivery],
            termination: Termination? = nil, assessments: [Assessment] = [], failures: [Failure] = []
        ) {
            self.id = id
            self.title = title
            self.supplier = supplier
            self.valuePence = valuePence
            self.awardedOn = awardedOn
            self.standstillEndsOn = standstillEndsOn
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.createdAt = createdAt
            self.commitments = commitments
            self.deliveries = deliveries
            self.termination = termination
            self.assessments = assessments
            self.failures = failures
        }
    }

    /// One procurement and what has been published about it.
    public struct Procurement: Sendable, Equatable {
        public var id: String
        public var title: String
        public var description: String
        /// `goods`, `services` or `works`.
        public var category: String
        public var buyer: Party
        /// The day it was published in the pipeline (UK1), if it was.
        public var pipelinePublishedOn: String?
        public var engagementEvents: [EngagementEvent]
        public var socialValue: SocialValue?
        public var tender: Tender?
        public var contracts: [Contract]

        public init(
            id: String, title: String, description: String, category: String, buyer: Party,
            pipelinePublishedOn: String? = nil, engagementEvents: [EngagementEvent] = [],
            socialValue: SocialValue? = nil,
            tender: Tender? = nil, contracts: [Contract] = []
        ) {
            self.id = id
            self.title = title
            self.description = description
            self.category = category
            self.buyer = buyer
            self.pipelinePublishedOn = pipelinePublishedOn
            self.engagementEvents = engagementEvents
            self.socialValue = socialValue
            self.tender = tender
            self.contracts = contracts
        }
    }
}
