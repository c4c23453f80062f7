import XCTest
import YAML
@testable import KubeAPI

/// Parses exactly one YAML document (test helper).
func yamlDocument(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YNode {
    let docs = try parseYAML(text)
    guard docs.count == 1, let doc = docs.first else {
        XCTFail("expected one document, got \(docs.count)", file: file, line: line)
        throw ManifestError.notAnObject(mark: Mark(line: 0, column: 0))
    }
    return doc
}

/// The ManifestError admitting `text` throws, or nil (with a failure) when it is accepted.
func admitError(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ManifestError? {
    let node = try yamlDocument(text, file: file, line: line)
    do {
        _ = try admitManifest(node)
        XCTFail("manifest was accepted", file: file, line: line)
        return nil
    } catch let error as ManifestError {
        return error
    }
}

/// What kubectl would print when creating `text` from sample.yaml.
func kubectlError(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    try admitError(text, file: file, line: line)?.kubectlMessage(verb: "creating", source: "sample.yaml") ?? ""
}

let samplePod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: sample-pod
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:latest
          ports:
            - containerPort: 80
    """

let sampleDeployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      replicas: 3
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
            - name: nginx
              image: nginx:1.27
    """
