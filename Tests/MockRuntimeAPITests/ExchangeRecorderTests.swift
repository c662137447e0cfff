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

    @Test("with a retention limit only the most recent exchanges are kept, found by their sequence numbers")
    func retentionDropsOldExchanges() {
        let recorder = ExchangeRecorder(elapsedMs: { 0 }, retention: 3)
        var sequences: [Int] = []
        for index in 0..<10 {
            let sequence = recorder.record(request(100 + index), connection: 1, processStart: 1)
            recorder.recordResponse(
                RecordedResponse(status: 202, headers: [], body: Array("ok".utf8)), sequence: sequence)
            sequences.append(sequence)
        }
        #expect(sequences == Array(0..<10))
        #expect(recorder.count == 10)
        let kept = recorder.exchanges
        #expect(kept.count >= 3 && kept.count < 6)
        #expect(kept.map(\.sequence) == Array((10 - kept.count)..<10))
        #expect(recorder.exchange(sequence: 9)?.request.body.count == 109)
        #expect(recorder.exchange(sequence: 9)?.response?.status == 202)
        #expect(recorder.exchange(sequence: 0) == nil)
        #expect(recorder.lastExchange { $0.request.body.count == 108 }?.sequence == 8)
    }
}
