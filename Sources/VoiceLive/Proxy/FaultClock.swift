/// Where a fault schedule's times count from in the proxy.
public enum FaultClock: String, Sendable, CaseIterable {
    /// From the moment the proxy started listening: one incident for everyone.
    case proxyStart = "proxy"
    /// From each connection's accept: every connection lives through the same schedule.
    case connectionStart = "connection"
}
