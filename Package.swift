// swift-tools-version:5.10
import PackageDescription

/// kubetutor: a Kubernetes tutor with an embedded, really-running cluster.
/// Module dependencies point one way: C shims → YAML → KubeAPI → Runtime → Cluster → APIServer → Kubectl → Tutor → Shell → kubetutor.
let package = Package(
    name: "kubetutor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kubetutor", targets: ["kubetutor"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The API server's HTTPS front (DESIGN.md): SwiftNIO's HTTP/1.1 and WebSocket codecs and
        // swift-nio-ssl (BoringSSL). About 2.3 minutes of a first build on 2 cores, measured;
        // Hummingbird would add its own dependencies for routing we do from the registry anyway.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ],
    targets: [
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
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
        // The one API layer: resource registry and REST semantics over the cluster's stores.
        .target(name: "APIServer", dependencies: ["Cluster", "KubeAPI", "Runtime", "YAML"]),
        .target(
            name: "HTTPAPI",
            dependencies: [
                "APIServer", "Cluster", "CZlib", "KubeAPI", "Runtime", "YAML",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(name: "Kubectl", dependencies: ["APIServer", "Cluster", "KubeAPI", "YAML"]),
        .target(name: "Tutor", dependencies: ["APIServer", "Kubectl", "Cluster", "KubeAPI", "YAML"]),
        .target(name: "Shell", dependencies: ["CEditLine", "Kubectl", "Tutor"]),
        .executableTarget(
            name: "kubetutor",
            dependencies: [
                "Shell", "Tutor", "Kubectl", "Cluster", "Runtime", "HTTPAPI", "APIServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The bench's own HTTPS client (BenchAPIClient).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(name: "YAMLTests", dependencies: ["YAML"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI"], resources: [.copy("Fixtures")]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime"]),
        .testTarget(name: "ClusterTests", dependencies: ["Cluster"]),
        .testTarget(name: "HTTPAPITests", dependencies: ["HTTPAPI", "APIServer", "Cluster", "Runtime"]),
        .testTarget(name: "APIServerTests", dependencies: ["APIServer", "Cluster", "Runtime"]),
        .testTarget(name: "KubectlTests", dependencies: ["Kubectl", "APIServer", "Cluster", "Runtime"]),
        .testTarget(name: "ShellTests", dependencies: ["Shell"]),
        .testTarget(name: "TutorTests", dependencies: ["Tutor", "APIServer", "Kubectl", "Cluster", "Runtime"]),
        .testTarget(name: "EndToEndTests", dependencies: ["CSpawn", "Tutor"]),
    ]
)
