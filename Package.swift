// swift-tools-version:5.10
import PackageDescription

/// kubetutor: a Kubernetes tutor with an embedded, really-running cluster.
/// Module dependencies point one way: C shims → YAML → KubeAPI → Runtime → Cluster → Kubectl → Tutor → Shell → kubetutor.
let package = Package(
    name: "kubetutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubetutor", targets: ["kubetutor"]),
    ],
    dependencies: [
        // Only third-party package: the command line of `kubetutor` itself (DESIGN.md).
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "CSpawn"),
        // The cluster's init process and the offline images' programs (nginx, wget, ps, hostname).
        // Linked statically so that a pod holder forked from it stays under 1 MiB of RSS.
        .executableTarget(
            name: "kubetutor-init",
            linkerSettings: [.unsafeFlags(["-static-executable"])]
        ),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(name: "KubeAPI", dependencies: ["YAML"]),
        .target(name: "Runtime", dependencies: ["CSpawn"]),
        .target(name: "Cluster", dependencies: ["KubeAPI", "Runtime"]),
        .target(name: "Kubectl", dependencies: ["Cluster", "KubeAPI", "YAML"]),
        .target(name: "Tutor", dependencies: ["Kubectl", "Cluster", "KubeAPI", "YAML"]),
        .target(name: "Shell", dependencies: ["CEditLine", "Kubectl", "Tutor"]),
        .executableTarget(
            name: "kubetutor",
            dependencies: [
                "Shell", "Tutor", "Kubectl", "Cluster", "Runtime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster"]),
        .testTarget(name: "KubectlTests", dependencies: ["Kubectl", "Cluster", "Runtime"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell"]),
        .testTarget(name: "TutorTests", dependencies: ["Tutor", "Kubectl", "Cluster", "Runtime"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CSpawn", "Tutor"]),
    ]
)
