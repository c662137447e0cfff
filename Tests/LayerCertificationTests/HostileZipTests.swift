import ConformanceModel
import Foundation
import LambdaSandbox
import LayerCertification
import Testing
import ZIPFoundation

/// A corpus of hostile or broken inputs, generated here: each must be refused with a clear one-line error, and
/// nothing may be written outside the run's own temp folder, as a layer or as function code.
@Suite("Hostile zips are refused and write nothing outside the run's folder")
struct HostileZipTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Writes the hostile input at the given path; the uuid names escape targets unique to this run.
        let make: @Sendable (String, String) throws -> Void
        let code: SandboxError.Code
        /// Text the error must contain.
        let mention: String
        /// A smaller unzipped-size quota for this case.
        var byteLimit: Int64 = SandboxLimits.maximumUnzippedBytes

        var testDescription: String { name }
    }

    static let corpus: [Case] = [
        Case(
            name: "zip slip ../x",
            make: { path, id in
                try StoredZip([.file("ok.txt", "fine"), .file("../../../escaped-\(id)", "gotcha")]).write(to: path)
            }, code: .unsafeEntry, mention: "\"..\" component"),
        Case(
            name: "zip slip hidden in the middle a/../../x",
            make: { path, id in
                try StoredZip([.file("a/../../../escaped-\(id)", "gotcha")]).write(to: path)
            }, code: .unsafeEntry, mention: "\"..\" component"),
        Case(
            name: "zip slip with backslashes ..\\x",
            make: { path, id in
                try StoredZip([.file("..\\..\\escaped-\(id)", "gotcha")]).write(to: path)
            }, code: .unsafeEntry, mention: "\"..\" component"),
        Case(
            name: "absolute path /tmp/x",
            make: { path, id in
                let target = FileManager.default.temporaryDirectory.path + "/lambdaspec-escaped-\(id)"
                try StoredZip([.file(target, "gotcha")]).write(to: path)
            }, code: .unsafeEntry, mention: "absolute path"),
        Case(
            name: "absolute path /etc/x",
            make: { path, id in
                try StoredZip([.file("/etc/lambdaspec-escaped-\(id)", "gotcha")]).write(to: path)
            }, code: .unsafeEntry, mention: "absolute path"),
        Case(
            name: "symlink to /etc/passwd",
            make: { path, _ in
                try StoredZip([.symlink("passwd", to: "/etc/passwd")]).write(to: path)
            }, code: .unsafeSymlink, mention: "-> /etc/passwd"),
        Case(
            name: "symlink a -> .. escaping the folder",
            make: { path, _ in
                try StoredZip([.symlink("a", to: "..")]).write(to: path)
            }, code: .unsafeSymlink, mention: "a -> .."),
        Case(
            name: "symlink chain b -> c -> d -> ../../x",
            make: { path, id in
                try StoredZip([
                    .symlink("b", to: "c"), .symlink("c", to: "d"), .symlink("d", to: "../../escaped-\(id)"),
                ]).write(to: path)
            }, code: .unsafeSymlink, mention: "d -> ../../escaped"),
        Case(
            name: "writing through a symlink of the same zip",
            make: { path, id in
                try StoredZip([.symlink("up", to: "."), .file("up/escaped-\(id)", "x")]).write(to: path)
            }, code: .unsafeSymlink, mention: "written through a symlink"),
        Case(
            name: "zip bomb beyond the unzipped size quota",
            make: { path, _ in
                // 4 MiB of zeros deflate to a few KiB; the quota for this case is 1 MiB.
                let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
                let size: Int64 = 4 << 20
                try archive.addEntry(
                    with: "bootstrap", type: .file, uncompressedSize: size, permissions: 0o755,
                    compressionMethod: .deflate
                ) { _, chunk in Data(count: chunk) }
            }, code: .sizeLimitExceeded, mention: "bootstrap", byteLimit: 1 << 20),
        Case(
            name: "duplicate entries",
            make: { path, _ in
                try StoredZip([
                    .file("bootstrap", "#!/bin/sh\necho one\n", mode: 0o755),
                    .file("bootstrap", "#!/bin/sh\necho two\n", mode: 0o755),
                ]).write(to: path)
            }, code: .unsafeEntry, mention: "lists \"bootstrap\" twice"),
        Case(
            name: "duplicate entries spelled differently",
            make: { path, _ in
                try StoredZip([.file("lib/x", "1"), .file("lib/./x", "2")]).write(to: path)
            }, code: .unsafeEntry, mention: "twice"),
        Case(
            name: "non-UTF-8 name with the UTF-8 flag",
            make: { path, _ in
                try StoredZip([.rawName([0x66, 0xff, 0xfe, 0x2e, 0x73, 0x68], utf8Flag: true)]).write(to: path)
            }, code: .unsafeEntry, mention: "not UTF-8"),
        Case(
            name: "non-UTF-8 name without the UTF-8 flag",
            make: { path, _ in
                try StoredZip([.rawName([0x63, 0x61, 0x66, 0xe9], utf8Flag: false)]).write(to: path)
            }, code: .unsafeEntry, mention: "caf\\xe9"),
        Case(
            name: "NUL byte in a name",
            make: { path, _ in
                try StoredZip([.rawName([0x62, 0x00, 0x78], utf8Flag: true)]).write(to: path)
            }, code: .unsafeEntry, mention: "NUL"),
        Case(
            name: "a file that is not a zip",
            make: { path, _ in
                try writeFile(path, "#!/bin/sh\necho I am a script, not a zip\n")
            }, code: .notAZip, mention: "not a zip archive"),
        Case(
            name: "an empty file",
            make: { path, _ in
                try writeFile(path, "")
            }, code: .notAZip, mention: "not a zip archive"),
        Case(
            name: "an empty zip (end record only)",
            make: { path, _ in
                try StoredZip([]).write(to: path)
            }, code: .notAZip, mention: "non-empty zip"),
        Case(
            name: "a truncated zip",
            make: { path, _ in
                let bytes = StoredZip([.file("bootstrap", String(repeating: "x", count: 500), mode: 0o755)]).bytes()
                try writeBytes(path, Array(bytes.prefix(bytes.count - 40)))
            }, code: .notAZip, mention: "not a zip archive"),
        Case(
            name: "a name that is a file and a folder",
            make: { path, _ in
                try StoredZip([.file("lib", "I am a file"), .file("lib/libx.so", "and a folder")]).write(to: path)
            }, code: .unsafeEntry, mention: "both a file and a folder"),
        Case(
            name: "a folder entry and a file entry with the same name",
            make: { path, _ in
                try StoredZip([.directory("bin/"), .file("bin", "clash")]).write(to: path)
            }, code: .unsafeEntry, mention: "twice"),
    ]

    @Test("Each hostile input is refused as a layer and as function code", arguments: corpus)
    func refused(hostile: Case) throws {
        #expect(Self.corpus.count >= 10)
        for role in ["layer", "function"] {
            try withTemporaryFolder { folder in
                let id = UUID().uuidString
                try makeFolder(folder + "/inputs")
                try makeFolder(folder + "/run/work")
                let zip = folder + "/inputs/hostile.zip"
                try hostile.make(zip, id)
                let before = snapshot(folder)
                let linter = LayerLinter(
                    functionPath: role == "function" ? zip : nil, layers: role == "layer" ? [zip] : [],
                    architecture: hostArchitecture, workingDirectory: folder + "/run/work", byteLimit: hostile.byteLimit
                )
                let error = #expect(throws: SandboxError.self, "\(hostile.name) as \(role)") { try linter.lint() }
                #expect(error?.code == hostile.code, "\(hostile.name) as \(role): \(String(describing: error))")
                let message = error?.description ?? ""
                #expect(message.contains(hostile.mention), "\(hostile.name) as \(role): \(message)")
                #expect(message.contains(zip), "the error names the input: \(message)")
                #expect(!message.contains("\n"))
                #expect(snapshot(folder) == before, "\(hostile.name) as \(role) left files behind")
                for escape in [
                    folder + "/escaped-\(id)", folder + "/run/escaped-\(id)", folder + "/run/work/escaped-\(id)",
                    "/etc/lambdaspec-escaped-\(id)",
                    FileManager.default.temporaryDirectory.path + "/lambdaspec-escaped-\(id)",
                ] {
                    #expect(!FileManager.default.fileExists(atPath: escape), "\(hostile.name): \(escape) was written")
                }
            }
        }
    }

    @Test("More than five layers are refused before anything is extracted")
    func tooManyLayers() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/layer.zip"
            try StoredZip([.file("x", "1")]).write(to: zip)
            try makeFolder(folder + "/work")
            let linter = LayerLinter(
                functionPath: nil, layers: Array(repeating: zip, count: 6), architecture: hostArchitecture,
                workingDirectory: folder + "/work")
            let error = #expect(throws: SandboxError.self) { try linter.lint() }
            #expect(error?.code == .tooManyLayers && error?.description.contains("at most 5") == true)
            #expect(snapshot(folder + "/work").isEmpty)
        }
    }

    @Test("A layer path that does not exist is refused with its path")
    func missingPath() throws {
        try withTemporaryFolder { folder in
            let error = #expect(throws: SandboxError.self) {
                try lint(layers: [folder + "/nope.zip"], in: folder)
            }
            #expect(error?.code == .pathNotFound && error?.description.contains(folder + "/nope.zip") == true)
        }
    }

    @Test("Benign zips stay accepted: a folder listed twice, ./ entries, UTF-8 names without the flag")
    func benign() throws {
        try withTemporaryFolder { folder in
            let zip = folder + "/fine.zip"
            try StoredZip([
                .directory("./"), .directory("lib/"), .directory("lib/"),
                .file("bootstrap", "#!/bin/sh\n", mode: 0o755),
                .rawName(Array("lib/café.txt".utf8), utf8Flag: false),
            ]).write(to: zip)
            let report = try lint(layers: [zip], in: folder)
            #expect(report.passed, "\(report.findings)")
        }
    }
}
