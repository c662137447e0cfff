import Foundation

/// Reads peak resident memory from /proc: the figure Lambda reports as "Max Memory Used".
///
/// Only the runtime's own processes are read (the leader and its descendants, found through each thread's
/// `children` file), never the whole of /proc: a host with thousands of processes costs nothing extra.
enum ProcessGroupMemory {
    /// The sum of `VmHWM` (KiB) over `root` and its live descendants, or nil if none of them is left.
    static func peakKilobytes(ofTree root: Int32) -> Int? {
        var total = 0
        var found = false
        var pending = [root]
        var seen: Set<Int32> = []
        // A runtime may fork freely, but the pids quota (1,024 per environment) bounds a real tree.
        while let pid = pending.popLast(), seen.count < 4096 {
            guard seen.insert(pid).inserted else { continue }
            if let peak = highWaterMark(of: pid) {
                total += peak
                found = true
            }
            pending += children(of: pid)
        }
        return found ? total : nil
    }

    /// The children of every thread of `pid` (a child belongs to the thread that forked it).
    static func children(of pid: Int32) -> [Int32] {
        FileTree.directoryEntries("/proc/\(pid)/task").flatMap { task in
            ((try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? "")
                .split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// `VmHWM` from /proc/<pid>/status in KiB; absent for zombies and kernel threads.
    static func highWaterMark(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            // "VmHWM:\t    1234 kB": the number may touch the tab when it is 8 digits wide.
            return line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }
}
