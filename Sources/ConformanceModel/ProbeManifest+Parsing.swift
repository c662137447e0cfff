import Foundation

/// `lambdaspec.json` could not be used: the message names the file, the line and the column, and the fix.
public struct ProbeManifestError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: String

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): \(reason)"
    }
}

extension ProbeManifest {
    static let keys = ["name", "handler", "capabilities"]

    /// Reads a manifest strictly: valid JSON, only known keys, `capabilities` a list of known names. A misspelled
    /// capability would otherwise make its scenarios "not applicable" and a run green without testing anything.
    public static func parse(_ data: Data, file: String) throws(ProbeManifestError) -> ProbeManifest {
        let text = String(decoding: data, as: UTF8.self)
        func failure(_ reason: String, at token: String? = nil, offset: Int? = nil) -> ProbeManifestError {
            let position =
                offset.map { Self.position(ofOffset: $0, in: text) }
                ?? token.flatMap {
                    Self.position(of: $0, in: text)
                }
            return ProbeManifestError(file: file, line: position?.line, column: position?.column, reason: reason)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            let offset = detail.range(of: #"character (\d+)"#, options: .regularExpression).flatMap {
                Int(detail[$0].dropFirst("character ".count))
            }
            throw failure("not valid JSON (\(detail))", offset: offset)
        }
        guard let fields = object as? [String: Any] else {
            throw failure("must be a JSON object with \"handler\" and \"capabilities\"")
        }
        for key in fields.keys.sorted() where !keys.contains(key) {
            throw failure(
                "unknown key \"\(key)\"; a manifest has \(keys.map { "\"\($0)\"" }.joined(separator: ", "))",
                at: "\"\(key)\"")
        }
        let name = fields["name"]
        guard name == nil || name is String else { throw failure("\"name\" must be a string", at: "\"name\"") }
        let handler = fields["handler"]
        guard handler == nil || handler is String else {
            throw failure("\"handler\" must be a string such as \"probe.handler\"", at: "\"handler\"")
        }
        let known = allCapabilities.joined(separator: ", ")
        guard let listed = fields["capabilities"] else {
            throw failure("\"capabilities\" is missing: list the probe ops the runtime implements (known: \(known))")
        }
        guard let values = listed as? [Any], values.allSatisfy({ $0 is String }), let capabilities = values as? [String]
        else {
            throw failure("\"capabilities\" must be a list of names (known: \(known))", at: "\"capabilities\"")
        }
        for capability in capabilities where !allCapabilities.contains(capability) {
            throw failure(
                "unknown capability \"\(capability)\"; known: \(known) (docs/PROBE.md)", at: "\"\(capability)\"")
        }
        return ProbeManifest(name: name as? String, handler: handler as? String, capabilities: capabilities)
    }

    /// 1-based line and column of the first occurrence of `token`.
    static func position(of token: String, in text: String) -> (line: Int, column: Int)? {
        guard let range = text.range(of: token) else { return nil }
        return position(ofOffset: text.utf8.distance(from: text.startIndex, to: range.lowerBound), in: text)
    }

    /// 1-based line and column of a UTF-8 byte offset (what the JSON parser reports as "character").
    static func position(ofOffset offset: Int, in text: String) -> (line: Int, column: Int) {
        let prefix = text.utf8.prefix(max(0, offset))
        let line = prefix.filter { $0 == 0x0A }.count + 1
        let column =
            prefix.count
            - (prefix.lastIndex(of: 0x0A).map { prefix.distance(from: prefix.startIndex, to: $0) + 1 } ?? 0) + 1
        return (line, column)
    }
}
