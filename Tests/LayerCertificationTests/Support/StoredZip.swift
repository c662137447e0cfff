import Foundation

/// Writes zip archives byte by byte (stored method, no compression), so tests can build what no well-behaved
/// zip tool would: names that are not UTF-8, duplicate names, `..` and absolute paths, symlinks anywhere.
///
/// Format: PKWARE APPNOTE 6.3.x, §4.3.7 (local header), §4.3.12 (central directory), §4.3.16 (end record).
struct StoredZip {
    struct Entry {
        enum Kind { case file, directory, symlink }

        var name: [UInt8]
        var kind: Kind
        var data: [UInt8]
        var mode: UInt16
        /// Sets general purpose bit 11: the name is UTF-8.
        var utf8Flag: Bool

        static func file(_ name: String, _ text: String = "", mode: UInt16 = 0o644) -> Entry {
            Entry(name: Array(name.utf8), kind: .file, data: Array(text.utf8), mode: mode, utf8Flag: true)
        }

        static func directory(_ name: String, mode: UInt16 = 0o755) -> Entry {
            Entry(name: Array(name.utf8), kind: .directory, data: [], mode: mode, utf8Flag: true)
        }

        static func symlink(_ name: String, to target: String) -> Entry {
            Entry(name: Array(name.utf8), kind: .symlink, data: Array(target.utf8), mode: 0o777, utf8Flag: true)
        }

        static func rawName(_ bytes: [UInt8], utf8Flag: Bool, text: String = "x") -> Entry {
            Entry(name: bytes, kind: .file, data: Array(text.utf8), mode: 0o644, utf8Flag: utf8Flag)
        }
    }

    var entries: [Entry]

    init(_ entries: [Entry]) { self.entries = entries }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let offset = UInt32(out.count)
            let crc = CRC32.checksum(entry.data)
            let flags: UInt16 = entry.utf8Flag ? 1 << 11 : 0
            let typeBits: UInt32 =
                switch entry.kind {
                case .file: 0o100000
                case .directory: 0o040000
                case .symlink: 0o120000
                }
            let external = (typeBits | UInt32(entry.mode)) << 16 | (entry.kind == .directory ? 0x10 : 0)
            // Local file header.
            out.append(le32: 0x0403_4b50)
            out.append(le16: 20)
            out.append(le16: flags)
            out.append(le16: 0)  // stored
            out.append(le16: 0)  // time
            out.append(le16: 0x21)  // date: 1980-01-01
            out.append(le32: crc)
            out.append(le32: UInt32(entry.data.count))
            out.append(le32: UInt32(entry.data.count))
            out.append(le16: UInt16(entry.name.count))
            out.append(le16: 0)
            out += entry.name
            out += entry.data
            // Central directory header.
            central.append(le32: 0x0201_4b50)
            central.append(le16: 0x031e)  // made by Unix, spec 3.0
            central.append(le16: 20)
            central.append(le16: flags)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0x21)
            central.append(le32: crc)
            central.append(le32: UInt32(entry.data.count))
            central.append(le32: UInt32(entry.data.count))
            central.append(le16: UInt16(entry.name.count))
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le16: 0)
            central.append(le32: external)
            central.append(le32: offset)
            central += entry.name
        }
        let centralOffset = UInt32(out.count)
        out += central
        out.append(le32: 0x0605_4b50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(entries.count))
        out.append(le16: UInt16(entries.count))
        out.append(le32: UInt32(central.count))
        out.append(le32: centralOffset)
        out.append(le16: 0)
        return out
    }

    func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }
}

/// CRC-32 (IEEE 802.3, reflected 0xEDB88320), as zip entries carry it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension [UInt8] {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xff))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }

    mutating func append(le64 value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8((value >> UInt64(shift)) & 0xff)) }
    }
}
