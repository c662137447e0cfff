import ArgumentParser
import Foundation
import LambdaSandbox
import LayerCertification

extension LambdaSpec {
    /// Static checks of a function and its layers: is there a bootstrap, and will Lambda be able to start it.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a function and its layers before anything runs.",
            discussion: """
                Looks for the bootstrap Lambda would start (the function's root, then /opt) and checks it: \
                executable bit, #! interpreter and line endings, ELF architecture, dynamic loader and shared \
                libraries; and reports files a later layer replaces. Findings carry levels like scenarios.

                Exit status: 0 no MUST finding; 1 a MUST finding; 2 an input is unusable (missing, not a zip, \
                hostile, more than 5 layers).
                """
        )

        @Option(name: .long, help: ArgumentHelp("The function code: a folder or a zip.", valueName: "path"))
        var function: String?

        @Option(
            name: .long,
            help: ArgumentHelp("A layer zip or folder, extracted into /opt in order (repeatable).", valueName: "path"))
        var layer: [String] = []

        @OptionGroup var architecture: ArchitectureOption

        @Option(
            name: .long,
            help: ArgumentHelp(
                "Check interpreters and libraries against this root file system (folder or tar, e.g. `docker "
                    + "export` of provided:al2023) instead of this machine.",
                valueName: "dir|tar"))
        var rootfs: String?

        @Option(
            name: .long,
            help: ArgumentHelp("Output: console, json or sarif (SARIF 2.1.0, for code scanning).", valueName: "format"))
        var format: LintFormat = .console

        func validate() throws {
            guard function != nil || !layer.isEmpty else {
                throw ValidationError("nothing to lint: give --function and/or --layer")
            }
        }

        func run() async throws {
            let root = try rootfs.map(RootFileSystem.opened)
            let report = try LintInvocation.lint(
                function: function, layers: layer, arch: architecture.arch, rootFileSystem: root)
            switch format {
            case .console: FileHandleOutput.standardOutput(LintConsoleWriter().render(report))
            case .json:
                FileHandleOutput.standardOutput(String(decoding: try LintInvocation.json(report), as: UTF8.self))
            case .sarif:
                FileHandleOutput.standardOutput(String(decoding: try SARIFWriter().render(report), as: UTF8.self))
            }
            if !report.passed { throw ExitCode(1) }
        }
    }
}

/// `lambdaspec lint --format`.
enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case console, json, sarif
}

/// Shared by `lint` and `certify`: runs the linter, turning refused inputs into one-line setup errors (exit 2).
enum LintInvocation {
    static func lint(
        function: String?, layers: [String], arch: Architecture?, rootFileSystem: RootFileSystem? = nil
    ) throws -> LintReport {
        guard let architecture = arch ?? Architecture.host else {
            throw SetupError("this machine is neither x86_64 nor arm64: pass --arch")
        }
        do {
            return try LayerLinter(
                functionPath: function, layers: layers, architecture: architecture, rootFileSystem: rootFileSystem
            ).lint()
        } catch {
            throw SetupError("\(error)")
        }
    }

    static func json(_ report: LintReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(report)
        data.append(0x0A)
        return data
    }
}

/// `--arch`, shared by `lint` and `certify`.
struct ArchitectureOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The function's architecture: x86_64 or arm64 (default: this machine's).", valueName: "arch"),
        transform: parseArchitecture)
    var arch: Architecture?
}

/// `--arch` values: Lambda's names and the kernel's.
func parseArchitecture(_ text: String) throws -> Architecture {
    guard let architecture = Architecture(name: text) else {
        throw ValidationError("--arch must be x86_64 or arm64, not \(text)")
    }
    return architecture
}

extension RootFileSystem {
    /// `--rootfs` for a command: an unusable root is a one-line setup error (exit 2).
    static func opened(_ source: String) throws -> RootFileSystem {
        do {
            return try RootFileSystem.open(source)
        } catch {
            throw SetupError(error.message)
        }
    }
}
