import ConformanceModel
import LambdaSandbox
import Testing

@testable import ScenarioEngine

@Suite("Keeping the ends of a runtime's output")
struct StreamExcerptTests {
    /// `count` lines of exactly `width` bytes with their newline, numbered from `from`.
    private func lines(_ count: Int, width: Int = 100, from: Int = 1) -> [CapturedLine] {
        (from..<from + count).map { number in
            let head = "line \(number) "
            return CapturedLine(
                text: head + String(repeating: "x", count: width - 1 - head.utf8.count), byteCount: width)
        }
    }

    /// Feeds `batches` through one collector as reads of stdout of start 1.
    private func collect(_ batches: [[CapturedLine]]) -> OutputCollector {
        let collector = OutputCollector()
        for (index, batch) in batches.enumerated() {
            collector.append(batch, stream: .stdout, processStart: 1, atMs: Double(index))
        }
        return collector
    }

    @Test("Output within 64 KiB is kept whole, with exact totals and no marker")
    func smallOutputKeptWhole() throws {
        let collector = collect([lines(300), lines(300, from: 301)])
        #expect(collector.allLines.map(\.text) == lines(600).map(\.text))
        let totals = try #require(collector.totals.first)
        #expect((totals.lines, totals.bytes, totals.omittedLines, totals.omittedBytes) == (600, 60_000, 0, 0))
    }

    @Test(
        "A flood keeps the first and the last 64 KiB with one marker counting what lies between, however it is read",
        arguments: [1, 7, 4096, 100_000])
    func floodKeepsBothEnds(batchSize: Int) throws {
        let all = lines(100_000)
        let batches = stride(from: 0, to: all.count, by: batchSize).map {
            Array(all[$0..<min($0 + batchSize, all.count)])
        }
        let kept = collect(batches).allLines
        let markerIndex = try #require(kept.firstIndex { $0.isOmission })
        let fit = 64 * 1024 / 100
        #expect(kept[..<markerIndex].map(\.text) == all.prefix(fit).map(\.text))
        #expect(kept[(markerIndex + 1)...].map(\.text) == all.suffix(fit).map(\.text))
        let omitted = 100_000 - 2 * fit
        #expect(kept[markerIndex].omittedLines == omitted)
        #expect(kept[markerIndex].omittedBytes == omitted * 100)
        #expect(kept[markerIndex].text == "… \(omitted * 100) bytes omitted …")
        let totals = try #require(collect(batches).totals.first)
        #expect((totals.lines, totals.bytes, totals.omittedLines) == (100_000, 10_000_000, omitted))
    }

    @Test("Streams and starts are kept apart and interleave in the order they were read")
    func streamsInterleave() {
        let collector = OutputCollector()
        collector.append(lines(1), stream: .stdout, processStart: 1, atMs: 1)
        collector.append([CapturedLine(text: "oops", byteCount: 5)], stream: .stderr, processStart: 1, atMs: 2)
        collector.append(lines(1, from: 2), stream: .stdout, processStart: 1, atMs: 3)
        collector.append(lines(1, from: 3), stream: .stdout, processStart: 2, atMs: 4)
        #expect(collector.allLines.map(\.stream) == [.stdout, .stderr, .stdout, .stdout])
        #expect(collector.allLines.map(\.processStart) == [1, 1, 1, 2])
        #expect(collector.totals.map(\.lines) == [2, 1, 1])
        #expect(collector.totals.map(\.stream) == [.stdout, .stderr, .stdout])
    }
}
