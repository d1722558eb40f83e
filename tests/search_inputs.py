"""Search text meant to break a full-text engine: operators, quotes, SQL, control characters, scripts."""

HOSTILE = ['"', '""', "NEAR(grief music, 2)", "grief*", "-grief", "(grief OR", "'; DROP TABLE note; --",
           "a AND NOT b", "^start", "col:grief", "{body tags}: x", "\x00\x01", "😀 🙂", "日本語", "ΑΒΓ", "x" * 5000,
           "grief\u0301", "\u202e", "%_", "\\", "NOT", "* * *", "+", "grief \"waves"]
