import Recorder
import VoiceCore

extension SessionTimelineBuilder {
    mutating func client(_ lane: UInt32, _ input: ClientEvent, _ actions: [ClientAction], _ event: RecordedEvent) {
        let now = event.time
        let index = event.index
        switch input {
        case .callStarted:
            moment(lane, .connection, .client, now, "call started", index: index)
        case .callEnded:
            moment(lane, .connection, .client, now, "call ended (user hung up)", index: index)
        case .connected:
            if let since = lanes[Int(lane)].disconnectedAt {
                let gap = now.micros(since: since)
                moment(lane, .connection, .network, now, "reconnected after a \(Self.millis(gap)) gap",
                       index: index, highlight: .gap)
                lanes[Int(lane)].disconnectedAt = nil
            } else {
                moment(lane, .connection, .client, now, "connected", index: index)
            }
            switchSpan(lane, .connection, "connected", now)
        case .disconnected(let reason):
            let abrupt = reason != .closedByPeer
            moment(lane, .connection, .client, now, "disconnected (\(reason))", index: index,
                   highlight: abrupt ? .gap : nil)
            closeSpan(lane, .connection, now)
            if abrupt {
                switchSpan(lane, .connection, "disconnected (\(reason))", now, style: .gap)
                lanes[Int(lane)].disconnectedAt = now
            }
            dropInFlight(lane, at: now)
        case .received(let message):
            delivered(lane, .downlink, Self.key(message), at: now)
            if case .error(let code, let text) = message {
                moment(lane, .downlink, .client, now, "error from server: \(code) \(text)", index: index,
                       highlight: .error)
            }
        case .micCaptured(let chunk):
            mic(lane, chunk, event)
        case .timerFired:
            break
        }
        for action in actions { clientAction(lane, action, event) }
    }

    private mutating func mic(_ lane: UInt32, _ chunk: AudioChunk, _ event: RecordedEvent) {
        for transition in lanes[Int(lane)].vad.process(frameEnergies: chunk.frameEnergies, chunkEnd: event.time) {
            switch transition {
            case .speechStarted(let onset):
                lanes[Int(lane)].speechStart = onset
                let number = lanes[Int(lane)].segments.count + 1
                moment(lane, .mic, .client, onset, "user starts speaking (turn \(number))", index: event.index,
                       highlight: .turn)
            case .speechEnded(let lastVoiced):
                let start = lanes[Int(lane)].speechStart ?? lastVoiced
                lanes[Int(lane)].segments.append((start, lastVoiced))
                lanes[Int(lane)].speechStart = nil
                timeline.spans.append(
                    TimelineSpan(lane: lane, track: .mic, name: "speech", start: start, end: lastVoiced, style: .speech))
                moment(lane, .mic, .client, lastVoiced, "user stops speaking", index: event.index)
            }
        }
    }

    private mutating func clientAction(_ lane: UInt32, _ action: ClientAction, _ event: RecordedEvent) {
        let now = event.time
        switch action {
        case .showState(let state):
            switchSpan(lane, .clientState, state.description, now)
            moment(lane, .clientState, .client, now, "state → \(state)", index: event.index,
                   highlight: state == .reconnecting ? .reconnect : state == .failed ? .error : nil)
        case .send(let message):
            sent(lane, .uplink, Self.key(message), at: now)
            if case .interrupt(let responseID, let playedMillis) = message {
                lanes[Int(lane)].interrupted.insert(responseID)
                moment(lane, .playback, .client, now,
                       "barge-in: interrupt response \(responseID) after \(playedMillis) ms played",
                       index: event.index, highlight: .interruption)
            }
        case .play(let responseID, let chunk):
            extendSpan(lane, .playback, "response \(responseID)", from: now, to: now + chunk.durationMicros)
            if lanes[Int(lane)].played.insert(responseID).inserted {
                lanes[Int(lane)].firstPlays.append((responseID, now))
                moment(lane, .playback, .client, now, "plays response \(responseID)", index: event.index)
            }
        case .stopPlayback(let responseID):
            cutSpan(lane, .playback, now)
            moment(lane, .playback, .client, now, "playback of response \(responseID) stopped", index: event.index)
        case .connect:
            moment(lane, .connection, .client, now, "connecting", index: event.index, significant: false)
        case .disconnect, .setTimer, .cancelTimer:
            break
        }
    }

    static func millis(_ micros: Int64) -> String {
        micros >= 60_000_000 ? "\(micros / 1_000_000) s" : "\(micros / 1_000) ms"
    }
}
