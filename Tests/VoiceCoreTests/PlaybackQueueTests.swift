import Testing
import VoiceCore

/// The client's playback queue takes chunks off its front in O(1) (issue 15 §4); what it holds,
/// and so the state digest, must be what an array would hold.
@Suite("Playback queue")
struct PlaybackQueueTests {
    private func queued(_ responseID: UInt32, tag: UInt64) -> Playback.Queued {
        Playback.Queued(responseID: responseID, chunk: responseChunk(millis: 100, tag: tag))
    }

    @Test("Random appends and removals hold what an array holds, across compactions")
    func matchesArrayModel() {
        var random = PRNG(seed: 15)
        var queue = PlaybackQueue()
        var model: [Playback.Queued] = []
        for step in UInt64(0)..<4_000 {
            switch random.below(10) {
            case 0..<5:
                let item = queued(UInt32(random.below(4)), tag: step)
                queue.append(item)
                model.append(item)
            case 5..<9:
                guard !model.isEmpty else { continue }
                queue.removeFirst()
                model.removeFirst()
            case 9:
                let responseID = UInt32(random.below(4))
                #expect(queue.contains { $0.responseID == responseID } == model.contains { $0.responseID == responseID })
                queue.removeAll { $0.responseID == responseID }
                model.removeAll { $0.responseID == responseID }
            default:
                Issue.record("below(10) gave more than 9")
            }
            #expect(Array(queue.elements) == model, "step \(step)")
            #expect(queue.count == model.count && queue.isEmpty == model.isEmpty && queue.first == model.first)
        }
    }

    @Test("A queue equals a fresh one holding the same chunks, whatever it held before")
    func equalityIgnoresPlayedChunks() {
        var played = PlaybackQueue()
        for tag in UInt64(0)..<40 { played.append(queued(1, tag: tag)) }
        for _ in 0..<30 { played.removeFirst() }
        var fresh = PlaybackQueue()
        for tag in UInt64(30)..<40 { fresh.append(queued(1, tag: tag)) }
        #expect(played == fresh)
        fresh.removeFirst()
        #expect(played != fresh)
    }

    @Test("A long reply queued at once plays every chunk in order, then ends")
    func longReplyPlaysInOrder() {
        var client = readyClient(pipeline: .v1)
        _ = client.handle(.received(.state(.speaking)), at: ms(900))
        _ = client.handle(.received(.responseStart(responseID: 1)), at: ms(1_000))
        let chunkCount = 60
        var played: [AudioChunk] = []
        for tag in UInt64(1)...UInt64(chunkCount) {
            let actions = client.handle(.received(.responseAudio(responseID: 1, chunk: responseChunk(millis: 100, tag: tag))),
                                        at: ms(1_000))
            for case .play(_, let chunk) in actions { played.append(chunk) }
        }
        _ = client.handle(.received(.responseEnd(responseID: 1, cancelled: false)), at: ms(1_000))
        #expect(client.playback.queue.count == chunkCount - 1)
        var ended: [ClientAction] = []
        for index in 1...chunkCount {
            ended = client.handle(.timerFired(.playbackChunkEnd), at: ms(1_000 + Int64(index) * 100))
            for case .play(_, let chunk) in ended { played.append(chunk) }
            #expect(client.playback.queue.count == max(0, chunkCount - 1 - index))
            #expect(client.invariantViolations() == [])
        }
        #expect(played == (1...UInt64(chunkCount)).map { responseChunk(millis: 100, tag: $0) })
        #expect(ended.contains(.send(.played(responseID: 1, playedMillis: UInt32(chunkCount) * 100))), "\(ended)")
        #expect(client.playback.active == nil && client.playback.queue.isEmpty)
    }
}
