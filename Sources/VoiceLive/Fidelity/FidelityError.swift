/// A scenario `voicesim fidelity` cannot run live, and why.
public struct FidelityError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
