import Foundation

/// How request and response bodies appear in reports: text when they are UTF-8, base64 otherwise, and only a
/// preview when they are large (a ~6 MB event must not make every report 6 MB).
enum BodyCoding {
    /// Bodies above this size keep only their first `previewLimit` bytes in reports.
    static let previewLimit = 64 * 1024

    enum Keys: String, CodingKey { case body, bodyEncoding, bodySize, bodyTruncated }

    /// - Parameter originalSize: the size on the wire when `body` is already a preview (a decoded report).
    static func encode(_ body: [UInt8], originalSize: Int?, into container: inout KeyedEncodingContainer<Keys>) throws {
        let size = originalSize ?? body.count
        let truncated = size > body.count || body.count > previewLimit
        var preview = body.count > previewLimit ? Array(body.prefix(previewLimit)) : body
        // Cut on a character boundary, so a UTF-8 body stays text rather than turning into base64.
        if body.count > previewLimit {
            for cut in 0..<4 where String(validating: preview.dropLast(cut), as: UTF8.self) != nil {
                preview = Array(preview.dropLast(cut))
                break
            }
        }
        if let text = String(validating: preview, as: UTF8.self) {
            try container.encode(text, forKey: .body)
            try container.encode("utf8", forKey: .bodyEncoding)
        } else {
            try container.encode(Data(preview).base64EncodedString(), forKey: .body)
            try container.encode("base64", forKey: .bodyEncoding)
        }
        try container.encode(size, forKey: .bodySize)
        try container.encode(truncated, forKey: .bodyTruncated)
    }

    /// The body (or its preview) and, when it is a preview, the size it had on the wire.
    static func decode(from container: KeyedDecodingContainer<Keys>) throws -> (body: [UInt8], originalSize: Int?) {
        let text = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        let body: [UInt8] =
            if try container.decodeIfPresent(String.self, forKey: .bodyEncoding) == "base64" {
                Array(Data(base64Encoded: text) ?? Data())
            } else {
                Array(text.utf8)
            }
        let size = try container.decodeIfPresent(Int.self, forKey: .bodySize)
        return (body, size.flatMap { $0 > body.count ? $0 : nil })
    }
}
