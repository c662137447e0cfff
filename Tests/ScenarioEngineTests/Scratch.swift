import Testing
@testable import ScenarioEngine

@Test("scratch") func scratch() throws {
    do {
        let all = try ScenarioCatalogue.load(directory: "/work/main/Conformance")
        print("SCRATCH loaded", all.count)
    } catch {
        print("SCRATCH", error)
    }
}
