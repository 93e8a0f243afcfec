import CSoxr

/// Sample-rate conversion of 16-bit mono audio with soxr, without dither.
///
/// soxr dithers integer output by default with random noise, so the same input gave
/// different samples on every run; `SOXR_NO_DITHER` makes the output a pure function of the
/// input (checked by `SpeechTests`).
enum Resampler {
    static func resample(_ samples: [Int16], from inputRate: Int, to outputRate: Int) throws -> [Int16] {
        guard inputRate != outputRate, !samples.isEmpty else { return samples }
        let capacity = samples.count * outputRate / inputRate + 64
        var output = [Int16](repeating: 0, count: capacity)
        var produced = 0
        var io = csoxr_int16_io_spec_no_dither()
        var quality = csoxr_high_quality()
        let error = samples.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                soxr_oneshot(
                    Double(inputRate), Double(outputRate), 1, input.baseAddress, samples.count, nil,
                    out.baseAddress, capacity, &produced, &io, &quality, nil)
            }
        }
        if let error { throw SpeechError.resamplingFailed(String(cString: error)) }
        output.removeLast(capacity - produced)
        return output
    }
}
