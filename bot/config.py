"""Settings from the environment and `.env`, with the defaults `.env.example` documents."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    """The curated `facts/` or `seeds/` folder: beside the package in a checkout, else bundled."""
    checkout = PACKAGE_DIR.parent / name
    return checkout if checkout.is_dir() else PACKAGE_DIR / "_data" / name


class Settings(BaseSettings):
    """Every setting of factbot; each can be set as an environment variable or in `.env`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    db_path: Path = Field(Path("data/factbot.json"), alias="FACTBOT_DB_PATH")
    facts_dir: Path = Field(default_factory=lambda: _data_dir("facts"), alias="FACTBOT_FACTS_DIR")
    seeds_dir: Path = Field(default_factory=lambda: _data_dir("seeds"), alias="FACTBOT_SEEDS_DIR")
    telegram_bot_token: SecretStr | None = Field(None, alias="TELEGRAM_BOT_TOKEN")
    api_base_url: str = Field("https://api.telegram.org/bot", alias="FACTBOT_API_BASE_URL")
    webhook_url: str | None = Field(None, alias="FACTBOT_WEBHOOK_URL")
    webhook_listen: str = Field("127.0.0.1", alias="FACTBOT_WEBHOOK_LISTEN")
    webhook_port: int = Field(8443, alias="FACTBOT_WEBHOOK_PORT", ge=1, le=65535)
    webhook_secret: SecretStr | None = Field(None, alias="FACTBOT_WEBHOOK_SECRET")
    poll_timeout: int = Field(10, alias="FACTBOT_POLL_TIMEOUT", ge=0, le=50)
    admin_ids: str = Field("", alias="FACTBOT_ADMIN_IDS")
    error_chat_id: int | None = Field(None, alias="FACTBOT_ERROR_CHAT_ID")
    log_level: str = Field("INFO", alias="FACTBOT_LOG_LEVEL")
    lock_wait: float = Field(30.0, alias="FACTBOT_LOCK_WAIT", ge=0, le=3600)

    @field_validator("admin_ids")
    @classmethod
    def _user_ids(cls, value: str) -> str:
        parts = [part for part in value.replace(" ", "").split(",") if part]
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise ValueError("must be Telegram user ids separated by commas, such as 12345,67890")
        return ",".join(parts)

    @property
    def owner_ids(self) -> frozenset[int]:
        """The owners' Telegram user ids, from the comma-separated `FACTBOT_ADMIN_IDS`."""
        return frozenset(int(part) for part in self.admin_ids.split(",") if part)
