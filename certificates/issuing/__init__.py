"""Issued certificates: numbering, PDF, signed credential, public verification, revocation.

Built on the pure libraries ``certificates.pdf`` and ``certificates.credentials``; the models
are in ``certificates.models.issued``. Modules: ``services`` (issue one), ``bulk`` (a decision,
and resuming), ``revocation``, ``render`` (row → PDF and credential), ``signing`` (key, DID
document, status list), ``codes`` (verification codes, register numbers), ``verification``
(a credential file checked offline), ``tasks`` (background work), ``receivers`` (signals),
``views_public`` / ``views_citizen`` / ``views_officer``, ``admin`` (the template view set),
``demo`` (a demo step). See README.md beside this file.
"""
