/// JUnit XML for CI systems: one test case for each golden's replay and one for each of its
/// expectations, grouped by golden (`classname`).
extension RegressionReport {
    public var junitXML: String {
        var cases: [String] = []
        var failures = 0
        var errors = 0
        for golden in goldens {
            let replayFailure: String?
            switch golden.status {
            case .broken:
                errors += 1
                cases.append(testCase(golden.name, "replay", error: golden.problem ?? "broken"))
                continue
            case .stale:
                replayFailure = "stale: " + golden.drift.joined(separator: "\n")
            case .passed, .failed:
                replayFailure = golden.divergence.map { "diverged:\n" + $0 }
            }
            if replayFailure != nil { failures += 1 }
            cases.append(testCase(golden.name, "replay", failure: replayFailure))
            for result in golden.expectations {
                if !result.passed { failures += 1 }
                cases.append(testCase(golden.name, result.sentence, failure: result.passed ? nil : result.found))
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites>
            <testsuite name="voicesim regress" tests="\(cases.count)" failures="\(failures)" errors="\(errors)">
            \(cases.joined(separator: "\n"))
            </testsuite>
            </testsuites>

            """
    }

    private func testCase(_ golden: String, _ name: String, failure: String? = nil, error: String? = nil) -> String {
        let open = "  <testcase classname=\"golden.\(Self.escape(golden))\" name=\"\(Self.escape(name))\""
        if let failure {
            return open + ">\n    <failure message=\"\(Self.escape(String(failure.prefix(200))))\">"
                + Self.escape(failure) + "</failure>\n  </testcase>"
        }
        if let error {
            return open + ">\n    <error message=\"\(Self.escape(error))\"/>\n  </testcase>"
        }
        return open + "/>"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
