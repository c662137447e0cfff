/// The suite's version, recorded in every report so results can be tied to a catalogue.
public enum LambdaSpecVersion {
    public static let current = "0.1.0"
}
