"""Notices to people through one interface: ``notification_send`` (site inbox "Thông báo",
email when the person has an address, SMS through ``people.notifications.sms`` when a gateway
is configured). Each notice is sent once per idempotency key."""
