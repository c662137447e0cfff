import ConformanceModel
import Foundation
import LambdaSandbox
import ScenarioEngine
import Testing

extension Integration {
    /// Proof that the checks can fail: deliberately broken runtimes (Tests/FaultyRuntimes) must fail the scenarios that
    /// name them in `failedBy`, and every MUST or SHOULD scenario must be failed by at least one of them.
    @Suite("Faulty runtimes fail the scenarios that name them", .timeLimit(.minutes(15)))
    struct FaultyRuntimeTests {
        static let catalogue = (try? ScenarioCatalogue.load(directory: PackagePaths.catalogue)) ?? []

        @Test("every MUST and SHOULD scenario names at least one faulty runtime, and each named one exists")
        func everyScenarioCanFail() throws {
            let available = Set(PackagePaths.faultyRuntimeNames)
            #expect(available.count >= 20, "the corpus holds \(available.count) faulty runtimes, fewer than 20")
            for scenario in Self.catalogue where scenario.level != .info {
                #expect(
                    !scenario.failedBy.isEmpty,
                    "\(scenario.id) names no faulty runtime: a check nothing can fail is a defect")
                for name in scenario.failedBy {
                    #expect(
                        available.contains(name), "\(scenario.id) names \(name), which is not in Tests/FaultyRuntimes")
                }
            }
        }

        @Test("README states the corpus's size as it is")
        func readmeCountsTheCorpus() throws {
            let readme = try String(
                contentsOf: PackagePaths.root.appendingPathComponent("README.md"), encoding: .utf8)
            let count = PackagePaths.faultyRuntimeNames.count
            #expect(readme.contains("a corpus of \(count)\n") || readme.contains("a corpus of \(count) "))
            #expect(readme.contains("(\(count) broken runtimes, one bug each)"))
        }

        @Test("each faulty runtime is named by some scenario", arguments: PackagePaths.faultyRuntimeNames)
        func faultyRuntimeIsUsed(name: String) {
            #expect(Self.catalogue.contains { $0.failedBy.contains(name) }, "\(name) is not named by any scenario")
        }

        @Test("each faulty runtime fails every scenario that names it", arguments: PackagePaths.faultyRuntimeNames)
        func faultyRuntimeFails(name: String) async throws {
            let scenarios = Self.catalogue.filter { $0.failedBy.contains(name) }
            let folder = PackagePaths.faultyRuntimes.appendingPathComponent(name).path
            var subject = try Subject.load(functionPath: folder, handler: nil)
            // Lambda's view wherever this machine allows it, as `run` does by default.
            _ = try subject.prepare(isolation: IsolationProbe.resolve(.auto).0)
            let results = await CatalogueRunner(subject: subject, jobs: 2).run(scenarios)
            for result in results {
                let expected: ResultStatus = result.level == .must ? .failed : .warning
                #expect(
                    result.status == expected,
                    "\(name) should fail \(result.id) but got \(result.status.rawValue): \(result.message)")
            }
        }
    }
}
