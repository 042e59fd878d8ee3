"""One interface for sending SMS: ``sms_send(phone=…, text=…)`` through the backend named by the
``SMS_BACKEND`` setting.

- ``LogSmsBackend`` (the default) writes each message to the ``people.sms`` log: development,
  and any site without a gateway. It is not a gateway: with it, ``SMS_GATEWAY_ENABLED`` is off,
  so nothing that depends on SMS (phone verification, reset codes by SMS) is offered.
- ``MemorySmsBackend`` keeps messages in ``outbox`` (tests, like Django's locmem email).
- A provider: subclass ``SmsBackend``, implement ``send`` (raise ``SmsError`` when the provider
  refuses), and set ``SMS_BACKEND`` to its dotted path (see README, "SMS gateway").
"""

import logging
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("people.sms")


class SmsError(Exception):
    """The provider did not accept the message."""


class SmsBackend:
    """Base class of SMS providers. ``is_gateway``: messages really reach phones."""

    is_gateway = True

    def send(self, *, phone: str, text: str) -> None:
        """Send ``text`` to ``phone`` (E.164, +84…). Raise SmsError when it was not accepted."""
        raise NotImplementedError


class LogSmsBackend(SmsBackend):
    is_gateway = False

    def send(self, *, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class MemorySmsBackend(SmsBackend):
    """Keeps what it sends in ``MemorySmsBackend.outbox`` (a list of (phone, text))."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, phone: str, text: str) -> None:
        self.outbox.append((phone, text))


@cache
def _backend(path: str) -> SmsBackend:
    return import_string(path)()


def sms_backend() -> SmsBackend:
    return _backend(settings.SMS_BACKEND)


def sms_gateway_enabled() -> bool:
    """True when SMS reach phones (a provider is configured, or SMS_GATEWAY=on says so)."""
    return bool(getattr(settings, "SMS_GATEWAY_ENABLED", False))


def sms_send(*, phone: str, text: str) -> None:
    """Send one SMS through the configured backend. Raises SmsError."""
    sms_backend().send(phone=phone, text=text)
