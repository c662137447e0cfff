import Foundation

/// A human-sized view of an HTTP body: the whole text when it is small, otherwise its size and a prefix, so a
/// 6 MB echo payload does not end up in every report.
package struct BodyPreview: Sendable, Hashable {
    /// Bodies up to this size are shown whole.
    package static let fullLimit = 16 * 1024
    /// How much of a larger body is shown.
    package static let previewBytes = 2 * 1024

    /// The text to show: the UTF-8 text as received (callers escape it for their format), or a hex dump for
    /// binary bodies.
    package var text: String
    package var size: Int
    package var truncated: Bool
    package var binary: Bool

    /// - Parameter originalSize: the size on the wire when `body` is already a preview (a report read back).
    package init(
        _ body: [UInt8],
        originalSize: Int? = nil,
        fullLimit: Int = Self.fullLimit,
        previewBytes: Int = Self.previewBytes
    ) {
        size = originalSize ?? body.count
        truncated = size > fullLimit || size > body.count
        let shown = truncated ? Array(body.prefix(previewBytes)) : body
        if let text = Self.utf8Prefix(shown, allowCutCharacter: truncated) {
            self.text = text
            binary = false
        } else {
            let dumped = truncated ? shown : Array(body.prefix(previewBytes))
            text = Self.hexDump(dumped)
            binary = true
            truncated = truncated || body.count > dumped.count
        }
    }

    package var isEmpty: Bool { size == 0 }

    /// "6.0 MB, first 2.0 KB shown" style note, or `nil` when the body is shown whole.
    package var note: String? {
        guard truncated else { return binary ? "\(ByteCount.format(size)) binary" : nil }
        let shown = min(size, Self.previewBytes)
        return "\(ByteCount.format(size))\(binary ? " binary" : ""), first \(ByteCount.format(shown)) shown"
    }

    /// Decodes `bytes` as UTF-8; when the prefix was cut, a partial last character is dropped rather than
    /// making the whole preview look binary.
    private static func utf8Prefix(_ bytes: [UInt8], allowCutCharacter: Bool) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        guard allowCutCharacter else { return nil }
        for cut in 1...3 where bytes.count > cut {
            if let text = String(validating: bytes.dropLast(cut), as: UTF8.self) { return text }
        }
        return nil
    }

    private static func hexDump(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var offset = 0
        while offset < bytes.count {
            let row = bytes[offset..<min(offset + 16, bytes.count)]
            let hex = row.map { byte in
                let digits = String(byte, radix: 16)
                return digits.count == 1 ? "0" + digits : digits
            }.joined(separator: " ")
            let ascii = String(row.map { (0x20..<0x7F).contains($0) ? Character(Unicode.Scalar($0)) : "." })
            let position = String(offset, radix: 16)
            let padded = String(repeating: "0", count: max(0, 8 - position.count)) + position
            lines.append("\(padded)  \(hex.padding(toLength: 47, withPad: " ", startingAt: 0))  \(ascii)")
            offset += 16
        }
        return lines.joined(separator: "\n")
    }
}

/// Byte sizes for people: `512 B`, `2.0 KB`, `6.0 MB` (binary multiples, as the Lambda limits are).
package enum ByteCount {
    package static func format(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KB", "MB", "GB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return "\(Formatting.decimal(value, places: 1)) \(units[unit])"
    }
}
