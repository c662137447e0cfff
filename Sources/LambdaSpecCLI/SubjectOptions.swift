import ArgumentParser
import ConformanceModel
import LambdaSandbox
import ScenarioEngine

/// The runtime under test as `run`, `bench` and `serve` take it: a function folder, a handler, layers.
struct SubjectOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "The function folder: the task root, holding bootstrap (or a layer does) and lambdaspec.json.",
            valueName: "function-dir"))
    var functionDirectory: String

    @Option(
        name: .long,
        help: ArgumentHelp("The handler (_HANDLER); default: lambdaspec.json's \"handler\".", valueName: "H"))
    var handler: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A layer folder or zip, extracted into /opt in the given order (repeatable).", valueName: "path"))
    var layer: [String] = []

    @OptionGroup(title: "Execution environment")
    var environment: EnvironmentOptions

    /// The subject, checked by building its layout once, so a missing bootstrap or a bad layer is a one-line
    /// setup error before anything runs.
    /// - Returns: the subject and what validating it found (layer origins, the environment for the report).
    func load() throws -> (subject: Subject, validation: Subject.Validation) {
        do {
            var subject = try Subject.load(functionPath: functionDirectory, layers: layer, handler: handler)
            let validation = try environment.prepare(&subject)
            try Preflight.check(subject)
            return (subject, validation)
        } catch let error as SetupError {
            throw error
        } catch {
            throw SetupError("\(error)")
        }
    }
}
