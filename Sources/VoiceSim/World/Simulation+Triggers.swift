import VoiceCore

extension Simulation {
    /// The simulation saw `event` on lane `lane` at `now`: the lane's user hears of it (for
    /// event-relative utterances), and triggered faults that were waiting for it fire.
    mutating func observe(_ event: EventTrigger.Event, lane: Int, _ now: Instant) {
        observedEvents.append((lane, event, now))
        if lanes[lane].user.watchesEvents { lanes[lane].user.observe(event, at: now) }
        guard !pendingFaults.isEmpty else { return }
        var index = 0
        while index < pendingFaults.count {
            let trigger = scenario.triggeredFaults[pendingFaults[index].index].trigger
            let userMatches = trigger.userID.map { $0 == lanes[lane].user.script.id } ?? true
            guard trigger.event == event, userMatches else {
                index += 1
                continue
            }
            pendingFaults[index].seen += 1
            if pendingFaults[index].seen == trigger.occurrence {
                fire(pendingFaults.remove(at: index).index, at: now + trigger.offsetMicros)
            } else {
                index += 1
            }
        }
    }

    /// Puts a triggered fault on the timeline from `time` on; a fault that breaks the
    /// connection breaks every lane's, as a fixed one does.
    private mutating func fire(_ index: Int, at time: Instant) {
        let fault = scenario.triggeredFaults[index].resolved(firedAt: time)
        faults.faults.append(fault)
        triggerFiredAt[index] = time
        guard fault.breaksConnection else { return }
        for index in lanes.indices { queue.push(.connectionBreaks(lane: index), at: time) }
    }
}
