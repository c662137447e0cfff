import Testing
import Yams
@testable import ConformanceModel

@Test("scratch") func scratch() throws {
    let text = """
    a: "123"
    b: 123
    c: true
    d: "true"
    e: null
    f: "null"
    g: "\\u00e9"
    h: yes
    i: 1.5
    j: ~
    k: 0x1F
    l: 1e3
    m: on
    n: {x: [1, "2", {y: null}]}
    o: ''
    p:
    """
    let value = try YAMLDecoder().decode(JSONValue.self, from: text)
    print("SCRATCH", value.serialized)
}
