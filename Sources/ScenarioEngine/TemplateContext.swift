import ConformanceModel
import Foundation

/// Values a matcher may refer to with `{{name}}`: the current invocation's sent headers and timings, earlier
/// invocations by position (`previous`, `first`) or label, and the bootstrap's environment (`env.NAME`).
struct TemplateContext {
    var current: [String: JSONValue] = [:]
    var named: [String: [String: JSONValue]] = [:]
    var environment: [String: String] = [:]

    /// The variables of one invocation record.
    static func variables(of record: InvocationRecord) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for (key, value) in record.sent {
            values[key] = .string(value)
        }
        for (logical, _) in InvocationFactory.headerNames where record.sent[logical] == nil {
            values[logical] = .null
        }
        values["deadlineMs"] = .number(Double(record.deadlineMs))
        values["remainingAtDeliveryMs"] = .number(Double(record.deadlineMs - record.deliveredEpochMs))
        if let answered = record.answeredEpochMs {
            values["remainingAtAnswerMs"] = .number(Double(record.deadlineMs - answered))
        }
        values["functionTimeoutMs"] = .number(Double(record.invocation.functionTimeoutMs ?? 0))
        return values
    }

    /// Resolves templates inside a pattern. A string that is exactly one `{{ref}}` becomes the referenced value
    /// itself (so numbers stay numbers and missing headers become null); otherwise references are interpolated.
    func resolve(_ pattern: JSONValue) -> JSONValue {
        switch pattern {
        case .string(let text):
            return resolve(text)
        case .array(let values):
            return .array(values.map(resolve))
        case .object(let object):
            return .object(object.mapValues(resolve))
        default:
            return pattern
        }
    }

    private func resolve(_ text: String) -> JSONValue {
        guard text.contains("{{") else { return .string(text) }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("{{"), trimmed.hasSuffix("}}"), trimmed.count >= 4 {
            let inner = trimmed.dropFirst(2).dropLast(2)
            // `{{a}} and {{b}}` also starts and ends with braces but is an interpolation.
            if !inner.contains("{{"), !inner.contains("}}") {
                return lookup(inner.trimmingCharacters(in: .whitespaces)) ?? .null
            }
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            switch lookup(name) {
            case .string(let value): result += value
            case .number(let value): result += JSONValue.number(value).serialized
            case .some(let value): result += value.serialized
            case .none: result += "null"
            }
            rest = rest[close.upperBound...]
        }
        return .string(result + rest)
    }

    func lookup(_ name: String) -> JSONValue? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            if parts[0] == "env" { return environment[parts[1]].map(JSONValue.string) ?? .null }
            if let values = named[parts[0]] { return values[parts[1]] ?? .null }
        }
        return current[name]
    }
}
