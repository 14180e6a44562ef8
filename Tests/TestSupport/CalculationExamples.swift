/// The example documents of calculations.md, shared by the command line and API tests.
public enum CalculationExamples {
    /// §1, the screening example.
    public static let screening = """
        {"authorityType": "sub-central", "procurementStart": "2026-03-01",
         "contract": {"kind": "services", "lightTouch": false, "value": "250000.00", "valueIncludesVAT": true,
                      "components": null, "frameworkCallOff": false, "establishesFramework": false},
         "urgency": {"claimed": false, "causedByAuthorityDelay": false}}
        """

    /// §2, the tender evaluation example: B 84.10, A 80.00, C 72.33.
    public static let evaluation = """
        {"title": "Community transport 2026", "weights": {"price": 40, "quality": 50, "socialValue": 10},
         "price": {"method": "lowest-price-ratio"}, "quality": {"scaleMax": 100, "criteria": null, "minimumPercent": null},
         "socialValue": {"method": "highest-value-ratio",
                         "measures": [{"code": "VCSE-SPEND", "name": "Spend with local VCSE organisations", "unit": "GBP", "proxy": "1.00"}]},
         "policy": null,
         "bids": [{"bidder": "A", "price": "100000.00", "quality": 60, "commitments": {"VCSE-SPEND": "150000"}},
                  {"bidder": "B", "price": "105000.00", "quality": 80, "commitments": {"VCSE-SPEND": "90000"}},
                  {"bidder": "C", "price": "120000.00", "quality": 70, "commitments": {"VCSE-SPEND": "60000"}}]}
        """

    /// §3, the SROI example: PV 133183.03, NPV 33183.03, ratio 1.33.
    public static let sroi = """
        {"title": "Employment support 2026", "investment": "100000.00", "discountRate": null,
         "outcomes": [{"id": "jobs", "stakeholder": "Participants", "description": "Moved into full-time work",
                       "quantity": "10", "proxy": "10767.00", "proxySource": "illustrative", "durationYears": 3,
                       "deadweight": "0.25", "attribution": "0.20", "displacement": "0", "dropOff": "0.30"}],
         "sensitivity": null}
        """
}
