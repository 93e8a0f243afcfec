import Foundation
import Recorder
import TestSupport
import Testing
import VoiceCore
import VoiceSim

@Suite("voicesim debug: stepping, going back, printing state")
struct DebugSessionTests {
    let traces = RecordedTraces.shared

    @Test("going back restores exactly the state the forward run had there")
    func backIsExact() throws {
        var session = try TraceReader(path: traces.bargeIn).debugSession(nil)
        _ = session.run(.step(1_234))
        let client = session.dump(client: true, lane: 0)
        let server = session.dump(client: false, lane: 0)
        _ = session.run(.step(700))
        #expect(session.dump(client: true, lane: 0) != client)
        _ = session.run(.back(700))
        #expect(session.position == 1_234)
        #expect(session.dump(client: true, lane: 0) == client && session.dump(client: false, lane: 0) == server)
    }

    @Test("continue to a mark kind stops right after the marked input; to a time, before the first input at it")
    func continueTargets() throws {
        var session = try TraceReader(path: traces.bargeIn).debugSession(nil)
        let mark = try #require(session.marks.first { $0.kind == .interruption })
        let report = session.run(.continueTo(.mark("interruption")))
        #expect(session.position == Int(mark.eventIndex) + 1)
        #expect(report.contains("interrupt(responseID: 1"))
        _ = session.run(.continueTo(.time(.seconds(30))))
        #expect(session.events[session.position].time >= .seconds(30))
        #expect(session.events[session.position - 1].time < .seconds(30))
        #expect(session.run(.continueTo(.divergence)).contains("to the end of the session"))
    }

    @Test("commands parse in long and short forms; bad lines get a message")
    func parsing() {
        #expect(DebuggerCommand.parse("s 5") == .success(.step(5)))
        #expect(DebuggerCommand.parse("next turn") == .success(.nextTurn))
        #expect(DebuggerCommand.parse("c 12.5s") == .success(.continueTo(.time(Instant(micros: 12_500_000)))))
        #expect(DebuggerCommand.parse("continue 800ms") == .success(.continueTo(.time(.millis(800)))))
        #expect(DebuggerCommand.parse("c interruption") == .success(.continueTo(.mark("interruption"))))
        #expect(DebuggerCommand.parse("continue divergence") == .success(.continueTo(.divergence)))
        #expect(DebuggerCommand.parse("p server 0") == .success(.print(client: false, lane: 0)))
        #expect(DebuggerCommand.parse("b") == .success(.back(1)))
        for bad in ["step 0", "frobnicate", "print", "c 1.2.3s"] {
            guard case .failure = DebuggerCommand.parse(bad) else {
                Issue.record("'\(bad)' parsed")
                continue
            }
        }
    }

    @Test(
        "driven from stdin, debug reaches the barge-in mark, goes back 10, steps 10 and prints the same state",
        .enabled(if: voicesimBinary() != nil, "\(binaryMissing)"))
    func scriptedFromStdin() throws {
        let script = "continue interruption\nprint client\nprint server\nback 10\nstep 10\nprint client\nprint server\nquit\n"
        let result = try runVoicesim(["debug", traces.bargeIn], input: script)
        #expect(result.status == 0)
        let blocks = result.output.components(separatedBy: "(vsdb) ").filter { !$0.isEmpty }
        #expect(blocks.count == 8)
        #expect(blocks[0].contains("stopped at mark interruption") && blocks[0].contains("t=9.000000s"))
        #expect(blocks[3].hasPrefix("back 10\nback at input"))
        #expect(blocks[1] == blocks[5] && blocks[2] == blocks[6])
        #expect(blocks[1].hasPrefix("print client\nclient of lane 0 after input 582 at t=9.000000s\n"))
        let bad = try runVoicesim(["debug", traces.bargeIn], input: "jump 3\nquit\n")
        #expect(bad.status == 1 && bad.output.contains("unknown command 'jump'"))
    }
}
