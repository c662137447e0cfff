import ConformanceModel
import ConformanceReports
import Foundation
import Testing

@Suite("shields.io badge")
struct BadgeWriterTests {
    @Test("All passed is brightgreen, with passed/applicable per level")
    func allPassed() throws {
        let results = [SampleReport.pollsNext, SampleReport.echoLarge, SampleReport.errorHeader]
        let badge = BadgeWriter().badge(for: SampleReport.make(results: results))
        #expect(badge.color == "brightgreen")
        #expect(badge.message == "MUST 2/2 · SHOULD 1/1")
        #expect(badge.label == "lambda runtime conformance")
        #expect(badge.schemaVersion == 1)
    }

    @Test("A MUST scenario that did not run makes the badge grey and says incomplete")
    func incomplete() {
        let results = [
            SampleReport.pollsNext, SampleReport.echoLarge, SampleReport.errorHeader, SampleReport.streaming,
        ]
        let report = SampleReport.make(results: results)
        #expect(report.runVerdict == .incomplete)
        let badge = BadgeWriter().badge(for: report)
        #expect(badge.color == "lightgrey")
        #expect(badge.message == "MUST 2/2 · SHOULD 1/1 · incomplete")
    }

    @Test("Only SHOULD warnings is yellow")
    func onlyWarnings() {
        let results = [
            SampleReport.pollsNext, SampleReport.traceNotLeaked, SampleReport.errorHeader, SampleReport.tmpKept,
        ]
        let badge = BadgeWriter().badge(for: SampleReport.make(results: results))
        #expect(badge.color == "yellow")
        #expect(badge.message == "MUST 1/1 · SHOULD 1/2")
    }

    @Test("A MUST failure or a harness error is red")
    func failures() {
        #expect(BadgeWriter().badge(for: SampleReport.make()).color == "red")
        #expect(BadgeWriter().badge(for: SampleReport.make()).message == "MUST 3/6 · SHOULD 1/2")
        let errorOnly = [SampleReport.pollsNext, SampleReport.timeoutKilled]
        #expect(BadgeWriter().badge(for: SampleReport.make(results: errorOnly)).color == "red")
    }

    @Test("The endpoint JSON has exactly the keys shields.io reads")
    func json() throws {
        let data = try BadgeWriter().render(SampleReport.make())
        let text = String(decoding: data, as: UTF8.self)
        #expect(
            text
                == #"{"color":"red","label":"lambda runtime conformance","#
                + #""message":"MUST 3\/6 · SHOULD 1\/2","schemaVersion":1}"# + "\n"
        )
    }
}
