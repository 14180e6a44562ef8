import Foundation
import Testing

@testable import SocialValue

@Suite struct AccountsTests {
    @Test func emailIsNormalisedAndChecked() throws {
        #expect(try EmailAddress.normalise("  Priya@Eastmoor.Example ") == "priya@eastmoor.example")
        #expect(throws: ValidationFailure.self) { try EmailAddress.normalise("priya") }
        #expect(throws: ValidationFailure.self) { try EmailAddress.normalise("a@b") }
        #expect(throws: ValidationFailure("email", "Enter an email address")) { try EmailAddress.normalise(nil) }
    }

    @Test func passwordPolicy() throws {
        #expect(throws: ValidationFailure("password", "Password must be 12 characters or more")) {
            try PasswordPolicy.check("elevenchars")
        }
        #expect(try PasswordPolicy.check("twelve chars") == "twelve chars")
        #expect(throws: ValidationFailure("password", "Password must be 72 bytes or fewer")) {
            try PasswordPolicy.check(String(repeating: "ab", count: 37))
        }
        #expect(throws: ValidationFailure("password", "Password must not be one character repeated")) {
            try PasswordPolicy.check("aaaaaaaaaaaaaaa")
        }
    }

    @Test func fiveWrongPasswordsLockForFifteenMinutes() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var failures = 0
        for _ in 1...4 {
            let next = SignInLockout.afterFailure(failures: failures, now: now)
            #expect(next.lockedUntil == nil)
            failures = next.failures
        }
        #expect(failures == 4)
        let fifth = SignInLockout.afterFailure(failures: failures, now: now)
        #expect(fifth.lockedUntil == now.addingTimeInterval(900))
        #expect(SignInLockout.isLocked(lockedUntil: fifth.lockedUntil, now: now.addingTimeInterval(899)))
        #expect(!SignInLockout.isLocked(lockedUntil: fifth.lockedUntil, now: now.addingTimeInterval(900)))
    }

    @Test func rolesMatchTheSideOfTheOrganisation() throws {
        try MembershipRole.check(.commissioner, at: .nhsBody)
        try MembershipRole.check(.supplierMember, at: .communityGroup)
        #expect(throws: ValidationFailure.self) { try MembershipRole.check(.evaluator, at: .charity) }
        #expect(throws: ValidationFailure.self) { try MembershipRole.check(.supplierMember, at: .districtCouncil) }
    }
}

@Suite struct AccessPolicyTests {
    let council = UUID()
    let charity = UUID()
    let compact = UUID()

    func viewer(_ ms: [(UUID, MembershipRole)], admin: Bool = false, seats: Set<UUID> = []) -> Viewer {
        Viewer(
            userID: UUID(), isAdmin: admin, memberships: ms.map { .init(organisationID: $0.0, role: $0.1) },
            compactSeats: seats)
    }

    @Test func onlyCommissionersAndSupplierMembersEditTheirOwnOrganisation() {
        #expect(viewer([(council, .commissioner)]).canEditOrganisation(council))
        #expect(!viewer([(council, .commissioner)]).canEditOrganisation(charity))
        #expect(!viewer([(council, .evaluator)]).canEditOrganisation(council))
        #expect(!viewer([(council, .viewer)]).canEditOrganisation(council))
        #expect(viewer([(charity, .supplierMember)]).canEditOrganisation(charity))
        #expect(viewer([], admin: true).canEditOrganisation(charity))
    }

    @Test func compactsAreManagedByTheirGroupAndTheAdmin() {
        #expect(viewer([(charity, .supplierMember)], seats: [compact]).canManageCompact(compact))
        #expect(!viewer([(council, .commissioner)]).canManageCompact(compact))
        #expect(viewer([], admin: true).canManageCompact(compact))
        #expect(!viewer([(council, .commissioner)], seats: [compact]).canCreateCompact)
    }

    @Test func rolesAreListedInAFixedOrder() {
        let v = viewer([(charity, .supplierMember), (council, .evaluator)], admin: true, seats: [compact])
        #expect(v.roles == [.installationAdmin, .evaluator, .supplierMember, .compactGroupMember])
    }

    @Test func theMenuOffersProcurementsContractsAndDecommissioningByRole() {
        for role in [MembershipRole.commissioner, .evaluator, .viewer] {
            let v = viewer([(council, role)])
            #expect(
                v.worksAtPublicBody && v.canListProcurements && v.canListContracts && v.canListDecommissioning,
                "\(role)")
        }
        let supplier = viewer([(charity, .supplierMember)])
        #expect(!supplier.worksAtPublicBody && !supplier.canListProcurements && !supplier.canListDecommissioning)
        #expect(supplier.canListContracts)
        let admin = viewer([], admin: true)
        #expect(admin.canListProcurements && admin.canListContracts && admin.canListDecommissioning)
        let groupOnly = viewer([], seats: [compact])
        #expect(!groupOnly.canListProcurements && !groupOnly.canListContracts && !groupOnly.canListDecommissioning)
    }
}
