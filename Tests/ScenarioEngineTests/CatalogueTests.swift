import ConformanceModel
import Foundation
import Testing

@testable import ScenarioEngine

@Suite("The real scenario catalogue under Conformance/")
struct CatalogueTests {
    let scenarios: [Scenario]

    init() throws {
        scenarios = try ScenarioCatalogue.load(directory: conformanceDirectory)
    }

    @Test("It loads at least 50 scenarios, with unique ids in sorted order")
    func loadsSortedUnique() {
        #expect(scenarios.count >= 50)
        let ids = scenarios.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
    }

    @Test("Every scenario states its requirement, its source and a title")
    func requirementsAndSources() {
        for scenario in scenarios {
            #expect(!scenario.requirement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(scenario.id)")
            #expect(!scenario.source.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(scenario.id)")
            #expect(!scenario.title.isEmpty, "\(scenario.id)")
        }
    }

    @Test("Every MUST and SHOULD scenario names faulty runtimes that fail it; only INFO may leave failedBy out")
    func failedByOrInfo() {
        for scenario in scenarios where scenario.level != .info {
            #expect(!scenario.failedBy.isEmpty, "\(scenario.id) is \(scenario.level.rawValue) without failedBy")
        }
    }

    @Test("Every scenario file sits in the folder of its area")
    func filesInAreaFolders() throws {
        let root = URL(fileURLWithPath: conformanceDirectory)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }
        #expect(files.count == scenarios.count)
        for file in files {
            let scenario = try ScenarioCatalogue.load(file: root.appendingPathComponent(file).path)
            #expect(file.hasPrefix(scenario.area + "/"), "\(file) holds \(scenario.id)")
        }
    }

    @Test("Every scenario has at least one step that expects something")
    func stepsExpectSomething() {
        for scenario in scenarios {
            let expects = scenario.steps.contains { step in
                switch step {
                case .invoke(_, let expectation): expectation != InvocationExpectation()
                case .initialization, .process: true
                case .reset, .wait: false
                }
            }
            #expect(expects || !scenario.checks.isEmpty, "\(scenario.id) checks nothing")
        }
    }
}
