"""Issued certificates: numbering, PDF, signed credential, public verification, revocation.

Built on the pure libraries ``certificates.pdf`` and ``certificates.credentials``; the models
are in ``certificates.models.issued``. Modules: ``services`` (issue, resume, revoke),
``render`` (row → PDF and credential), ``signing`` (key, DID document, status list), ``codes``
(verification codes, register numbers), ``tasks`` (background work), ``receivers`` (signals),
``views_public`` / ``views_citizen`` / ``views_officer``, ``admin`` (the template snippet).
"""
