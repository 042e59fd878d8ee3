"""Benchmark: certificates — time to render one certificate PDF, and to sign (and verify) one
Open Badges credential, on this machine.

Standalone: ``.venv/bin/python bench/certificates_render.py [COUNT]`` (``make bench`` runs it
too; COUNT defaults to 200). Pure libraries only: no Django, no database, no network. Each
certificate has its own name, register number and verification URL, so nothing is served from
a cache; the first of each kind (font registration, context loading) is timed apart as warm-up.
"""

import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from certificates.credentials import (  # noqa: E402 - after the path set-up above
    Achievement,
    Evidence,
    Issuer,
    credential_build,
    credential_sign,
    credential_verify,
    did_document,
    did_web,
    key_generate,
    status_entry,
    verification_method_id,
)
from certificates.pdf import TemplateSettings, certificate_pdf_render  # noqa: E402
from certificates.pdf.sample import sample_data  # noqa: E402

HOST = "congdanhoctap.example.vn"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi"]
GIVEN = ["Thị Hồng Nhung", "Văn Bảy", "Minh Khôi", "Ngọc Ánh", "Quốc Việt", "Thu Hằng"]


def person(index: int) -> str:
    return f"{FAMILY[index % len(FAMILY)]} {GIVEN[index % len(GIVEN)]} {index}"


def summary(label: str, timings: list[float], warm_up: float) -> None:
    ordered = sorted(timings)
    median = statistics.median(ordered)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{label:<26} median {median * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
        f"first {warm_up * 1000:7.1f} ms   {1 / median:7.1f} certificates/s (one core)"
    )


def bench_pdf(count: int) -> None:
    template = TemplateSettings()
    base = sample_data()
    datas = [
        sample_data(
            full_name=person(index),
            register_number=f"CDHT-2025-27553-{index:06d}",
            verification_url=f"https://{HOST}/xac-minh/{index:08X}",
            short_code=f"{index:08X}",
            seal_png=base.seal_png,
            signature_png=base.signature_png,
        )
        for index in range(count + 1)
    ]
    started = time.perf_counter()
    size = len(certificate_pdf_render(data=datas[0], template=template))
    warm_up = time.perf_counter() - started
    timings = []
    for data in datas[1:]:
        started = time.perf_counter()
        size = len(certificate_pdf_render(data=data, template=template))
        timings.append(time.perf_counter() - started)
    summary("PDF render", timings, warm_up)
    print(f"{'':<26} {size / 1024:.0f} KiB per certificate (seal and signature included)")


def bench_credentials(count: int) -> None:
    key = key_generate()
    method = verification_method_id(host=HOST)
    did = did_document(host=HOST, public_key=key.public_key())
    issuer = Issuer(id=did_web(HOST), name="Ủy ban nhân dân xã Củ Chi")
    achievement = Achievement(
        id=f"https://{HOST}/danh-hieu/cong-dan-hoc-tap/27553/2025",
        name="Công dân học tập năm 2025",
        description="Danh hiệu Công dân học tập của xã Củ Chi, năm 2025.",
        criteria_narrative="Đạt các tiêu chí công nhận Công dân học tập cấp xã.",
    )
    unsigned = [
        credential_build(
            credential_id=f"https://{HOST}/xac-minh/{index:08X}",
            issuer=issuer,
            achievement=achievement,
            subject_name=person(index),
            valid_from=datetime(2025, 11, 20, tzinfo=UTC),
            description=f"Số vào sổ: CDHT-2025-27553-{index:06d}",
            evidence=[Evidence(name="Quyết định số 123/QĐ-UBND ngày 15 tháng 11 năm 2025")],
            credential_status=status_entry(status_list_url=f"https://{HOST}/tt/1", index=index),
        )
        for index in range(count + 1)
    ]
    started = time.perf_counter()
    credential_sign(credential=unsigned[0], private_key=key, verification_method=method)
    warm_up = time.perf_counter() - started
    signed, timings = [], []
    for credential in unsigned[1:]:
        started = time.perf_counter()
        signed.append(
            credential_sign(credential=credential, private_key=key, verification_method=method)
        )
        timings.append(time.perf_counter() - started)
    summary("credential sign", timings, warm_up)
    timings = []
    for credential in signed:
        started = time.perf_counter()
        assert credential_verify(credential=credential, did_document=did)
        timings.append(time.perf_counter() - started)
    summary("credential verify", timings, 0.0)


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"Certificates: {count} of each, timed one by one on one core.")
    bench_pdf(count)
    bench_credentials(count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
