/// HTML for runtime text that must show control characters distinctly: escapes markup like Mustache's `{{…}}`
/// and wraps each control character's escape in `<span class="ctl">`, so `\x1B` sent by a runtime cannot be
/// mistaken for the four characters `\x1B`.
///
/// Template fields filled from this are the only runtime values rendered with `{{{…}}}`; every other field
/// goes through Mustache's own escaping.
enum HTMLText {
    static func markup(_ text: String, keepLineBreaks: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        DisplayText.forEach(text, keepLineBreaks: keepLineBreaks) { scalar, isControl in
            if isControl {
                out += #"<span class="ctl">"# + DisplayText.escape(scalar) + "</span>"
                return
            }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
