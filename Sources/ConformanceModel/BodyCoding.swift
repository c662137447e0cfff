import Foundation

/// How request and response bodies appear in reports: text when they are UTF-8, base64 otherwise, and only a
/// preview when they are large (a ~6 MB event must not make every report 6 MB).
enum BodyCoding {
    /// Bodies above this size keep only their first `previewLimit` bytes in reports.
    static let previewLimit = 64 * 1024

    enum Keys: String, CodingKey { case body, bodyEncoding, bodySize, bodyTruncated }

    static func encode(_ body: [UInt8], into container: inout KeyedEncodingContainer<Keys>) throws {
        let truncated = body.count > previewLimit
        let preview = truncated ? Array(body.prefix(previewLimit)) : body
        if let text = String(validating: preview, as: UTF8.self) {
            try container.encode(text, forKey: .body)
            try container.encode("utf8", forKey: .bodyEncoding)
        } else {
            try container.encode(Data(preview).base64EncodedString(), forKey: .body)
            try container.encode("base64", forKey: .bodyEncoding)
        }
        try container.encode(body.count, forKey: .bodySize)
        try container.encode(truncated, forKey: .bodyTruncated)
    }

    static func decode(from container: KeyedDecodingContainer<Keys>) throws -> [UInt8] {
        let text = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        if try container.decodeIfPresent(String.self, forKey: .bodyEncoding) == "base64" {
            return Array(Data(base64Encoded: text) ?? Data())
        }
        return Array(text.utf8)
    }
}
