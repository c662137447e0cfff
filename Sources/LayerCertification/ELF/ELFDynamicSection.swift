/// The `DT_NEEDED`, `DT_RUNPATH` and `DT_RPATH` strings of an ELF64 dynamic section.
struct ELFDynamicSection {
    private(set) var needed: [String] = []
    private(set) var runpath: [String] = []
    private(set) var rpath: [String] = []

    /// 64 Ki entries of 16 bytes: real executables have a few dozen.
    static let maximumBytes: UInt64 = 1 << 20
    static let maximumNeeded = 1024
    static let maximumStringLength = 4096

    init(
        file: BoundedFile, header: ByteView, segment: (offset: UInt64, size: UInt64), segments: ELFSegments
    ) throws(ELFError) {
        let size = segment.size - segment.size % 16
        let bytes = try file.bytes(at: segment.offset, count: size, limit: Self.maximumBytes, what: "PT_DYNAMIC")
        let view = ByteView(bytes: bytes, littleEndian: header.littleEndian)
        var neededOffsets: [UInt64] = []
        var runpathOffset: UInt64?
        var rpathOffset: UInt64?
        var tableAddress: UInt64?
        var tableSize: UInt64?
        for entry in stride(from: 0, to: bytes.count, by: 16) {
            let tag = view.u64(entry)
            let value = view.u64(entry + 8)
            switch tag {
            case 0: break  // DT_NULL ends the table
            case 1 where neededOffsets.count < Self.maximumNeeded: neededOffsets.append(value)
            case 5: tableAddress = value  // DT_STRTAB
            case 10: tableSize = value  // DT_STRSZ
            case 15: rpathOffset = value  // DT_RPATH
            case 29: runpathOffset = value  // DT_RUNPATH
            default: continue
            }
            if tag == 0 { break }
        }
        let hasStrings = !neededOffsets.isEmpty || runpathOffset != nil || rpathOffset != nil
        guard hasStrings else { return }
        guard let tableAddress, let tableSize else { throw ELFError("has a dynamic section without a string table") }
        let mapped = segments.fileOffset(ofAddress: tableAddress)
        let fromSections =
            try mapped == nil
            ? ELFSectionTable.stringTableOffset(file: file, header: header, address: tableAddress) : nil
        guard let tableOffset = mapped ?? fromSections else {
            throw ELFError("has a dynamic string table at address \(tableAddress), outside every loaded segment")
        }
        func string(_ offset: UInt64) throws(ELFError) -> String {
            guard offset < tableSize else { throw ELFError("names a string past the end of its string table") }
            let count = min(UInt64(Self.maximumStringLength), tableSize - offset)
            let (position, overflow) = tableOffset.addingReportingOverflow(offset)
            guard !overflow else { throw ELFError("names a string at an impossible offset") }
            let bytes = try file.prefix(at: position, count: Int(count), what: "a dynamic string")
            guard let end = bytes.firstIndex(of: 0) else { throw ELFError("has an unterminated dynamic string") }
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
        for offset in neededOffsets { needed.append(try string(offset)) }
        if let runpathOffset { runpath = try string(runpathOffset).split(separator: ":").map(String.init) }
        if let rpathOffset { rpath = try string(rpathOffset).split(separator: ":").map(String.init) }
    }
}
