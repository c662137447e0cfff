import ConformanceModel
import Foundation
import LambdaSandbox
import ScenarioEngine
import Testing

extension Integration {
    /// The other half of "verdicts true both ways": runtimes with the wire habits of AWS's own clients are correct,
    /// so they must pass every MUST scenario and warn only where they really skip a SHOULD.
    @Suite("Correct variants never fail a MUST", .timeLimit(.minutes(10)))
    struct CorrectVariantTests {
        struct Variant: Decodable {
            var mayWarn: [String]
        }

        static let folder = PackagePaths.root.appendingPathComponent("Tests/CorrectVariants")
        static let names = ["go-style", "python-style", "swift-style", "cpp-style"]

        @Test(
            "a runtime with an AWS client's wire habits passes every MUST and warns only where expected",
            arguments: names)
        func variantPasses(name: String) async throws {
            let path = Self.folder.appendingPathComponent(name).path
            let variant = try JSONDecoder().decode(
                Variant.self,
                from: Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent("variant.json"))
            )
            var subject = try Subject.load(functionPath: path, handler: nil)
            // Lambda's view wherever this machine allows it, as `run` does by default.
            _ = try subject.prepare(isolation: IsolationProbe.resolve(.auto).0)
            let scenarios = try ScenarioCatalogue.load(directory: PackagePaths.catalogue)
            let results = await CatalogueRunner(subject: subject, jobs: 2).run(scenarios)
            for result in results {
                #expect(
                    result.status != .failed && result.status != .error,
                    "\(name): \(result.id) is \(result.status.rawValue): \(result.message)"
                )
            }
            let warned = results.filter { $0.status == .warning }.map(\.id).sorted()
            #expect(warned == variant.mayWarn.sorted(), "\(name) warned on \(warned)")
        }
    }
}
