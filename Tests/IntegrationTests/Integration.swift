import Testing

/// The integration suites start real bootstraps against real servers. They run one at a time (each scenario run
/// already uses both cores through `--jobs 2`): oversubscribing the machine would turn timeouts into false verdicts.
@Suite("Integration", .serialized)
struct Integration {}
