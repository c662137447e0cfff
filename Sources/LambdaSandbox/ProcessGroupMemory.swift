import Foundation

/// Reads peak resident memory from /proc: the figure Lambda reports as "Max Memory Used".
enum ProcessGroupMemory {
    /// The sum of `VmHWM` (KiB) over the live processes whose process group is `groupID`, or nil if none is left.
    static func peakKilobytes(ofGroup groupID: Int32) -> Int? {
        var total = 0
        var found = false
        for name in FileTree.directoryEntries("/proc") {
            guard let pid = Int32(name), pid > 0, processGroup(of: pid) == groupID,
                let peak = highWaterMark(of: pid)
            else { continue }
            total += peak
            found = true
        }
        return found ? total : nil
    }

    /// Field 5 of /proc/<pid>/stat; the command name before it may contain spaces and parentheses.
    static func processGroup(of pid: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: closing)...].split(separator: " ")
        // After ")": state, ppid, pgrp.
        return fields.count > 2 ? Int32(fields[2]) : nil
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
