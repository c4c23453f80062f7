import XCTest
import Kubectl
@testable import Tutor

final class TextReflowTests: XCTestCase {
    func testEnglishParagraphsAreJoinedAndWrappedBetweenWords() {
        let text = "Running one container by hand is easy. Running hundreds is not: you would have to\npick a host for each.\n\nNext paragraph."
        let out = TextReflow.reflow(text, width: 40)
        XCTAssertEqual(out, """
            Running one container by hand is easy.
            Running hundreds is not: you would have
            to pick a host for each.

            Next paragraph.
            """)
    }

    func testJapaneseWrapsByDisplayWidthAndKeepsPunctuationOffTheLineStart() {
        let text = "Deployment 自身は Pod を作りません。ReplicaSet を作り、その ReplicaSet が Pod を作ります。\nReplicaSet の名前は Deployment 名に Pod テンプレートのハッシュを付けたものです。"
        for width in [20, 31, 40, 57, 80] {
            let lines = TextReflow.reflow(text, width: width).split(separator: "\n").map(String.init)
            for line in lines {
                XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "width \(width): \(line)")
                XCTAssertFalse(["、", "。", "）", "」"].contains(line.first.map(String.init) ?? ""), "width \(width): \(line)")
            }
            XCTAssertTrue(lines.dropLast().allSatisfy { DisplayWidth.of($0) > width / 2 }, "no line left nearly empty at \(width): \(lines)")
            XCTAssertEqual(lines.joined().replacingOccurrences(of: " ", with: ""),
                           text.replacingOccurrences(of: "\n", with: "").replacingOccurrences(of: " ", with: ""), "nothing lost")
        }
    }

    func testSpacesAroundWordsInJapaneseTextAreKept() {
        XCTAssertEqual(TextReflow.reflow("組み込みクラスタに kubectl コマンドを実行します（N なし: 前回）", width: 80),
                       "組み込みクラスタに kubectl コマンドを実行します（N なし: 前回）")
    }

    func testExamplesListsAndCodeSpansKeepTheirShape() {
        let text = "Try this:\n\n  kubectl get pods -o wide --watch\n\n- a list item that is long enough to wrap onto a second line here\n- `kubectl get pods -o wide` stays whole"
        XCTAssertEqual(TextReflow.reflow(text, width: 30), """
            Try this:

              kubectl get pods -o wide --watch

            - a list item that is long
              enough to wrap onto a second
              line here
            - `kubectl get pods -o wide`
              stays whole
            """)
    }

    func testNoBuiltInLessonLineExceedsTheWidthAfterReflow() {
        let lessons = LessonCatalog.load(directories: [LessonFormatTests.lessonsDirectory]).lessons
        XCTAssertEqual(lessons.count, 9)
        for lesson in lessons {
            for step in lesson.steps {
                for language in Language.allCases {
                    let texts = [step.text.text(language), step.task.text(language)] + step.hints.map { $0.text(language) }
                    for width in [60, 80] {
                        for text in texts {
                            for line in TextReflow.reflow(text, width: width).split(separator: "\n") {
                                // Examples keep their shape: authors keep them within 80 columns.
                                let limit = line.hasPrefix("  ") ? 80 : width
                                XCTAssertLessThanOrEqual(DisplayWidth.of(String(line)), limit,
                                                         "\(lesson.id)/\(step.id) [\(language)] at \(width): \(line)")
                            }
                        }
                    }
                }
            }
        }
    }
}
