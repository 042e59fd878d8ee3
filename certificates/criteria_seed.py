"""The four seeded criteria sets (one per occupation group), loaded by a data migration.

The structure (3 criteria, 10 indicators, 10 points each, pass at 80 with no indicator under 5,
70 in remote areas) follows the domain guide; the wording of each indicator is ours, written for
each occupation group from that structure, to be checked against the issuer's own text and
corrected through a new version in the admin. The fourth group's name is not confirmed yet.

``criteria_sets_seed`` takes the model classes so that migrations can pass historical models;
it is idempotent (a family that already has a version is left alone).
"""

from datetime import date

ISSUER = "Hội Khuyến học Việt Nam"
DECISION = "324/QĐ-KHVN"
VALID_FROM = date(2023, 1, 1)
NOTES = (
    "Nội dung chỉ số do nhóm phát triển viết theo cấu trúc 3 tiêu chí, 10 chỉ số; cần đối chiếu "
    "với văn bản gốc và sửa bằng phiên bản mới nếu khác."
)

CRITERIA = {
    1: "Năng lực tự học và học tập suốt đời",
    2: "Năng lực sử dụng các công cụ tương tác",
    3: "Năng lực xây dựng và duy trì các mối quan hệ xã hội",
}
# Indicator number → criterion number.
CRITERION_OF = {1: 1, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3}
DIGITAL_SKILLS = 5

GUIDANCE = {
    1: "Kể tên sách, báo, chương trình, trang tin bạn hay theo dõi; ảnh sổ ghi chép (nếu có).",
    2: "Kế hoạch học tập tự viết, giấy chứng nhận lớp học, lớp tập huấn, bồi dưỡng.",
    3: "Ảnh buổi sinh hoạt, thẻ thư viện, danh sách tham dự, xác nhận của ban điều hành ấp.",
    4: "Người thân, bạn bè được bạn rủ đi học; danh hiệu Gia đình học tập (nếu có).",
    5: "Hồ sơ năng lực số và các khóa kỹ năng số đã hoàn thành trên nền tảng này được tự "
    "động đính kèm; có thể thêm chứng chỉ tin học.",
    6: "Chứng chỉ ngoại ngữ, tiếng dân tộc, hoặc ví dụ việc bạn dùng ngoại ngữ khi làm việc.",
    7: "Sổ ghi chép thu chi, bảng tính toán chi phí, định mức công việc.",
    8: "Ví dụ một việc bạn đã cân nhắc đúng sai trước khi làm, hoặc một góp ý đã được ghi nhận.",
    9: "Xác nhận của ban điều hành ấp, tổ dân phố hoặc cơ quan; khen thưởng (nếu có).",
    10: "Ảnh hoạt động tập thể, tổ hợp tác, câu lạc bộ, hoạt động thiện nguyện.",
}

# occupation group code → (family, name, indicator texts 1..10)
VARIANTS = {
    "farmers": (
        "cdht-nong-dan",
        "Bộ tiêu chí Công dân học tập — Nông dân, lao động nông thôn",
        [
            "Thường xuyên cập nhật thông tin qua sách, báo, đài, ti vi, điện thoại về thời tiết, "
            "giá cả, kỹ thuật trồng trọt, chăn nuôi.",
            "Có kế hoạch học tập gắn với sản xuất của gia đình: học kỹ thuật mới, tham gia lớp "
            "tập huấn khuyến nông.",
            "Tham gia sinh hoạt học tập ở cộng đồng: nhà văn hóa ấp, thư viện, câu lạc bộ, tổ hợp "
            "tác, buổi nói chuyện chuyên đề.",
            "Động viên người trong gia đình và bà con lối xóm cùng học tập.",
            "Sử dụng điện thoại thông minh, máy tính để tra cứu thông tin, liên lạc, mua bán, "
            "thanh toán phục vụ sản xuất và đời sống.",
            "Biết một số từ, câu ngoại ngữ hoặc tiếng dân tộc thông dụng khi cần: đọc nhãn thuốc, "
            "bao bì vật tư, giao tiếp với khách.",
            "Biết tính toán chi phí, thu nhập, lỗ lãi; ghi chép sổ sách sản xuất của gia đình.",
            "Biết suy nghĩ, phân biệt đúng sai, tin thật tin giả trước khi làm theo; chọn cách "
            "làm ăn phù hợp.",
            "Sống hòa thuận với gia đình, làng xóm; góp phần hòa giải mâu thuẫn ở cộng đồng.",
            "Hợp tác, chia sẻ kinh nghiệm sản xuất, giúp đỡ bà con; tham gia tổ hợp tác, hợp tác "
            "xã, phong trào của ấp.",
        ],
    ),
    "workers": (
        "cdht-cong-nhan",
        "Bộ tiêu chí Công dân học tập — Công nhân, người lao động, thợ thủ công",
        [
            "Thường xuyên cập nhật thông tin qua sách, báo, đài, ti vi, máy tính, điện thoại về "
            "nghề nghiệp và chính sách lao động.",
            "Có kế hoạch học tập nâng cao tay nghề gắn với công việc: học nghề, thi nâng bậc, học "
            "văn hóa.",
            "Tham gia học tập ở cộng đồng và nơi làm việc: thư viện, câu lạc bộ, tọa đàm, sinh "
            "hoạt công đoàn.",
            "Động viên gia đình, đồng nghiệp cùng học tập, nâng cao tay nghề.",
            "Sử dụng máy tính, điện thoại thông minh, thiết bị số theo yêu cầu công việc: tra cứu, "
            "liên lạc, an toàn lao động, thanh toán.",
            "Sử dụng ngoại ngữ ở mức công việc đòi hỏi: đọc hướng dẫn máy móc, giao tiếp với "
            "chuyên gia, khách hàng.",
            "Vận dụng kiến thức tính toán trong công việc: định mức, năng suất, tiền công, chi "
            "tiêu gia đình.",
            "Suy nghĩ thấu đáo, phân biệt đúng sai trong công việc và đời sống; đề xuất cải tiến.",
            "Quan hệ thân thiện với đồng nghiệp, hàng xóm; biết hòa giải mâu thuẫn.",
            "Hợp tác, chia sẻ kinh nghiệm với đồng nghiệp; tham gia hoạt động công đoàn và cộng "
            "đồng.",
        ],
    ),
    "officials": (
        "cdht-can-bo",
        "Bộ tiêu chí Công dân học tập — Cán bộ, công chức, viên chức, doanh nhân, người có "
        "trình độ chuyên môn",
        [
            "Thường xuyên cập nhật thông tin, kiến thức chuyên môn qua sách, báo, tạp chí, truyền "
            "hình, internet.",
            "Có kế hoạch học tập, bồi dưỡng gắn với nhiệm vụ, vị trí việc làm hoặc hoạt động "
            "kinh doanh.",
            "Tham gia hoạt động học tập ở cơ quan, đơn vị và cộng đồng: thư viện, câu lạc bộ, hội "
            "thảo, tọa đàm.",
            "Động viên, giúp đỡ gia đình, đồng nghiệp, nhân viên học tập; góp phần xây dựng đơn "
            "vị học tập.",
            "Sử dụng công nghệ thông tin theo yêu cầu công việc: soạn văn bản, bảng tính, thư "
            "điện tử, dịch vụ công trực tuyến, phần mềm chuyên môn.",
            "Sử dụng ngoại ngữ theo yêu cầu của vị trí việc làm hoặc công việc kinh doanh.",
            "Vận dụng kiến thức toán học, số liệu thống kê, tài chính trong công việc.",
            "Có tư duy phản biện: phân tích, đánh giá vấn đề trong công việc và đời sống xã hội; "
            "đề xuất giải pháp.",
            "Xây dựng quan hệ thân thiện, cởi mở; biết lắng nghe và hóa giải mâu thuẫn trong cơ "
            "quan, cộng đồng.",
            "Hợp tác, chia sẻ, hỗ trợ đồng nghiệp và cộng đồng; tham gia hoạt động xã hội, khuyến "
            "học.",
        ],
    ),
    "other": (
        "cdht-khac",
        "Bộ tiêu chí Công dân học tập — Khác",
        [
            "Thường xuyên cập nhật thông tin qua sách, báo, đài, ti vi, máy tính và điện thoại.",
            "Có kế hoạch học tập gắn với công việc hoặc các chương trình của địa phương.",
            "Tham gia học tập ở cộng đồng: nhà văn hóa, thư viện, câu lạc bộ, buổi nói chuyện "
            "chuyên đề.",
            "Động viên gia đình, người thân, đồng nghiệp cùng học tập.",
            "Sử dụng công nghệ thông tin theo yêu cầu của công việc và đời sống.",
            "Sử dụng ngoại ngữ hoặc tiếng dân tộc theo yêu cầu của công việc và đời sống.",
            "Vận dụng kiến thức tính toán trong công việc và cuộc sống hằng ngày.",
            "Biết suy nghĩ, phân tích, phân biệt đúng sai trong công việc và đời sống xã hội.",
            "Có quan hệ thân thiện với mọi người, góp phần hóa giải mâu thuẫn.",
            "Hợp tác, chia sẻ với đồng nghiệp và cộng đồng.",
        ],
    ),
}


def criteria_sets_seed(*, CriteriaSet, Criterion, Indicator, OccupationGroup) -> int:
    """Create version 1 of each seeded family whose occupation group exists. Returns how many
    sets were created (0 when they are all there already)."""
    created = 0
    for group_code, (family, name, texts) in VARIANTS.items():
        group = OccupationGroup.objects.filter(code=group_code).first()
        if group is None or CriteriaSet.objects.filter(family=family).exists():
            continue
        criteria_set = CriteriaSet.objects.create(
            family=family,
            version=1,
            name=name,
            issuer=ISSUER,
            decision_reference=DECISION,
            valid_from=VALID_FROM,
            occupation_group=group,
            notes=NOTES,
        )
        Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, number=number, title=title)
            for number, title in CRITERIA.items()
        )
        Indicator.objects.bulk_create(
            Indicator(
                criteria_set=criteria_set,
                number=number,
                criterion_number=CRITERION_OF[number],
                text=text,
                max_points=10,
                evidence_guidance=GUIDANCE[number],
                is_digital_skills=number == DIGITAL_SKILLS,
            )
            for number, text in enumerate(texts, start=1)
        )
        created += 1
    return created
