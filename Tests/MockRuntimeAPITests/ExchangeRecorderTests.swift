import ConformanceModel
import Testing

@testable import MockRuntimeAPI

@Suite("Exchange recorder")
struct ExchangeRecorderTests {
    func request(_ bytes: Int) -> RecordedRequest {
        RecordedRequest(
            method: "POST", path: "/2018-06-01/runtime/invocation/x/response", headers: [],
            body: [UInt8](repeating: 0x61, count: bytes))
    }

    @Test("without a retention limit every exchange keeps its body, as a scenario's evidence needs")
    func keepsEverythingByDefault() {
        let recorder = ExchangeRecorder(elapsedMs: { 0 })
        for _ in 0..<10 {
            let sequence = recorder.record(request(100), connection: 1, processStart: 1)
            recorder.recordResponse(
                RecordedResponse(status: 202, headers: [], body: Array("ok".utf8)), sequence: sequence)
        }
        #expect(recorder.exchanges.allSatisfy { $0.request.body.count == 100 && $0.response?.body.count == 2 })
    }

    @Test("with a retention limit only the most recent exchanges keep bodies, older ones keep their sizes")
    func retentionReleasesOldBodies() {
        let recorder = ExchangeRecorder(elapsedMs: { 0 }, bodyRetention: 3)
        for _ in 0..<10 {
            let sequence = recorder.record(request(100), connection: 1, processStart: 1)
            recorder.recordResponse(
                RecordedResponse(status: 202, headers: [], body: Array("ok".utf8)), sequence: sequence)
        }
        let exchanges = recorder.exchanges
        #expect(exchanges.count == 10)
        #expect(exchanges.suffix(3).allSatisfy { $0.request.body.count == 100 })
        #expect(exchanges.prefix(6).allSatisfy { $0.request.body.isEmpty && $0.request.bodySize == 100 })
        #expect(exchanges.prefix(6).allSatisfy { $0.response?.body.isEmpty == true && $0.response?.bodySize == 2 })
    }
}
