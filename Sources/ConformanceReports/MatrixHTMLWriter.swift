import Mustache

/// Writes the runtime × scenario matrix as one self-contained HTML file (no script, nothing fetched).
public struct MatrixHTMLWriter: Sendable {
    public init() {}

    public func render(_ matrix: MatrixReport) -> String {
        Self.library.render(MatrixPageView(matrix: matrix), withTemplate: "page") ?? ""
    }

    static let library: MustacheLibrary = {
        do {
            return MustacheLibrary(templates: [
                "page": try MustacheTemplate(string: MatrixTemplate.page),
                "cell": try MustacheTemplate(string: MatrixTemplate.cell),
            ])
        } catch {
            preconditionFailure("embedded matrix template does not parse: \(error)")
        }
    }()
}
