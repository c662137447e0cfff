import ArgumentParser
import ConformanceModel
import ConformanceReports
import Foundation
import LambdaSandbox
import LayerCertification
import ScenarioEngine

extension LambdaSpec {
    /// Lint, then the whole catalogue under --strict, then an evidence bundle a layer author can publish.
    struct Certify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Certify a runtime layer: lint, the whole catalogue under --strict, and an evidence bundle.",
            discussion: """
                Certified means: no MUST lint finding, every scenario passed under --strict (no failure, warning \
                or harness error), and no MUST scenario was not applicable. Without --function the task root is \
                empty and lambdaspec.json comes from the layers (/opt). The bundle folder holds report.json, \
                report.html, junit.xml, badge.json, lint.json and manifest.json (input digests, catalogue \
                fingerprint, verdict); `lambdaspec verify` checks a bundle against the zips you publish.

                Exit status: 0 certified; 1 not certified; 2 could not start (bad input, no handler).
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp(
                "A layer zip or folder, extracted into /opt in order (repeatable, at least one).", valueName: "path"))
        var layer: [String] = []

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Function code (folder or zip) to run with the layers, e.g. a script probe.", valueName: "path"))
        var function: String?

        @Option(
            name: .long,
            help: ArgumentHelp("The handler (_HANDLER); default: lambdaspec.json's \"handler\".", valueName: "H"))
        var handler: String?

        @OptionGroup var architecture: ArchitectureOption

        @OptionGroup(title: "Execution environment")
        var environment: EnvironmentOptions

        @Flag(
            name: .long,
            help: "Certify even when lambda isolation is unavailable here (recorded in the manifest; see README).")
        var allowProcessIsolation = false

        @Option(
            name: .long, help: ArgumentHelp("Scenarios run in parallel (default: the number of cores).", valueName: "N")
        )
        var jobs: Int?

        @Option(
            name: .long, help: ArgumentHelp("The bundle folder (default: certification/<subject>).", valueName: "dir"))
        var out: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Scenarios added to the built-in catalogue, as for `run`.", valueName: "dir"))
        var catalogue: [String] = []

        func validate() throws {
            guard !layer.isEmpty else { throw ValidationError("certify needs at least one --layer") }
            guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            let date = Date()
            let root = try environment.rootfs.map(RootFileSystem.opened)
            let lint = try LintInvocation.lint(
                function: function, layers: layer, arch: architecture.arch, rootFileSystem: root)
            FileHandleOutput.standardOutput(LintConsoleWriter().render(lint) + "\n")
            let (scenarios, fingerprint, inputs) = try prepare()
            let located = lint.probeManifest
            if let located, let problem = located.problem {
                throw SetupError("\(located.input ?? located.source.rawValue): \(problem)")
            }
            let chosenHandler = handler ?? located?.manifest?.handler
            var report: RunReport?
            var subjectName = located?.manifest?.name ?? Self.displayName(function ?? layer[0])
            if lint.passed {
                guard let chosenHandler else {
                    throw SetupError("no handler: pass --handler, or ship lambdaspec.json in the function or a layer")
                }
                let subject: Subject
                (report, subject) = try await runCatalogue(
                    scenarios, handler: chosenHandler, manifest: located?.manifest, root: root)
                subjectName = subject.name
            } else {
                FileHandleOutput.standardOutput("lint found a MUST problem, so the catalogue is not run\n")
            }
            let (verdict, reasons) = CertificationVerdict.decide(
                lint: lint, report: report, allowProcessIsolation: allowProcessIsolation)
            let manifest = CertificationManifest(
                date: date, subject: subjectName, handler: chosenHandler ?? "", arch: lint.architecture,
                inputs: inputs, catalogueFingerprint: fingerprint, scenarioCount: scenarios.count, verdict: verdict,
                reasons: reasons, counts: .init(lint: lint.counts, scenarios: report?.summary),
                environment: report?.subject.environment, allowsProcessIsolation: allowProcessIsolation)
            let directory = out ?? CertificationBundle.defaultDirectory(for: subjectName)
            let written = try writeBundle(manifest, lint: lint, report: report, to: directory)
            FileHandleOutput.standardOutput(Self.verdictText(written, directory: directory))
            if verdict != .certified { throw ExitCode(1) }
        }

        /// The whole catalogue, its fingerprint, and the digests of the inputs as given.
        private func prepare() throws -> (scenarios: [Scenario], fingerprint: String, inputs: [CertifiedInput]) {
            let selection = try CatalogueOptions.parse(catalogue.flatMap { ["--catalogue", $0] })
            let scenarios = try selection.scenarios()
            do {
                let fingerprint = CatalogueFingerprint.compute(
                    scenarios: scenarios.map { ($0.id, $0.level) }, files: try selection.files())
                let inputs =
                    try (function.map { [try CertifiedInput.digest(role: .function, path: $0)] } ?? [])
                    + layer.map { try CertifiedInput.digest(role: .layer, path: $0) }
                return (scenarios, fingerprint, inputs)
            } catch let error as CertificationError {
                throw SetupError(error.description)
            }
        }

        /// Runs every scenario under --strict against the layers, extracted once for all environments.
        private func runCatalogue(
            _ scenarios: [Scenario], handler: String, manifest: ProbeManifest?, root: RootFileSystem?
        ) async throws -> (RunReport, Subject) {
            let scratch = try Self.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: scratch) }
            let staged: StagedLayers
            do { staged = try StagedLayers.stage(layer, under: scratch) } catch { throw SetupError("\(error)") }
            defer { staged.remove() }
            let (subject, environmentReport) = try makeSubject(
                handler: handler, manifest: manifest, layers: staged.paths, scratch: scratch, root: root)
            var report = await ConformanceSession(
                subject: subject, scenarios: scenarios, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                strict: true, console: true
            ).run()
            // Name the inputs as given, not the staged copies or the scratch task root.
            report.subject.layers = layer
            report.subject.path = function ?? "(no function code: an empty task root)"
            report.subject.environment = environmentReport
            FileHandleOutput.standardOutput(ConsoleReporter(useColor: FileHandleOutput.useColor).summary(of: report))
            return (report, subject)
        }

        /// Replaces a previous bundle's files, writes the reports, lint.json, then the manifest with their digests.
        private func writeBundle(
            _ manifest: CertificationManifest, lint: LintReport, report: RunReport?, to directory: String
        ) throws -> CertificationManifest {
            do {
                try CertificationBundle.prepare(directory)
                if let report {
                    let formats: [ReportFormat] = [.json, .html, .junit, .badge]
                    _ = try ReportPublisher(directory: directory, formats: formats).publish(report)
                }
                try CertificationBundle.writeLint(lint, to: directory)
                return try CertificationBundle.writeManifest(manifest, to: directory)
            } catch let error as CertificationError {
                throw SetupError(error.description)
            }
        }

        /// The subject as `run` builds it (`Subject.load`), with the manifest lint found when the function folder
        /// did not hold it; without function code the task root is an empty folder. `layers` are the staged copies.
        private func makeSubject(
            handler: String, manifest: ProbeManifest?, layers: [String], scratch: String, root: RootFileSystem?
        ) throws -> (Subject, EnvironmentReport) {
            let functionPath = function ?? scratch + "/function"
            if function == nil {
                try FileManager.default.createDirectory(atPath: functionPath, withIntermediateDirectories: true)
            }
            var subject: Subject
            let validation: Subject.Validation
            do {
                subject = try Subject.load(functionPath: functionPath, layers: layers, handler: handler)
                validation = try environment.prepare(&subject, opened: root)
            } catch let error as SetupError {
                throw error
            } catch {
                throw SetupError("\(error)")
            }
            if let manifest {
                subject.capabilities = manifest.capabilities
                subject.name = manifest.name ?? subject.name
            }
            if manifest?.name == nil && function == nil { subject.name = Self.displayName(layer[0]) }
            return (subject, validation.environment)
        }

        static func displayName(_ path: String) -> String {
            let name = URL(fileURLWithPath: path).lastPathComponent
            return name.hasSuffix(".zip") ? String(name.dropLast(4)) : name
        }

        static func temporaryFolder() throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "lambdaspec-certify-\(UUID().uuidString)"
            ).path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        static func verdictText(_ manifest: CertificationManifest, directory: String) -> String {
            var out = "\n"
            if manifest.verdict == .certified {
                out +=
                    "CERTIFIED  \(manifest.subject) · \(manifest.arch) · \(manifest.scenarioCount) scenarios "
                    + "under --strict\(manifest.environment.map { " · \($0.isolation.rawValue) isolation" } ?? "")\n"
            } else {
                out += "NOT CERTIFIED  \(manifest.subject) · \(manifest.arch)\n"
                for reason in manifest.reasons { out += "  - \(reason)\n" }
            }
            let files = manifest.files.keys.sorted() + [CertificationBundle.manifestFile]
            out += "wrote \(directory)/ (\(files.joined(separator: ", ")))\n"
            return out
        }
    }
}
