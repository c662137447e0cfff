import ConformanceModel
import Foundation

/// Evaluates `Matcher` patterns against actual JSON, producing readable expected/actual pairs.
struct MatcherEvaluator {
    /// Every operator the scenario format knows; the loader rejects others.
    static let operators: Set<String> = [
        "$eq", "$ne", "$exists", "$type", "$in", "$contains", "$matches", "$length", "$between", "$tolerance",
        "$base64", "$json", "$not", "$startsWith",
    ]

    struct Mismatch: Equatable {
        var path: String
        var expected: String
        var actual: String
    }

    let context: TemplateContext

    /// All mismatches of `actual` against `pattern`; empty means it matches. `nil` actual means "absent".
    func mismatches(_ pattern: JSONValue, _ actual: JSONValue?, path: String) -> [Mismatch] {
        if case .object(let object) = pattern, object.keys.contains(where: { $0.hasPrefix("$") }) {
            return operatorMismatches(object, actual, path: path)
        }
        switch pattern {
        case .object(let object):
            guard case .object(let actualObject) = actual else {
                return [Mismatch(path: path, expected: "an object", actual: Self.describe(actual))]
            }
            return object.keys.sorted().flatMap { key in
                mismatches(object[key] ?? .null, actualObject[key], path: Self.child(path, key))
            }
        case .array(let patterns):
            guard case .array(let values) = actual, values.count == patterns.count else {
                return [
                    Mismatch(
                        path: path, expected: Self.describe(context.resolve(pattern)), actual: Self.describe(actual))
                ]
            }
            return zip(patterns, values).enumerated().flatMap { index, pair in
                mismatches(pair.0, pair.1, path: "\(path)[\(index)]")
            }
        default:
            let expected = context.resolve(pattern)
            if let actual, Self.equal(expected, actual) { return [] }
            return [Mismatch(path: path, expected: Self.describe(expected), actual: Self.describe(actual))]
        }
    }

    private func operatorMismatches(_ ops: [String: JSONValue], _ actual: JSONValue?, path: String) -> [Mismatch] {
        var result: [Mismatch] = []
        func fail(_ expected: String) {
            result.append(Mismatch(path: path, expected: expected, actual: Self.describe(actual)))
        }
        for key in ops.keys.sorted() {
            let operand = ops[key] ?? .null
            switch key {
            case "$eq":
                let expected = context.resolve(operand)
                if actual.map({ Self.equal(expected, $0) }) != true { fail("exactly \(Self.describe(expected))") }
            case "$ne":
                let expected = context.resolve(operand)
                if let actual, Self.equal(expected, actual) { fail("anything but \(Self.describe(expected))") }
            case "$exists":
                let wanted = operand == .bool(true)
                if (actual != nil) != wanted { fail(wanted ? "present" : "absent") }
            case "$type":
                let names = Self.strings(operand)
                if !names.contains(actual?.typeName ?? "absent") { fail("of type \(names.joined(separator: " or "))") }
            case "$in":
                guard case .array(let candidates) = context.resolve(operand) else {
                    fail("one of \(Self.describe(context.resolve(operand))) (not a list)")
                    continue
                }
                if !candidates.contains(where: { candidate in actual.map { Self.equal(candidate, $0) } == true }) {
                    fail("one of \(Self.describe(.array(candidates)))")
                }
            case "$contains":
                let needle = context.resolve(operand)
                switch (actual, needle) {
                case (.string(let text)?, _) where Self.text(of: needle).map(text.contains) == true: break
                case (.array(let values)?, _) where values.contains(where: { Self.equal($0, needle) }): break
                default: fail("containing \(Self.describe(needle))")
                }
            case "$startsWith":
                // A template may resolve to a number (kept as its JSON text) or to null (never a prefix).
                let prefix = context.resolve(operand)
                if case .string(let text)? = actual, let start = Self.text(of: prefix), text.hasPrefix(start) { break }
                fail("starting with \(Self.describe(prefix))")
            case "$matches":
                guard case .string(let pattern) = operand else {
                    fail("matching \(Self.describe(operand)) (not a regular expression)")
                    continue
                }
                if case .string(let text)? = actual, text.range(of: pattern, options: .regularExpression) != nil {
                    break
                }
                fail("matching /\(pattern)/")
            case "$length":
                let length: Int? =
                    switch actual {
                    case .string(let text)?: text.count
                    case .array(let values)?: values.count
                    default: nil
                    }
                let inner = mismatches(operand, length.map { .number(Double($0)) }, path: Self.child(path, "length"))
                result += inner
            case "$between":
                guard case .array(let bounds) = context.resolve(operand), bounds.count == 2,
                    let low = bounds[0].numberValue, let high = bounds[1].numberValue
                else {
                    fail("between bounds that could not be resolved: \(Self.describe(context.resolve(operand)))")
                    continue
                }
                let tolerance = context.resolve(ops["$tolerance"] ?? .number(0)).numberValue ?? 0
                if let value = actual?.numberValue, value >= low - tolerance, value <= high + tolerance { break }
                fail(
                    "between \(JSONValue.number(low - tolerance).serialized) and \(JSONValue.number(high + tolerance).serialized)"
                )
            case "$tolerance":
                continue
            case "$base64":
                guard case .string(let encoded)? = actual, let data = Data(base64Encoded: encoded) else {
                    fail("a base64 string")
                    continue
                }
                let decoded = JSONValue.parse(data) ?? .string(String(decoding: data, as: UTF8.self))
                result += mismatches(operand, decoded, path: Self.child(path, "(base64)"))
            case "$json":
                var parsed = actual
                if case .string(let text)? = actual { parsed = JSONValue.parse(text) ?? actual }
                result += mismatches(operand, parsed, path: path)
            case "$not":
                if mismatches(operand, actual, path: path).isEmpty {
                    fail("not \(Self.describe(context.resolve(operand)))")
                }
            default:
                fail("a known operator instead of \(key)")
            }
        }
        return result
    }

    /// `parent.name`, or just `name` at the top of a pattern.
    static func child(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : "\(path).\(name)"
    }

    /// The text a string operator compares with: strings as they are, numbers and booleans as JSON, else nothing.
    static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number, .bool: value.serialized
        default: nil
        }
    }

    static func strings(_ value: JSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .array(let values): values.compactMap(\.stringValue)
        default: []
        }
    }

    /// Deep JSON equality (numbers compared as doubles, object key order irrelevant).
    static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        lhs == rhs
    }

    /// A short rendering for reports; long values are cut with their size noted.
    static func describe(_ value: JSONValue?) -> String {
        guard let value else { return "absent" }
        let text = value.serialized
        if text.count > 240 {
            return String(text.prefix(200)) + "… (\(text.utf8.count) bytes)"
        }
        return text
    }
}
