import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Samples a runtime's peak memory on its own schedule when no cgroup measures it, so asking for the figure (on
/// every `serve` invocation) costs a lock, not a read of /proc.
///
/// One thread per runtime: quick samples while it starts (peaks are often reached during init), then every
/// `steadyIntervalMs`; it ends with the leader. Short-lived peaks between samples can be missed: a best effort,
/// as the figure without a cgroup always was.
enum ProcessMemorySampler {
    static let steadyIntervalMs = 100

    static func start(leader pid: Int32, monitor: ProcessMonitor) {
        let sampler = Thread {
            var delayMs = 5
            while monitor.exitStatus == nil {
                _ = monitor.recordGroupPeak(ProcessGroupMemory.peakKilobytes(ofTree: pid))
                usleep(UInt32(delayMs * 1000))
                delayMs = min(delayMs * 2, steadyIntervalMs)
            }
        }
        sampler.name = "lambdaspec-memory-\(pid)"
        sampler.start()
    }
}
