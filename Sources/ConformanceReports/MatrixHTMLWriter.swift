import Mustache

/// Writes the runtime × scenario matrix as one self-contained HTML file (no script, nothing fetched).
public struct MatrixHTMLWriter: Sendable {
    public init() {}

    public func render(_ matrix: MatrixReport) -> String {
        Self.template.render(MatrixPageView(matrix: matrix))
    }

    static let template: MustacheTemplate = {
        do {
            return try MustacheTemplate(string: MatrixTemplate.page)
        } catch {
            preconditionFailure("embedded matrix template does not parse: \(error)")
        }
    }()
}
