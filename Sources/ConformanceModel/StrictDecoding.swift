/// A coding key for any name, so a decoder can see every key a mapping really holds.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) { self.stringValue = stringValue }

    init(intValue: Int) {
        self.stringValue = "\(intValue)"
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws on a key `Keys` does not list: a misspelt expectation must stop the loader, not silently check nothing.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        let known = Keys.allCases.map(\.stringValue)
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: codingPath + [key],
                    debugDescription:
                        "unknown key '\(key.stringValue)'; expected one of \(known.joined(separator: ", "))"
                )
            )
        }
    }
}

extension KeyedDecodingContainer {
    /// One name or a list of names of a string enum (`outcome: error` or `outcome: [error, crash]`); an unknown
    /// name is reported with the allowed ones rather than as a confusing "expected an array".
    func decodeOneOrMany<Value>(_ type: Value.Type, forKey key: Key) throws -> [Value]?
    where Value: RawRepresentable & CaseIterable, Value.RawValue == String {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        let single = try? decode(String.self, forKey: key)
        let names = try single.map { [$0] } ?? decode([String].self, forKey: key)
        return try names.enumerated().map { index, name in
            guard let value = Value(rawValue: name) else {
                let path = codingPath + [key] + (single == nil ? [AnyCodingKey(intValue: index)] : [])
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw DecodingError.dataCorrupted(
                    .init(codingPath: path, debugDescription: "unknown value '\(name)'; expected one of \(allowed)")
                )
            }
            return value
        }
    }
}
