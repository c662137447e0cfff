/// Makes runtime-supplied text safe to show: reports are read by people and parsers, and a runtime under test
/// may write anything (escape sequences, NUL bytes, megabytes) on the wire or on stderr.
package enum DisplayText {
    /// Replaces control characters with visible stand-ins so they can neither corrupt a terminal or a document
    /// nor silently disappear: C0 controls become Unicode control pictures (`␛` for ESC), DEL becomes `␡`,
    /// C1 controls and non-characters become `\u{…}` text.
    ///
    /// - Parameters:
    ///   - text: the raw text.
    ///   - keepLineBreaks: keep `\n` and `\t` (for multi-line blocks); a `\r` before `\n` is dropped, a lone
    ///     `\r` stays visible as `␍`.
    package static func visible(_ text: String, keepLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar.value {
            case 0x0A where keepLineBreaks, 0x09 where keepLineBreaks:
                out.append(scalar)
            case 0x0D where keepLineBreaks && index + 1 < scalars.count && scalars[index + 1] == "\n":
                continue
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + scalar.value) ?? "?")
            case 0x7F:
                out.append("\u{2421}")
            default:
                if needsReplacement(scalar) {
                    out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// One line: line breaks become visible too.
    package static func line(_ text: String) -> String { visible(text, keepLineBreaks: false) }

    /// Cuts `text` to at most `limit` characters, saying how much was left out.
    package static func truncated(_ text: String, limit: Int) -> String {
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "… (\(text.count - limit) more characters)"
    }

    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Non-characters are illegal in XML and parse errors in HTML.
        case 0xFDD0...0xFDEF: true
        default: scalar.value & 0xFFFE == 0xFFFE
        }
    }
}
