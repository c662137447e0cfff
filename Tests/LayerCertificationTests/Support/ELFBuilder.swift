import Foundation
import LayerCertification

/// Crafts minimal little-endian ELF64 files by hand: a header, program headers (PT_INTERP, one PT_LOAD mapping
/// the whole file at address 0x400000, PT_DYNAMIC), the loader path, a dynamic section and its string table.
/// Enough for lint to read; no code, so nothing here is ever run.
struct ELFBuilder {
    var machine: UInt16
    var type: UInt16 = 3
    var interpreter: String?
    var needed: [String] = []
    var runpath: [String] = []
    var rpath: [String] = []
    /// Class byte: 2 for ELF64, 1 for ELF32 (written with a 64-bit body anyway; lint only reads e_machine then).
    var elfClass: UInt8 = 2

    static let baseAddress: UInt64 = 0x40_0000

    init(machine: UInt16) { self.machine = machine }

    init(architecture: Architecture) { self.machine = architecture.elfMachine }

    func bytes() -> [UInt8] {
        let hasDynamic = !needed.isEmpty || !runpath.isEmpty || !rpath.isEmpty
        let headerCount = (interpreter == nil ? 0 : 1) + 1 + (hasDynamic ? 1 : 0)
        let programHeaders = 64
        var cursor = programHeaders + 56 * headerCount
        let interpOffset = cursor
        let interpBytes: [UInt8] = interpreter.map { Array($0.utf8) + [0] } ?? []
        cursor += interpBytes.count
        // String table: "\0" then each string.
        var strings: [UInt8] = [0]
        func add(_ text: String) -> UInt64 {
            let offset = UInt64(strings.count)
            strings += Array(text.utf8) + [0]
            return offset
        }
        var dynamicEntries: [(UInt64, UInt64)] = needed.map { (1, add($0)) }
        if !runpath.isEmpty { dynamicEntries.append((29, add(runpath.joined(separator: ":")))) }
        if !rpath.isEmpty { dynamicEntries.append((15, add(rpath.joined(separator: ":")))) }
        let stringsOffset = cursor
        cursor += strings.count
        cursor = (cursor + 7) & ~7
        let dynamicOffset = cursor
        dynamicEntries += [(5, Self.baseAddress + UInt64(stringsOffset)), (10, UInt64(strings.count)), (0, 0)]
        let dynamicSize = dynamicEntries.count * 16
        let total = dynamicOffset + (hasDynamic ? dynamicSize : 0)

        var out: [UInt8] = [0x7f, 0x45, 0x4c, 0x46, elfClass, 1, 1, 0]
        out += [UInt8](repeating: 0, count: 8)
        out.append(le16: type)
        out.append(le16: machine)
        out.append(le32: 1)
        out.append(le64: Self.baseAddress)  // e_entry
        out.append(le64: UInt64(programHeaders))  // e_phoff
        out.append(le64: 0)  // e_shoff
        out.append(le32: 0)
        out.append(le16: 64)
        out.append(le16: 56)
        out.append(le16: UInt16(headerCount))
        out.append(le16: 64)
        out.append(le16: 0)
        out.append(le16: 0)
        func programHeader(_ type: UInt32, offset: Int, size: Int) {
            out.append(le32: type)
            out.append(le32: 4)
            out.append(le64: UInt64(offset))
            out.append(le64: Self.baseAddress + UInt64(offset))
            out.append(le64: Self.baseAddress + UInt64(offset))
            out.append(le64: UInt64(size))
            out.append(le64: UInt64(size))
            out.append(le64: 8)
        }
        if interpreter != nil { programHeader(3, offset: interpOffset, size: interpBytes.count) }
        programHeader(1, offset: 0, size: total)
        if hasDynamic { programHeader(2, offset: dynamicOffset, size: dynamicSize) }
        out += interpBytes
        out += strings
        out += [UInt8](repeating: 0, count: dynamicOffset - out.count)
        if hasDynamic {
            for (tag, value) in dynamicEntries {
                out.append(le64: tag)
                out.append(le64: value)
            }
        }
        return out
    }

    func write(to path: String, mode: Int = 0o755) throws {
        try writeBytes(path, bytes(), mode: mode)
    }
}
