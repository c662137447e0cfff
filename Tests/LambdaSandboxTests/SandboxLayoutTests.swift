import Foundation
import Testing

@testable import LambdaSandbox

@Suite("Building the execution environment's folders", .timeLimit(.minutes(1)))
struct SandboxLayoutTests {
    @Test("A function folder is used in place and its bootstrap found at the task root")
    func folderInPlace() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            let layout = try SandboxLayout.create(.init(functionPath: folder + "/function", handler: "probe.handler"))
            defer { layout.remove() }
            #expect(layout.taskRoot == folder + "/function")
            #expect(layout.bootstrapPath == folder + "/function/bootstrap")
            #expect(layout.root.hasPrefix(FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path))
            for directory in [layout.optDirectory, layout.tmpDirectory, layout.runtimeDirectory] {
                #expect(FileManager.default.fileExists(atPath: directory))
            }
        }
    }

    @Test("A function zip is extracted into root/task, keeping modes and symlinks")
    func functionZip() async throws {
        try await withTemporaryFolder { folder in
            try makeZip(
                at: folder + "/function.zip",
                [
                    .directory("bin/"),
                    .file("bin/runtime", "#!/bin/sh\necho zipped\n", mode: 0o755),
                    .symlink("bootstrap", target: "bin/runtime"),
                    .file("data/read-only.txt", "kept", mode: 0o444),
                ])
            let layout = try SandboxLayout.create(.init(functionPath: folder + "/function.zip", handler: "h"))
            defer { layout.remove() }
            #expect(layout.taskRoot == layout.root + "/task")
            #expect(layout.bootstrapPath == layout.taskRoot + "/bin/runtime")
            #expect(try permissions(layout.bootstrapPath) == 0o755)
            #expect(try permissions(layout.taskRoot + "/data/read-only.txt") == 0o444)
            #expect(try readFile(layout.taskRoot + "/data/read-only.txt") == "kept")
            #expect(
                try FileManager.default.destinationOfSymbolicLink(atPath: layout.taskRoot + "/bootstrap")
                    == "bin/runtime")
        }
    }

    @Test("A layer zip's executable bootstrap is found in /opt with its exec bit, and it runs")
    func layerBootstrap() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/function", withIntermediateDirectories: true)
            try makeZip(
                at: folder + "/runtime.zip",
                [
                    .file("bootstrap", "#!/bin/sh\necho \"from layer in $PWD\"\nexit 0\n", mode: 0o755)
                ])
            let layout = try SandboxLayout.create(
                .init(functionPath: folder + "/function", layers: [folder + "/runtime.zip"], handler: "h"))
            defer { layout.remove() }
            #expect(layout.bootstrapPath == layout.optDirectory + "/bootstrap")
            #expect(try permissions(layout.bootstrapPath) & 0o111 == 0o111)

            let output = ProcessOutput()
            let process = try spawn(
                layout.bootstrapPath, in: layout.taskRoot,
                environment: layout.environment(runtimeAPI: "127.0.0.1:1", extra: [:]), output: output)
            #expect(await process.waitForExit() == .exited(0))
            #expect(output.stdout == ["from layer in \(layout.taskRoot)"])
        }
    }

    @Test("Later layers overwrite earlier ones and layerOrigins names the winner")
    func layerOrder() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/function", withIntermediateDirectories: true)
            let first = folder + "/first.zip"
            try makeZip(
                at: first,
                [
                    .file("bootstrap", "#!/bin/sh\necho first\n", mode: 0o755),
                    .file("lib/shared.txt", "first"),
                    .file("lib/only-first.txt", "first"),
                ])
            // The second layer is a folder: copied, with its modes and symlinks.
            let second = folder + "/second"
            try writeFile(second + "/bootstrap", "#!/bin/sh\necho second\n", mode: 0o750)
            try writeFile(second + "/lib/shared.txt", "second")
            try FileManager.default.createSymbolicLink(
                atPath: second + "/lib/alias.txt", withDestinationPath: "shared.txt")

            let layout = try SandboxLayout.create(
                .init(functionPath: folder + "/function", layers: [first, second], handler: "h"))
            defer { layout.remove() }
            #expect(layout.layerOrigins == ["bootstrap": second, "lib/shared.txt": second])
            #expect(try readFile(layout.optDirectory + "/bootstrap") == "#!/bin/sh\necho second\n")
            #expect(try permissions(layout.optDirectory + "/bootstrap") == 0o750)
            #expect(try readFile(layout.optDirectory + "/lib/shared.txt") == "second")
            #expect(try readFile(layout.optDirectory + "/lib/only-first.txt") == "first")
            #expect(try readFile(layout.optDirectory + "/lib/alias.txt") == "second")
            #expect(layout.unzippedBytes > 0)
        }
    }

    @Test("A zip entry that climbs out with .. is refused and nothing is written outside the layout")
    func zipSlip() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/function", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/layouts", withIntermediateDirectories: true)
            let zip = folder + "/evil.zip"
            // From folder/layouts/lambdaspec-XXXXXX/opt, ../../../evil is folder/evil.
            try makeZip(at: zip, [.file("ok.txt", "fine"), .file("../../../evil", "gotcha")])

            let error = #expect(throws: SandboxError.self) {
                try SandboxLayout.create(
                    .init(functionPath: folder + "/function", layers: [zip], handler: "h"), under: folder + "/layouts")
            }
            #expect(error?.code == .unsafeEntry)
            #expect(error?.description.contains("../../../evil") == true)
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                    == ["evil.zip", "function", "layouts"])
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: folder + "/layouts") == [],
                "the failed layout was not cleaned up")
        }
    }

    @Test(
        "Absolute entries and symlinks that point outside their folder are refused",
        arguments: [
            ([ZipItem.file("/etc/evil", "x")], SandboxError.Code.unsafeEntry),
            ([ZipItem.symlink("link", target: "/etc/passwd")], .unsafeSymlink),
            ([ZipItem.symlink("link", target: "../task")], .unsafeSymlink),
            ([ZipItem.symlink("up", target: "."), ZipItem.symlink("up/down/out", target: "../../x")], .unsafeSymlink),
        ])
    func unsafeEntries(items: [ZipItem], code: SandboxError.Code) async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/function", withIntermediateDirectories: true)
            try makeZip(at: folder + "/layer.zip", items)
            let error = #expect(throws: SandboxError.self) {
                try SandboxLayout.create(
                    .init(functionPath: folder + "/function", layers: [folder + "/layer.zip"], handler: "h"))
            }
            #expect(error?.code == code, "\(String(describing: error))")
        }
    }

    @Test("A missing bootstrap is an error that names every place looked at")
    func missingBootstrap() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/handler.sh", "")
            let error = #expect(throws: SandboxError.self) {
                try SandboxLayout.create(.init(functionPath: folder + "/function", handler: "h"))
            }
            #expect(error?.code == .bootstrapNotFound)
            let message = error?.description ?? ""
            #expect(message.contains(folder + "/function/bootstrap"))
            #expect(message.range(of: #"/lambdaspec-[^/]+/opt/bootstrap"#, options: .regularExpression) != nil)
        }
    }

    @Test("A bootstrap without its exec bit is reported with its mode")
    func notExecutableBootstrap() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o644)
            let error = #expect(throws: SandboxError.self) {
                try SandboxLayout.create(.init(functionPath: folder + "/function", handler: "h"))
            }
            #expect(error?.code == .bootstrapNotExecutable)
            #expect(error?.description.contains("mode 644") == true)
        }
    }

    @Test("Bad inputs are refused before anything is built: missing paths, non-zips, more than 5 layers")
    func badInputs() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            try writeFile(folder + "/notes.zip", "this is not a zip")
            let function = folder + "/function"
            let cases: [(SandboxConfiguration, SandboxError.Code, String)] = [
                (.init(functionPath: folder + "/nope", handler: "h"), .pathNotFound, folder + "/nope"),
                (.init(functionPath: function, layers: [folder + "/gone.zip"], handler: "h"), .pathNotFound, "gone"),
                (.init(functionPath: function, layers: [folder + "/notes.zip"], handler: "h"), .notAZip, "notes.zip"),
                (
                    .init(functionPath: function, layers: Array(repeating: function, count: 6), handler: "h"),
                    .tooManyLayers, "at most 5"
                ),
            ]
            for (configuration, code, mention) in cases {
                let error = #expect(throws: SandboxError.self) { try SandboxLayout.create(configuration) }
                #expect(error?.code == code)
                #expect(error?.description.contains(mention) == true, "\(String(describing: error))")
            }
        }
    }

    @Test("Extraction stops at the unzipped size limit")
    func sizeLimit() async throws {
        try await withTemporaryFolder { folder in
            let zip = folder + "/big.zip"
            try makeZip(
                at: zip,
                [
                    .file("small", String(repeating: "a", count: 600)),
                    .file("large", String(repeating: "b", count: 600)),
                ])
            try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
            var extractor = LayerExtractor(byteLimit: 1000)
            let error = #expect(throws: SandboxError.self) {
                try extractor.install(zip, into: folder + "/out", layer: "big")
            }
            #expect(error?.code == .sizeLimitExceeded)
            #expect(error?.description.contains("large") == true)
            #expect(extractor.writtenBytes <= 1000)
        }
    }

    @Test("remove() deletes the whole layout, read-only folders included, and never the function folder")
    func removeDeletesEverything() async throws {
        try await withTemporaryFolder { folder in
            try writeFile(folder + "/function/bootstrap", "#!/bin/sh\n", mode: 0o755)
            try makeZip(
                at: folder + "/layer.zip",
                [
                    .directory("locked/", mode: 0o555),
                    .file("locked/file", "x", mode: 0o444),
                    .symlink("to-locked", target: "locked/file"),
                ])
            let layout = try SandboxLayout.create(
                .init(functionPath: folder + "/function", layers: [folder + "/layer.zip"], handler: "h"))
            try writeFile(layout.tmpDirectory + "/scratch", "temp data")
            #expect(FileManager.default.fileExists(atPath: layout.optDirectory + "/locked/file"))

            layout.remove()
            #expect(!FileManager.default.fileExists(atPath: layout.root))
            #expect(FileManager.default.fileExists(atPath: folder + "/function/bootstrap"))
            layout.remove()  // idempotent
        }
    }
}
