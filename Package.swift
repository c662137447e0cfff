// swift-tools-version:6.2
import PackageDescription

// Upcoming features shared by every target:
// ExistentialAny (SE-0335) keeps existentials visible; MemberImportVisibility (SE-0444) keeps imports honest.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

// The reference runtimes run in Lambda's file-system view, where the toolchain's /opt/swift is hidden as on Lambda:
// they carry the Swift runtime inside (SwiftPM links even a C executable against it).
let staticSwiftRuntime: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux])),
    .linkedLibrary("_FoundationCollections", .when(platforms: [.linux])),
    .linkedLibrary("_FoundationCShims", .when(platforms: [.linux])),
    .linkedLibrary("swiftSynchronization", .when(platforms: [.linux])),
]

let nioCore: Target.Dependency = .product(name: "NIOCore", package: "swift-nio")
let nioPosix: Target.Dependency = .product(name: "NIOPosix", package: "swift-nio")
let nioHTTP1: Target.Dependency = .product(name: "NIOHTTP1", package: "swift-nio")
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let yams: Target.Dependency = .product(name: "Yams", package: "Yams")
let zipFoundation: Target.Dependency = .product(name: "ZIPFoundation", package: "ZIPFoundation")
let mustache: Target.Dependency = .product(name: "Mustache", package: "swift-mustache")
let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "lambdaspec",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lambdaspec", targets: ["LambdaSpecCLI"]),
        .executable(name: "bootstrap-swift", targets: ["SwiftReferenceRuntime"]),
        .executable(name: "bootstrap-c", targets: ["CReferenceRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
    ],
    targets: [
        // MARK: - Libraries
        .target(name: "ConformanceModel", swiftSettings: swiftSettings),
        .target(
            name: "MockRuntimeAPI",
            dependencies: ["ConformanceModel", nioCore, nioPosix, nioHTTP1],
            swiftSettings: swiftSettings
        ),
        // posix_spawn with a parent-death signal, which posix_spawn itself cannot set.
        .target(name: "CProcessSpawn"),
        .target(
            name: "LambdaSandbox", dependencies: ["ConformanceModel", "CProcessSpawn", zipFoundation],
            swiftSettings: swiftSettings),
        .target(
            name: "ScenarioEngine",
            dependencies: ["ConformanceModel", "MockRuntimeAPI", "LambdaSandbox", yams],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ConformanceReports", dependencies: ["ConformanceModel", mustache], swiftSettings: swiftSettings),
        // The catalogue compiled into the binary (see CatalogueEmbedPlugin), so a copied lambdaspec needs no checkout.
        .target(
            name: "BuiltInCatalogue", dependencies: ["ConformanceModel"], swiftSettings: swiftSettings,
            plugins: ["CatalogueEmbedPlugin"]),
        .target(
            name: "LayerCertification",
            dependencies: ["ConformanceModel", "LambdaSandbox", crypto],
            swiftSettings: swiftSettings
        ),

        // MARK: - Executables
        .executableTarget(
            name: "LambdaSpecCLI",
            dependencies: [
                "ConformanceModel", "MockRuntimeAPI", "ScenarioEngine", "ConformanceReports", "LambdaSandbox",
                "LayerCertification", "BuiltInCatalogue", argumentParser,
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Build tools
        .executableTarget(name: "CatalogueEmbedder", swiftSettings: swiftSettings),
        .plugin(
            name: "CatalogueEmbedPlugin", capability: .buildTool(), dependencies: ["CatalogueEmbedder"],
            path: "Sources/CatalogueEmbedPlugin"),

        // MARK: - Reference runtimes
        .systemLibrary(name: "CCurl", path: "Runtimes/c/CCurl", pkgConfig: "libcurl"),
        .systemLibrary(name: "CJSONC", path: "Runtimes/c/CJSONC", pkgConfig: "json-c"),
        .executableTarget(
            name: "CReferenceRuntime",
            dependencies: ["CCurl", "CJSONC"],
            path: "Runtimes/c",
            exclude: ["CCurl", "CJSONC", "lambdaspec.json", "bootstrap", "README.md"],
            sources: ["src"],
            linkerSettings: staticSwiftRuntime
        ),
        .executableTarget(
            name: "SwiftReferenceRuntime",
            dependencies: [nioCore, nioPosix, nioHTTP1],
            path: "Runtimes/swift",
            exclude: ["lambdaspec.json", "bootstrap", "README.md"],
            sources: ["Sources"],
            swiftSettings: swiftSettings,
            linkerSettings: staticSwiftRuntime
        ),

        // MARK: - Tests
        .target(
            name: "ConformanceTestSupport",
            dependencies: ["ConformanceModel", nioCore, nioPosix],
            path: "Tests/ConformanceTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MockRuntimeAPITests",
            dependencies: [
                "MockRuntimeAPI", "ConformanceModel", "ConformanceTestSupport", nioCore, nioHTTP1,
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScenarioEngineTests",
            dependencies: ["ScenarioEngine", "ConformanceModel", "LambdaSandbox", "MockRuntimeAPI"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LambdaSandboxTests", dependencies: ["LambdaSandbox", "ConformanceModel", zipFoundation],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ConformanceReportsTests",
            dependencies: ["ConformanceReports", "ConformanceModel", "ConformanceTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "LayerCertificationTests",
            dependencies: ["LayerCertification", "ConformanceModel", "LambdaSandbox", zipFoundation],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "ScenarioEngine", "ConformanceModel", "ConformanceReports", "ConformanceTestSupport", "LambdaSandbox",
                "MockRuntimeAPI",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
