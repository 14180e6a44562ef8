import Foundation
import TestSupport
import Testing

/// `retention apply` and `subject-access export|erase` on the demo area (docs/data-protection.md).
@Suite struct DataProtectionCommandTests {
    @Test func retentionDryRunThenApplyIsRecordedAndTheTrailStillVerifies() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["demo"]).status == 0)
        let bad = try cli.run(["retention", "apply"], env: ["COMMONWEAL_RETAIN_SIGN_INS_DAYS": "forever"])
        #expect(bad.status == 1)
        #expect(
            bad.stderr
                == "error: COMMONWEAL_RETAIN_SIGN_INS_DAYS must be a whole number of days from 1 to 3650 (it is ‘forever’)\n"
        )
        // The defaults: the dial-a-ride consultation closed 66 days ago, well inside 24 months.
        let standard = try cli.run(["retention", "apply", "--dry-run"])
        #expect(standard.status == 0)
        #expect(
            standard.stdout.contains("consultation responses kept 24 months after closing, sign-in records 90 days."))
        #expect(standard.stdout.contains("Would erase the name and email on 0 public consultation responses.\n"))
        #expect(standard.stdout.hasSuffix("Dry run: nothing was changed.\n"))
        let month = ["COMMONWEAL_RETAIN_CONSULTATION_RESPONSES_MONTHS": "1"]
        let dry = try cli.run(["retention", "apply", "--dry-run"], env: month)
        #expect(dry.stdout.contains("Would erase the name and email on 1 public consultation responses.\n"))
        let run = try cli.run(["retention", "apply"], env: month)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Erased the name and email on 1 public consultation responses.\n"))
        #expect(run.stdout.contains("Deleted 0 sessions that ended before "))
        #expect(run.stdout.hasSuffix("Recorded in the audit trail.\n"))
        let again = try cli.run(["retention", "apply"], env: month)
        #expect(again.stdout.contains("Erased the name and email on 0 public consultation responses.\n"))
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("Audit chain intact"))
    }

    @Test func exportThenEraseKeepsTheAuditTrailValid() throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        #expect(try cli.run(["demo"]).status == 0)
        let cath = "compact@eastmoor-cvs.example"
        let export = try cli.run(["subject-access", "export", "--email", cath])
        #expect(export.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any]
        let account = json?["account"] as? [String: Any]
        #expect(account?["email"] as? String == cath)
        #expect(account?["displayName"] as? String == "Cath Compact")
        for key in [
            "memberships", "compactSeats", "sessions", "apiTokens", "notifications", "consultationResponses",
            "clarificationQuestions", "auditEvents",
        ] {
            #expect(json?[key] is [Any], "no \(key)")
        }
        #expect(!export.stdout.contains("m.ellis@example.org"))
        let file = cli.dataDir.appendingPathComponent("cath.json").path
        let written = try cli.run(["subject-access", "export", "--email", cath, "--output", file])
        #expect(written.stdout == "Wrote the subject access export for \(cath) to \(file).\n")
        #expect(FileManager.default.fileExists(atPath: file))
        let twice = try cli.run(["subject-access", "export", "--email", cath, "--output", file])
        #expect(twice.status == 1)
        #expect(twice.stderr == "error: \(file) already exists: choose another --output\n")
        let nobody = try cli.run(["subject-access", "export", "--email", "nobody@example.org"])
        #expect(nobody.status == 1)
        #expect(nobody.stderr == "error: The user nobody@example.org was not found\n")

        let noReason = try cli.run(["subject-access", "erase", "--email", cath, "--reason", " "])
        #expect(noReason.status == 1)
        #expect(noReason.stderr == "error: reason: Enter the reason for the erasure\n")
        let erased = try cli.run(["subject-access", "erase", "--email", cath, "--reason", "SAR-2026-014"])
        #expect(erased.status == 0)
        let lines = erased.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(
            lines.first?.range(
                of:
                    #"^Erased compact@eastmoor-cvs\.example: the account is now erased-[0-9a-f-]{12}@invalid, disabled\.$"#,
                options: .regularExpression) != nil)
        #expect(lines.last == "The audit trail is unchanged; the erasure is recorded in it.")
        let verify = try cli.run(["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.stdout.hasPrefix("Audit chain intact"))
        let gone = try cli.run(["subject-access", "export", "--email", cath])
        #expect(gone.status == 1)
        let list = try cli.run(["users", "list", "--search", "erased-"])
        #expect(list.stdout.contains("disabled") && list.stdout.contains("Erased"))
    }
}
