import Recorder
import VoiceCore

extension IncidentExtractor {
    /// Per direction: base latency = the 10th percentile of measured one-way delays, jitter
    /// uniform up to the 90th. Slow stretches are faults, not jitter, so they are left out.
    static func measureNetwork(_ timeline: SessionTimeline) -> NetworkProfile {
        func link(_ track: TimelineTrack) -> LinkProfile {
            let slow = timeline.spans.filter { $0.track == track && ($0.style == .stall || $0.style == .spike) }
            let delays = timeline.delays.filter { delay in
                delay.track == track && !slow.contains { $0.start <= delay.sentAt && delay.sentAt <= $0.end }
            }.map(\.delayMicros).sorted()
            guard !delays.isEmpty else { return LinkProfile() }
            let low = delays[delays.count / 10]
            let high = delays[delays.count * 9 / 10]
            return LinkProfile(
                baseLatencyMicros: low / 1_000 * 1_000,
                jitter: high - low >= 1_000 ? .uniform(maxMicros: (high - low) / 1_000 * 1_000) : .none)
        }
        return NetworkProfile(up: link(.uplink), down: link(.downlink))
    }

    /// Abrupt disconnects become resets (or partitions when reconnecting took over 3 s), slow
    /// stretches become stalls (held, then released together) or latency spikes.
    static func faults(_ timeline: SessionTimeline, base: NetworkProfile) -> FaultSchedule {
        var faults: [Fault] = []
        let gaps = timeline.spans.filter { $0.track == .connection && $0.style == .gap && $0.lane == 0 }
        for (index, gap) in gaps.enumerated() {
            let start = gap.start.micros / 1_000 * 1_000
            let duration = gap.end.micros(since: gap.start)
            if duration > 3_000_000 {
                let end = (gap.end.micros - 2 * base.up.baseLatencyMicros) / 1_000 * 1_000
                faults.append(Fault(name: "partition-\(index + 1)", startMicros: start, endMicros: max(start, end),
                                    kind: .partition))
            } else {
                faults.append(Fault(name: "reset-\(index + 1)", startMicros: start, endMicros: start,
                                    kind: .connectionReset))
            }
        }
        let slow = timeline.spans.filter {
            $0.lane == 0 && ($0.track == .uplink || $0.track == .downlink) && ($0.style == .stall || $0.style == .spike)
        }.sorted { $0.start < $1.start }
        var merged: [TimelineSpan] = []
        for span in slow {
            if let last = merged.last, last.style == span.style, span.start <= last.end {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        for (index, span) in merged.enumerated() {
            let start = span.start.micros / 1_000 * 1_000
            let end = max(start + 1_000, span.end.micros / 1_000 * 1_000)
            let delays = timeline.delays.filter { $0.sentAt >= span.start && $0.sentAt <= span.end }.map(\.delayMicros)
            let baseMicros = min(base.up.baseLatencyMicros, base.down.baseLatencyMicros)
            let extra = ((delays.sorted().dropFirst(delays.count / 2).first ?? baseMicros) - baseMicros) / 1_000 * 1_000
            if span.style == .stall {
                faults.append(Fault(name: "stall-\(index + 1)", startMicros: start, endMicros: end, kind: .stall))
            } else {
                faults.append(Fault(name: "spike-\(index + 1)", startMicros: start, endMicros: end,
                                    kind: .latencySpike(extraMicros: max(1_000, extra))))
            }
        }
        return FaultSchedule(faults)
    }
}
