extension SandboxLayout {
    /// The bootstrap's complete environment (runtime-api.md §2.1), nothing inherited from the caller, then `extra`
    /// on top (scenario variables).
    ///
    /// Credentials are deliberately absent: a probe never needs them and the caller's must not leak.
    public func environment(runtimeAPI: String, extra: [String: String]) -> [String: String] {
        let name = configuration.functionName
        var environment: [String: String] = [
            "AWS_LAMBDA_RUNTIME_API": runtimeAPI,
            "_HANDLER": configuration.handler,
            "LAMBDA_TASK_ROOT": taskRoot,
            "LAMBDA_RUNTIME_DIR": runtimeDirectory,
            "AWS_REGION": configuration.region,
            "AWS_DEFAULT_REGION": configuration.region,
            "AWS_LAMBDA_FUNCTION_NAME": name,
            "AWS_LAMBDA_FUNCTION_VERSION": configuration.functionVersion,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(configuration.memoryMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(name)",
            "AWS_LAMBDA_LOG_STREAM_NAME": logStreamName,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "TZ": ":UTC",
            "LANG": "en_US.UTF-8",
            "TMPDIR": tmpDirectory,
            "PATH": "/usr/local/bin:/usr/bin/:/bin:\(optDirectory)/bin",
            "LD_LIBRARY_PATH": "/lib64:/usr/lib64:\(taskRoot):\(taskRoot)/lib:\(optDirectory)/lib",
            "HOME": tmpDirectory,
        ]
        environment.merge(extra) { _, scenario in scenario }
        return environment
    }
}
