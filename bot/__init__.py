"""factbot: a Telegram bot answering questions about a news story from a source-cited fact base."""
