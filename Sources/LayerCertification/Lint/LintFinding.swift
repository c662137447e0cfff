import ConformanceModel

/// One thing layer lint noticed, with a level like a scenario's: a MUST finding means the runtime cannot start.
public struct LintFinding: Codable, Sendable, Hashable {
    public var level: Level
    public var rule: LintRule
    /// The function or layer the file comes from, as given on the command line; nil for the layout as a whole.
    public var input: String?
    /// The path inside that input (`bootstrap`, `lib/libfoo.so`), or nil.
    public var file: String?
    /// A complete sentence: what is wrong, where, and how to fix it.
    public var message: String

    public init(_ rule: LintRule, input: String?, file: String?, message: String) {
        self.level = rule.level
        self.rule = rule
        self.input = input
        self.file = file
        self.message = message
    }

    /// `input:file`, `input` or `file`, for one-line displays.
    public var location: String {
        switch (input, file) {
        case (let input?, let file?): "\(input):\(file)"
        case (let input?, nil): input
        case (nil, let file?): file
        case (nil, nil): "-"
        }
    }
}
