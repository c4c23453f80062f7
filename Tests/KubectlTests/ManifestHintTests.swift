import XCTest
@testable import Kubectl

/// The hints kubetutor adds after kubectl's own error for the classic manifest mistakes.
final class ManifestHintTests: XCTestCase {
    func testFullWidthCharactersFromAJapaneseIMEAreNamedWithTheirPlace() {
        XCTAssertEqual(ManifestHints.fullWidthHint("kind: Pod\nmetadata:\n  name：web\n"),
                       "hint: line 3, column 7 has a full-width colon (：), as a Japanese IME types it: YAML needs half-width "
                           + "spaces, colons and hyphens (全角コロンを半角にしてください)")
        XCTAssertEqual(ManifestHints.fullWidthHint("spec:\n\u{3000}\u{3000}containers: []\n")?.hasPrefix("hint: line 2, column 1 has a full-width space (U+3000)"), true)
        XCTAssertNil(ManifestHints.fullWidthHint("metadata:\n  name: web  # ウェブ\n"), "Japanese in a comment or value is fine")
    }

    func testTheHintFollowsKubectlsErrorWhenAManifestFailsToDecode() throws {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name：x\nspec:\n  containers: [{name: a, image: nginx}]\n"
        XCTAssertThrowsError(try ManifestFiles.decode(text, source: "STDIN", verb: "apply")) { error in
            let message = (error as? KubectlError)?.message ?? ""
            XCTAssertTrue(message.hasPrefix("error: unable to decode \"STDIN\": json: cannot unmarshal string into Go struct field"), message)
            XCTAssertTrue(message.hasSuffix("(全角コロンを半角にしてください)"), message)
        }
    }
}
