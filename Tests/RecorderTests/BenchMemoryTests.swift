import Foundation
import TestSupport
import Testing

/// `voicesim bench` measures memory per user in child processes (`bench --crowd-child N`) that
/// each print their own peak resident memory.
@Suite("voicesim bench memory per user")
struct BenchMemoryTests {
    @Test(
        "A crowd child runs its callers and prints its own peak resident KiB; zero callers is a usage error",
        .enabled(if: voicesimBinary() != nil, "voicesim is not built next to the tests (swift build --build-tests)"))
    func crowdChild() throws {
        let binary = try #require(voicesimBinary())
        let run = try runVoicesim(binary, ["bench", "--crowd-child", "3"])
        #expect(run.status == 0)
        let printed = run.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let peakKiB = try #require(Int(printed), "expected a number of KiB, got \(printed)")
        // A Swift process with a simulation in it holds more than a MiB and far less than a GiB.
        #expect(peakKiB > 1_024 && peakKiB < 1_048_576)
        let refused = try runVoicesim(binary, ["bench", "--crowd-child", "0"])
        #expect(refused.status == 64)
    }
}
