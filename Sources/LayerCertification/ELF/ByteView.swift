/// Little- or big-endian integers at offsets of a byte array, with bounds already checked by the caller's slice.
struct ByteView {
    let bytes: [UInt8]
    let littleEndian: Bool

    func u16(_ offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: integer(offset, width: 2)) }
    func u32(_ offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: integer(offset, width: 4)) }
    func u64(_ offset: Int) -> UInt64 { integer(offset, width: 8) }

    /// Zero when the field would run past the end (callers size their reads, so this is only a backstop).
    private func integer(_ offset: Int, width: Int) -> UInt64 {
        guard offset >= 0, offset + width <= bytes.count else { return 0 }
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[offset + (littleEndian ? width - 1 - index : index)])
            value = value << 8 | byte
        }
        return value
    }
}
