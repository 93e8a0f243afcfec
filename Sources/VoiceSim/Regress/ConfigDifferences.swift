/// Field-by-field differences between two values of one type, by reflection: for notes such as
/// "lane 0 client.vad.thresholdEnergy: 490000 → 1960000". Reports only; never decisions.
enum ConfigDifferences {
    static func list(_ old: Any, _ new: Any, path: String = "", depthMax: Int = 6) -> [String] {
        let left = Mirror(reflecting: old)
        let right = Mirror(reflecting: new)
        let leftChildren = Array(left.children)
        let rightChildren = Array(right.children)
        let isLeaf = leftChildren.isEmpty || depthMax == 0 || left.displayStyle == .enum
            || leftChildren.count != rightChildren.count
        if isLeaf {
            let (a, b) = (String(describing: old), String(describing: new))
            return a == b ? [] : ["\(path.isEmpty ? "value" : path): \(a) → \(b)"]
        }
        var differences: [String] = []
        for (index, child) in leftChildren.enumerated() {
            let label = child.label ?? "[\(index)]"
            differences += list(child.value, rightChildren[index].value, path: path.isEmpty ? label : "\(path).\(label)",
                                depthMax: depthMax - 1)
        }
        return differences
    }
}
