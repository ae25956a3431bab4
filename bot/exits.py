"""The exit codes of the `factbot` command, one per kind of fault (README lists them)."""

OK = 0
PROBLEM = 1
"""A command failed: refused or unknown input, curated files with problems, a damaged database."""
USAGE = 2
"""Bad arguments or settings (the environment or `.env`)."""
BUSY = 3
"""Another process holds the database and cannot take the command."""
WRITE_REFUSED = 4
"""The storage refused a write: disk full, read-only, no permission. Nothing was written."""
PORT_UNAVAILABLE = 5
"""The webhook cannot listen on its address and port (busy, or not this machine's)."""
API_UNREACHABLE = 6
"""The Bot API cannot be reached at `FACTBOT_API_BASE_URL`."""
TOKEN_REFUSED = 7
"""The Bot API refused the token."""
