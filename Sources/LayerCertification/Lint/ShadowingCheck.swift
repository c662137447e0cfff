/// Reports files a later layer replaces: legal (last write wins), but worth knowing when a library layer
/// silently swaps a runtime's file.
enum ShadowingCheck {
    /// Beyond this many, one summary finding stands for the rest.
    static let maximumFindings = 50

    static func findings(_ layout: LintLayout) -> [LintFinding] {
        let shadowed = layout.layerProviders.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        var findings = shadowed.prefix(maximumFindings).map { path, providers in
            let winner = providers.last ?? "?"
            let earlier = providers.dropLast().map { "\($0)" }.joined(separator: ", ")
            return LintFinding(
                .filesShadowed, input: winner, file: path,
                message: "/opt/\(path) from \(earlier) is replaced by the copy in \(winner) (layers are extracted "
                    + "in order and the last write wins).")
        }
        if shadowed.count > maximumFindings {
            findings.append(
                LintFinding(
                    .filesShadowed, input: nil, file: nil,
                    message: "\(shadowed.count - maximumFindings) more files of earlier layers are replaced by later "
                        + "ones."))
        }
        return findings
    }
}
