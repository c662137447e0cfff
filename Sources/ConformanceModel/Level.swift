/// How binding a scenario's requirement is, in RFC 2119 terms.
///
/// A MUST miss fails the run; a SHOULD miss is a warning that fails only under `--strict`;
/// INFO scenarios report what the runtime did and never fail.
public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
    case must = "MUST"
    case should = "SHOULD"
    case info = "INFO"

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let level = Level(rawValue: raw.uppercased()) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "level must be MUST, SHOULD or INFO, not '\(raw)'"
                )
            )
        }
        self = level
    }

    private var rank: Int {
        switch self {
        case .must: 0
        case .should: 1
        case .info: 2
        }
    }

    public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
}
