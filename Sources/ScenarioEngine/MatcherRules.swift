import ConformanceModel
import Foundation

/// What a matcher pattern may contain at one point of a scenario: known operators with operands of the right
/// shape, and templates that name variables that will exist. A typo here would otherwise match `null` or pass.
struct MatcherRules {
    /// The variables of one invocation (FORMAT.md's list, plus any extra header a scenario sends).
    let fields: Set<String>
    /// Invocation labels usable as `{{label.X}}`: `previous`, `first` and names of invocations already played.
    private(set) var earlier: Set<String> = []

    static let typeNames: Set<String> = ["string", "number", "bool", "null", "array", "object", "absent"]

    init(scenario: Scenario) {
        var fields = Set(InvocationFactory.headerNames.map(\.logical))
        fields.formUnion(["remainingAtDeliveryMs", "remainingAtAnswerMs"])
        for case .invoke(let invocation, _) in scenario.steps {
            fields.formUnion((invocation.headers ?? [:]).keys)
        }
        self.fields = fields
    }

    mutating func invocationPlayed(name: String?) {
        earlier.formUnion(["previous", "first"])
        if let name { earlier.insert(name) }
    }

    /// The first problem in `pattern` as `path: what is wrong`; `current` says whether `{{traceId}}`-style
    /// references to the invocation being judged are available.
    func problem(in pattern: JSONValue, path: String, current: Bool) -> String? {
        switch pattern {
        case .string(let text):
            return templateProblem(in: text, current: current).map { "\(path): \($0)" }
        case .array(let values):
            for (index, value) in values.enumerated() {
                if let problem = problem(in: value, path: "\(path)[\(index)]", current: current) { return problem }
            }
            return nil
        case .object(let object):
            let operators = object.keys.filter { $0.hasPrefix("$") }.sorted()
            let plain = object.keys.filter { !$0.hasPrefix("$") }.sorted()
            if !operators.isEmpty, !plain.isEmpty {
                return "\(path): mixes matcher operators (\(operators.joined(separator: ", "))) with plain keys "
                    + "(\(plain.joined(separator: ", "))); nest the plain keys in their own object"
            }
            for key in operators + plain {
                let inner = path.isEmpty ? key : "\(path).\(key)"
                if key.hasPrefix("$"), let problem = operandProblem(key, object[key] ?? .null) {
                    return "\(inner): \(problem)"
                }
                if let problem = problem(in: object[key] ?? .null, path: inner, current: current) { return problem }
            }
            return nil
        default:
            return nil
        }
    }

    /// Shape checks for operators whose operand is not itself a pattern.
    private func operandProblem(_ name: String, _ operand: JSONValue) -> String? {
        guard MatcherEvaluator.operators.contains(name) else {
            let known = MatcherEvaluator.operators.sorted().joined(separator: ", ")
            return "unknown matcher operator '\(name)'; known: \(known)"
        }
        switch (name, operand) {
        case ("$exists", .bool), ("$in", .array), ("$startsWith", .string), ("$tolerance", .number):
            return nil
        case ("$exists", _): return "$exists takes true or false"
        case ("$in", _): return "$in takes a list of values"
        case ("$startsWith", _): return "$startsWith takes a string"
        case ("$tolerance", .string(let text)) where text.contains("{{"): return nil
        case ("$tolerance", _): return "$tolerance takes a number"
        case ("$type", _):
            let names = MatcherEvaluator.strings(operand)
            if names.isEmpty { return "$type takes a type name or a list of them" }
            return names.first { !Self.typeNames.contains($0) }.map {
                "unknown type '\($0)'; known: \(Self.typeNames.sorted().joined(separator: ", "))"
            }
        case ("$matches", .string(let regex)):
            return (try? NSRegularExpression(pattern: regex)) == nil ? "invalid regular expression /\(regex)/" : nil
        case ("$matches", _): return "$matches takes a regular expression string"
        case ("$between", .array(let bounds)) where bounds.count == 2: return nil
        case ("$between", _): return "$between takes [low, high]"
        default: return nil
        }
    }

    /// The first unusable `{{reference}}` in `text`.
    func templateProblem(in text: String, current: Bool) -> String? {
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let problem = referenceProblem(name, current: current) { return problem }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    private func referenceProblem(_ name: String, current: Bool) -> String? {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        let known = fields.sorted().joined(separator: ", ")
        if parts.count == 2 {
            if parts[0] == "env" { return nil }
            guard earlier.contains(parts[0]) else {
                return ["previous", "first"].contains(parts[0])
                    ? "template {{\(name)}} refers to an earlier invocation, but none ran before this step"
                    : "template {{\(name)}}: no earlier invoke step is named '\(parts[0])'"
            }
            return fields.contains(parts[1])
                ? nil : "template {{\(name)}}: unknown variable '\(parts[1])'; known: \(known)"
        }
        guard fields.contains(name) else { return "template {{\(name)}}: unknown variable; known: \(known)" }
        return current ? nil : "template {{\(name)}} names the current invocation, which has not been sent yet here"
    }
}
