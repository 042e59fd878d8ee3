"""Issued certificates: public verification, the DID document and status list, the citizen's
certificates, and the officers' pages (progress of a decision, ZIP, revocation)."""

from django.urls import path

from certificates.issuing import views_citizen, views_officer, views_public

app_name = "issued"

urlpatterns = [
    # Public
    path("xac-minh/", views_public.verify_form, name="verify"),
    path("xac-minh/<str:code>/", views_public.verify_code, name="verify_code"),
    path(".well-known/did.json", views_public.did_json, name="did_json"),
    path("chung-nhan/trang-thai/<int:list_id>/", views_public.status_list, name="status_list"),
    # The citizen
    path("toi/chung-nhan/", views_citizen.my_certificates, name="mine"),
    # Certificates are named by their random public id, never the row number (no URL tells how
    # many exist); "missing" and "not yours" get the same 404.
    path("chung-nhan/<uuid:ref>/giay-chung-nhan.pdf", views_citizen.certificate_pdf, name="pdf"),
    path(
        "chung-nhan/<uuid:ref>/chung-chi-so.json",
        views_citizen.certificate_credential,
        name="credential",
    ),
    # Officers
    path("can-bo/chung-nhan/", views_officer.decisions, name="officer_decisions"),
    path(
        "can-bo/chung-nhan/quyet-dinh/<int:pk>/",
        views_officer.decision_progress,
        name="officer_decision",
    ),
    path(
        "can-bo/chung-nhan/quyet-dinh/<int:pk>/giay-chung-nhan.zip",
        views_officer.decision_zip,
        name="officer_decision_zip",
    ),
    path("can-bo/chung-nhan/<uuid:ref>/thu-hoi/", views_officer.revoke, name="officer_revoke"),
]
