/// Makes runtime-supplied text safe to show: reports are read by people and parsers, and a runtime under test
/// may write anything (escape sequences, NUL bytes, megabytes) on the wire or on stderr.
package enum DisplayText {
    /// Replaces control characters with visible escapes (`\x1B` for ESC, `\u{85}` for NEL) so they can neither
    /// corrupt a terminal or a document nor silently disappear. ASCII escapes rather than Unicode control
    /// pictures, because common monospace fonts have no glyphs for those.
    ///
    /// - Parameters:
    ///   - text: the raw text.
    ///   - keepLineBreaks: keep `\n` and `\t` (for multi-line blocks); a `\r` before `\n` is dropped, a lone
    ///     `\r` stays visible as `\x0D`.
    package static func visible(_ text: String, keepLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        forEach(text, keepLineBreaks: keepLineBreaks) { scalar, isControl in
            if isControl {
                out.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                out.append(scalar)
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

    /// Walks `text`, flagging each scalar that must be shown as an escape; CR before LF is dropped when line
    /// breaks are kept.
    package static func forEach(
        _ text: String,
        keepLineBreaks: Bool,
        _ body: (_ scalar: Unicode.Scalar, _ isControl: Bool) -> Void
    ) {
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if keepLineBreaks && (scalar == "\n" || scalar == "\t") {
                body(scalar, false)
            } else if keepLineBreaks && scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" {
                continue
            } else {
                body(scalar, isControl(scalar))
            }
        }
    }

    /// `\x1B` for C0 controls and DEL, `\u{85}` for C1 controls and non-characters.
    package static func escape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        if scalar.value <= 0x7F { return "\\x" + (hex.count == 1 ? "0" + hex : hex) }
        return "\\u{\(hex)}"
    }

    /// Controls (C0, DEL, C1) and Unicode non-characters: illegal in XML, parse errors in HTML, and able to
    /// drive a terminal.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0xFDD0...0xFDEF: true
        default: scalar.value & 0xFFFE == 0xFFFE
        }
    }
}
