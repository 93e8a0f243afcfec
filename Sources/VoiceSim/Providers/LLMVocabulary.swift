/// Words the simulated LLM builds its replies from: common, plain English, so replies
/// look like text in reports and their lengths behave like real ones for TTS.
public enum LLMVocabulary {
    public static let words: [String] = [
        "the", "a", "you", "can", "it", "is", "that", "and", "to", "of", "in", "for", "your", "this", "with", "on",
        "we", "be", "will", "should", "would", "could", "have", "just", "about", "from", "more", "some", "time",
        "there", "here", "then", "also", "really", "good", "great", "sure", "right", "think", "know", "want",
        "need", "help", "make", "take", "look", "find", "try", "start", "keep", "first", "next", "last", "best",
        "way", "day", "week", "today", "tomorrow", "morning", "evening", "weather", "sunny", "rain", "warm",
        "cold", "table", "dinner", "lunch", "restaurant", "booking", "reservation", "seven", "eight", "two",
        "people", "friends", "family", "place", "city", "street", "near", "quiet", "small", "little", "big",
        "plan", "idea", "question", "answer", "simple", "easy", "quick", "short", "long", "list", "note",
        "reminder", "meeting", "call", "message", "email", "book", "music", "song", "walk", "park", "coffee",
        "tea", "water", "train", "bus", "ticket", "flight", "hotel", "room", "price", "cost", "budget",
        "probably", "usually", "often", "maybe", "definitely", "nice", "happy", "glad", "option", "choice",
        "recommend", "suggest", "check", "confirm", "remember", "schedule", "open", "close", "early", "late",
        "minutes", "hours", "around", "after", "before", "between", "while", "because", "so", "if", "when",
        "what", "which", "how", "all", "each", "other", "another", "one", "something", "anything", "everything",
    ]
}
