import ConformanceModel
import Foundation
import Testing

@testable import LambdaSandbox

@Suite("The bootstrap's environment", .timeLimit(.minutes(1)))
struct SandboxEnvironmentTests {
    static let documentedKeys: Set<String> = [
        "AWS_LAMBDA_RUNTIME_API", "_HANDLER", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_REGION",
        "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "TZ", "LANG", "TMPDIR", "PATH", "LD_LIBRARY_PATH", "HOME",
        "AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_ADDRESS", "_AWS_XRAY_DAEMON_PORT", "AWS_XRAY_CONTEXT_MISSING",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    ]

    @Test("It holds exactly the documented keys and nothing from the caller's environment")
    func exactKeys() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            let layout = try SandboxLayout.create(
                .init(
                    functionPath: folder + "/function", handler: "probe.handler", functionName: "fn",
                    memoryMB: 256, region: "eu-west-1"))
            defer { layout.remove() }
            let environment = layout.environment(runtimeAPI: "127.0.0.1:9001", extra: [:])
            #expect(Set(environment.keys) == Self.documentedKeys)

            let caller = ProcessInfo.processInfo.environment
            #expect(environment["HOME"] != caller["HOME"])
            #expect(environment["PATH"] != caller["PATH"])
            #expect(environment["HOME"] == layout.tmpDirectory)
            #expect(environment["TMPDIR"] == layout.tmpDirectory)
            #expect(environment["AWS_LAMBDA_RUNTIME_API"] == "127.0.0.1:9001")
            #expect(environment["_HANDLER"] == "probe.handler")
            #expect(environment["LAMBDA_TASK_ROOT"] == folder + "/function")
            #expect(environment["LAMBDA_RUNTIME_DIR"] == layout.root + "/runtime")
            #expect(environment["AWS_REGION"] == "eu-west-1")
            #expect(environment["AWS_DEFAULT_REGION"] == "eu-west-1")
            #expect(environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "256")
            #expect(environment["AWS_LAMBDA_FUNCTION_VERSION"] == "$LATEST")
            #expect(environment["AWS_LAMBDA_LOG_GROUP_NAME"] == "/aws/lambda/fn")
            #expect(environment["AWS_LAMBDA_INITIALIZATION_TYPE"] == "on-demand")
            #expect(environment["TZ"] == ":UTC")
            #expect(environment["LANG"] == "en_US.UTF-8")
            #expect(environment["PATH"] == "/usr/local/bin:/usr/bin/:/bin:\(layout.optDirectory)/bin")
            let task = folder + "/function"
            let runtime = layout.runtimeDirectory
            #expect(
                environment["LD_LIBRARY_PATH"]
                    == "/var/lang/lib:/lib64:/usr/lib64:\(runtime):\(runtime)/lib:\(task):\(task)/lib:"
                    + "\(layout.optDirectory)/lib")
            #expect(environment["AWS_ACCESS_KEY_ID"] != caller["AWS_ACCESS_KEY_ID"])
            let stream = try #require(environment["AWS_LAMBDA_LOG_STREAM_NAME"])
            #expect(
                stream.range(of: #"^\d{4}/\d{2}/\d{2}/\[\$LATEST\][0-9a-f]{32}$"#, options: .regularExpression)
                    != nil, "\(stream)")
        }
    }

    @Test("In lambda isolation the paths are Lambda's own and there is no TMPDIR or HOME")
    func lambdaIsolationPaths() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            let layout = try SandboxLayout.create(
                .init(functionPath: folder + "/function", handler: "h", isolation: .lambda))
            defer { layout.remove() }
            let environment = layout.environment(runtimeAPI: "127.0.0.1:1", extra: [:])
            #expect(Set(environment.keys) == Self.documentedKeys.subtracting(["TMPDIR", "HOME"]))
            #expect(environment["LAMBDA_TASK_ROOT"] == "/var/task")
            #expect(environment["LAMBDA_RUNTIME_DIR"] == "/var/runtime")
            #expect(environment["PATH"] == "/usr/local/bin:/usr/bin/:/bin:/opt/bin")
            #expect(
                environment["LD_LIBRARY_PATH"]
                    == "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib")
        }
    }

    @Test("Scenario variables go on top and may override the defaults")
    func extraOnTop() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            let layout = try SandboxLayout.create(.init(functionPath: folder + "/function", handler: "h"))
            defer { layout.remove() }
            let environment = layout.environment(
                runtimeAPI: "127.0.0.1:1", extra: ["PROBE_INIT_FAIL": "boom", "TZ": "Europe/Paris"])
            #expect(Set(environment.keys) == Self.documentedKeys.union(["PROBE_INIT_FAIL"]))
            #expect(environment["PROBE_INIT_FAIL"] == "boom")
            #expect(environment["TZ"] == "Europe/Paris")
        }
    }

    @Test("A spawned bootstrap sees exactly that environment")
    func bootstrapSeesIt() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\nexec /usr/bin/env\n", mode: 0o755)
            let layout = try SandboxLayout.create(.init(functionPath: folder + "/function", handler: "h"))
            defer { layout.remove() }
            let environment = layout.environment(runtimeAPI: "127.0.0.1:1", extra: [:])
            let output = ProcessOutput()
            let process = try spawn(
                layout.bootstrapPath, in: layout.taskRoot, environment: environment,
                output: output)
            #expect(await process.waitForExit() == .exited(0))
            // /bin/sh adds PWD when it starts; env then prints what it inherited.
            let printed = Dictionary(
                uniqueKeysWithValues: output.stdout.compactMap { line -> (String, String)? in
                    guard let equals = line.firstIndex(of: "=") else { return nil }
                    return (String(line[..<equals]), String(line[line.index(after: equals)...]))
                })
            #expect(Set(printed.keys).subtracting(["PWD"]) == Self.documentedKeys)
            for (key, value) in environment { #expect(printed[key] == value, "\(key)") }
        }
    }
}
