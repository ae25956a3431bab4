"""The Telegram edge: rendering answers as HTML with buttons, handlers, inline mode, the app."""
