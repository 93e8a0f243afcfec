// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "VoiceSim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "voicesim", targets: ["VoiceSimCLI"]),
        .library(name: "VoiceCore", targets: ["VoiceCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "VoiceCore"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Recorder", dependencies: ["VoiceCore", "CSQLite", "CZlib"]),
        .target(
            name: "VoiceSim",
            dependencies: [
                "VoiceCore", "Recorder",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "VoiceSimCLI",
            dependencies: [
                "VoiceCore", "VoiceSim", "Recorder",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "VoiceCoreTests", dependencies: ["VoiceCore"]),
        .target(name: "TestSupport", dependencies: ["VoiceCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PropertyTests", dependencies: ["VoiceCore", "Recorder", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["VoiceCore", "VoiceSim", "Recorder"]),
        .testTarget(name: "RecorderTests", dependencies: ["VoiceCore", "Recorder", "VoiceSim", "TestSupport"]),
    ]
)
