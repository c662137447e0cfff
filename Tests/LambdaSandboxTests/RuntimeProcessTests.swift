import ConformanceModel
import Foundation
import Testing

@testable import LambdaSandbox

@Suite("Spawning and supervising a bootstrap", .timeLimit(.minutes(1)))
struct RuntimeProcessTests {
    @Test("A script's lines on both streams and its exit status are captured")
    func capturesLinesAndStatus() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript(
                """
                echo 'first out'
                echo 'first err' >&2
                printf 'crlf out\\r\\n'
                printf 'unterminated err' >&2
                exit 3
                """, in: folder, output: output)
            let status = await process.waitForExit()
            #expect(status == .exited(3))
            #expect(process.hasExited)
            #expect(output.exitReports == [.exited(3)])
            #expect(output.stdout == ["first out", "crlf out"])
            #expect(output.stderr == ["first err", "unterminated err"])
        }
    }

    @Test("killGroup kills the bootstrap and the grandchild it put in the background")
    func killGroupReachesGrandchildren() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript("sleep 30 &\necho $!\nsleep 30", in: folder, output: output)
            let lines = try await output.waitForStdout(count: 1)
            let grandchild = try #require(lines.first.flatMap { Int32($0) })
            #expect(!process.hasExited)

            process.killGroup()
            let status = await process.waitForExit()
            #expect(status == .signalled(SIGKILL))
            process.killGroup()  // idempotent, also after the leader was reaped

            let deadline = ContinuousClock.now + .seconds(5)
            while isAlive(grandchild) && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            #expect(!isAlive(grandchild), "grandchild \(grandchild) survived killGroup()")
        }
    }

    @Test("The runtime starts in its own session with stdin from /dev/null and only fds 0-2 open")
    func isolation() async throws {
        try await withTemporaryFolder { folder in
            // An inheritable descriptor in the test process must not reach the runtime.
            var leaked: [Int32] = [-1, -1]
            #expect(pipe(&leaked) == 0)
            defer { leaked.forEach { close($0) } }
            let output = ProcessOutput()
            let process = try spawnScript(
                """
                readlink /proc/self/fd/0
                pwd
                cut -d ' ' -f 1,5,6 /proc/$$/stat
                grep -E '^Sig(Blk|Ign)' /proc/self/status
                exec ls /proc/self/fd
                """, in: folder, output: output)
            #expect(await process.waitForExit() == .exited(0))
            let pid = process.pid
            let lines = output.stdout
            #expect(lines.first == "/dev/null")
            #expect(lines.dropFirst().first == folder)
            #expect(lines.dropFirst(2).first == "\(pid) \(pid) \(pid)")
            #expect(Array(lines.dropFirst(3).prefix(2)) == ["SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"])
            // ls itself opens fd 3 to read the folder.
            #expect(Array(lines.dropFirst(5)) == ["0", "1", "2", "3"])
        }
    }

    @Test("The runtime sees exactly the environment it was given, nothing of the caller's")
    func explicitEnvironment() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let environment = ["ONLY": "this", "PATH": "/usr/bin:/bin"]
            let process = try spawn("/usr/bin/env", in: folder, environment: environment, output: output)
            #expect(await process.waitForExit() == .exited(0))
            #expect(output.stdout.sorted() == ["ONLY=this", "PATH=/usr/bin:/bin"])
        }
    }

    @Test("A crash is reported as the signal that killed the leader")
    func signalledStatus() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript("kill -SEGV $$", in: folder, output: output)
            let status = await process.waitForExit()
            #expect(status == .signalled(SIGSEGV))
            #expect(status.description == "killed by signal 11 (SIGSEGV)")
        }
    }

    @Test("Every waiter gets the exit status, including one that asks after the exit")
    func multipleWaiters() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript("sleep 0.2; exit 7", in: folder, output: output)
            async let first = process.waitForExit()
            async let second = process.waitForExit()
            #expect(await [first, second] == [.exited(7), .exited(7)])
            #expect(await process.waitForExit() == .exited(7))
            #expect(output.exitReports == [.exited(7)])
        }
    }

    @Test("Peak memory is measured for the group while it runs and kept after the exit")
    func peakMemory() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript("echo ready\nexec sleep 30", in: folder, output: output)
            _ = try await output.waitForStdout(count: 1)
            let running = try #require(process.peakResidentKilobytes())
            #expect(running > 0)
            #expect((process.leaderPeakResidentKilobytes() ?? 0) > 0)
            process.killGroup()
            _ = await process.waitForExit()
            #expect((process.peakResidentKilobytes() ?? 0) >= running)
        }
    }

    @Test("Megabytes written in one burst all arrive, line by line, with exact byte counts")
    func floodArrivesWhole() async throws {
        try await withTemporaryFolder { folder in
            let output = ProcessOutput()
            let process = try spawnScript(
                "awk 'BEGIN { for (i = 1; i <= 200000; i++) printf \"%09d\\n\", i }'; echo done >&2", in: folder,
                output: output)
            _ = await process.waitForExit()
            let stdout = output.stdout
            #expect(stdout.count == 200_000)
            #expect(stdout.first == "000000001")
            #expect(stdout.last == "000200000")
            #expect(output.stdoutBytes == 2_000_000)
            #expect(output.stderr == ["done"])
        }
    }

    @Test(
        "A bootstrap that cannot start is a SandboxError naming the path and the reason",
        arguments: [
            ("missing", nil, "does not exist"),
            ("not-executable", 0o644, "permission denied"),
            ("not-a-program", 0o755, "cannot execute"),
        ] as [(String, Int?, String)])
    func spawnFailures(name: String, mode: Int?, reason: String) async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + name
            if let mode { try writeFile(path, "just text, no #! line\n", mode: mode) }
            let error = #expect(throws: SandboxError.self) {
                try spawn(path, in: folder, output: ProcessOutput())
            }
            #expect(error?.code == .spawnFailed)
            #expect(error?.description.contains(path) == true)
            #expect(error?.description.contains(reason) == true, "\(String(describing: error))")
        }
    }

    private func isAlive(_ pid: Int32) -> Bool {
        // A killed grandchild is re-parented; until its new parent reaps it, it lingers as a zombie ("Z").
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let closing = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: closing)...].split(separator: " ").first != "Z"
    }
}

@Suite("Cutting output into lines")
struct LineSplitterTests {
    private func capture(_ chunks: [String]) -> [CapturedLine] {
        var splitter = LineSplitter()
        var lines: [CapturedLine] = []
        for chunk in chunks {
            lines += Array(chunk.utf8).withUnsafeBytes { splitter.append($0) }
        }
        return lines + (splitter.finish().map { [$0] } ?? [])
    }

    private func split(_ chunks: [String]) -> [String] { capture(chunks).map(\.text) }

    @Test("Lines split across reads are joined, CRs stripped, and a last unterminated line kept")
    func joinsAndStrips() {
        #expect(split(["ab", "c\nde", "f\r\n\n", "tail"]) == ["abc", "def", "", "tail"])
        #expect(split(["one\n"]) == ["one"])
        #expect(split([]) == [])
    }

    @Test("Every line counts the bytes it took in the stream: newline, CR and cut-off bytes included")
    func countsBytes() {
        let lines = capture(["ab", "c\nde", "f\r\n\n", String(repeating: "z", count: 70_000), "\ntail"])
        #expect(lines.map(\.byteCount) == [4, 5, 1, 70_001, 4])
        let total = lines.reduce(0) { $0 + $1.byteCount }
        #expect(total == "abc\ndef\r\n\n".utf8.count + 70_001 + "tail".utf8.count)
    }

    @Test("A line longer than 64 KiB is cut to 64 KiB with a note of its full length")
    func capsLongLines() {
        let long = String(repeating: "x", count: 200_000)
        let lines = split([long, "\nnext\n"])
        #expect(lines.count == 2)
        #expect(lines[0].utf8.count == LineSplitter.maximumLineBytes)
        #expect(lines[0].hasSuffix("[lambdaspec: line truncated, 200000 bytes in total]"))
        #expect(lines[1] == "next")
        let whole = split([long + "\n"])
        #expect(whole == [lines[0]])
    }
}
