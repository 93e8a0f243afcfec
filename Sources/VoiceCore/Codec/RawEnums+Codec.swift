/// Raw-value enums encode as their raw value, one byte; unknown values are refused.
extension Pipeline: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("Pipeline")
    }
}

extension ConversationState: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ConversationState")
    }
}

extension ServerErrorCode: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ServerErrorCode")
    }
}

extension ConversationTurn.Role: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ConversationTurn.Role")
    }
}

extension DisconnectReason: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("DisconnectReason")
    }
}

extension ClientTimer: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ClientTimer")
    }
}

/// `idle` is raw value 0: raw values are written as they are, not renumbered.
extension ClientState: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ClientState")
    }
}

extension ServerTimer: CanonicalCodable {
    public func encode<Sink: ByteSink>(to sink: inout Sink, audio: AudioEncoding) { sink.write(rawValue) }

    public init(from reader: inout ByteReader, audio: AudioEncoding) throws(DecodeError) {
        self = try reader.readRawEnum("ServerTimer")
    }
}
