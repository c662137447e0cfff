import Foundation
import LambdaSandbox
import Testing

extension Integration {
    /// `--rootfs`: the bootstrap runs on a root file system the user extracted, so its libraries resolve there and
    /// not on this machine. The tests assemble a small root (busybox, the loader, libc and the C++ runtime the Swift
    /// reference runtime needs), since no image can be downloaded here.
    @Suite(
        "A root file system of one's own", .timeLimit(.minutes(5)),
        .enabled(if: (try? IsolationProbe.bubblewrap.get()) != nil, "bubblewrap cannot run here"),
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/busybox"), "busybox-static is missing"))
    struct RootFileSystemTests {
        static let libraries = ["libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1"]
        static let runsOnX86: Bool = {
            #if arch(x86_64)
                true
            #else
                false
            #endif
        }()

        /// busybox as /bin/sh, the loader at /lib64 through an absolute symlink (as Debian has it), and the
        /// libraries the Swift reference runtime links; nothing of libcurl or json-c.
        private func assembleRoot(in folder: URL) throws -> URL {
            let root = folder.appendingPathComponent("root")
            let libraryFolder = root.appendingPathComponent("lib/x86_64-linux-gnu")
            let manager = FileManager.default
            for path in ["bin", "lib64", "etc", "usr"] {
                try manager.createDirectory(at: root.appendingPathComponent(path), withIntermediateDirectories: true)
            }
            try manager.createDirectory(at: libraryFolder, withIntermediateDirectories: true)
            try manager.copyItem(atPath: "/usr/bin/busybox", toPath: root.appendingPathComponent("bin/busybox").path)
            try manager.createSymbolicLink(
                atPath: root.appendingPathComponent("bin/sh").path, withDestinationPath: "busybox")
            let host = URL(fileURLWithPath: "/lib/x86_64-linux-gnu")
            for library in Self.libraries + ["ld-linux-x86-64.so.2"] {
                let source = host.appendingPathComponent(library).resolvingSymlinksInPath()
                try manager.copyItem(at: source, to: libraryFolder.appendingPathComponent(library))
            }
            try manager.createSymbolicLink(
                atPath: root.appendingPathComponent("lib64/ld-linux-x86-64.so.2").path,
                withDestinationPath: "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2")
            return root
        }

        private func scratch() throws -> URL {
            try LambdaSpecExecutable.temporaryDirectory()
        }

        @Test(
            "A runtime whose libraries the root has passes there, one that needs libraries the root lacks fails naming them",
            .enabled(if: Self.runsOnX86, "the assembled root uses x86_64 library paths"))
        func librariesResolveInTheGivenRoot() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let root = try assembleRoot(in: folder).path
            let swift = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("swift"), "--rootfs", root, "--only", "context.request-id",
                "--only", "environment.paths", "--isolation", "lambda",
            ])
            #expect(swift.status == 0, "stdout: \(swift.stdout) stderr: \(swift.stderr)")
            #expect(swift.stdout.contains("MUST 2/2"))
            let c = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("c"), "--rootfs", root, "--only", "context.request-id",
                "--isolation", "lambda",
            ])
            #expect(c.status == 1)
            #expect(c.stdout.contains("libjson-c.so.5: cannot open shared object file"), "\(c.stdout)")
            // On this machine's own root the C runtime starts: the failure above is the root's doing.
            let host = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("c"), "--only", "context.request-id", "--isolation", "lambda",
            ])
            #expect(host.status == 0, "\(host.stdout)")
        }

        @Test(
            "lint checks libraries and interpreters against the given root, not this machine",
            .enabled(if: Self.runsOnX86, "the assembled root uses x86_64 library paths"))
        func lintChecksAgainstTheRoot() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let root = try assembleRoot(in: folder).path
            let c = try LambdaSpecExecutable.run(["lint", "--function", PackagePaths.runtime("c"), "--rootfs", root])
            #expect(c.stdout.contains("layer.elf.library-missing"), "\(c.stdout)")
            #expect(c.stdout.contains("libjson-c.so.5") && c.stdout.contains("libcurl.so.4"))
            let swift = try LambdaSpecExecutable.run([
                "lint", "--function", PackagePaths.runtime("swift"), "--rootfs", root,
            ])
            #expect(swift.status == 0 && swift.stdout.contains("no findings"), "\(swift.stdout)")
            let shell = try LambdaSpecExecutable.run([
                "lint", "--function", PackagePaths.runtime("shell"), "--rootfs", root,
            ])
            #expect(shell.status == 1)
            #expect(shell.stdout.contains("/bin/bash") && shell.stdout.contains("the root file system \(root)"))
            let hostShell = try LambdaSpecExecutable.run(["lint", "--function", PackagePaths.runtime("shell")])
            #expect(hostShell.status == 0, "\(hostShell.stdout)")
        }

        @Test("A root given as a tar is extracted for the run and removed after it")
        func tarRootIsExtractedAndRemoved() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let root = try assembleRoot(in: folder).path
            let tar = folder.appendingPathComponent("root.tar").path
            let archive = Process()
            archive.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            archive.arguments = ["tar", "-C", root, "-cf", tar, "."]
            try archive.run()
            archive.waitUntilExit()
            try #require(archive.terminationStatus == 0)
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("rootfs-tmp-\(UUID())")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: temporary) }
            let outcome = try LambdaSpecExecutable.run(
                [
                    "run", PackagePaths.runtime("swift"), "--rootfs", tar, "--only", "context.request-id",
                    "--isolation", "lambda", "--format", "junit", "--report-dir", folder.path + "/reports",
                ],
                environment: ["TMPDIR": temporary.path])
            #expect(outcome.status == 0, "stdout: \(outcome.stdout) stderr: \(outcome.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
            let junit = try String(contentsOfFile: folder.path + "/reports/junit.xml", encoding: .utf8)
            #expect(junit.contains(#"<property name="environment.root-file-system" value="\#(tar)"/>"#))
            #expect(junit.contains(#"<property name="environment.isolation" value="lambda"/>"#))
        }

        @Test("A root without a shell or loader, a file that is not a tar, or --rootfs without lambda isolation exit 2")
        func unusableRootsAreSetupErrors() throws {
            let folder = try scratch()
            defer { try? FileManager.default.removeItem(at: folder) }
            let empty = folder.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let noShell = try LambdaSpecExecutable.run(["run", PackagePaths.runtime("shell"), "--rootfs", empty.path])
            #expect(noShell.status == 2)
            #expect(noShell.stderr.contains("has no executable /bin/sh"), "\(noShell.stderr)")
            #expect(noShell.stderr.split(separator: "\n").count == 1)
            let shellOnly = try assembleRoot(in: folder)
            try FileManager.default.removeItem(at: shellOnly.appendingPathComponent("lib64/ld-linux-x86-64.so.2"))
            let noLoader = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("shell"), "--rootfs", shellOnly.path,
            ])
            #expect(noLoader.status == 2)
            #expect(noLoader.stderr.contains("has no dynamic loader"), "\(noLoader.stderr)")
            let text = folder.appendingPathComponent("notes.txt")
            try "not a tar\n".write(to: text, atomically: true, encoding: .utf8)
            let notTar = try LambdaSpecExecutable.run(["run", PackagePaths.runtime("shell"), "--rootfs", text.path])
            #expect(notTar.status == 2)
            #expect(notTar.stderr.contains("is not a readable tar archive"), "\(notTar.stderr)")
            let full = try assembleRoot(in: folder.appendingPathComponent("full"))
            let process = try LambdaSpecExecutable.run([
                "run", PackagePaths.runtime("shell"), "--rootfs", full.path, "--isolation", "process",
            ])
            #expect(process.status == 2)
            #expect(process.stderr.contains("needs lambda isolation"), "\(process.stderr)")
        }
    }
}
