import XCTest
@testable import Tutor

/// Grading by meaning: any correct form passes; the classic mistakes get feedback with line:column,
/// a caret for syntax errors, "did you mean", and an explanation; partial credit per field.
final class QuizGraderTests: XCTestCase {
    static let bank = QuizBank.load(directory: QuizBankTests.quizDirectory)
    func item(_ id: String) throws -> QuizItem { try XCTUnwrap(Self.bank.item(id)) }
    func grade(_ answer: String, _ id: String, _ language: Language = .en) throws -> QuizGrade {
        QuizGrader.grade(answer, item: try item(id), language: language)
    }

    let samplePod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: sample-pod
    spec:
      containers:
        - name: nginx
          image: nginx:latest

    """

    func testKeyOrderFlowStyleQuotingAndValidExtrasAllPass() throws {
        XCTAssertTrue(try grade(samplePod, "pod-sample").passed)
        let flow = #"{"spec": {"containers": [{"image": "nginx:latest", "name": "nginx"}]}, "metadata": {"name": 'sample-pod'}, "kind": "Pod", "apiVersion": "v1"}"#
        XCTAssertTrue(try grade(flow, "pod-sample").passed)
        let extras = samplePod.replacingOccurrences(of: "  name: sample-pod", with: "  name: sample-pod\n  labels: {app: web}")
        XCTAssertTrue(try grade(extras, "pod-sample").passed)
    }

    func testLowerCaseKindIsExplained() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "kind: Pod", with: "kind: pod"), "pod-sample")
        XCTAssertFalse(g.passed)
        XCTAssertTrue(g.renderedFeedback.contains("2:7"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("case-sensitive"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("`kind: Pod`"), g.renderedFeedback)
    }

    func testMisspelledKeysGetDidYouMean() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "apiVersion", with: "apiversion"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("1:1 apiversion: did you mean `apiVersion`?"), g.renderedFeedback)
        let typo = try grade(samplePod.replacingOccurrences(of: "image:", with: "imgae:"), "pod-sample")
        XCTAssertTrue(typo.renderedFeedback.contains("did you mean `image`?"), typo.renderedFeedback)
    }

    func testContainerInsteadOfTheContainersListIsExplained() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "containers:", with: "container:"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("6:3 spec.container: did you mean `containers`?"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("list of containers"), g.renderedFeedback)
    }

    func testAMissingDashIsExplained() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "- name: nginx", with: "  name: nginx"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("a missing `-`"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("7:"), g.renderedFeedback)
    }

    func testTabsGetACaretAndAnExplanation() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "  name: sample-pod", with: "\tname: sample-pod"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("4:1"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("tabs"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("4 |"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("| ^"), g.renderedFeedback)
        XCTAssertEqual(g.satisfied, 0)
    }

    func testNestedFieldsOnOneLineGetTheCaretUnderTheProblem() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "metadata:\n  name: sample-pod", with: "metadata: name: sample-pod"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("3:15"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("3 | metadata: name: sample-pod\n        |               ^"), g.renderedFeedback)
    }

    func testImageAtTheWrongIndentationIsExplained() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "      image: nginx:latest", with: "  image: nginx:latest"), "pod-sample")
        XCTAssertTrue(g.renderedFeedback.contains("wrong indentation"), g.renderedFeedback)
        XCTAssertTrue(g.renderedFeedback.contains("Container"), g.renderedFeedback)
    }

    func testAnswersAreComparedAfterTheAPIServersDefaults() throws {
        XCTAssertTrue(try grade(samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: nginx"), "pod-sample").passed,
                      "an untagged image is :latest")
        XCTAssertTrue(try grade(samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: docker.io/library/nginx:latest"), "pod-sample").passed)
        XCTAssertFalse(try grade(samplePod.replacingOccurrences(of: "image: nginx:latest", with: "image: nginx:1.27"), "pod-sample").passed)
        let recreate = try item("deploy-recreate").model
        XCTAssertTrue(try grade(recreate.replacingOccurrences(of: "  replicas: 1\n", with: ""), "deploy-recreate").passed,
                      "replicas defaults to 1")
        let namespaced = try item("pod-namespace").model
        XCTAssertTrue(try grade(namespaced.replacingOccurrences(of: "  namespace: default\n", with: ""), "pod-namespace").passed,
                      "no namespace is the default namespace")
    }

    func testAQuotedNumberIsNamedAsAString() throws {
        let model = try item("pod-port").model
        let quoted = try grade(model.replacingOccurrences(of: "containerPort: 80", with: "containerPort: \"80\""), "pod-port")
        XCTAssertFalse(quoted.passed)
        XCTAssertTrue(quoted.renderedFeedback.contains("this field is a number: write it without quotes"), quoted.renderedFeedback)
        XCTAssertFalse(quoted.renderedFeedback.contains("is `80`; the goal asks for `80`"), "the difference is named: \(quoted.renderedFeedback)")
    }

    func testDeploymentMistakes() throws {
        let model = try item("deploy-basic").model
        let v1 = try grade(model.replacingOccurrences(of: "apps/v1", with: "v1"), "deploy-basic")
        XCTAssertTrue(v1.renderedFeedback.contains("`apiVersion: apps/v1`, not `v1`"), v1.renderedFeedback)
        let mismatch = try grade(model.replacingOccurrences(of: "      labels:\n        app: web", with: "      labels:\n        app: other"), "deploy-basic")
        XCTAssertTrue(mismatch.renderedFeedback.contains("selector must match the template's labels"), mismatch.renderedFeedback)
        XCTAssertTrue(mismatch.renderedFeedback.contains("`selector` does not match template `labels`"), mismatch.renderedFeedback)
    }

    func testPartialCreditCountsTheRequiredFieldsThatAreRight() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "sample-pod", with: "sample").replacingOccurrences(of: ":latest", with: ":1.27"), "pod-sample")
        XCTAssertFalse(g.passed)
        XCTAssertEqual(g.total, 5)
        XCTAssertEqual(g.satisfied, 3)
        XCTAssertEqual(g.fraction, 0.6, accuracy: 0.001)
        XCTAssertTrue(g.renderedFeedback.contains("4:9 metadata.name: is `sample`; the goal asks for `sample-pod`."), g.renderedFeedback)
    }

    func testFeedbackIsInJapanese() throws {
        let g = try grade(samplePod.replacingOccurrences(of: "containers:", with: "container:"), "pod-sample", .ja)
        XCTAssertTrue(g.renderedFeedback.contains("`containers` のことですか？"), g.renderedFeedback)
    }

    func testTheModelAnswerIsShownBesideTheAnswerWithDifferencesMarked() throws {
        let answer = samplePod.replacingOccurrences(of: "sample-pod", with: "sample")
        let g = try grade(answer, "pod-sample")
        let view = ModelAnswerView.sideBySide(answer: answer, model: try item("pod-sample").model, grade: g, language: .en)
        XCTAssertTrue(view.contains("!   name: sample"), view)
        XCTAssertTrue(view.contains("+   name: sample-pod"), view)
        XCTAssertTrue(view.contains("    kind: Pod"), view)
    }

    func testChoiceQuestions() throws {
        XCTAssertTrue(try grade("a, b c", "pod-shared-namespaces").passed)
        let partial = try grade("a b", "pod-shared-namespaces")
        XCTAssertFalse(partial.passed)
        XCTAssertEqual(partial.satisfied, 2)
        XCTAssertTrue(try grade("B", "deploy-pod-deleted").passed)
        XCTAssertTrue(try grade("z", "deploy-pod-deleted").renderedFeedback.contains("a, b, c"))
    }
}
