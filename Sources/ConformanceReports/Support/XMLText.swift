/// XML 1.0 escaping for runtime data, which may hold anything a runtime wrote.
///
/// Characters XML 1.0 forbids outright (most C0 controls, non-characters) cannot even be written as character
/// references, so `DisplayText` first turns them into visible stand-ins; then markup characters are escaped.
package enum XMLText {
    /// Text content of an element.
    package static func content(_ text: String) -> String {
        escape(DisplayText.visible(text, keepLineBreaks: true), attribute: false)
    }

    /// An attribute value (to be written between double quotes). Line breaks and tabs become character
    /// references so attribute-value normalisation does not flatten them.
    package static func attribute(_ text: String) -> String {
        escape(DisplayText.visible(text, keepLineBreaks: true), attribute: true)
    }

    private static func escape(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
