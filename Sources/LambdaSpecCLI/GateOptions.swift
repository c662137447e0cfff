import ArgumentParser
import ConformanceModel
import ConformanceReports
import ScenarioEngine

/// What a run's failures are judged against, so CI fails on new failures only.
struct GateOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "YAML of known failures: scenario id → status (failed, warning, error) and reason.",
            discussion:
                "Listed failures are reported as expected and do not fail the run; a listed scenario that passes is "
                + "reported as unexpectedly passing, which fails the run under --strict.",
            valueName: "file"))
    var expectations: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A report.json of an earlier run: fail only on scenarios that got worse than in it.", valueName: "file"))
    var baseline: String?

    /// The gate, with the expectations' ids checked against the whole catalogue.
    func gate(catalogueIDs: Set<String>) throws -> ResultGate {
        var gate = ResultGate()
        if let expectations {
            do {
                gate.expectations = try ExpectationsFile.load(path: expectations, catalogueIDs: catalogueIDs)
            } catch {
                throw SetupError("expectations: \(error)")
            }
        }
        if let baseline {
            do {
                let report = try MatrixReport.loadReport(path: baseline)
                gate.baseline = Dictionary(
                    report.results.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
                gate.baselineSource = baseline
            } catch {
                throw SetupError("baseline: \(error)")
            }
        }
        return gate
    }
}
