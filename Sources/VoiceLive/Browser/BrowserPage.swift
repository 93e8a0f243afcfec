import Foundation

/// The browser client page `voicesim serve` serves at `/`: static HTML and JavaScript compiled
/// into the binary (so `swift run` on a fresh clone serves it, with no resource bundle).
///
/// The JavaScript ports the client half of the voice core (`ClientAgent` and its VAD, backoff,
/// replay buffer and the `WireFrame` codec); the page's runtime only carries out the agent's
/// actions. The Swift core is the specification: the self-test page runs vectors the Swift
/// tests generate through the port, and the tests compare bytes, decisions and actions.
package enum BrowserPage {
    /// The client page. Query: `token` (required by the server), `phrase` (repeatable: what the
    /// user will say, for the local STT stand-in), `user`, `seed` (backoff jitter), `aec=0`
    /// (no echo cancellation), `autorun=1&seconds=N` (call at load, hang up after N seconds,
    /// POST the results to `/browser/results`) and `hold=1` (delay the load event until then).
    package static var html: String {
        pageTemplate
            .replacingFirst("/*WIRE*/", with: wireScript)
            .replacingFirst("/*CORE*/", with: coreScript)
            .replacingFirst("/*APP*/", with: appScript)
    }

    /// The AudioWorklet module the page loads.
    package static var worklets: String { workletsScript }

    /// A page that runs `vectorsJSON` through the page's codec, VAD, backoff and agent when it
    /// loads, and writes the outputs, as base64 of UTF-8 JSON, into `<pre id="selftest">`.
    package static func selfTest(vectorsJSON: String) -> String {
        """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>VoiceSim browser self-test</title></head>
        <body><pre id="selftest"></pre>
        <script>
        window.VOICESIM_VECTORS = \(vectorsJSON);
        </script>
        <script>
        \(wireScript)
        \(coreScript)
        \(selfTestScript)
        const output = JSON.stringify(SelfTest.run(window.VOICESIM_VECTORS), (k, v) => typeof v === 'bigint' ? v.toString() : v);
        const utf8 = new TextEncoder().encode(output);
        let binary = '';
        for (const byte of utf8) binary += String.fromCharCode(byte);
        document.getElementById('selftest').textContent = btoa(binary);
        </script>
        </body></html>
        """
    }
}

extension String {
    /// `self` with the first `marker` replaced (the scripts contain no markers of their own).
    fileprivate func replacingFirst(_ marker: String, with replacement: String) -> String {
        guard let range = range(of: marker) else { preconditionFailure("page template lacks \(marker)") }
        return replacingCharacters(in: range, with: replacement)
    }
}
