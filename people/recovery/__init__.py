"""Forgotten passwords: a reset code by SMS (when a gateway exists), or one an officer of the
person's area hands over in person; the person then enters phone + code and a new password."""
