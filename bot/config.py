"""Settings from the environment and `.env`, with the defaults `.env.example` documents."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")
HOST_PATTERN = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*")


def _http_url(value: str, example: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in value:
        raise ValueError(f"must be an http(s) address such as {example}")
    try:
        _ = parts.port
    except ValueError:
        raise ValueError(f"has a port that is not a number from 1 to 65535: {example}") from None
    return value


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
    channel_id: int | None = Field(None, alias="FACTBOT_CHANNEL_ID")
    digest_seconds: float = Field(180.0, alias="FACTBOT_DIGEST_SECONDS", ge=0, le=86400)
    log_level: str = Field("INFO", alias="FACTBOT_LOG_LEVEL")
    log_format: Literal["text", "json"] = Field("text", alias="FACTBOT_LOG_FORMAT")
    health_port: int | None = Field(None, alias="FACTBOT_HEALTH_PORT", ge=1, le=65535)
    lock_wait: float = Field(30.0, alias="FACTBOT_LOCK_WAIT", ge=0, le=3600)

    @field_validator("admin_ids")
    @classmethod
    def _user_ids(cls, value: str) -> str:
        parts = [part for part in value.replace(" ", "").split(",") if part]
        if not all(part.isascii() and part.isdigit() for part in parts):
            raise ValueError("must be Telegram user ids separated by commas, such as 12345,67890")
        return ",".join(parts)

    @field_validator("telegram_bot_token", "webhook_secret", mode="before")
    @classmethod
    def _stripped(cls, value: object) -> object:
        """A token or secret pasted with a trailing newline or spaces still works."""
        return value.strip() if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("api_base_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        return _http_url(value.strip(), "https://api.telegram.org/bot")

    @field_validator("webhook_url")
    @classmethod
    def _webhook_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return _http_url(value.strip(), "https://bot.example.com/factbot")

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        if not SECRET_PATTERN.fullmatch(value.get_secret_value()):
            raise ValueError("must be 1 to 256 of the characters A-Z a-z 0-9 _ -")
        return value

    @field_validator("webhook_listen")
    @classmethod
    def _listen(cls, value: str) -> str:
        address = value.strip()
        try:
            ipaddress.ip_address(address)
        except ValueError:
            if not HOST_PATTERN.fullmatch(address):
                raise ValueError("must be an IP address such as 127.0.0.1 or 0.0.0.0, or a host"
                                 " name") from None
        return address

    @property
    def owner_ids(self) -> frozenset[int]:
        """The owners' Telegram user ids, from the comma-separated `FACTBOT_ADMIN_IDS`."""
        return frozenset(int(part) for part in self.admin_ids.split(",") if part)
