import ConformanceModel
import Mustache

/// Writes the self-contained HTML report: one file with inline CSS and script, nothing fetched, safe to attach
/// to a release.
///
/// The header states the subject and the verdict; scenarios follow grouped by area, each a `<details>` that
/// opens onto its requirement, checks (expected versus actual), full wire log, process timeline and runtime
/// output. Runtime data is escaped by the template and has control characters made visible; large bodies
/// appear as their size and a preview.
public struct HTMLReportWriter: Sendable {
    /// Open the scenarios that fail the run, for a report meant to be read top to bottom (or printed).
    public var expandFailures: Bool

    public init(expandFailures: Bool = false) {
        self.expandFailures = expandFailures
    }

    public func render(_ report: RunReport) -> String {
        let page = HTMLPageView(report: report, expandAttention: expandFailures)
        return Self.library.render(page, withTemplate: "page") ?? ""
    }

    /// Parsed once; the templates are constants, so a parse failure is a programming error caught by the tests.
    static let library: MustacheLibrary = {
        do {
            return MustacheLibrary(templates: [
                "page": try MustacheTemplate(string: HTMLTemplate.page),
                "scenario": try MustacheTemplate(string: HTMLTemplate.scenario),
                "exchange": try MustacheTemplate(string: HTMLTemplate.exchange),
                "body": try MustacheTemplate(string: HTMLTemplate.body),
            ])
        } catch {
            preconditionFailure("embedded HTML template does not parse: \(error)")
        }
    }()
}
