import ConformanceModel

/// ANSI SGR colouring that can be switched off; the CLI turns it off for non-TTY output and `NO_COLOR`.
package struct ANSIStyle: Sendable {
    package enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
        case gray = "90"
    }

    package var enabled: Bool

    package init(enabled: Bool) {
        self.enabled = enabled
    }

    package func paint(_ text: String, _ color: Color, bold: Bool = false) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[\(bold ? "1;" : "")\(color.rawValue)m\(text)\u{1B}[0m"
    }

    package func bold(_ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[1m\(text)\u{1B}[0m"
    }

    package func dim(_ text: String) -> String {
        guard enabled, !text.isEmpty else { return text }
        return "\u{1B}[2m\(text)\u{1B}[0m"
    }
}

extension ResultStatus {
    /// The console symbol; each verdict has its own so the output reads without colour too.
    package var symbol: String {
        switch self {
        case .passed: "✓"
        case .failed: "✗"
        case .warning: "!"
        case .info: "i"
        case .skipped: "-"
        case .notApplicable: "·"
        case .error: "E"
        }
    }

    package var consoleColor: ANSIStyle.Color {
        switch self {
        case .passed: .green
        case .failed: .red
        case .warning: .yellow
        case .info: .cyan
        case .skipped, .notApplicable: .gray
        case .error: .magenta
        }
    }
}
