/// What layer lint needs from an ELF file: its class, byte order, type and machine, and (for ELF64) the dynamic
/// loader it asks for and the libraries and search paths of its dynamic section.
///
/// Parsed by hand from the program headers (section headers only as a fallback), reading only the few ranges
/// needed, each bounded; a malformed file yields an `ELFError`, never a crash or a huge allocation.
public struct ELFFile: Sendable, Hashable {
    public enum ELFClass: Sendable, Hashable { case elf32, elf64 }

    public var elfClass: ELFClass
    public var littleEndian: Bool
    /// `e_type`: 2 is an executable, 3 a position-independent executable or shared library.
    public var type: UInt16
    /// `e_machine`: 62 x86_64, 183 aarch64.
    public var machine: UInt16
    /// The `PT_INTERP` path (the dynamic loader), nil for a static executable.
    public var interpreter: String?
    /// `DT_NEEDED` names, in order.
    public var needed: [String]
    /// `DT_RUNPATH` and `DT_RPATH` entries, split at colons.
    public var runpath: [String]
    public var rpath: [String]
    /// Why the dynamic section could not be read (the rest of the header still was), if so.
    public var dynamicProblem: String?

    /// True when the bytes start with the ELF magic number.
    public static func hasMagic(_ prefix: [UInt8]) -> Bool {
        prefix.count >= 4 && prefix[0] == 0x7f && prefix[1] == 0x45 && prefix[2] == 0x4c && prefix[3] == 0x46
    }

    /// Parses the file at `path`; nil when it is not an ELF file at all.
    public static func read(path: String) throws(ELFError) -> ELFFile? {
        let file = try BoundedFile(path: path)
        let identity = try file.prefix(at: 0, count: 64, what: "the ELF header")
        guard hasMagic(identity) else { return nil }
        guard identity.count >= 20 else { throw ELFError("is truncated: \(identity.count) bytes, no full ELF header") }
        guard identity[4] == 1 || identity[4] == 2 else { throw ELFError("has an invalid class byte \(identity[4])") }
        guard identity[5] == 1 || identity[5] == 2 else { throw ELFError("has an invalid data byte \(identity[5])") }
        let header = ByteView(bytes: identity, littleEndian: identity[5] == 1)
        var elf = ELFFile(
            elfClass: identity[4] == 2 ? .elf64 : .elf32, littleEndian: header.littleEndian, type: header.u16(16),
            machine: header.u16(18), interpreter: nil, needed: [], runpath: [], rpath: [], dynamicProblem: nil)
        guard elf.elfClass == .elf64 else {
            elf.dynamicProblem = "32-bit ELF files are not inspected further"
            return elf
        }
        guard identity.count >= 64 else {
            throw ELFError("is truncated: \(identity.count) bytes, no full ELF64 header")
        }
        let segments = try ELFSegments(file: file, header: header)
        if let interp = segments.interpreter {
            let bytes = try file.bytes(at: interp.offset, count: interp.size, limit: 4096, what: "PT_INTERP")
            elf.interpreter = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        guard let dynamic = segments.dynamic else { return elf }
        do {
            let section = try ELFDynamicSection(file: file, header: header, segment: dynamic, segments: segments)
            elf.needed = section.needed
            elf.runpath = section.runpath
            elf.rpath = section.rpath
        } catch {
            elf.dynamicProblem = error.message
        }
        return elf
    }
}

/// The program headers that matter: loadable segments (to map addresses to file offsets), PT_INTERP, PT_DYNAMIC.
struct ELFSegments {
    struct Load {
        let offset: UInt64
        let address: UInt64
        let fileSize: UInt64
    }

    private(set) var loads: [Load] = []
    private(set) var interpreter: (offset: UInt64, size: UInt64)?
    private(set) var dynamic: (offset: UInt64, size: UInt64)?

    /// Program headers are 56 bytes in ELF64; 4096 of them is far beyond any real executable.
    static let maximumCount = 4096

    init(file: BoundedFile, header: ByteView) throws(ELFError) {
        let offset = header.u64(32)
        let entrySize = UInt64(header.u16(54))
        let count = UInt64(header.u16(56))
        guard count > 0 else { return }
        guard count != 0xffff else { throw ELFError("uses extended program header numbering (PN_XNUM)") }
        guard entrySize >= 56 else { throw ELFError("declares \(entrySize)-byte program headers (ELF64 needs 56)") }
        let table = try file.bytes(
            at: offset, count: entrySize * count, limit: UInt64(Self.maximumCount) * entrySize,
            what: "the program header table")
        let view = ByteView(bytes: table, littleEndian: header.littleEndian)
        for index in 0..<Int(count) {
            let base = index * Int(entrySize)
            let type = view.u32(base)
            let fileOffset = view.u64(base + 8)
            let fileSize = view.u64(base + 32)
            switch type {
            case 1: loads.append(Load(offset: fileOffset, address: view.u64(base + 16), fileSize: fileSize))
            case 2: dynamic = (fileOffset, fileSize)
            case 3: interpreter = (fileOffset, fileSize)
            default: continue
            }
        }
    }

    /// The file offset of a virtual address inside a loadable segment's file-backed part.
    func fileOffset(ofAddress address: UInt64) -> UInt64? {
        for load in loads where address >= load.address && address - load.address < load.fileSize {
            let (offset, overflow) = load.offset.addingReportingOverflow(address - load.address)
            return overflow ? nil : offset
        }
        return nil
    }
}
