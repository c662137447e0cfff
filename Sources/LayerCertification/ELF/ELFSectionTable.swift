/// The section header table, used only when a dynamic string table's address lies outside every loaded segment
/// (unusual linkers, hand-made files): the `SHT_STRTAB` section at that address gives the file offset.
enum ELFSectionTable {
    static let maximumCount: UInt64 = 4096

    static func stringTableOffset(file: BoundedFile, header: ByteView, address: UInt64) throws(ELFError) -> UInt64? {
        let offset = header.u64(40)
        let entrySize = UInt64(header.u16(58))
        let count = UInt64(header.u16(60))
        guard offset != 0, count > 0, entrySize >= 64 else { return nil }
        let table = try file.bytes(
            at: offset, count: entrySize * count, limit: maximumCount * entrySize, what: "the section header table")
        let view = ByteView(bytes: table, littleEndian: header.littleEndian)
        for index in 0..<Int(count) {
            let base = index * Int(entrySize)
            if view.u32(base + 4) == 3 && view.u64(base + 16) == address { return view.u64(base + 24) }
        }
        return nil
    }
}
