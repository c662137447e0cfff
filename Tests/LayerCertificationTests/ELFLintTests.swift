import ConformanceModel
import Foundation
import LayerCertification
import Testing

@Suite("Layer lint: ELF bootstraps")
struct ELFLintTests {
    /// This machine's dynamic loader, read from /bin/sh, so crafted bootstraps ask for one that exists.
    static let hostLoader: String? = (try? ELFFile.read(path: "/bin/sh"))?.interpreter

    func layer(_ builder: ELFBuilder, extra: [StoredZip.Entry] = [], in folder: String) throws -> String {
        let zip = folder + "/runtime-\(UUID().uuidString.prefix(8)).zip"
        let bootstrap = StoredZip.Entry(
            name: Array("bootstrap".utf8), kind: .file, data: builder.bytes(), mode: 0o755, utf8Flag: true)
        try StoredZip([bootstrap] + extra).write(to: zip)
        return zip
    }

    func builder(_ architecture: Architecture = hostArchitecture, needed: [String] = []) -> ELFBuilder {
        var builder = ELFBuilder(architecture: architecture)
        builder.interpreter = Self.hostLoader
        builder.needed = needed
        return builder
    }

    @Test("An ELF bootstrap for the other architecture is a MUST finding naming both e_machine values")
    func wrongArchitecture() throws {
        try withTemporaryFolder { folder in
            let foreign = try layer(builder(foreignArchitecture), in: folder)
            let report = try lint(layers: [foreign], in: folder)
            let finding = try #require(report.findings(.elfArchitecture).first)
            #expect(finding.level == .must && !report.passed)
            #expect(finding.message.contains("e_machine \(foreignArchitecture.elfMachine)"))
            #expect(finding.message.contains("e_machine \(hostArchitecture.elfMachine)"))
            // The same file is right when that architecture is asked for.
            let asked = try lint(layers: [foreign], in: folder, architecture: foreignArchitecture)
            #expect(asked.findings(.elfArchitecture).isEmpty)
            #expect(try lint(layers: [try layer(builder(), in: folder)], in: folder).findings.isEmpty)
        }
    }

    @Test("x86_64 is e_machine 62 and arm64 is 183, and other machines get a readable name")
    func machines() throws {
        #expect(Architecture.x86_64.elfMachine == 62 && Architecture.arm64.elfMachine == 183)
        #expect(Architecture(name: "aarch64") == .arm64 && Architecture(name: "amd64") == .x86_64)
        try withTemporaryFolder { folder in
            var riscv = ELFBuilder(machine: 243)
            riscv.interpreter = Self.hostLoader
            let finding = try #require(
                try lint(layers: [try layer(riscv, in: folder)], in: folder)
                    .findings(.elfArchitecture).first)
            #expect(finding.message.contains("RISC-V"))
            var i386 = ELFBuilder(machine: 3)
            i386.elfClass = 1
            let thirtyTwo = try #require(
                try lint(layers: [try layer(i386, in: folder)], in: folder)
                    .findings(.elfArchitecture).first)
            #expect(thirtyTwo.message.contains("i386 (32-bit)"))
        }
    }

    @Test("A dynamic loader that does not exist (a musl build on glibc) is a MUST finding")
    func loaderMissing() throws {
        try withTemporaryFolder { folder in
            var musl = builder()
            musl.interpreter = "/lib/ld-lambdaspec-musl-test.so.1"
            let finding = try #require(
                try lint(layers: [try layer(musl, in: folder)], in: folder)
                    .findings(.elfLoaderMissing).first)
            #expect(finding.message.contains("/lib/ld-lambdaspec-musl-test.so.1"))
            var statically = builder()
            statically.interpreter = nil
            #expect(try lint(layers: [try layer(statically, in: folder)], in: folder).findings.isEmpty)
        }
    }

    @Test("A relocatable object is not an executable", arguments: [1 as UInt16, 4])
    func notExecutableType(type: UInt16) throws {
        try withTemporaryFolder { folder in
            var object = builder()
            object.type = type
            let report = try lint(layers: [try layer(object, in: folder)], in: folder)
            #expect(report.rules == [.bootstrapUnknownFormat])
        }
    }

    @Test("A needed library nobody provides is a SHOULD finding; libc from the base system is not")
    func missingLibrary() throws {
        try withTemporaryFolder { folder in
            let zip = try layer(builder(needed: ["libc.so.6", "libdoesnotexist.so.1"]), in: folder)
            let report = try lint(layers: [zip], in: folder)
            let finding = try #require(report.findings(.elfLibraryMissing).first)
            #expect(finding.level == .should && report.passed)
            #expect(finding.message.contains("libdoesnotexist.so.1") && !finding.message.contains("libc.so.6"))
            #expect(
                try lint(layers: [try layer(builder(needed: ["libc.so.6"]), in: folder)], in: folder)
                    .findings.isEmpty)
        }
    }

    @Test("Libraries in a layer's lib/, the function's lib/ or a $ORIGIN RUNPATH count as provided")
    func providedByLayout() throws {
        try withTemporaryFolder { folder in
            let library = StoredZip.Entry(
                name: Array("lib/libdoesnotexist.so.1".utf8), kind: .file,
                data: ELFBuilder(architecture: hostArchitecture).bytes(), mode: 0o644, utf8Flag: true)
            let inOptLib = try layer(builder(needed: ["libdoesnotexist.so.1"]), extra: [library], in: folder)
            #expect(try lint(layers: [inOptLib], in: folder).findings.isEmpty)

            let runtime = try layer(builder(needed: ["libdoesnotexist.so.1"]), in: folder)
            let libraryLayer = folder + "/library.zip"
            try StoredZip([library]).write(to: libraryLayer)
            #expect(try lint(layers: [runtime, libraryLayer], in: folder).findings.isEmpty, "a second layer's lib/")
            try writeBytes(
                folder + "/function/lib/libdoesnotexist.so.1", ELFBuilder(architecture: hostArchitecture).bytes())
            #expect(try lint(function: folder + "/function", layers: [runtime], in: folder).findings.isEmpty)

            var origin = builder(needed: ["libprivate.so"])
            origin.runpath = ["$ORIGIN/private"]
            let privateLibrary = StoredZip.Entry(
                name: Array("private/libprivate.so".utf8), kind: .file,
                data: ELFBuilder(architecture: hostArchitecture).bytes(), mode: 0o644, utf8Flag: true)
            #expect(
                try lint(layers: [try layer(origin, extra: [privateLibrary], in: folder)], in: folder)
                    .findings.isEmpty)
            #expect(
                !(try lint(layers: [try layer(origin, in: folder)], in: folder).findings(.elfLibraryMissing).isEmpty))
        }
    }

    @Test("A library in the layout built for another architecture does not count, and the message says why")
    func libraryForOtherArchitecture() throws {
        try withTemporaryFolder { folder in
            let foreign = StoredZip.Entry(
                name: Array("lib/libdoesnotexist.so.1".utf8), kind: .file,
                data: ELFBuilder(architecture: foreignArchitecture).bytes(), mode: 0o644, utf8Flag: true)
            let zip = try layer(builder(needed: ["libdoesnotexist.so.1"]), extra: [foreign], in: folder)
            let finding = try #require(try lint(layers: [zip], in: folder).findings(.elfLibraryMissing).first)
            #expect(finding.message.contains("lib/libdoesnotexist.so.1 is built for another architecture"))
        }
    }

    @Test("Libraries the layer's own libraries need are followed: a missing one names who needs it")
    func transitive() throws {
        try withTemporaryFolder { folder in
            var helper = ELFBuilder(architecture: hostArchitecture)
            helper.needed = ["libsecond-missing.so.2"]
            let library = StoredZip.Entry(
                name: Array("lib/libhelper.so".utf8), kind: .file, data: helper.bytes(), mode: 0o644, utf8Flag: true)
            let zip = try layer(builder(needed: ["libhelper.so"]), extra: [library], in: folder)
            let finding = try #require(try lint(layers: [zip], in: folder).findings(.elfLibraryMissing).first)
            #expect(
                finding.message.contains("lib/libhelper.so (which the bootstrap loads) needs libsecond-missing.so.2"))
        }
    }

    @Test("When this machine cannot speak for the architecture, unresolved libraries are INFO, not SHOULD")
    func notAuthoritative() throws {
        try withTemporaryFolder { folder in
            let zip = try layer(builder(needed: ["libdoesnotexist.so.1"]), in: folder)
            let base = BaseSystem(libraryDirectories: [], cachedLibraries: [:], isAuthoritative: false)
            let report = try lint(layers: [zip], in: folder, baseSystem: base)
            #expect(report.rules == [.elfLibrariesUnchecked])
            #expect(report.findings.first?.level == .info)
        }
    }

    @Test("The loader cache gives this machine's libc for its architecture, and none for the other")
    func loaderCache() throws {
        let base = BaseSystem.host(for: hostArchitecture)
        #expect(base.isAuthoritative)
        #expect(!BaseSystem.host(for: foreignArchitecture).isAuthoritative)
        if FileManager.default.fileExists(atPath: "/etc/ld.so.cache") {
            #expect(base.cachedLibraries["libc.so.6"]?.isEmpty == false, "libc.so.6 is not in /etc/ld.so.cache")
            #expect(BaseSystem.host(for: foreignArchitecture).cachedLibraries["libc.so.6"] == nil)
        }
    }

    @Test(
        "A real program linked by gcc against a library is fine with the library in /opt/lib, flagged without it",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/gcc")))
    func gccLinked() throws {
        try withTemporaryFolder { folder in
            try writeFile(folder + "/fake.c", "int fake(void) { return 42; }\n")
            try writeFile(folder + "/main.c", "int fake(void);\nint main(void) { return fake() == 42 ? 0 : 1; }\n")
            try run(
                "/usr/bin/gcc",
                [
                    "-shared", "-fPIC", "-o", folder + "/libfake.so.1", folder + "/fake.c",
                    "-Wl,-soname,libfake.so.1",
                ])
            try run("/usr/bin/gcc", ["-o", folder + "/bootstrap", folder + "/main.c", folder + "/libfake.so.1"])
            let elf = try #require(try ELFFile.read(path: folder + "/bootstrap"))
            #expect(elf.needed.contains("libfake.so.1"))
            let withLibrary = folder + "/with.zip"
            try makeLayerZip(
                at: withLibrary, [("bootstrap", folder + "/bootstrap"), ("lib/libfake.so.1", folder + "/libfake.so.1")])
            #expect(try lint(layers: [withLibrary], in: folder).findings.isEmpty)
            let without = folder + "/without.zip"
            try makeLayerZip(at: without, [("bootstrap", folder + "/bootstrap")])
            try FileManager.default.removeItem(atPath: folder + "/libfake.so.1")
            let finding = try #require(try lint(layers: [without], in: folder).findings(.elfLibraryMissing).first)
            #expect(finding.message.contains("libfake.so.1"))
        }
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) \(arguments) failed")
    }
}
