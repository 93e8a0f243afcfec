// swift-tools-version:6.1
import PackageDescription

/// `-static-stdlib` plus the static libraries Foundation needs, for release builds on Linux.
/// Linked as a fixed-address executable (not PIE): with the runtime and Foundation inside, a PIE
/// has 81,000 relative relocations that the loader applies at every start, writing (and so
/// copying) the pages they sit in (`voicesim --help`: 190 fewer page faults, about 1.4 ms less CPU).
let staticStdlibFlags = ["-static-stdlib", "-Xclang-linker", "-no-pie"] + ([
    "--start-group", "-lFoundation", "-lFoundationEssentials", "-lFoundationInternationalization", "-lCoreFoundation",
    "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization", "-lswiftDispatch",
    "-ldispatch", "-lBlocksRuntime", "-lstdc++", "--end-group",
].flatMap { ["-Xlinker", $0] })

let package = Package(
    name: "VoiceSim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "voicesim", targets: ["VoiceSimCLI"]),
        .executable(name: "voicesim-live", targets: ["VoiceLiveCLI"]),
        .library(name: "VoiceCore", targets: ["VoiceCore"]),
        // Replay, scenario and expectation checks for users' own test suites.
        .library(name: "VoiceSimTesting", targets: ["VoiceSimTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Live runtime only (VoiceLive): the core, simulator and recorder never see these.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(name: "VoiceCore"),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Recorder", dependencies: ["VoiceCore", "CSQLite", "CZlib"]),
        // Offline speech engines for the live runtime's speech stand-ins and `voicesim call`.
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .systemLibrary(
            name: "CPocketSphinx", pkgConfig: "pocketsphinx", providers: [.apt(["libpocketsphinx-dev", "pocketsphinx-en-us"])]),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr", providers: [.apt(["libsoxr-dev"])]),
        .target(name: "Speech", dependencies: ["CEspeakNG", "CPocketSphinx", "CSoxr"]),
        .target(
            name: "VoiceSim",
            dependencies: [
                "VoiceCore", "Recorder",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Pure codecs of the providers' wire protocols (Deepgram, Anthropic SSE, ElevenLabs): no I/O.
        .target(name: "ProviderWire", dependencies: ["VoiceCore"]),
        .target(
            name: "VoiceLive",
            dependencies: [
                "VoiceCore", "Recorder", "VoiceSim", "ProviderWire", "Speech",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "CLISupport", dependencies: ["Recorder", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // `voicesim`: simulation, replay, fuzzing. No networking stack, so it builds and starts fast.
        .executableTarget(
            name: "VoiceSimCLI",
            dependencies: [
                "VoiceCore", "VoiceSim", "Recorder", "CLISupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Release builds link the Swift runtime and Foundation statically on Linux, so start-up
            // does not load and bind a dozen shared libraries (`voicesim --help`: 10 → 4 ms of CPU).
            // The modules were compiled against the shared Foundation, whose autolink names only
            // Foundation itself, so its static dependencies are named here, in one group.
            linkerSettings: [.unsafeFlags(staticStdlibFlags, .when(platforms: [.linux], configuration: .release))]
        ),
        // `voicesim-live`: serve, call, proxy, providers, bench live (`voicesim serve …` hands over to it).
        .executableTarget(
            name: "VoiceLiveCLI",
            dependencies: [
                "VoiceCore", "VoiceSim", "Recorder", "VoiceLive", "CLISupport", "Speech",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .target(name: "VoiceSimTesting", dependencies: ["VoiceCore", "VoiceSim", "Recorder"]),
        .testTarget(name: "VoiceCoreTests", dependencies: ["VoiceCore"]),
        .target(name: "TestSupport", dependencies: ["VoiceCore"], path: "Tests/TestSupport"),
        .testTarget(name: "PropertyTests", dependencies: ["VoiceCore", "Recorder", "TestSupport"]),
        // Yams: the scenario parser's hand-made YAML 1.1 resolver is checked against Yams' own.
        .testTarget(
            name: "SimulationTests",
            dependencies: ["VoiceCore", "VoiceSim", "Recorder", .product(name: "Yams", package: "Yams")]),
        .testTarget(
            name: "VoiceSimCLITests",
            dependencies: ["VoiceSimCLI", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "RecorderTests", dependencies: ["VoiceCore", "Recorder", "VoiceSim", "TestSupport"]),
        .testTarget(name: "DebuggerTests", dependencies: ["VoiceCore", "VoiceSim", "Recorder", "TestSupport"]),
        .testTarget(
            name: "SpeechTests",
            dependencies: ["Speech", "VoiceLive", "ProviderWire", "VoiceCore", "VoiceSim", "TestSupport"]),
        .testTarget(name: "ProviderWireTests", dependencies: ["ProviderWire", "VoiceCore"]),
        .testTarget(name: "RegressTests", dependencies: ["VoiceSimTesting", "VoiceSim", "Recorder", "VoiceCore", "TestSupport"]),
        .testTarget(
            name: "LiveTests",
            dependencies: [
                "VoiceLive", "ProviderWire", "VoiceCore", "Recorder", "VoiceSim", "TestSupport",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),
    ]
)
