// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "bosun",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bosun", targets: ["bosun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-http2.git", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // SQLite from the system (Debian libsqlite3-dev): no Swift wrapper package to build.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // Pure machinery: JSON values, errors/Status, selectors, validation, patch engines.
        .target(name: "KubeMachinery"),

        // The etcd data model (revisions, watch, compaction) over SQLite or memory.
        .target(name: "KubeStorage", dependencies: ["CSQLite"]),

        // The built-in resource catalog: schemas, defaults, validation, printers.
        .target(name: "KubeResources", dependencies: ["KubeMachinery"]),

        // HTTPS API server: handlers, discovery, OpenAPI, watch cache.
        .target(name: "KubeAPIServer", dependencies: [
            "KubeMachinery", "KubeStorage", "KubeResources",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),

        // Typed views over API objects for Bosun's own components (clients, not the server).
        .target(name: "KubeAPI", dependencies: ["KubeMachinery"]),

        // REST client, watch, informers, work queue, leader election: what every component uses.
        .target(name: "KubeClient", dependencies: [
            "KubeAPI", "KubeMachinery",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),

        // The scheduler: framework, queue, cache and the default plugins.
        .target(name: "KubeScheduler", dependencies: [
            "KubeClient", "KubeAPI", "KubeMachinery",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
        ]),

        // The controller manager: one folder per control loop.
        .target(name: "KubeControllers", dependencies: [
            "KubeClient", "KubeAPI", "KubeMachinery",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Simulated kubelets (like kwok/kubemark) for tests and benchmarks at scale.
        .target(name: "HollowNodes", dependencies: [
            "KubeClient", "KubeAPI", "KubeMachinery",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Composition of `bosun server`: PKI, kubeconfig, wiring.
        .target(name: "BosunServer", dependencies: [
            "KubeAPIServer", "KubeStorage", "KubeClient", "KubeScheduler", "KubeControllers",
            .product(name: "X509", package: "swift-certificates"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "SwiftASN1", package: "swift-asn1"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .executableTarget(name: "bosun", dependencies: [
            "BosunServer", "HollowNodes", "KubeClient", "KubeScheduler", "KubeControllers",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // `make bench`: store and API benchmarks against raw SQLite (release build).
        .executableTarget(name: "bosun-bench", dependencies: [
            "KubeAPIServer", "KubeStorage", "KubeResources", "KubeMachinery", "BosunServer", "KubeClient", "KubeAPI",
            "KubeScheduler", "KubeControllers", "HollowNodes",
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "KubeMachineryTests", dependencies: ["KubeMachinery"]),
        .testTarget(name: "KubeStorageTests", dependencies: ["KubeStorage"]),
        .testTarget(name: "KubeResourcesTests", dependencies: ["KubeResources", "KubeMachinery"]),
        .testTarget(name: "KubeAPIServerTests", dependencies: ["KubeAPIServer", "KubeStorage", "KubeResources", "KubeMachinery"]),
        .testTarget(name: "BosunServerTests", dependencies: ["BosunServer"]),
        .testTarget(name: "KubeAPITests", dependencies: ["KubeAPI", "KubeMachinery"]),
        .testTarget(name: "KubeClientTests", dependencies: ["KubeClient", "KubeAPI", "BosunServer", "KubeAPIServer", "KubeStorage", "KubeResources"]),
        .testTarget(name: "KubeSchedulerTests", dependencies: ["KubeScheduler", "KubeClient", "KubeAPI"]),
        .testTarget(name: "KubeControllersTests", dependencies: ["KubeControllers", "HollowNodes", "KubeClient", "KubeAPI", "BosunServer", "KubeAPIServer", "KubeStorage", "KubeResources"]),
        .testTarget(name: "HollowNodesTests", dependencies: ["HollowNodes", "KubeClient", "KubeAPI", "BosunServer", "KubeAPIServer", "KubeStorage", "KubeResources"]),
    ],
    swiftLanguageModes: [.v6]
)
