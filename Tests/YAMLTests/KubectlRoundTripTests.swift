import XCTest

@testable import YAML

/// Whole objects printed by real kubectl v1.32 (`kubectl create deployment web --image=nginx --replicas=3
/// --port=80 --dry-run=client -o json` and `-o yaml`): reading kubectl's JSON and printing it again must
/// give kubectl's JSON and YAML byte for byte.
final class KubectlRoundTripTests: XCTestCase {
    private let deploymentJSON = """
            {
                "kind": "Deployment",
                "apiVersion": "apps/v1",
                "metadata": {
                    "name": "web",
                    "creationTimestamp": null,
                    "labels": {
                        "app": "web"
                    }
                },
                "spec": {
                    "replicas": 3,
                    "selector": {
                        "matchLabels": {
                            "app": "web"
                        }
                    },
                    "template": {
                        "metadata": {
                            "creationTimestamp": null,
                            "labels": {
                                "app": "web"
                            }
                        },
                        "spec": {
                            "containers": [
                                {
                                    "name": "nginx",
                                    "image": "nginx",
                                    "ports": [
                                        {
                                            "containerPort": 80
                                        }
                                    ],
                                    "resources": {}
                                }
                            ]
                        }
                    },
                    "strategy": {}
                },
                "status": {}
            }
            """

    private let deploymentYAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              creationTimestamp: null
              labels:
                app: web
              name: web
            spec:
              replicas: 3
              selector:
                matchLabels:
                  app: web
              strategy: {}
              template:
                metadata:
                  creationTimestamp: null
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx
                    name: nginx
                    ports:
                    - containerPort: 80
                    resources: {}
            status: {}

            """

    func testKubectlsJSONReprintsAsKubectlsJSONAndYAML() throws {
        let value = try XCTUnwrap(parseYAML(deploymentJSON).first).toJSONValue()
        XCTAssertEqual(value.jsonString(), deploymentJSON)
        XCTAssertEqual(emitYAML(value), deploymentYAML)
    }

    func testKubectlsYAMLReadsBackToTheSameValueSorted() throws {
        let fromJSON = try XCTUnwrap(parseYAML(deploymentJSON).first).toJSONValue()
        let fromYAML = try XCTUnwrap(parseYAML(deploymentYAML).first).toJSONValue()
        XCTAssertEqual(fromYAML.sortingKeys(), fromJSON.sortingKeys())
    }
}
