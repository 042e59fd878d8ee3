"""Public verification: the page behind the QR code, the credential file checked offline, the
DID document, the revocation status list, and the rate limit."""

import copy
import io
import json

import pytest
from django.urls import reverse

from certificates.credentials import (
    credential_verify,
    status_list_bits,
    status_list_decode,
)
from certificates.issuing import bulk
from certificates.issuing.revocation import certificate_revoke
from certificates.issuing.verification import credential_check
from certificates.models import Certificate
from people.models import Role
from tests.certificates.test_issuing_builders import (  # noqa: F401  (fixtures)
    SITE,
    _key_dir,
    decision_make,
    issuing_settings,
    recognised,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("issuing_settings")]

CITIZEN_ID = "079190001234"
PHONE = "+84912345678"


@pytest.fixture
def issued(cu_chi, ap_trung):
    """Three issued certificates of xã Củ Chi; the first person has a citizen ID and a phone."""
    decision = decision_make(cu_chi)
    applications = recognised(
        decision,
        ap_trung,
        count=3,
        names=["Nguyễn Thị Hồng Nhung", "Trần Văn Bảy", "Lê Thị Ánh"],
        year_of_birth=1968,
    )
    first = applications[0].applicant
    first.phone = PHONE
    first.save()
    first.profile.citizen_id = CITIZEN_ID
    first.profile.save()
    bulk.decision_issue_pending(decision_id=decision.pk)
    return list(Certificate.objects.order_by("serial"))


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path, value


def _changed(document, path, value):
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return changed


def test_the_public_page_shows_the_certificate_and_no_more_personal_data(client, issued):
    certificate = issued[0]
    response = client.get(reverse("issued:verify_code", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in (
        "Nguyễn Thị Hồng Nhung",
        "Công dân học tập",
        str(certificate.cycle_year),
        "Ủy ban nhân dân xã Củ Chi",
        certificate.register_number,
        "Còn hiệu lực",
        certificate.code_display,
    ):
        assert shown in page, shown
    for hidden in (CITIZEN_ID, PHONE, PHONE[3:], "0912345678", "1968", "Ấp Trung"):
        assert hidden not in page, hidden
    assert 'name="robots" content="noindex' in page


def test_a_typed_code_is_forgiven_and_an_unknown_one_is_404(client, issued):
    code = issued[0].code
    messy = f"{code[:4].lower()}-{code[4:8]}-{code[8:]}"
    response = client.get(reverse("issued:verify_code", args=[messy]))
    assert response.status_code == 302
    assert response["Location"] == reverse("issued:verify_code", args=[code])
    response = client.post(reverse("issued:verify"), {"code": f" {messy} "})
    assert response["Location"] == reverse("issued:verify_code", args=[code])
    missing = client.get(reverse("issued:verify_code", args=["ZZZZZZZZZZZZ"]))
    assert missing.status_code == 404
    assert "Không tìm thấy giấy chứng nhận" in missing.content.decode()
    wrong = client.post(reverse("issued:verify"), {"code": "abc"})
    assert "Mã gồm 12 chữ và số" in wrong.content.decode()


def test_guessing_codes_is_stopped(client, settings, issued):
    settings.CERTIFICATE_VERIFY_MISS_RATE = 5
    for index in range(5):
        response = client.get(reverse("issued:verify_code", args=[f"{index:012d}"]))
        assert response.status_code == 404
    stopped = client.get(reverse("issued:verify_code", args=[issued[0].code]))
    assert stopped.status_code == 429
    assert "Tạm dừng tra cứu" in stopped.content.decode()
    other = client.get(reverse("issued:verify_code", args=[issued[0].code]), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 200


def test_a_hall_of_phones_behind_one_address_is_never_stopped(client, settings, issued):
    """A ceremony: hundreds of phones share one carrier NAT address and all scan valid codes.
    Only failed lookups count towards the limit."""
    settings.CERTIFICATE_VERIFY_MISS_RATE = 3
    urls = [reverse("issued:verify_code", args=[c.code]) for c in issued]
    statuses = {client.get(urls[n % 3], REMOTE_ADDR="100.64.0.1").status_code for n in range(300)}
    assert statuses == {200}
    valid_file = io.BytesIO(json.dumps(issued[1].credential).encode())
    valid_file.name = "chung-chi-so.json"
    upload = client.post(
        reverse("issued:verify"), {"credential": valid_file}, REMOTE_ADDR="100.64.0.1"
    )
    assert upload.status_code == 200
    # A typo that cannot be a code looks nothing up and costs nothing.
    assert (
        client.get(
            reverse("issued:verify_code", args=["abc"]), REMOTE_ADDR="100.64.0.1"
        ).status_code
        == 404
    )
    for n in range(3):  # wrong codes do count
        wrong = client.get(
            reverse("issued:verify_code", args=[f"{n:012d}"]), REMOTE_ADDR="100.64.0.1"
        )
        assert wrong.status_code == 404
    assert client.get(urls[0], REMOTE_ADDR="100.64.0.1").status_code == 429


def test_a_credential_file_that_fails_counts_as_a_miss(client, settings, issued):
    settings.CERTIFICATE_VERIFY_MISS_RATE = 2
    forged = _changed(
        issued[1].credential, ("credentialSubject", "identifier", 0, "identityHash"), "Kẻ Giả"
    )
    for _attempt in range(2):
        file = io.BytesIO(json.dumps(forged).encode())
        file.name = "chung-chi-so.json"
        assert client.post(reverse("issued:verify"), {"credential": file}).status_code == 200
    assert client.get(reverse("issued:verify_code", args=[issued[0].code])).status_code == 429


def test_the_credential_verifies_offline_and_fails_after_any_single_change(issued):
    from certificates.issuing.signing import did_document_current

    credential = issued[0].credential
    did = did_document_current()
    assert credential_verify(credential=credential, did_document=did)
    assert credential["credentialSubject"]["identifier"][0]["identityHash"] == issued[0].full_name
    assert credential["issuer"]["id"] == "did:web:congdanhoctap.example.vn"
    assert credential["id"] == f"{SITE}/xac-minh/{issued[0].code}/"
    assert credential["credentialStatus"]["statusListIndex"] == str(issued[0].status_index)
    leaves = list(_leaves(credential))
    assert len(leaves) > 30
    for path, value in leaves:
        if isinstance(value, str):
            replacement = value + "x" if not value.startswith("http") else value + "/x"
        elif isinstance(value, bool):
            replacement = not value
        else:
            replacement = "1"
        forged = _changed(credential, path, replacement)
        assert not credential_verify(credential=forged, did_document=did), path
        assert not credential_check(forged).valid, path


def test_uploading_the_credential_file(client, issued):
    credential = issued[1].credential

    def upload(document_bytes: bytes):
        file = io.BytesIO(document_bytes)
        file.name = "chung-chi-so.json"
        return client.post(reverse("issued:verify"), {"credential": file}).content.decode()

    page = upload(json.dumps(credential).encode())
    assert "Chứng chỉ số hợp lệ" in page and "Trần Văn Bảy" in page
    forged = _changed(credential, ("credentialSubject", "identifier", 0, "identityHash"), "Kẻ Giả")
    page = upload(json.dumps(forged).encode())
    assert "Không hợp lệ" in page and "Chữ ký số không khớp" in page
    assert "không phải chứng chỉ số" in upload(b"%PDF-1.7 not json")
    assert "Tệp quá lớn" in upload(b" " * (64 * 1024 + 1))


def test_revoking_k_flips_exactly_bit_k_in_the_served_list(
    client, issued, cu_chi, make_officer, django_capture_on_commit_callbacks
):
    from certificates.issuing.signing import did_document_current

    url = reverse("issued:status_list", args=[1])
    before = client.get(url)
    assert before.status_code == 200 and before["Access-Control-Allow-Origin"] == "*"
    before_list = before.json()
    assert credential_verify(credential=before_list, did_document=did_document_current())
    before_bits = status_list_bits(before_list["credentialSubject"]["encodedList"])
    assert status_list_decode(before_list["credentialSubject"]["encodedList"]) == set()

    target = issued[1]
    approver = make_officer(cu_chi, role=Role.COMMUNE_APPROVER)
    with django_capture_on_commit_callbacks(execute=True):  # the list is re-signed on commit
        certificate_revoke(certificate=target, by=approver, reason="Cấp nhầm người")

    after = client.get(url).json()
    assert credential_verify(credential=after, did_document=did_document_current())
    after_bits = status_list_bits(after["credentialSubject"]["encodedList"])
    flipped = [
        byte * 8 + bit
        for byte in range(len(before_bits))
        if before_bits[byte] != after_bits[byte]
        for bit in range(8)
        if (before_bits[byte] ^ after_bits[byte]) & (0x80 >> bit)
    ]
    assert flipped == [target.status_index]
    assert after["id"] == f"{SITE}/chung-nhan/trang-thai/1/"
    assert target.credential["credentialStatus"]["statusListCredential"] == after["id"]

    check = credential_check(target.credential)
    assert check.signature_ok and check.revoked and not check.valid
    assert credential_check(issued[0].credential).valid
    page = client.get(reverse("issued:verify_code", args=[target.code])).content.decode()
    assert "Đã bị thu hồi" in page and "Cấp nhầm người" in page
    assert client.get(reverse("issued:status_list", args=[2])).status_code == 404


def test_the_did_document_is_served(client, issued):
    from certificates.credentials import did_public_key
    from certificates.issuing.signing import signing_key

    response = client.get("/.well-known/did.json")
    assert response.status_code == 200
    did = response.json()
    assert did["id"] == "did:web:congdanhoctap.example.vn"
    method = issued[0].credential["proof"]["verificationMethod"]
    assert did_public_key(did, method) == signing_key().public_key()
