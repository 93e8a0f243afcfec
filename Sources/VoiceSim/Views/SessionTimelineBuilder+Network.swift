import Recorder
import VoiceCore

extension SessionTimelineBuilder {
    /// A key that pairs a sent message with its delivery: audio by sequence number or
    /// fingerprint, everything else by its whole value (repeats pair oldest first).
    static func key(_ message: ClientMessage) -> String {
        switch message {
        case .audio(let seq, _): "a\(seq)"
        case .hello, .resume, .commit, .interrupt, .played, .ping, .bye: String(describing: message)
        }
    }

    static func key(_ message: ServerMessage) -> String {
        switch message {
        case .responseAudio(let responseID, let chunk): "r\(responseID)#\(chunk.fingerprint)"
        case .ack(let seq): "k\(seq)"
        case .welcome, .partialTranscript, .finalTranscript, .responseStart, .responseEnd, .state, .pong, .error:
            String(describing: message)
        }
    }

    mutating func sent(_ lane: UInt32, _ track: TimelineTrack, _ key: String, at now: Instant) {
        if track == .uplink {
            lanes[Int(lane)].inFlightUp[key, default: []].append(now)
        } else {
            lanes[Int(lane)].inFlightDown[key, default: []].append(now)
        }
    }

    mutating func delivered(_ lane: UInt32, _ track: TimelineTrack, _ key: String, at now: Instant) {
        let sentAt: Instant?
        if track == .uplink {
            sentAt = lanes[Int(lane)].inFlightUp[key]?.first
            if sentAt != nil { lanes[Int(lane)].inFlightUp[key]!.removeFirst() }
        } else {
            sentAt = lanes[Int(lane)].inFlightDown[key]?.first
            if sentAt != nil { lanes[Int(lane)].inFlightDown[key]!.removeFirst() }
        }
        guard let sentAt else { return }
        timeline.delays.append(
            TimelineDelay(lane: lane, track: track, sentAt: sentAt, delayMicros: now.micros(since: sentAt)))
    }

    /// A connection ended: what is still in flight on it never arrives.
    mutating func dropInFlight(_ lane: UInt32, at now: Instant) {
        let up = lanes[Int(lane)].inFlightUp.values.flatMap { $0 }.filter { $0 <= now }.sorted()
        let down = lanes[Int(lane)].inFlightDown.values.flatMap { $0 }.filter { $0 <= now }.sorted()
        lanes[Int(lane)].inFlightUp = [:]
        lanes[Int(lane)].inFlightDown = [:]
        for (track, times) in [(TimelineTrack.uplink, up), (.downlink, down)] where !times.isEmpty {
            for sentAt in times {
                moment(lane, track, .network, sentAt, "dropped in flight", significant: false)
            }
            timeline.spans.append(
                TimelineSpan(lane: lane, track: track, name: "\(times.count) dropped", start: times[0], end: now,
                             style: .drop))
            moment(lane, track, .network, now, "\(times.count) \(track.rawValue) messages lost with the connection",
                   highlight: .gap)
        }
    }

    /// Shades stretches where messages took much longer than usual: `stall` when everything
    /// delayed arrived together (held, then released), `spike` otherwise.
    mutating func shadeSlowDeliveries() {
        for lane in 0..<UInt32(lanes.count) {
            for track in [TimelineTrack.uplink, .downlink] {
                let delays = timeline.delays.filter { $0.lane == lane && $0.track == track }
                guard !delays.isEmpty else { continue }
                let sorted = delays.map(\.delayMicros).sorted()
                let threshold = sorted[sorted.count / 2] + Self.slowDeliveryMicros
                var group: [TimelineDelay] = []
                func flush(_ builder: inout SessionTimelineBuilder) {
                    guard let first = group.first else { return }
                    let arrivals = group.map { $0.sentAt.micros + $0.delayMicros }
                    let bunched = arrivals.max()! - arrivals.min()! < 100_000 && group.count > 1
                    let worst = group.map(\.delayMicros).max()!
                    builder.timeline.spans.append(
                        TimelineSpan(
                            lane: lane, track: track, name: "delayed up to \(Self.millis(worst))", start: first.sentAt,
                            end: Instant(micros: arrivals.max()!), style: bunched ? .stall : .spike))
                    group = []
                }
                for delay in delays where delay.delayMicros > threshold {
                    if let last = group.last, delay.sentAt.micros - last.sentAt.micros > 1_000_000 { flush(&self) }
                    group.append(delay)
                }
                flush(&self)
            }
        }
    }

    /// A delivery this much slower than the direction's median is shaded.
    static let slowDeliveryMicros: Int64 = 250_000
}
