import ConformanceModel

extension SandboxLayout {
    /// Placeholder credentials: AWS's documented example key pair, so a probe that reads them finds Lambda's
    /// variables set, and the caller's real ones never reach a runtime under test.
    static let fakeCredentials = [
        "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AWS_SESSION_TOKEN": "lambdaspec-placeholder-session-token",
    ]

    /// The task root as the runtime sees it: `/var/task` in `lambda` isolation.
    public var visibleTaskRoot: String { configuration.isolation == .lambda ? "/var/task" : taskRoot }
    /// `/opt` as the runtime sees it.
    public var visibleOptDirectory: String { configuration.isolation == .lambda ? "/opt" : optDirectory }
    /// `/var/runtime` as the runtime sees it.
    public var visibleRuntimeDirectory: String {
        configuration.isolation == .lambda ? "/var/runtime" : runtimeDirectory
    }

    /// The bootstrap's complete environment (runtime-api.md §2.1), nothing inherited from the caller, then `extra`
    /// on top (scenario variables).
    ///
    /// In `lambda` isolation the paths are Lambda's own and there is no `TMPDIR`; in `process` isolation the private
    /// folders stand in for them and `TMPDIR`/`HOME` point at the private /tmp.
    public func environment(runtimeAPI: String, extra: [String: String]) -> [String: String] {
        let name = configuration.functionName
        let task = visibleTaskRoot
        let runtime = visibleRuntimeDirectory
        var environment: [String: String] = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
            "_HANDLER": configuration.handler,
            "LAMBDA_TASK_ROOT": task,
            "LAMBDA_RUNTIME_DIR": runtime,
            "AWS_REGION": configuration.region,
            "AWS_DEFAULT_REGION": configuration.region,
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_VERSION": configuration.functionVersion,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(configuration.memoryMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(name)",
            "AWS_LAMBDA_LOG_STREAM_NAME": logStreamName,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "AWS_XRAY_DAEMON_ADDRESS": "169.254.100.1:2000",
            "_AWS_XRAY_DAEMON_ADDRESS": "169.254.100.1",
            "_AWS_XRAY_DAEMON_PORT": "2000",
            "AWS_XRAY_CONTEXT_MISSING": "LOG_ERROR",
            "TZ": ":UTC",
            "LANG": "en_US.UTF-8",
            "PATH": "/usr/local/bin:/usr/bin/:/bin:\(visibleOptDirectory)/bin",
            "LD_LIBRARY_PATH":
                "/var/lang/lib:/lib64:/usr/lib64:\(runtime):\(runtime)/lib:\(task):\(task)/lib:\(visibleOptDirectory)/lib",
        ]
        environment.merge(Self.fakeCredentials) { _, fake in fake }
        if configuration.isolation == .process {
            environment["TMPDIR"] = tmpDirectory
            environment["HOME"] = tmpDirectory
        }
        environment.merge(extra) { _, scenario in scenario }
        return environment
    }
}
