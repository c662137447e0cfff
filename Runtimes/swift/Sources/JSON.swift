// FoundationEssentials has the JSON coders without the ICU-backed rest of Foundation, which keeps cold start short.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Any JSON value, so the probe can take events apart and echo arbitrary payloads.
///
/// Events and results are JSON documents of unknown shape; a small enum with `Codable` conformance lets
/// `JSONDecoder`/`JSONEncoder` do the parsing and printing. Object key order is not kept: JSON objects are
/// unordered, and a payload only has to come back equal, not byte-identical.
enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Integers stay integers so that ids above 2^53 survive an echo unchanged.
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])
}

extension JSON: Codable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode([String: JSON].self) {
            self = .object(value)
        } else {
            self = .array(try container.decode([JSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }
}

extension JSON {
    /// Parses one JSON document (any value is allowed at the top level, as in an event or a response).
    init(parsing bytes: Data) throws {
        self = try JSONDecoder().decode(JSON.self, from: bytes)
    }

    /// The compact UTF-8 text of this value; non-ASCII characters are written as-is, not escaped.
    func serialized() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// The member `key` of an object, or nil for a missing member or a non-object.
    subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members[key]
    }

    var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }

    /// An integral number as `Int`; events written by hand may spell `5` as `5.0`.
    var intValue: Int? {
        switch self {
        case .int(let value): return Int(exactly: value)
        case .double(let value): return Int(exactly: value)
        default: return nil
        }
    }

    var arrayValue: [JSON]? {
        guard case .array(let values) = self else { return nil }
        return values
    }

    /// A string, or `.null` when there is none: the probe reports absent values as JSON null.
    init(_ value: String?) {
        self = value.map(JSON.string) ?? .null
    }

    /// A number, or `.null` when there is none.
    init(_ value: Int64?) {
        self = value.map(JSON.int) ?? .null
    }
}
