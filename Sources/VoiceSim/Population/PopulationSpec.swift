import VoiceCore

/// A population of callers described by distributions instead of fixed values: who calls how
/// often, how they talk, over which networks, to which providers with which incidents, and
/// which arm of the V1/V2 feature flag each user is on.
///
/// Each call of a population run is an ordinary `Scenario` derived from the population seed
/// and the call's index (`PopulationSpec.plan(call:seed:users:)`), so any single call can be
/// written out and re-run alone with `voicesim run`. Files are YAML or JSON
/// (`PopulationSpec.parse`); durations are `…Ms`, probabilities `…Ppm`, as in scenarios.
public struct PopulationSpec: Equatable, Sendable {
    public var name: String
    public var description: String
    public var seed: UInt64
    /// Calls a run simulates unless `--calls` says otherwise.
    public var calls: Int
    public var users: Users
    public var call: CallBehaviour
    public var network: [NetworkClass]
    public var providers: ProviderProfiles
    /// Provider incidents (outages, slow periods) any call may run into.
    public var providerIncidents: [IncidentRate]
    public var server: Server
    public var flag: FeatureFlag
    public var limits: SessionLimits
    /// Users a day the spend projection is for.
    public var dailyUsers: Int64
    public var kpis: RolloutKPIs

    public init(
        name: String, description: String = "", seed: UInt64, calls: Int = 1_000, users: Users = Users(),
        call: CallBehaviour = CallBehaviour(), network: [NetworkClass] = [NetworkClass(name: "broadband", weight: 1)],
        providers: ProviderProfiles = ProviderProfiles(), providerIncidents: [IncidentRate] = [],
        server: Server = Server(), flag: FeatureFlag = FeatureFlag(), limits: SessionLimits = SessionLimits(),
        dailyUsers: Int64? = nil, kpis: RolloutKPIs = RolloutKPIs()
    ) {
        precondition(calls > 0, "calls \(calls) <= 0")
        precondition(!network.isEmpty, "no network class")
        self.name = name
        self.description = description
        self.seed = seed
        self.calls = calls
        self.users = users
        self.call = call
        self.network = network
        self.providers = providers
        self.providerIncidents = providerIncidents
        self.server = server
        self.flag = flag
        self.limits = limits
        self.dailyUsers = dailyUsers ?? Int64(users.count)
        self.kpis = kpis
    }
}

extension PopulationSpec {
    /// Who calls, and how often.
    public struct Users: Equatable, Sendable {
        /// Distinct users (`u000000`…); each has a sticky flag arm and a day of calls.
        public var count: Int
        /// Calls a user starts in a day.
        public var callsPerDay: IntDistribution
        /// Minutes of the day a user's calls are spread over (a bot retrying in a loop has a
        /// short window, which is what throttling catches).
        public var activeMinutes: IntDistribution

        public init(count: Int = 1_000, callsPerDay: IntDistribution = .uniform(min: 1, max: 6),
                    activeMinutes: IntDistribution = .uniform(min: 60, max: 720)) {
            precondition(count > 0, "users.count \(count) <= 0")
            self.count = count
            self.callsPerDay = callsPerDay
            self.activeMinutes = activeMinutes
        }
    }

    /// How one call goes: how long, how many turns, how the caller talks.
    public struct CallBehaviour: Equatable, Sendable {
        /// When the caller hangs up (the scenario's duration).
        public var lengthMicros: IntDistribution
        /// Things the caller says (the script; a short call may end before all are said).
        public var turns: IntDistribution
        /// When the first utterance starts.
        public var firstSpeechMicros: IntDistribution
        /// Pause after the assistant finishes a reply before the caller speaks again.
        public var pauseMicros: IntDistribution
        /// Chance a turn after the first interrupts the reply to the previous one.
        public var bargeIn: Ratio
        /// How long into the reply a barge-in comes.
        public var bargeInAfterMicros: IntDistribution
        /// Chance the caller coughs during a reply (which must not interrupt it).
        public var cough: Ratio
        public var wordsPerMinute: IntDistribution
        /// How long a caller waits for a reply before speaking anyway.
        public var replyTimeoutMicros: Int64
        /// Turns whose speech ends this close to the hang-up are left out of every KPI: the
        /// caller hung up before the system had a fair chance to answer.
        public var answerWindowMicros: Int64
        /// What callers say, picked uniformly per turn.
        public var phrases: [String]

        public init(
            lengthMicros: IntDistribution = .uniform(min: 45_000_000, max: 120_000_000),
            turns: IntDistribution = .uniform(min: 2, max: 8),
            firstSpeechMicros: IntDistribution = .uniform(min: 800_000, max: 2_500_000),
            pauseMicros: IntDistribution = .uniform(min: 500_000, max: 2_500_000),
            bargeIn: Ratio = .ppm(50_000), bargeInAfterMicros: IntDistribution = .uniform(min: 500_000, max: 3_000_000),
            cough: Ratio = .ppm(30_000), wordsPerMinute: IntDistribution = .uniform(min: 130, max: 180),
            replyTimeoutMicros: Int64 = 30_000_000, answerWindowMicros: Int64 = 15_000_000,
            phrases: [String] = CallBehaviour.defaultPhrases
        ) {
            precondition(!phrases.isEmpty, "no phrases")
            self.lengthMicros = lengthMicros
            self.turns = turns
            self.firstSpeechMicros = firstSpeechMicros
            self.pauseMicros = pauseMicros
            self.bargeIn = bargeIn
            self.bargeInAfterMicros = bargeInAfterMicros
            self.cough = cough
            self.wordsPerMinute = wordsPerMinute
            self.replyTimeoutMicros = replyTimeoutMicros
            self.answerWindowMicros = answerWindowMicros
            self.phrases = phrases
        }

        /// Everyday requests to a voice assistant.
        public static let defaultPhrases = [
            "Can you help me plan dinner for tonight?", "What is the weather going to be like tomorrow?",
            "Book a table for two at seven thirty, please.", "Remind me to call my sister in the morning.",
            "How long does the train take to the airport?", "Is there a pharmacy open near me right now?",
            "Tell me a short story about a lighthouse keeper.", "What should I cook with rice and beans?",
            "Add milk, eggs and bread to my shopping list.", "Thanks, that is everything for now.",
            "Set an alarm for six fifteen on weekdays.", "Which park is good for a picnic on Saturday?",
        ]
    }

    /// A kind of connection callers use, with its share of calls.
    public struct NetworkClass: Equatable, Sendable {
        public var name: String
        /// Relative share of calls on this class.
        public var weight: Int64
        public var profile: NetworkProfile
        /// Network incidents (resets, partitions, stalls, …) calls on this class run into.
        public var incidents: [IncidentRate]

        public init(name: String, weight: Int64, profile: NetworkProfile = NetworkProfile(),
                    incidents: [IncidentRate] = []) {
            precondition(weight > 0, "network class \(name) weight \(weight) <= 0")
            self.name = name
            self.weight = weight
            self.profile = profile
            self.incidents = incidents
        }
    }

    /// The session server host.
    public struct Server: Equatable, Sendable {
        /// Chance a call's first connection lands on a cold instance.
        public var coldStart: Ratio
        public var coldStartMicros: IntDistribution
        public var resumeGraceMicros: Int64

        public init(coldStart: Ratio = .zero, coldStartMicros: IntDistribution = .uniform(min: 500_000, max: 2_500_000),
                    resumeGraceMicros: Int64 = ServerProfile().resumeGraceMicros) {
            self.coldStart = coldStart
            self.coldStartMicros = coldStartMicros
            self.resumeGraceMicros = resumeGraceMicros
        }
    }
}
