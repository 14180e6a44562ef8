import Foundation
import Testing

@testable import SocialValue

/// Issue 15, "Proxy licences matter": a value set records its licence, and values from a set
/// whose licence does not permit redistribution and commercial use are not published.
@Suite struct ProxyLicenceTests {
    @Test func theOpenGovernmentLicenceAndCCBYMayBePublished() {
        let ogl = ProxyLicence.implied(by: "Open Government Licence v3.0")
        #expect(
            ogl
                == ProxyLicence(
                    name: "Open Government Licence v3.0",
                    url: "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
                    permitsRedistribution: true, permitsCommercialUse: true))
        #expect(ogl.mayPublishValues)
        #expect(ogl.withheldReason(setName: "Illustrative") == nil)
        #expect(ProxyLicence.implied(by: "OGL").mayPublishValues)
        #expect(ProxyLicence.implied(by: "CC BY 4.0").mayPublishValues)
        #expect(ProxyLicence.implied(by: "CC0 1.0").mayPublishValues)
    }

    /// National TOMs and HACT values (DOMAIN.md §4): non-commercial, no derivatives.
    @Test func aNonCommercialLicenceMayNotBePublished() {
        let hact = ProxyLicence.implied(by: "CC BY-NC-ND 4.0")
        #expect(hact.permitsRedistribution && !hact.permitsCommercialUse)
        #expect(!hact.mayPublishValues)
        #expect(!ProxyLicence.implied(by: "cc by-nc 4.0").mayPublishValues)
        #expect(
            hact.withheldReason(setName: "HACT values 2025")
                == "The licence of the value set ‘HACT values 2025’ (CC BY-NC-ND 4.0) does not permit commercial use, so the £ values are left out here; the quantities are shown."
        )
    }

    @Test func anUnknownOrUnrecordedLicencePermitsNothing() {
        let own = ProxyLicence.implied(by: "Subscribers only")
        #expect(!own.permitsRedistribution && !own.permitsCommercialUse && !own.mayPublishValues)
        #expect(ProxyLicence.implied(byRows: []) == .notRecorded)
        #expect(
            ProxyLicence.notRecorded.withheldReason(setName: "Old set")
                == "The licence of the value set ‘Old set’ is not recorded, so it does not permit redistribution or commercial use, so the £ values are left out here; the quantities are shown."
        )
    }

    @Test func rowsWithSeveralLicencesPermitOnlyWhatEveryOnePermits() {
        let one = ProxyLicence.implied(byRows: ["OGL", " OGL ", "OGL"])
        #expect(one.name == "OGL" && one.mayPublishValues)
        let mixed = ProxyLicence.implied(byRows: ["Open Government Licence v3.0", "CC BY-NC-ND 4.0"])
        #expect(mixed.name == "Several: Open Government Licence v3.0; CC BY-NC-ND 4.0")
        #expect(mixed.permitsRedistribution && !mixed.permitsCommercialUse && !mixed.mayPublishValues)
    }

    @Test func aGivenLicenceIsChecked() {
        var p = Problems()
        #expect(
            ProxyLicence.validated(
                name: nil, url: nil, permitsRedistribution: nil, permitsCommercialUse: nil, rows: ["OGL"], problems: &p)
                == ProxyLicence.implied(by: "OGL"))
        #expect(p.isEmpty)
        let given = ProxyLicence.validated(
            name: " Our own terms ", url: "https://example.org/terms", permitsRedistribution: true,
            permitsCommercialUse: nil, rows: ["OGL"], problems: &p)
        #expect(
            given
                == ProxyLicence(
                    name: "Our own terms", url: "https://example.org/terms", permitsRedistribution: true,
                    permitsCommercialUse: false))
        #expect(p.isEmpty)
        var q = Problems()
        #expect(
            ProxyLicence.validated(
                name: "", url: "not a web address", permitsRedistribution: true, permitsCommercialUse: nil, rows: [],
                problems: &q) == nil)
        #expect(
            q.errors == [
                FieldError("licenceName", "Enter the name of the licence, like ‘Open Government Licence v3.0’"),
                FieldError(
                    "licenceUrl",
                    "Enter the licence’s web address starting https:// or http://, like https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
                ),
            ])
        var r = Problems()
        #expect(
            ProxyLicence.validated(
                name: "CC BY-NC-ND 4.0", url: nil, permitsRedistribution: true, permitsCommercialUse: true, rows: [],
                problems: &r) == nil)
        #expect(
            r.errors == [
                FieldError(
                    "permitsCommercialUse",
                    "CC BY-NC-ND 4.0 is a non-commercial licence: it does not permit commercial use, so leave that unticked"
                )
            ])
    }
}
