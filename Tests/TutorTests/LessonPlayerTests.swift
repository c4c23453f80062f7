import XCTest
import Cluster
import Kubectl
import Runtime
@testable import Tutor

/// The player against a real embedded cluster: steps complete from the learner's commands, hints
/// unfold, progress is saved and resumed, reset rebuilds the start state, export writes both files.
final class LessonPlayerTests: XCTestCase {
    var runtime: LinuxRuntime!
    var cluster: Cluster!
    var kubectl: Kubectl!
    var dir = ""

    static let lesson = """
        id: tiny
        title: {en: Tiny, ja: ちいさな}
        steps:
          - id: apply
            title: {en: Apply it, ja: 適用する}
            text: {en: Make a pod., ja: Pod を作ります。}
            try: {en: Apply p1., ja: p1 を適用。}
            checks: [{pod: {name: p1, phase: Running, ready: true}}]
            hints: [{en: First hint, ja: ヒント一}, {en: Second hint, ja: ヒント二}]
            solution:
              - |
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p1
                spec:
                  containers:
                    - name: nginx
                      image: nginx
          - id: look
            title: {en: Look, ja: 見る}
            text: {en: List pods., ja: 一覧します。}
            try: {en: get pods, ja: get pods}
            checks: [{ran: get pods}, {output: p1}, {exists: pod/p1}]
            hints: [{en: get, ja: get}]
            solution: [kubectl get pods]
        """

    static let manifest = LearnerEntry(text: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p1\nspec:\n  containers:\n    - name: nginx\n      image: nginx\n")

    override func setUpWithError() throws {
        runtime = try LinuxRuntime()
        cluster = Cluster(runtime: runtime, images: CatalogImages(runtime.images), makeLog: { try ContainerLog(name: "test") })
        kubectl = Kubectl(cluster: cluster)
        dir = NSTemporaryDirectory() + "player-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/lessons", withIntermediateDirectories: true)
        try Self.lesson.write(toFile: dir + "/lessons/tiny.yaml", atomically: true, encoding: .utf8)
    }

    override func tearDown() {
        cluster?.shutdown()
        try? FileManager.default.removeItem(atPath: dir)
    }

    func run(_ entry: LearnerEntry) -> EntryResult {
        let (io, captured) = CommandIO.capturing()
        let status: Int32
        switch entry {
        case .manifest(let text): status = kubectl.applyTyped(text, io: io)
        case .command(let line):
            var words = (try? CommandLineSplitter.split(line)) ?? []
            if words.first == "kubectl" { words.removeFirst() }
            status = kubectl.run(words, io: io)
        }
        return EntryResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
    }

    func makePlayer(_ language: Language = .en) -> LessonPlayer {
        LessonPlayer(catalog: LessonCatalog.load(directories: [dir + "/lessons"]), cluster: cluster,
                     store: ProgressStore(path: dir + "/state/progress.json"), language: language, runner: { [unowned self] in self.run($0) })
    }

    func testAStepCompletesFromTheLearnersCommandsAndProgressIsSavedAndResumed() throws {
        let player = makePlayer()
        let start = player.run("lesson", ["1"]).out
        XCTAssertTrue(start.contains("Lesson 1 · Step 1/2: Apply it\n─────────────────────────────\n"), start)
        XCTAssertEqual(player.run("hint", []).out, "Hint 1/2: First hint\n")
        XCTAssertEqual(player.run("hint", []).out, "Hint 1/2: First hint\nHint 2/2: Second hint\n(That was the last hint; `solution` shows a way to do it.)\n")
        XCTAssertEqual(player.run("check", []).status, 1)

        let done = try XCTUnwrap(player.observe(Self.manifest, run(Self.manifest)))
        XCTAssertTrue(done.contains("✓ Step done: Apply it"), done)
        XCTAssertTrue(done.contains("Step 2/2: Look"), done)
        XCTAssertEqual(ProgressStore(path: dir + "/state/progress.json").load().progress.lessons["tiny"]?.completedSteps, ["apply"])

        let again = makePlayer(.ja)
        XCTAssertEqual(again.resumeOffer, "おかえりなさい。レッスン 1「ちいさな」のステップ 2「見る」の途中です。`lesson` と入力すると続きから始めます。\n")
        XCTAssertTrue(again.run("lesson", []).out.contains("ステップ 2/2: 見る"))
        XCTAssertNil(again.observe(.command("kubectl get nodes"), run(.command("kubectl get nodes"))))
        let finished = try XCTUnwrap(again.observe(.command("kubectl get pods"), run(.command("kubectl get pods"))))
        XCTAssertTrue(finished.contains("🎉 レッスン 1 修了: ちいさな"), finished)
        XCTAssertNotNil(again.progress.lessons["tiny"]?.completedAt)
        XCTAssertTrue(again.run("lessons", []).out.contains("✓  1  2/2       ちいさな"))
    }

    func testACrashLoopingSidecarIsNotReadyAndCheckSaysWhy() throws {
        let player = makePlayer()
        _ = player.run("lesson", ["tiny"])
        let broken = LearnerEntry(text: Self.manifest.display + "\n    - name: sidecar\n      image: busybox\n")
        XCTAssertNil(player.observe(broken, run(broken)), "a sidecar without a command is ready only for a moment")
        let check = player.run("check", []).out
        XCTAssertTrue(check.contains("  ✗ pod p1: Running, ready — "), check)
        XCTAssertTrue(check.contains("p1: container sidecar "), "names the failing container: \(check)")
        XCTAssertFalse(check.contains("/"), "no regex, no internals: \(check)")
    }

    func testCheckOffersResetWhenWhatAnEarlierStepMadeIsGone() throws {
        let player = makePlayer()
        _ = player.run("lesson", ["tiny"])
        XCTAssertNotNil(player.observe(Self.manifest, run(Self.manifest)))
        _ = run(.command("kubectl delete pod p1 --grace-period=0 --force"))
        let check = player.run("check", []).out
        XCTAssertTrue(check.contains("  ✗ pod/p1 exists — pod/p1 does not exist yet"), check)
        XCTAssertTrue(check.contains("`reset` rebuilds the start of this step"), check)
        XCTAssertTrue(player.run("reset", []).out.contains("Step 2/2"))
        XCTAssertTrue(player.run("check", []).out.contains("  ✓ pod/p1 exists"))
    }

    func testCheckExplainsWhatIsMissingAndSolutionShowsTheManifest() {
        let player = makePlayer()
        _ = player.run("lesson", ["tiny"])
        XCTAssertEqual(player.run("check", []).out, """
              ✗ pod p1: Running, ready — no pod p1 yet
            Not done yet. Stuck? `hint` gives a clue, `solution` shows a way.

            """)
        XCTAssertTrue(player.run("solution", []).out.contains("  kind: Pod\n  metadata:\n    name: p1\n"))
        XCTAssertEqual(player.progress.lessons["tiny"]?.solutionsShown, 1)
        XCTAssertEqual(player.run("back", []).status, 1)
        XCTAssertEqual(player.run("set", ["lang", "fr"]).status, 1)
    }

    func testResetRebuildsTheStartOfAStepFromEarlierSolutions() throws {
        let player = makePlayer()
        _ = player.run("lesson", ["1"])
        _ = player.run("next", [])
        XCTAssertTrue(player.run("reset", []).out.contains("Step 2/2"))
        let pods = cluster.sync { cluster.pods.list(namespace: "default").map(\.metadata.name) }
        XCTAssertEqual(pods, ["p1"])
    }

    func testProgressExportWritesJSONAndText() throws {
        let player = makePlayer()
        _ = player.run("lesson", ["1"])
        _ = player.observe(Self.manifest, run(Self.manifest))
        let reply = player.run("progress", ["export", dir])
        XCTAssertEqual(reply.status, 0, reply.err)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/kubetutor-progress.json"))) as? [String: Any])
        let lessons = try XCTUnwrap(json["lessons"] as? [[String: Any]])
        XCTAssertEqual(lessons.first?["stepsDone"] as? Int, 1)
        XCTAssertEqual(lessons.first?["completedSteps"] as? [String], ["apply"])
        let text = try String(contentsOfFile: dir + "/kubetutor-progress.txt", encoding: .utf8)
        XCTAssertTrue(text.contains("◐  Tiny  1/2  hints 0, solutions 0\n"), text)
    }
}
