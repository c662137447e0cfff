import ConformanceModel
import Foundation
import Testing

@testable import ScenarioEngine

/// One matcher pattern against one actual value (nil: absent), and whether it must match.
struct MatchCase: Sendable, CustomTestStringConvertible {
    let pattern: String
    let actual: String?
    let matches: Bool

    init(_ pattern: String, _ actual: String?, _ matches: Bool) {
        self.pattern = pattern
        self.actual = actual
        self.matches = matches
    }

    var testDescription: String { "\(pattern) \(matches ? "matches" : "rejects") \(actual ?? "absent")" }
}

@Suite("Matcher evaluation")
struct MatcherEvaluatorTests {
    /// A context where templates resolve, for `$between` and friends.
    static let context = TemplateContext(
        current: [
            "remainingAtDeliveryMs": .number(1500), "remainingAtAnswerMs": .number(1400),
            "traceId": .string("Root=1-a"),
        ],
        named: ["previous": ["traceId": .string("Root=1-b")]]
    )

    static func mismatches(_ pattern: JSONValue, _ actual: JSONValue?) -> [MatcherEvaluator.Mismatch] {
        MatcherEvaluator(context: context).mismatches(pattern, actual, path: "")
    }

    static let literalCases = [
        MatchCase("1", "1", true),
        MatchCase("1", "1.0", true),
        MatchCase(#""1""#, "1", false),
        MatchCase("null", "null", true),
        MatchCase("null", nil, false),
        MatchCase(#""a""#, nil, false),
        MatchCase("true", "1", false),
        MatchCase(#""é""#, #""\u00e9""#, true),
    ]

    static let objectAndArrayCases = [
        MatchCase(#"{"a":1}"#, #"{"a":1,"b":2}"#, true),
        MatchCase(#"{"a":1}"#, #"{"a":2}"#, false),
        MatchCase(#"{"a":{"b":true}}"#, #"{"a":{"b":true,"c":0}}"#, true),
        MatchCase(#"{"a":1}"#, "[1]", false),
        MatchCase(#"{"a":1}"#, nil, false),
        MatchCase("{}", #"{"x":1}"#, true),
        MatchCase(#"{"a":null}"#, "{}", false),
        MatchCase(#"[1,{"a":1}]"#, #"[1,{"a":1,"b":2}]"#, true),
        MatchCase("[1,2]", "[1,2,3]", false),
        MatchCase("[1,2]", "[2,1]", false),
        MatchCase("[]", "[]", true),
        MatchCase("[]", "{}", false),
    ]

    static let equalityCases = [
        MatchCase(#"{"$eq":{"a":1}}"#, #"{"a":1}"#, true),
        MatchCase(#"{"$eq":{"a":1}}"#, #"{"a":1,"b":2}"#, false),
        MatchCase(#"{"$eq":[1,{"a":1}]}"#, #"[1,{"a":1,"b":2}]"#, false),
        MatchCase(#"{"$eq":null}"#, "null", true),
        MatchCase(#"{"$eq":null}"#, nil, false),
        MatchCase(#"{"$ne":"x"}"#, #""y""#, true),
        MatchCase(#"{"$ne":"x"}"#, #""x""#, false),
        MatchCase(#"{"$ne":"x"}"#, nil, true),
        MatchCase(#"{"$ne":{"a":1}}"#, #"{"a":1,"b":2}"#, true),
    ]

    static let presenceCases = [
        MatchCase(#"{"$exists":true}"#, "null", true),
        MatchCase(#"{"$exists":true}"#, nil, false),
        MatchCase(#"{"$exists":false}"#, nil, true),
        MatchCase(#"{"$exists":false}"#, "null", false),
        MatchCase(#"{"$exists":false}"#, #""""#, false),
        MatchCase(#"{"$type":"string"}"#, #""a""#, true),
        MatchCase(#"{"$type":"number"}"#, #""1""#, false),
        MatchCase(#"{"$type":"bool"}"#, "false", true),
        MatchCase(#"{"$type":"array"}"#, "[]", true),
        MatchCase(#"{"$type":"object"}"#, "[]", false),
        MatchCase(#"{"$type":"null"}"#, "null", true),
        MatchCase(#"{"$type":"null"}"#, nil, false),
        MatchCase(#"{"$type":"absent"}"#, nil, true),
        MatchCase(#"{"$type":"absent"}"#, "null", false),
        MatchCase(#"{"$type":["string","null"]}"#, "null", true),
        MatchCase(#"{"$type":["string","null"]}"#, "0", false),
    ]

    static let membershipCases = [
        MatchCase(#"{"$in":[null,""]}"#, "null", true),
        MatchCase(#"{"$in":[null,""]}"#, #""""#, true),
        MatchCase(#"{"$in":[null,""]}"#, #""x""#, false),
        MatchCase(#"{"$in":[null,""]}"#, nil, false),
        MatchCase(#"{"$in":[1,2]}"#, "2", true),
        MatchCase(#"{"$in":"x"}"#, #""x""#, false),
        MatchCase(#"{"$contains":"needle"}"#, #""a needle in hay""#, true),
        MatchCase(#"{"$contains":"needle"}"#, #""hay""#, false),
        MatchCase(#"{"$contains":"needle"}"#, nil, false),
        MatchCase(#"{"$contains":2}"#, "[1,2,3]", true),
        MatchCase(#"{"$contains":4}"#, "[1,2,3]", false),
        MatchCase(#"{"$contains":{"a":1}}"#, #"[{"a":1}]"#, true),
        MatchCase(#"{"$contains":"x"}"#, #"{"x":1}"#, false),
        MatchCase(#"{"$contains":42}"#, #""line 42 of output""#, true),
        MatchCase(#"{"$startsWith":"Root=1-"}"#, #""Root=1-5e7a;Parent=1""#, true),
        MatchCase(#"{"$startsWith":"Root=1-"}"#, #""Parent=1;Root=1-""#, false),
        MatchCase(#"{"$startsWith":"1"}"#, "12", false),
        MatchCase(#"{"$startsWith":"a"}"#, nil, false),
        MatchCase(#"{"$startsWith":"{{traceId}}"}"#, #""Root=1-a;Sampled=1""#, true),
        MatchCase(#"{"$startsWith":"{{clientContext}}"}"#, #""null""#, false),
    ]

    static let patternCases = [
        MatchCase(#"{"$matches":"^[0-9a-f-]{36}$"}"#, #""6f1c2f8e-2b7e-4e7a-9c1e-0d6c1b6f3a11""#, true),
        MatchCase(#"{"$matches":"^[0-9a-f-]{36}$"}"#, #""nope""#, false),
        MatchCase(#"{"$matches":"[0-9]"}"#, "5", false),
        MatchCase(#"{"$matches":5}"#, #""5""#, false),
        MatchCase(#"{"$length":3}"#, #""abc""#, true),
        MatchCase(#"{"$length":3}"#, "[1,2,3]", true),
        MatchCase(#"{"$length":3}"#, #""ab""#, false),
        MatchCase(#"{"$length":1}"#, #""é""#, true),
        MatchCase(#"{"$length":0}"#, nil, false),
        MatchCase(#"{"$length":0}"#, "{}", false),
        MatchCase(#"{"$length":{"$between":[1,5]}}"#, #""abcd""#, true),
        MatchCase(#"{"$length":{"$between":[1,5]}}"#, #""abcdefg""#, false),
        MatchCase(#"{"$not":"x"}"#, #""y""#, true),
        MatchCase(#"{"$not":"x"}"#, #""x""#, false),
        MatchCase(#"{"$not":{"$exists":true}}"#, nil, true),
        MatchCase(#"{"$not":{"$exists":true}}"#, "1", false),
        MatchCase(#"{"$not":{"$contains":"error"}}"#, #""all fine""#, true),
        MatchCase(#"{"$type":"string","$length":2,"$startsWith":"a"}"#, #""ab""#, true),
        MatchCase(#"{"$type":"string","$length":2,"$startsWith":"a"}"#, #""ba""#, false),
    ]

    static let rangeCases = [
        MatchCase(#"{"$between":[1,5]}"#, "3", true),
        MatchCase(#"{"$between":[1,5]}"#, "1", true),
        MatchCase(#"{"$between":[1,5]}"#, "5", true),
        MatchCase(#"{"$between":[1,5]}"#, "6", false),
        MatchCase(#"{"$between":[1,5]}"#, "0.5", false),
        MatchCase(#"{"$between":[1,5]}"#, #""3""#, false),
        MatchCase(#"{"$between":[1,5]}"#, nil, false),
        MatchCase(#"{"$between":[1,5],"$tolerance":2}"#, "7", true),
        MatchCase(#"{"$between":[1,5],"$tolerance":2}"#, "-1", true),
        MatchCase(#"{"$between":[1,5],"$tolerance":2}"#, "8", false),
        MatchCase(#"{"$between":[1]}"#, "1", false),
        MatchCase(#"{"$between":["{{remainingAtAnswerMs}}","{{remainingAtDeliveryMs}}"]}"#, "1450", true),
        MatchCase(#"{"$between":["{{remainingAtAnswerMs}}","{{remainingAtDeliveryMs}}"]}"#, "1380", false),
        MatchCase(
            #"{"$between":["{{remainingAtAnswerMs}}","{{remainingAtDeliveryMs}}"],"$tolerance":50}"#, "1380", true),
        MatchCase(#"{"$between":["{{remainingAtAnswerMs}}","{{missing}}"]}"#, "1450", false),
        MatchCase(#"{"$tolerance":5}"#, "1", true),
    ]

    static let encodedCases = [
        MatchCase(#"{"$base64":{"errorType":"X"}}"#, "\"\(base64(#"{"errorType":"X","errorMessage":"m"}"#))\"", true),
        MatchCase(#"{"$base64":{"errorType":"X"}}"#, "\"\(base64(#"{"errorType":"Y"}"#))\"", false),
        MatchCase(#"{"$base64":{"errorType":"X"}}"#, #""not base64!""#, false),
        MatchCase(#"{"$base64":{"errorType":"X"}}"#, nil, false),
        MatchCase(#"{"$base64":{"errorType":"X"}}"#, #"{"errorType":"X"}"#, false),
        MatchCase(#"{"$base64":"plain text"}"#, "\"\(base64("plain text"))\"", true),
        MatchCase(#"{"$json":{"a":1}}"#, #""{\"a\":1,\"b\":2}""#, true),
        MatchCase(#"{"$json":{"a":1}}"#, #"{"a":1,"b":2}"#, true),
        MatchCase(#"{"$json":{"a":1}}"#, #""{\"a\":2}""#, false),
        MatchCase(#"{"$json":{"a":1}}"#, #""not json""#, false),
        MatchCase(#"{"$json":[1,2]}"#, #""[1, 2]""#, true),
        MatchCase(#"{"$json":{"$eq":{"a":1}}}"#, #""{\"a\":1,\"b\":2}""#, false),
    ]

    static let templateCases = [
        MatchCase(#"{"$eq":"{{traceId}}","$ne":"{{previous.traceId}}"}"#, #""Root=1-a""#, true),
        MatchCase(#"{"$eq":"{{traceId}}","$ne":"{{previous.traceId}}"}"#, #""Root=1-b""#, false),
        MatchCase(#""{{remainingAtDeliveryMs}}""#, "1500", true),
        MatchCase(#""{{remainingAtDeliveryMs}}""#, #""1500""#, false),
        MatchCase(#""trace {{traceId}}""#, #""trace Root=1-a""#, true),
        MatchCase(#"{"$in":["{{traceId}}","{{previous.traceId}}"]}"#, #""Root=1-b""#, true),
        MatchCase(#"{"$contains":"{{traceId}}"}"#, #""header Root=1-a seen""#, true),
    ]

    @Test("Literals match by equality", arguments: literalCases)
    func literals(_ testCase: MatchCase) { check(testCase) }

    @Test("Objects match as subsets and arrays element by element", arguments: objectAndArrayCases)
    func objectsAndArrays(_ testCase: MatchCase) { check(testCase) }

    @Test("$eq is exact and $ne rejects only the given value", arguments: equalityCases)
    func equality(_ testCase: MatchCase) { check(testCase) }

    @Test("$exists and $type tell absent from null", arguments: presenceCases)
    func presence(_ testCase: MatchCase) { check(testCase) }

    @Test("$in, $contains and $startsWith", arguments: membershipCases)
    func membership(_ testCase: MatchCase) { check(testCase) }

    @Test("$matches, $length, $not and combined operators", arguments: patternCases)
    func patterns(_ testCase: MatchCase) { check(testCase) }

    @Test("$between with $tolerance, also with template bounds", arguments: rangeCases)
    func ranges(_ testCase: MatchCase) { check(testCase) }

    @Test("$base64 and $json decode before matching", arguments: encodedCases)
    func encoded(_ testCase: MatchCase) { check(testCase) }

    @Test("Templates resolve inside operators and literals", arguments: templateCases)
    func templates(_ testCase: MatchCase) { check(testCase) }

    private func check(_ testCase: MatchCase) {
        let actual = testCase.actual.map { json($0) }
        let found = Self.mismatches(json(testCase.pattern), actual)
        #expect(found.isEmpty == testCase.matches, "\(found)")
    }

    @Test("A mismatch deep inside objects and arrays reports its path, expected and actual value")
    func mismatchPath() {
        let found = Self.mismatches(json(#"{"a":{"b":[1,2,{"c":"x"}]}}"#), json(#"{"a":{"b":[1,2,{"c":"y"}]}}"#))
        #expect(found == [.init(path: "a.b[2].c", expected: #""x""#, actual: #""y""#)])
        let element = Self.mismatches(json(#"{"a":{"b":[1,2,3]}}"#), json(#"{"a":{"b":[1,2,4]}}"#))
        #expect(element == [.init(path: "a.b[2]", expected: "3", actual: "4")])
    }

    @Test("Every mismatching key is reported, in key order, and a missing key reads as absent")
    func severalMismatches() {
        let found = Self.mismatches(json(#"{"z":1,"a":{"$exists":true},"m":"x"}"#), json(#"{"z":2,"m":"x"}"#))
        #expect(
            found == [
                .init(path: "a", expected: "present", actual: "absent"),
                .init(path: "z", expected: "1", actual: "2"),
            ])
    }

    @Test("Operator mismatches name the operator's expectation; $length and $base64 extend the path")
    func operatorMessages() {
        #expect(
            Self.mismatches(json(#"{"$length":3}"#), json(#""ab""#)) == [
                .init(path: "length", expected: "3", actual: "2")
            ])
        #expect(
            Self.mismatches(json(#"{"s":{"$length":3}}"#), json(#"{"s":[]}"#))
                == [.init(path: "s.length", expected: "3", actual: "0")])
        let decoded = Self.mismatches(
            json(#"{"t":{"$base64":{"errorType":"X"}}}"#), .object(["t": .string(base64(#"{"errorType":"Y"}"#))]))
        #expect(decoded == [.init(path: "t.(base64).errorType", expected: #""X""#, actual: #""Y""#)])
        #expect(
            Self.mismatches(json(#"{"$between":[1,5],"$tolerance":2}"#), json("9"))
                == [.init(path: "", expected: "between -1 and 7", actual: "9")])
        #expect(
            Self.mismatches(json(#"{"$in":[null,""]}"#), nil) == [
                .init(path: "", expected: #"one of [null,""]"#, actual: "absent")
            ])
        #expect(
            Self.mismatches(json(#"{"$type":["string","null"]}"#), json("1"))
                == [.init(path: "", expected: "of type string or null", actual: "1")])
        #expect(
            Self.mismatches(json(#"{"$matches":"^a"}"#), json(#""b""#)) == [
                .init(path: "", expected: "matching /^a/", actual: #""b""#)
            ])
        #expect(
            Self.mismatches(json(#"{"$not":"x"}"#), json(#""x""#)) == [
                .init(path: "", expected: #"not "x""#, actual: #""x""#)
            ])
    }

    @Test("describe shows absent, short values whole, and cuts long values at 200 characters with their size")
    func describeTruncates() {
        #expect(MatcherEvaluator.describe(nil) == "absent")
        #expect(MatcherEvaluator.describe(json(#"{"b":[1,"x"],"a":null}"#)) == #"{"a":null,"b":[1,"x"]}"#)
        let fits = String(repeating: "x", count: 238)
        #expect(MatcherEvaluator.describe(.string(fits)) == "\"\(fits)\"")
        let long = MatcherEvaluator.describe(.string(String(repeating: "x", count: 6_000_000)))
        #expect(long == "\"" + String(repeating: "x", count: 199) + "… (6000002 bytes)")
        #expect(long.count < 240)
        let multibyte = MatcherEvaluator.describe(.string(String(repeating: "é", count: 300)))
        #expect(multibyte.hasSuffix("… (602 bytes)"))
    }

    @Test("A mismatch on a 6 MB value stays short")
    func hugeMismatch() {
        let found = Self.mismatches(.string("small"), .string(String(repeating: "e", count: 6_000_000)))
        #expect(found.count == 1)
        #expect((found.first?.actual.count ?? .max) < 240)
    }
}
