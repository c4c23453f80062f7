import XCTest
@testable import Tutor

/// `ran` and `output`: how a learner's command is matched.
final class CommandCheckTests: XCTestCase {
    func ran(_ pattern: String, _ line: String) -> Bool {
        CommandChecks.matches(pattern.split(separator: " ").map(String.init), CommandChecks.words(of: LearnerEntry(text: line)))
    }

    func testVerbAndResourceAliasesMatch() {
        XCTAssertTrue(ran("get nodes", "kubectl get nodes"))
        XCTAssertTrue(ran("get nodes", "k get no"))
        XCTAssertTrue(ran("get nodes", "get node worker-1"))
        XCTAssertTrue(ran("get replicasets", "kubectl get rs -o wide"))
        XCTAssertFalse(ran("get nodes", "kubectl get pods"))
        XCTAssertFalse(ran("get pods", "kubectl describe pods"))
    }

    func testObjectReferencesAndLiteralWordsMatch() {
        XCTAssertTrue(ran("delete pod/web-1", "kubectl delete pod web-1"))
        XCTAssertTrue(ran("delete pod", "kubectl delete pods -l app=web"))
        XCTAssertTrue(ran("exec sample-pod hostname", "kubectl exec -it sample-pod -- hostname"))
        XCTAssertFalse(ran("exec sample-pod hostname", "kubectl exec sample-pod -- ls"))
        XCTAssertTrue(ran("node stop worker-2", "node stop worker-2"))
    }

    func testATypedManifestCountsAsApply() {
        XCTAssertTrue(ran("apply", "apiVersion: v1\nkind: Pod\n"))
        XCTAssertEqual(LearnerEntry(text: "apiVersion: v1\nkind: Pod"), .manifest("apiVersion: v1\nkind: Pod\n"))
    }

    func testOutputContainsOrMatches() {
        let result = EntryResult(status: 0, stdout: "NAME   READY\nweb-5d7f8   1/1\n", stderr: "")
        let entry = LearnerEntry.command("get pods")
        XCTAssertTrue(CommandChecks.holds(Check(.output(.contains("1/1"))), entry: entry, result: result))
        XCTAssertTrue(CommandChecks.holds(Check(.output(.regex("^web-[a-z0-9]+ +1/1$"))), entry: entry, result: result))
        XCTAssertFalse(CommandChecks.holds(Check(.output(.regex("^READY"))), entry: entry, result: result))
    }

    func testACommandTypedInsideAnInteractiveExecCounts() {
        let check = Check(.ran(["exec", "sample-pod", "--", "hostname"]))
        let session = LearnerEntry.command("kubectl exec -it sample-pod -- sh")
        XCTAssertTrue(CommandChecks.holds(check, entry: session, result: EntryResult(status: 0, typed: "ls\rhostnme\u{7F}\u{7F}ame\rexit\r")),
                      "typed inside the session, with a typo fixed by backspace")
        XCTAssertFalse(CommandChecks.holds(check, entry: session, result: EntryResult(status: 0, typed: "ls\rexit\r")))
        XCTAssertFalse(CommandChecks.holds(check, entry: .command("kubectl exec -it other -- sh"), result: EntryResult(status: 0, typed: "hostname\r")),
                       "another pod's shell does not count")
        XCTAssertFalse(CommandChecks.holds(check, entry: .command("kubectl exec sample-pod -- sh"), result: EntryResult(status: 0, typed: "hostname\r")),
                       "only an interactive session reads typed lines")
        XCTAssertTrue(CommandChecks.holds(check, entry: .command("kubectl exec sample-pod -- hostname"), result: EntryResult(status: 0)))
    }

    func testLessonSevenAcceptsAnyAgeAndWideOutput() throws {
        let lesson = try XCTUnwrap(LessonCatalog.load(directories: [LessonFormatTests.lessonsDirectory]).lessons.first { $0.id.contains("self-healing") })
        let step = try XCTUnwrap(lesson.steps.first { $0.id == "new-names" })
        let check = try XCTUnwrap(step.checks.first { if case .output = $0.kind { return true } else { return false } })
        let entry = LearnerEntry.command("kubectl get pods")
        for age in ["5s", "2m5s", "3h", "12d"] {
            let out = "NAME                   READY   STATUS    RESTARTS   AGE\nweb-5d7f8b9c4d-k69v4   1/1     Running   0          \(age)\n"
            XCTAssertTrue(CommandChecks.holds(check, entry: entry, result: EntryResult(status: 0, stdout: out)), age)
        }
        let wide = "NAME                   READY   STATUS    RESTARTS   AGE    IP           NODE\nweb-5d7f8b9c4d-k69v4   1/1     Running   0          2m5s   10.244.1.2   worker-1\n"
        XCTAssertTrue(CommandChecks.holds(check, entry: .command("kubectl get pods -o wide"), result: EntryResult(status: 0, stdout: wide)))
        XCTAssertEqual(check.label(.en), "web pods that are 1/1 Running with 0 restarts")
    }
}
