import XCTest

/// The quiz through the real binary: grading a file for scripts, and a session in the shell.
final class QuizEndToEndTests: XCTestCase {
    func write(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "quiz-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func grade(_ answer: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = KubetutorProcess.binary
        p.arguments = ["quiz", "--item", "pod-sample", "--answer", try write(answer), "--lang", "en"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    func testAnAnswerFileIsGradedByMeaning() throws {
        // Flow style, other key order, quotes: still the sample Pod.
        let (ok, okText) = try grade("""
            kind: Pod
            apiVersion: "v1"
            spec: {containers: [{image: "nginx:latest", name: nginx}]}
            metadata: {name: sample-pod}
            """)
        XCTAssertEqual(ok, 0, okText)
        let (bad, badText) = try grade("""
            apiVersion: v1
            kind: pod
            metadata:
              name: sample-pod
            spec:
              container:
                - name: nginx
                  image: nginx:latest
            """)
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(badText.contains("kind: Pod"), badText)
        XCTAssertTrue(badText.contains("containers"), "explains `container:` vs the list `containers:`: \(badText)")
    }

    func testAQuizInTheShellAcceptsAnAnswerAndAppliesIt() throws {
        let script = """
            quiz pod-sample
            metadata:
              name: sample-pod
            apiVersion: v1
            kind: Pod
            spec:
              containers:
                - name: nginx
                  image: nginx:latest

            apply
            kubectl wait --for=condition=Ready pod/sample-pod
            """
        let (_, out, err) = try KubetutorProcess.run(script: script + "\n", environment: ["LANG": "C.UTF-8"])
        XCTAssertTrue(out.contains("Correct"), out + err)
        XCTAssertTrue(out.contains("pod/sample-pod created"), out)
        XCTAssertTrue(out.contains("pod/sample-pod condition met"), out)
    }
}
