import Foundation
import LayerCertification
import Testing

@Suite("Reading ELF headers by hand")
struct ELFFileTests {
    @Test("A crafted ELF64 gives back its machine, type, loader, needed libraries and search paths")
    func craftedRoundTrip() throws {
        try withTemporaryFolder { folder in
            var builder = ELFBuilder(machine: 183)
            builder.interpreter = "/lib/ld-linux-aarch64.so.1"
            builder.needed = ["libc.so.6", "libdoesnotexist.so.1"]
            builder.runpath = ["$ORIGIN/../lib", "/opt/lib"]
            try builder.write(to: folder + "/a.out")
            let elf = try #require(try ELFFile.read(path: folder + "/a.out"))
            #expect(elf.elfClass == .elf64 && elf.littleEndian)
            #expect(elf.machine == 183 && elf.type == 3)
            #expect(elf.interpreter == "/lib/ld-linux-aarch64.so.1")
            #expect(elf.needed == ["libc.so.6", "libdoesnotexist.so.1"])
            #expect(elf.runpath == ["$ORIGIN/../lib", "/opt/lib"])
            #expect(elf.rpath.isEmpty && elf.dynamicProblem == nil)
        }
    }

    @Test("A file that does not start with the ELF magic is not an ELF file, whatever else it holds")
    func notELF() throws {
        try withTemporaryFolder { folder in
            for (name, bytes) in [("script", Array("#!/bin/sh\n".utf8)), ("empty", []), ("short", [0x7f, 0x45])] {
                try writeBytes(folder + "/" + name, bytes)
                #expect(try ELFFile.read(path: folder + "/" + name) == nil, "\(name)")
            }
        }
    }

    /// Each case corrupts a valid crafted file at one place.
    static let corruptions: [(String, @Sendable (inout [UInt8]) -> Void)] = [
        ("truncated inside the header", { $0 = Array($0.prefix(40)) }),
        ("an invalid class byte", { $0[4] = 9 }),
        ("an invalid data byte", { $0[5] = 7 }),
        ("program headers past the end of the file", { $0.replace(at: 32, le64: 1 << 40) }),
        ("a program header table offset that overflows", { $0.replace(at: 32, le64: UInt64.max - 10) }),
        ("extended program header numbering", { $0.replace(at: 56, le16: 0xffff) }),
        ("program headers too small", { $0.replace(at: 54, le16: 8) }),
        (
            "a dynamic segment larger than the file",
            { bytes in
                // The PT_DYNAMIC header is the third (PT_INTERP, PT_LOAD, PT_DYNAMIC); p_filesz sits at +32.
                bytes.replace(at: 64 + 2 * 56 + 32, le64: 1 << 30)
            }
        ),
        ("a loader path longer than allowed", { $0.replace(at: 64 + 32, le64: 1 << 20) }),
        ("the whole file cut in half", { $0 = Array($0.prefix($0.count / 2)) }),
    ]

    @Test(
        "Malformed ELF files are reported as errors or problems, never crash or read without bound",
        arguments: corruptions.indices)
    func malformed(index: Int) throws {
        let (name, corrupt) = Self.corruptions[index]
        try withTemporaryFolder { folder in
            var builder = ELFBuilder(machine: 62)
            builder.interpreter = "/lib64/ld-linux-x86-64.so.2"
            builder.needed = ["libc.so.6"]
            var bytes = builder.bytes()
            corrupt(&bytes)
            try writeBytes(folder + "/bad", bytes)
            do {
                let elf = try ELFFile.read(path: folder + "/bad")
                // Some corruptions only spoil the dynamic section: then it must say so, not invent libraries.
                #expect(elf == nil || elf?.dynamicProblem != nil || elf?.needed == ["libc.so.6"], "\(name)")
            } catch let error as ELFError {
                #expect(!error.message.isEmpty, "\(name)")
            }
        }
    }

    @Test("A string offset beyond the string table and an unmapped string table are problems, not crashes")
    func badStringTable() throws {
        try withTemporaryFolder { folder in
            var builder = ELFBuilder(machine: 62)
            builder.needed = ["libc.so.6"]
            var bytes = builder.bytes()
            // Dynamic entries follow the aligned string table; DT_NEEDED is the first: point it far away.
            let dynamic = try #require(bytes.dynamicOffset)
            bytes.replace(at: dynamic + 8, le64: 1 << 32)
            try writeBytes(folder + "/far", bytes)
            #expect(try ELFFile.read(path: folder + "/far")?.dynamicProblem?.contains("past the end") == true)

            bytes = builder.bytes()
            // DT_STRTAB is the second entry here: an address no segment maps.
            bytes.replace(at: dynamic + 16 + 8, le64: 0x9999_0000)
            try writeBytes(folder + "/unmapped", bytes)
            #expect(try ELFFile.read(path: folder + "/unmapped")?.dynamicProblem?.contains("outside") == true)
        }
    }

    @Test("The C reference runtime's real binary names libcurl and json-c", .enabled(if: ReferenceBinaries.cBuilt))
    func realBinary() throws {
        let elf = try #require(try ELFFile.read(path: ReferenceBinaries.c))
        #expect(elf.machine == hostArchitecture.elfMachine)
        #expect(elf.needed.contains("libcurl.so.4"))
        #expect(elf.needed.contains("libjson-c.so.5"))
        #expect(elf.interpreter?.hasPrefix("/lib") == true)
    }
}

/// The reference runtimes' binaries, built by `swift build` next to this test bundle.
enum ReferenceBinaries {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func runtime(_ name: String) -> String { root.appendingPathComponent("Runtimes/\(name)").path }

    static var c: String { URL(fileURLWithPath: runtime("c") + "/bootstrap").resolvingSymlinksInPath().path }
    static var swift: String { URL(fileURLWithPath: runtime("swift") + "/bootstrap").resolvingSymlinksInPath().path }
    static var cBuilt: Bool { FileManager.default.isExecutableFile(atPath: c) }
    static var swiftBuilt: Bool { FileManager.default.isExecutableFile(atPath: swift) }
}

extension [UInt8] {
    mutating func replace(at offset: Int, le64 value: UInt64) {
        for index in 0..<8 { self[offset + index] = UInt8((value >> UInt64(8 * index)) & 0xff) }
    }

    mutating func replace(at offset: Int, le16 value: UInt16) {
        self[offset] = UInt8(value & 0xff)
        self[offset + 1] = UInt8(value >> 8)
    }

    /// p_offset of the PT_DYNAMIC program header of a file made by `ELFBuilder` (no interpreter).
    var dynamicOffset: Int? {
        let count = Int(self[56])
        for index in 0..<count {
            let base = 64 + index * 56
            if self[base] == 2 {
                return (0..<8).reduce(0) { $0 | Int(self[base + 8 + $1]) << (8 * $1) }
            }
        }
        return nil
    }
}
