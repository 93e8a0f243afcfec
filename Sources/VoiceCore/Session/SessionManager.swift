/// Limits that protect the budget: the seed's daily cap, spend alert and throttling.
public struct SessionLimits: Equatable, Sendable {
    /// Calls a user may start per day (the seed's 500).
    public var dailyCallsMax: Int
    /// Spend in a month above which an alert is raised (the seed's $5,000).
    public var monthlySpendAlertMicroUSD: Int64
    /// Calls a user may start inside `throttleWindowMicros` before further starts are throttled.
    public var throttleCallsMax: Int
    public var throttleWindowMicros: Int64

    public init(dailyCallsMax: Int = 500, monthlySpendAlertMicroUSD: Int64 = 5_000_000_000,
                throttleCallsMax: Int = 20, throttleWindowMicros: Int64 = 60_000_000) {
        self.dailyCallsMax = dailyCallsMax
        self.monthlySpendAlertMicroUSD = monthlySpendAlertMicroUSD
        self.throttleCallsMax = throttleCallsMax
        self.throttleWindowMicros = throttleWindowMicros
    }
}

/// Something the session manager wants an operator to know.
public enum ManagerNotice: Equatable, Sendable {
    case monthlySpendAlert(month: Int64, spentMicroUSD: Int64, thresholdMicroUSD: Int64)
}

/// Admits calls and accounts finished sessions across all users.
///
/// Days and months are counted from the run's time origin (a day is 86,400 s, a
/// month 30 days), so decisions depend only on the `Instant`s passed in. Users are
/// kept in arrays, never iterated out of a hash table, so output order is fixed.
public struct SessionManager: Sendable {
    public struct UserRecord: Equatable, Sendable {
        public let userID: String
        public var day: Int64 = -1
        public var callsToday = 0
        /// Start times of recent calls, oldest first, for throttling.
        public var recentStarts: [Instant] = []
        public var spentMicroUSD: Int64 = 0
    }

    public let limits: SessionLimits
    public let rates: CostRates
    public private(set) var users: [UserRecord] = []
    private var userIndex: [String: Int] = [:]
    public private(set) var month: Int64 = 0
    public private(set) var monthSpentMicroUSD: Int64 = 0
    public private(set) var alertRaisedForMonth: Int64?
    public private(set) var finishedSessions: [SessionUsage] = []

    public init(limits: SessionLimits = SessionLimits(), rates: CostRates = .seed) {
        self.limits = limits
        self.rates = rates
    }
}

extension SessionManager {
    static let dayMicros: Int64 = 86_400_000_000
    static let monthDays: Int64 = 30

    /// Decides whether `userID` may start a call now, and counts it if so.
    public mutating func admit(userID: String, at now: Instant) -> Admission {
        let index = recordIndex(userID)
        var record = users[index]
        let day = now.micros / SessionManager.dayMicros
        if record.day != day {
            record.day = day
            record.callsToday = 0
        }
        defer { users[index] = record }
        guard record.callsToday < limits.dailyCallsMax else {
            return .refused(reason: "daily limit reached: \(userID) has started \(record.callsToday) calls today "
                + "(limit \(limits.dailyCallsMax)); try again tomorrow")
        }
        record.recentStarts.removeAll { now.micros(since: $0) >= limits.throttleWindowMicros }
        guard record.recentStarts.count < limits.throttleCallsMax else {
            return .refused(reason: "throttled: \(userID) started \(record.recentStarts.count) calls in the last "
                + "\(limits.throttleWindowMicros / 1_000_000) s (limit \(limits.throttleCallsMax)); wait and retry")
        }
        record.callsToday += 1
        record.recentStarts.append(now)
        return .granted
    }

    /// Accounts a finished session; returns an alert the first time a month crosses the threshold.
    public mutating func sessionEnded(_ usage: SessionUsage, at now: Instant) -> [ManagerNotice] {
        let cost = rates.costMicroUSD(usage)
        let index = recordIndex(usage.userID)
        users[index].spentMicroUSD += cost
        finishedSessions.append(usage)
        let currentMonth = now.micros / SessionManager.dayMicros / SessionManager.monthDays
        if currentMonth != month {
            month = currentMonth
            monthSpentMicroUSD = 0
        }
        monthSpentMicroUSD += cost
        guard monthSpentMicroUSD > limits.monthlySpendAlertMicroUSD, alertRaisedForMonth != month else { return [] }
        alertRaisedForMonth = month
        return [.monthlySpendAlert(month: month, spentMicroUSD: monthSpentMicroUSD,
                                   thresholdMicroUSD: limits.monthlySpendAlertMicroUSD)]
    }

    private mutating func recordIndex(_ userID: String) -> Int {
        if let index = userIndex[userID] { return index }
        users.append(UserRecord(userID: userID))
        userIndex[userID] = users.count - 1
        return users.count - 1
    }
}
