import VoiceCore

/// Every user's day: how many calls they start and how the core's `SessionManager` admits
/// each (granted, refused by the daily cap, or throttled), from the population seed alone.
///
/// Calls of a population run are sampled from all the day's calls, so a user who calls often
/// is picked often: the weight of a user is their calls per day.
public struct UserPopulation: Sendable {
    /// Calls each user starts in the day, by user index.
    public let callsPerDay: [Int32]
    /// Running totals of `callsPerDay`, for weighted picks.
    let cumulativeCalls: [Int64]
    /// Admission of each call of each user, in the order they start; user `u`'s calls are
    /// `outcomes[firstOutcome[u] ..< firstOutcome[u] + callsPerDay[u]]`.
    let outcomes: [CallAdmission]
    let firstOutcome: [Int]

    init(callsPerDay: [Int32], outcomes: [CallAdmission], firstOutcome: [Int]) {
        self.callsPerDay = callsPerDay
        var total: Int64 = 0
        cumulativeCalls = callsPerDay.map { calls in
            total += Int64(calls)
            return total
        }
        self.outcomes = outcomes
        self.firstOutcome = firstOutcome
    }
}

/// What the session manager decided for one call start.
public enum CallAdmission: String, Equatable, Sendable, CaseIterable {
    case granted
    /// The user already started `dailyCallsMax` calls today.
    case dailyCap
    /// The user started `throttleCallsMax` calls inside the throttle window.
    case throttled
}

extension UserPopulation {
    static let dayMicros: Int64 = 86_400_000_000

    /// The user id of user `index`.
    public static func userID(_ index: Int) -> String {
        let digits = String(index)
        return "u" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Draws every user's day and runs their call starts through a `SessionManager`.
    /// - Complexity: O(total calls per day · log), one manager per user (limits are per user).
    public static func make(spec: PopulationSpec, seed: UInt64) -> UserPopulation {
        var callsPerDay: [Int32] = []
        var outcomes: [CallAdmission] = []
        var firstOutcome: [Int] = []
        callsPerDay.reserveCapacity(spec.users.count)
        for index in 0..<spec.users.count {
            var random = PRNG(seed: PopulationSeeds.derive(seed, .user, UInt64(index)))
            let calls = Int(spec.users.callsPerDay.sample(using: &random))
            let activeMicros = spec.users.activeMinutes.sample(using: &random) * 60_000_000
            let firstMicros = random.inRange(0, dayMicros - activeMicros)
            var starts: [Int64] = []
            starts.reserveCapacity(calls)
            for _ in 0..<calls { starts.append(firstMicros + random.inRange(0, activeMicros - 1)) }
            starts.sort()
            firstOutcome.append(outcomes.count)
            callsPerDay.append(Int32(calls))
            var manager = SessionManager(limits: spec.limits)
            let userID = UserPopulation.userID(index)
            for start in starts {
                switch manager.admit(userID: userID, at: Instant(micros: start)) {
                case .granted:
                    outcomes.append(.granted)
                case .refused:
                    // The manager checks the daily cap before the throttle, so a full day is the cap.
                    let capped = manager.users.first { $0.userID == userID }.map { $0.callsToday >= spec.limits.dailyCallsMax }
                    outcomes.append(capped == true ? .dailyCap : .throttled)
                }
            }
        }
        return UserPopulation(callsPerDay: callsPerDay, outcomes: outcomes, firstOutcome: firstOutcome)
    }

    /// Calls all users start in the day.
    public var callsPerDayTotal: Int64 { cumulativeCalls.last ?? 0 }

    /// Calls of the day with each admission outcome.
    public func count(_ admission: CallAdmission) -> Int64 { Int64(outcomes.filter { $0 == admission }.count) }

    /// Users refused at least once with `admission`.
    public func users(refused admission: CallAdmission) -> Int {
        callsPerDay.indices.filter { user in
            outcomes[firstOutcome[user]..<firstOutcome[user] + Int(callsPerDay[user])].contains(admission)
        }.count
    }

    /// A call of the day, uniformly among all calls: its user and its place in the user's day.
    func pickCall(random: inout PRNG) -> (user: Int, admission: CallAdmission) {
        let total = callsPerDayTotal
        precondition(total > 0, "a population whose users start no calls")
        let pick = Int64(random.below(UInt64(total)))
        var low = 0
        var high = cumulativeCalls.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulativeCalls[middle] > pick { high = middle } else { low = middle + 1 }
        }
        let before = low == 0 ? 0 : cumulativeCalls[low - 1]
        return (low, outcomes[firstOutcome[low] + Int(pick - before)])
    }
}
