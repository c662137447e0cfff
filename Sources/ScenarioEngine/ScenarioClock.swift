import Foundation

/// Milliseconds since a scenario started (for timestamps) and wall-clock epoch milliseconds (for deadlines).
struct ScenarioClock: Sendable {
    let start = ContinuousClock.now

    var elapsedMs: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    static var epochMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func after(ms: Int) -> ContinuousClock.Instant { .now + .milliseconds(ms) }
}
