import Testing

@testable import MockRuntimeAPI

/// Every row of runtime-api.md §1.7, one transition at a time, without sockets.
@Suite("InvocationStateMachine follows RAPID's runtime states")
struct InvocationStateMachineTests {
    typealias Machine = InvocationStateMachine

    /// A machine with `Fixture.requestID` delivered and unanswered (state Running).
    private func running(_ id: String = Fixture.requestID) -> Machine {
        var machine = Machine()
        _ = machine.enqueue(Fixture.invocation(id))
        _ = machine.next()
        return machine
    }

    @Test("A fresh machine is Started, not parked and holds nothing")
    func startsInStarted() {
        let machine = Machine()
        #expect(machine.state == .started)
        #expect(!machine.isParked)
        #expect(machine.queued == nil)
    }

    @Test("/next with nothing queued parks, and the next enqueue delivers to the parked /next")
    func nextParksThenEnqueueDelivers() {
        var machine = Machine()
        let polled = machine.next()
        #expect(polled.action == .park)
        #expect(polled.abandoned == nil)
        #expect(machine.state == .ready)
        #expect(machine.isParked)

        let invocation = Fixture.invocation()
        #expect(machine.enqueue(invocation) == .deliverToParked(invocation))
        #expect(machine.state == .running(requestID: Fixture.requestID))
        #expect(!machine.isParked)
        #expect(machine.queued == nil)
    }

    @Test("An invocation enqueued before /next waits and is delivered by the next /next")
    func enqueueThenNextDelivers() {
        var machine = Machine()
        let invocation = Fixture.invocation()
        #expect(machine.enqueue(invocation) == .queued)
        #expect(machine.state == .started)
        #expect(machine.queued == invocation)

        let polled = machine.next()
        #expect(polled.action == .deliver(invocation))
        #expect(polled.abandoned == nil)
        #expect(machine.state == .running(requestID: Fixture.requestID))
        #expect(machine.queued == nil)
        #expect(!machine.isParked)
    }

    @Test("/response with the id in flight is accepted; a second one is 403 with RAPID's exact message")
    func responseThenSecondResponse() {
        var machine = running()
        let first = machine.answer(.response, requestID: Fixture.requestID, bodySize: 9, responseMode: nil)
        #expect(first == .accepted)
        #expect(machine.state == .responded(requestID: Fixture.requestID))

        let second = machine.answer(.response, requestID: Fixture.requestID, bodySize: 9, responseMode: nil)
        #expect(second == .forbidden(body: Fixture.secondResponseForbidden))
        #expect(machine.state == .responded(requestID: Fixture.requestID))
    }

    @Test("/error after /response is 403 naming InvocationErrorResponse")
    func errorAfterResponse() {
        var machine = running()
        #expect(machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .accepted)
        let action = machine.answer(.error, requestID: Fixture.requestID, bodySize: 2, responseMode: nil)
        #expect(action == .forbidden(body: Fixture.errorAfterResponseForbidden))
    }

    @Test("/error for the id in flight is accepted, and /response after it is 403")
    func errorThenResponse() {
        var machine = running()
        #expect(machine.answer(.error, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .accepted)
        #expect(machine.state == .responded(requestID: Fixture.requestID))
        let action = machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil)
        #expect(action == .forbidden(body: Fixture.secondResponseForbidden))
    }

    @Test("An id that is not in flight is 400 and leaves the invocation open for the right id")
    func unknownIDWhileRunning() {
        var machine = running()
        #expect(machine.answer(.response, requestID: "other", bodySize: 2, responseMode: nil) == .invalidRequestID)
        #expect(machine.answer(.error, requestID: "other", bodySize: 2, responseMode: nil) == .invalidRequestID)
        #expect(machine.state == .running(requestID: Fixture.requestID))
        #expect(machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .accepted)
    }

    @Test("/response and /error before any /next are 400 (no current invoke id)")
    func answerInStarted() {
        var machine = Machine()
        #expect(
            machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .invalidRequestID
        )
        #expect(
            machine.answer(.error, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .invalidRequestID)
        #expect(machine.state == .started)
    }

    @Test("/response while parked in Ready is 400, even for an id that was enqueued nowhere")
    func answerInReady() {
        var machine = Machine()
        _ = machine.next()
        #expect(
            machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .invalidRequestID
        )
        #expect(machine.state == .ready)
        #expect(machine.isParked)
    }

    @Test("After the next /next the previous id is stale: 400, whether parked or running the next event")
    func oldIDAfterNextPoll() {
        var machine = running("first")
        #expect(machine.answer(.response, requestID: "first", bodySize: 2, responseMode: nil) == .accepted)
        #expect(machine.next().action == .park)
        #expect(machine.answer(.response, requestID: "first", bodySize: 2, responseMode: nil) == .invalidRequestID)
        #expect(machine.answer(.error, requestID: "first", bodySize: 2, responseMode: nil) == .invalidRequestID)

        _ = machine.enqueue(Fixture.invocation("second"))
        #expect(machine.state == .running(requestID: "second"))
        #expect(machine.answer(.error, requestID: "first", bodySize: 2, responseMode: nil) == .invalidRequestID)
        #expect(machine.answer(.error, requestID: "second", bodySize: 2, responseMode: nil) == .accepted)
    }

    @Test("/init/error in Started is accepted; a second one is 403 from InitError")
    func initErrorTwice() {
        var machine = Machine()
        #expect(machine.initError() == .accepted)
        #expect(machine.state == .initError)
        let body = RuntimeAPIErrorBody.invalidStateTransition(from: "InitError", to: "InitError")
        #expect(machine.initError() == .forbidden(body: body))
    }

    @Test("/init/error after /next is 403, named after the state the runtime is in")
    func initErrorAfterNext() {
        var parked = Machine()
        _ = parked.next()
        #expect(
            parked.initError()
                == .forbidden(body: RuntimeAPIErrorBody.invalidStateTransition(from: "Ready", to: "InitError")))
        #expect(parked.state == .ready)

        var busy = running()
        let expected =
            #"{"errorMessage":"State transition from Running to InitError failed for runtime. Error: State "#
            + #"transition is not allowed","errorType":"InvalidStateTransition"}"# + "\n"
        #expect(busy.initError() == .forbidden(body: expected))
    }

    @Test("/next after /init/error is 403 with RAPID's exact message and parks nothing")
    func nextAfterInitError() {
        var machine = Machine()
        _ = machine.initError()
        _ = machine.enqueue(Fixture.invocation())
        let polled = machine.next()
        #expect(polled.action == .forbidden(body: Fixture.nextAfterInitErrorForbidden))
        #expect(polled.abandoned == nil)
        #expect(machine.state == .initError)
        #expect(!machine.isParked)
    }

    @Test("/init/error for a new process is accepted again after processStarted")
    func processStartedResets() {
        var machine = running()
        _ = machine.next()
        #expect(machine.isParked)
        machine.processStarted()
        #expect(machine.state == .started)
        #expect(!machine.isParked)
        #expect(machine.initError() == .accepted)
    }

    @Test("processStarted keeps a queued invocation for the new process's first /next")
    func processStartedKeepsQueue() {
        var machine = Machine()
        _ = machine.enqueue(Fixture.invocation())
        machine.processStarted()
        #expect(machine.next().action == .deliver(Fixture.invocation()))
    }

    @Test("A buffered body of exactly 6,291,556 bytes is accepted")
    func maximumBodyAccepted() {
        var machine = running()
        #expect(Machine.maximumResponseBytes == 6_291_556)
        #expect(
            machine.answer(.response, requestID: Fixture.requestID, bodySize: 6_291_556, responseMode: nil) == .accepted
        )
    }

    @Test("A buffered body of 6,291,557 bytes is 413 and the invocation stays open for /error")
    func oversizedBodyRejected() {
        var machine = running()
        #expect(
            machine.answer(.response, requestID: Fixture.requestID, bodySize: 6_291_557, responseMode: nil) == .tooLarge
        )
        #expect(machine.state == .running(requestID: Fixture.requestID))
        #expect(machine.answer(.error, requestID: Fixture.requestID, bodySize: 80, responseMode: nil) == .accepted)
    }

    @Test("Response mode `streaming` lifts the buffered size limit")
    func streamingHasNoBufferedLimit() {
        var machine = running()
        let action = machine.answer(
            .response, requestID: Fixture.requestID, bodySize: 20_000_000, responseMode: "streaming")
        #expect(action == .accepted)
    }

    @Test(
        "Any response mode other than exactly `streaming` is 400 InvalidFunctionResponseMode",
        arguments: [
            "buffered", "Streaming", "STREAMING", "stream",
        ])
    func otherResponseModesRejected(mode: String) {
        var machine = running()
        let action = machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: mode)
        #expect(action == .invalidResponseMode)
        #expect(machine.state == .responded(requestID: Fixture.requestID))
    }

    @Test("An empty response mode header counts as absent (buffered), as Go's Header.Get makes it in RAPID")
    func emptyResponseModeIsBuffered() {
        var small = running()
        #expect(small.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: "") == .accepted)
        var large = running()
        #expect(
            large.answer(.response, requestID: Fixture.requestID, bodySize: 6_291_557, responseMode: "") == .tooLarge)
    }

    @Test("/next while an event is unanswered returns the abandoned id and parks for the next event")
    func nextMidInvocationAbandons() {
        var machine = running()
        let polled = machine.next()
        #expect(polled.abandoned == Fixture.requestID)
        #expect(polled.action == .park)
        #expect(machine.state == .ready)
        #expect(
            machine.answer(.response, requestID: Fixture.requestID, bodySize: 2, responseMode: nil) == .invalidRequestID
        )
    }

    @Test("/next while an event is unanswered delivers a queued one right away, still reporting the abandoned id")
    func nextMidInvocationDeliversQueued() {
        var machine = running("first")
        _ = machine.enqueue(Fixture.invocation("second"))
        let polled = machine.next()
        #expect(polled.abandoned == "first")
        #expect(polled.action == .deliver(Fixture.invocation("second")))
        #expect(machine.state == .running(requestID: "second"))
    }

    @Test("A withdrawn parked /next no longer receives enqueued invocations; they wait for the next poll")
    func withdrawnNextQueues() {
        var machine = Machine()
        _ = machine.next()
        machine.withdrawParkedNext()
        #expect(!machine.isParked)
        #expect(machine.enqueue(Fixture.invocation()) == .queued)
        #expect(machine.next().action == .deliver(Fixture.invocation()))
    }
}
