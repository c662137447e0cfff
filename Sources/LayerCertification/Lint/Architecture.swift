#if canImport(Glibc)
    import Glibc
#endif

/// The two instruction sets Lambda offers, with the ELF `e_machine` value each one's executables carry.
public enum Architecture: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    // swift-format-ignore: AlwaysUseLowerCamelCase
    // Lambda's own name for the architecture.
    case x86_64
    case arm64

    /// `e_machine` from the System V ABI supplements: EM_X86_64 = 62, EM_AARCH64 = 183.
    public var elfMachine: UInt16 {
        switch self {
        case .x86_64: 62
        case .arm64: 183
        }
    }

    /// The Debian multiarch triple, for `/lib/<triple>` and `/usr/lib/<triple>`.
    var multiarchTriple: String {
        switch self {
        case .x86_64: "x86_64-linux-gnu"
        case .arm64: "aarch64-linux-gnu"
        }
    }

    public var description: String { rawValue }

    /// Accepts the Lambda names and the kernel's (`aarch64`, `amd64`).
    public init?(name: String) {
        switch name.lowercased() {
        case "x86_64", "x86-64", "amd64": self = .x86_64
        case "arm64", "aarch64": self = .arm64
        default: return nil
        }
    }

    /// The machine lambdaspec runs on, from `uname`; nil on anything Lambda does not offer.
    public static var host: Architecture? {
        var names = utsname()
        guard uname(&names) == 0 else { return nil }
        let machine = withUnsafeBytes(of: names.machine) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return Architecture(name: machine)
    }

    /// A readable name for any `e_machine`, for messages about foreign executables.
    public static func machineName(_ machine: UInt16) -> String {
        let known: [UInt16: String] = [
            3: "i386", 8: "MIPS", 20: "PowerPC", 21: "PowerPC64", 22: "s390", 40: "ARM (32-bit)", 62: "x86_64",
            183: "aarch64", 243: "RISC-V", 258: "LoongArch",
        ]
        return known[machine] ?? "machine \(machine)"
    }
}
