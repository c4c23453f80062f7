import XCTest
@testable import Tutor

/// Every user-visible string of kubetutor's own (the shell's phrases and the lesson commands' help)
/// has English and Japanese, and the Japanese is Japanese (not a copy of the English).
final class TranslationCoverageTests: XCTestCase {
    private func isJapanese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }

    func testEveryShellPhraseHasBothLanguages() {
        XCTAssertGreaterThan(ShellText.all.count, 15)
        for (name, phrase) in ShellText.all {
            XCTAssertEqual(phrase.missingLanguages, [], name)
            XCTAssertTrue(isJapanese(phrase.text(.ja)), "\(name): \(phrase.text(.ja))")
            XCTAssertEqual(phrase.text(.en).components(separatedBy: "%@").count, phrase.text(.ja).components(separatedBy: "%@").count,
                           "\(name): both languages take the same arguments")
        }
    }

    func testEveryLessonCommandIsDescribedInBothLanguages() {
        for command in LessonPlayer.commands {
            XCTAssertEqual(command.summary.missingLanguages, [], command.name)
            XCTAssertTrue(isJapanese(command.summary.text(.ja)), command.name)
        }
    }

    func testEveryCheckKindReadsInBothLanguages() {
        var pod = PodCriteria()
        pod.name = "p"
        pod.phase = "Running"
        pod.ready = true
        var deployment = DeploymentCriteria(name: "web")
        deployment.replicas = 4
        let checks: [Check.Kind] = [
            .ran(["get", "pods"]), .output(.contains("Running")), .output(.regex("x")),
            .pod(pod), .deployment(deployment),
            .exists(ObjectRef("pod/p")!), .absent(ObjectRef("pod/p")!), .podRecreated(deployment: "web"), .nodeReady(name: "worker-2", status: "False"),
        ]
        for kind in checks {
            let check = Check(kind)
            XCTAssertNotEqual(check.label(.en), check.label(.ja), "\(kind)")
            XCTAssertTrue(isJapanese(check.label(.ja)), check.label(.ja))
            XCTAssertFalse(check.label(.en).contains("/x/"), "a regex is never shown")
        }
    }
}
