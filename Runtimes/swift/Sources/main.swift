// The bootstrap of the Swift reference runtime: read the environment, load the probe (the init phase), then serve
// invocations until the process is stopped (runtime-api.md §3.1, §3.3).
import NIOPosix

CrashHandling.disableBacktracer()

guard
    let endpoint = ProcessEnvironment.value("AWS_LAMBDA_RUNTIME_API").flatMap(RuntimeAPIEndpoint.init)
else {
    RuntimeLoop.fail("AWS_LAMBDA_RUNTIME_API is missing or not host:port")
}

// One invocation at a time needs one event-loop thread, and one thread starts fastest.
let client = RuntimeAPIClient(endpoint: endpoint, group: MultiThreadedEventLoopGroup(numberOfThreads: 1))

let probe: Probe
do {
    probe = try await Probe.load(handler: ProcessEnvironment.value("_HANDLER"))
} catch {
    // Report once and exit: the platform expects no /next after /init/error (runtime-api.md §1.5).
    let report = ErrorReport(describing: error)
    do {
        let response = try await client.postInitError(report)
        if !response.isSuccess {
            ProcessEnvironment.log("the Runtime API refused the init error: \(response.summary)")
        }
    } catch {
        ProcessEnvironment.log("could not report the init error: \(error)")
    }
    RuntimeLoop.fail("init failed: \(report.errorType): \(report.errorMessage)")
}

await RuntimeLoop(client: client, probe: probe).run()
