"""Demo courses: the catalogue "Khóa học" under the home page and two short courses.

Idempotent: pages are found by slug under their parent and only get a new revision when their
content differs from what is written here, so running the loader twice changes nothing. Every
StreamField block (and every list item inside a quiz) has a stable id derived from a fixed key,
so activity ids — and the xAPI activity IRIs made from them — survive re-runs.

Blocks in a lesson that this loader did not write (an H5P activity attached later by another
loader or by an editor) are kept, in the lesson's ``ACTIVITY_SLOT``. To add such a block from
code, return it from ``lesson_extra_blocks`` (raw form, with a stable id from ``block_id``).
"""

import json
import re
import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from cms.models import HomePage
from courses.models import (
    Competence,
    CourseCompetence,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ModulePage,
)

FRAMEWORK = "tt02-2025"
BLOCK_NAMESPACE = uuid.UUID("5b0f3c52-8f0e-4d8a-9d57-2f6c1e0a7c11")

# The lesson that will also hold an interactive H5P activity (attached later).
SCAM_LESSON = "ky-nang-so/nhan-biet-lua-dao"
# Where a lesson's extra blocks go (kept blocks, then ``lesson_extra_blocks``).
ACTIVITY_SLOT = object()


def block_id(key: str) -> str:
    """A stable block id: the same key always gives the same id."""
    return str(uuid.uuid5(BLOCK_NAMESPACE, key))


def lesson_extra_blocks(lesson_key: str) -> list[dict]:
    """Raw blocks added at a lesson's ACTIVITY_SLOT. In development, where the shared test
    fixtures sit beside the project (../shared/fixtures/h5p), the scam lesson also gets the
    TrueFalse fixture as an H5P activity; without them the demo is complete as it is."""
    if lesson_key != SCAM_LESSON:
        return []
    activity = _fixture_h5p_activity()
    if activity is None:
        return []
    return [
        {
            "type": "h5p",
            "value": {"activity": activity.pk, "required": False, "pass_mark": None,
                      "competences": [], "grading": "best", "allow_unverified": False},
            "id": block_id(f"{lesson_key}/h5p"),
        }
    ]  # fmt: skip


FIXTURE_H5P = settings.BASE_DIR.parent / "shared" / "fixtures" / "h5p" / "truefalse-hello.h5p"
FIXTURE_TITLE = "Hoạt động H5P thử (Đúng/Sai) — chỉ có khi phát triển"


def _fixture_h5p_activity():
    from courses.h5p.services import h5p_package_ingest
    from courses.models import H5PActivity

    if not FIXTURE_H5P.exists():
        return None
    activity = H5PActivity.objects.filter(title=FIXTURE_TITLE).first()
    if activity is None:
        package = h5p_package_ingest(file=FIXTURE_H5P.read_bytes(), uploaded_by=None)
        # The fixture is titled "Hello World" in its h5p.json; our editors' uploads are Vietnamese.
        package.title = FIXTURE_TITLE
        package.save(update_fields=["title"])
        activity = H5PActivity.objects.create(title=FIXTURE_TITLE, package=package, pass_mark=100)
    return activity


# ---------------------------------------------------------------------------------------------
# Raw StreamField values


def _html(source: str) -> str:
    """Rich text written over several lines → one line, no whitespace between tags."""
    return re.sub(r">\s+<", "><", " ".join(source.split()))


def _text(key: str, source: str) -> dict:
    return {"type": "text", "value": _html(source), "id": block_id(key)}


def _item(key: str, value) -> dict:
    return {"type": "item", "value": value, "id": block_id(key)}


def _option(text: str, feedback: str, correct: bool = False) -> tuple:
    return (text, correct, feedback)


def _choice(kind, prompt, options, correct="", incorrect="") -> dict:
    return {
        "kind": kind,
        "prompt": prompt,
        "options": options,
        "true_false_answer": "",
        "feedback_correct": correct,
        "feedback_incorrect": incorrect,
    }


def single(prompt: str, *options: tuple, correct: str = "", incorrect: str = "") -> dict:
    return _choice("single", prompt, options, correct, incorrect)


def multiple(prompt: str, *options: tuple, correct: str = "", incorrect: str = "") -> dict:
    return _choice("multiple", prompt, options, correct, incorrect)


def true_false(prompt: str, answer: bool, *, correct: str, incorrect: str) -> dict:
    question = _choice("true_false", prompt, (), correct, incorrect)
    question["true_false_answer"] = "true" if answer else "false"
    return question


def _quiz(key, *, title, intro, questions, competences, competence_ids) -> dict:
    raw_questions = []
    for q_index, question in enumerate(questions):
        q_key = f"{key}/q{q_index}"
        options = [
            _item(f"{q_key}/o{o_index}", {"text": text, "is_correct": ok, "feedback": feedback})
            for o_index, (text, ok, feedback) in enumerate(question["options"])
        ]
        raw_questions.append(_item(q_key, {**question, "options": options}))
    targets = [
        _item(f"{key}/c/{code}", {"competence": competence_ids[code], "level": level})
        for code, level in competences
    ]
    value = {
        "title": title,
        "intro": intro,
        "questions": raw_questions,
        "pass_mark": 80,
        "required": True,
        "grading": "best",
        "allow_unverified": False,
        "competences": targets,
    }
    return {"type": "quiz", "value": value, "id": block_id(key)}


# ---------------------------------------------------------------------------------------------
# Course 1: Hiểu đúng về Công dân học tập


def _criteria_course() -> dict:
    return {
        "slug": "hieu-dung-ve-cong-dan-hoc-tap",
        "title": "Hiểu đúng về Công dân học tập",
        "track": "criteria",
        "level": "basic",
        "estimated_minutes": 45,
        "summary": (
            "Danh hiệu “Công dân học tập” là gì, gồm những tiêu chí nào, đăng ký và tự đánh giá "
            "ra sao, ai xét công nhận và vào lúc nào. Bốn bài ngắn, học trên điện thoại."
        ),
        "outcomes": _html(
            """<ul>
            <li>Biết danh hiệu “Công dân học tập” là gì và vì sao nên tham gia.</li>
            <li>Nắm được 3 tiêu chí, 10 chỉ số và khi nào thì đạt.</li>
            <li>Tự đánh giá đúng sức mình và chuẩn bị minh chứng cho từng chỉ số.</li>
            <li>Biết hồ sơ đi qua những ai và các mốc thời gian trong năm.</li>
            </ul>"""
        ),
        "audience": (
            "Người dân muốn đăng ký danh hiệu “Công dân học tập”.\n"
            "Cán bộ, hội viên Hội Khuyến học cần hướng dẫn bà con.\n"
            "Cán bộ, công chức, người lao động trong các đơn vị học tập."
        ),
        "competences": [("2.3", 1)],
        "modules": [
            {
                "slug": "danh-hieu-va-bo-tieu-chi",
                "title": "Danh hiệu và bộ tiêu chí",
                "summary": "Danh hiệu “Công dân học tập” là gì; 3 tiêu chí, 10 chỉ số, 100 điểm.",
                "lessons": [
                    {
                        "key": "tieu-chi/cong-dan-hoc-tap-la-gi",
                        "slug": "cong-dan-hoc-tap-la-gi",
                        "title": "Công dân học tập là gì?",
                        "minutes": 8,
                        "content": [("text", LESSON_WHAT_IS)],
                    },
                    {
                        "key": "tieu-chi/3-tieu-chi-10-chi-so",
                        "slug": "3-tieu-chi-10-chi-so",
                        "title": "3 tiêu chí, 10 chỉ số",
                        "minutes": 12,
                        "content": [("text", LESSON_CRITERIA), ("quiz", QUIZ_CRITERIA)],
                    },
                ],
            },
            {
                "slug": "dang-ky-va-xet-cong-nhan",
                "title": "Đăng ký, tự đánh giá và xét công nhận",
                "summary": "Các bước đăng ký, minh chứng, ai xét hồ sơ và lịch trong năm.",
                "lessons": [
                    {
                        "key": "tieu-chi/dang-ky-va-tu-danh-gia",
                        "slug": "dang-ky-va-tu-danh-gia",
                        "title": "Đăng ký và tự đánh giá có minh chứng",
                        "minutes": 12,
                        "content": [("text", LESSON_REGISTER)],
                    },
                    {
                        "key": "tieu-chi/ai-xet-va-khi-nao",
                        "slug": "ai-xet-va-khi-nao",
                        "title": "Ai xét công nhận và khi nào?",
                        "minutes": 10,
                        "content": [("text", LESSON_REVIEW), ("quiz", QUIZ_REVIEW)],
                    },
                ],
            },
        ],
    }


LESSON_WHAT_IS = """
<p>“Công dân học tập” là danh hiệu dành cho người chịu khó học hỏi: học qua sách báo, qua
điện thoại, qua lớp học ở ấp, học từ người thân và đồng nghiệp. Học để làm việc tốt hơn, sống tốt
hơn và giúp được người xung quanh.</p>
<h2>Vì sao có danh hiệu này?</h2>
<p>Ngày 03/6/2022, Thủ tướng Chính phủ ban hành Quyết định số 677/QĐ-TTg, phê duyệt Đề án
“Xây dựng mô hình Công dân học tập giai đoạn 2021–2030”. Đề án khuyến khích mọi người học tập
suốt đời, góp phần xây dựng xã hội học tập.</p>
<p>Bộ tiêu chí để xét danh hiệu do <b>Hội Khuyến học Việt Nam</b> ban hành. Hội Khuyến học các cấp
hướng dẫn và đánh giá; <b>Ủy ban nhân dân xã</b> thẩm định và công nhận.</p>
<h2>Tham gia để làm gì?</h2>
<ul>
<li>Bạn nhìn lại việc học của mình và biết mình nên học thêm gì.</li>
<li>Việc học của bạn được ghi nhận bằng quyết định công nhận của xã.</li>
<li>Bạn góp phần xây dựng Gia đình học tập, Dòng họ học tập, Cộng đồng học tập và Đơn vị học
tập nơi mình sống, làm việc.</li>
</ul>
<h2>Ai tham gia được?</h2>
<p>Mọi người dân đều có thể tham gia: người làm nông, công nhân, thợ thủ công, cán bộ, công chức,
người kinh doanh… Mỗi nhóm đối tượng có phiếu tự đánh giá riêng, lời lẽ gần với công việc của
mình, nhưng đều gồm cùng 10 chỉ số.</p>
<p><b>Ghi nhớ:</b> danh hiệu không xét bằng cấp. Điều được xem xét là bạn có học thường xuyên và
đem điều đã học vào cuộc sống hay không.</p>
"""

LESSON_CRITERIA = """
<p>Bộ tiêu chí có <b>3 tiêu chí</b>, chia thành <b>10 chỉ số</b>. Mỗi chỉ số tối đa 10 điểm. Cả bộ
là 100 điểm.</p>
<h2>Tiêu chí 1. Năng lực tự học và học tập suốt đời</h2>
<ul>
<li><b>Chỉ số 1.</b> Thường xuyên cập nhật thông tin qua sách, báo, truyền hình, máy tính, điện
thoại.</li>
<li><b>Chỉ số 2.</b> Có kế hoạch học tập gắn với công việc, với các chương trình, phong trào mình
tham gia.</li>
<li><b>Chỉ số 3.</b> Tham gia học tập ở cộng đồng: nhà văn hóa, thư viện, câu lạc bộ, buổi sinh
hoạt chuyên đề.</li>
<li><b>Chỉ số 4.</b> Động viên người trong gia đình và đồng nghiệp cùng học.</li>
</ul>
<h2>Tiêu chí 2. Năng lực sử dụng công cụ tương tác</h2>
<ul>
<li><b>Chỉ số 5.</b> Sử dụng công nghệ thông tin theo yêu cầu công việc. Đây là chỉ số về
<b>kỹ năng số</b>.</li>
<li><b>Chỉ số 6.</b> Sử dụng ngoại ngữ theo yêu cầu công việc.</li>
<li><b>Chỉ số 7.</b> Biết tính toán, vận dụng vào công việc.</li>
<li><b>Chỉ số 8.</b> Biết suy xét, phân biệt đúng sai trong công việc và đời sống (tư duy phản
biện).</li>
</ul>
<h2>Tiêu chí 3. Năng lực xây dựng và duy trì các mối quan hệ xã hội</h2>
<ul>
<li><b>Chỉ số 9.</b> Giữ quan hệ thân thiện, biết hóa giải mâu thuẫn.</li>
<li><b>Chỉ số 10.</b> Hợp tác, chia sẻ với đồng nghiệp và cộng đồng.</li>
</ul>
<h2>Thế nào là đạt?</h2>
<p>Bạn đạt khi có <b>đủ cả hai điều</b>:</p>
<ol>
<li>Tổng điểm từ <b>80</b> trở lên (trên 100 điểm);</li>
<li>Không có chỉ số nào <b>dưới 5 điểm</b>.</li>
</ol>
<p>Ví dụ: chú Mười được 85 điểm, nhưng chỉ số 6 (ngoại ngữ) chỉ được 4 điểm. Chú <b>chưa đạt</b>,
vì có một chỉ số dưới 5. Anh Khôi được 80 điểm, chỉ số thấp nhất của anh là 6 điểm. Anh
<b>đạt</b>.</p>
<p>Ở một số vùng khó khăn, vùng đồng bào dân tộc thiểu số, mức tổng điểm có thể thấp hơn. Hãy hỏi
Hội Khuyến học xã để biết mức áp dụng ở nơi bạn ở.</p>
<p><b>Ghi nhớ:</b> các khóa học kỹ năng số trên trang này giúp bạn nâng chỉ số 5 và có thêm minh
chứng khi tự đánh giá.</p>
"""

QUIZ_CRITERIA = {
    "title": "Ôn tập: danh hiệu và bộ tiêu chí",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [],
    "questions": [
        single(
            "Bộ tiêu chí “Công dân học tập” có bao nhiêu tiêu chí và bao nhiêu chỉ số?",
            _option(
                "3 tiêu chí, 10 chỉ số",
                "3 tiêu chí chia thành 10 chỉ số, mỗi chỉ số tối đa 10 điểm.",
                correct=True,
            ),
            _option("5 tiêu chí, 20 chỉ số", "Bộ tiêu chí chỉ có 3 tiêu chí, 10 chỉ số."),
            _option(
                "10 tiêu chí, 3 chỉ số",
                "Bạn đang đảo ngược hai con số: 3 tiêu chí, 10 chỉ số.",
            ),
        ),
        single(
            "Cô Hạnh được tổng 86 điểm, nhưng chỉ số 7 (tính toán) chỉ được 4 điểm. Cô có đạt "
            "không?",
            _option(
                "Đạt, vì tổng điểm trên 80",
                "Tổng điểm đủ, nhưng còn điều kiện thứ hai: không chỉ số nào dưới 5.",
            ),
            _option(
                "Chưa đạt, vì có một chỉ số dưới 5 điểm",
                "Phải đủ cả hai điều: tổng từ 80 điểm và không chỉ số nào dưới 5.",
                correct=True,
            ),
            _option(
                "Đạt, nếu gia đình cô là Gia đình học tập",
                "Danh hiệu xét cho từng người, theo điểm của chính người đó.",
            ),
        ),
        multiple(
            "Những việc nào thuộc Tiêu chí 1 — năng lực tự học và học tập suốt đời?",
            _option(
                "Đọc báo, xem tin tức trên điện thoại mỗi ngày",
                "Đúng: đây là chỉ số 1, cập nhật thông tin.",
                correct=True,
            ),
            _option(
                "Sinh hoạt câu lạc bộ ở nhà văn hóa ấp",
                "Đúng: đây là chỉ số 3, học tập ở cộng đồng.",
                correct=True,
            ),
            _option(
                "Động viên con cháu cùng học",
                "Đúng: đây là chỉ số 4.",
                correct=True,
            ),
            _option(
                "Hợp tác với đồng nghiệp để làm xong việc chung",
                "Việc này rất tốt, nhưng thuộc Tiêu chí 3 (chỉ số 10), không thuộc Tiêu chí 1.",
            ),
            incorrect="Tiêu chí 1 gồm các chỉ số 1 đến 4: cập nhật thông tin, kế hoạch học tập, "
            "học ở cộng đồng, động viên người khác cùng học.",
        ),
        true_false(
            "Chỉ số 5 — sử dụng công nghệ thông tin theo yêu cầu công việc — là chỉ số về kỹ "
            "năng số.",
            True,
            correct="Chỉ số 5 thuộc Tiêu chí 2. Học các khóa kỹ năng số giúp bạn nâng điểm chỉ "
            "số này.",
            incorrect="Chỉ số 5 chính là chỉ số về kỹ năng số, thuộc Tiêu chí 2.",
        ),
        true_false(
            "Muốn đạt danh hiệu “Công dân học tập”, bạn phải có bằng đại học.",
            False,
            correct="Danh hiệu không xét bằng cấp. Điều được xem xét là bạn có chịu khó học và "
            "đem điều đã học vào cuộc sống hay không.",
            incorrect="Không cần bằng đại học. Danh hiệu xét việc học thường xuyên và cách bạn "
            "dùng điều đã học, theo 10 chỉ số.",
        ),
    ],
}

LESSON_REGISTER = """
<p>Mỗi năm có một đợt đánh giá. Bạn đăng ký, tự chấm điểm từng chỉ số và gửi kèm minh chứng. Bạn
có thể tự làm trên điện thoại, hoặc nhờ cán bộ chi hội khuyến học ở ấp đăng ký hộ.</p>
<h2>Các bước làm</h2>
<ol>
<li><b>Đăng ký tài khoản</b> trên trang này. Nếu không tự làm được, hãy nhờ cán bộ chi hội
đăng ký hộ. Bạn sẽ nhận một mã kích hoạt để tự đặt mật khẩu. Không dùng chung mật khẩu với ai.</li>
<li><b>Đăng ký</b> danh hiệu cho đợt đánh giá năm nay. Chọn nhóm đối tượng hợp với công việc
của bạn, ví dụ: nông dân và lao động nông thôn; công nhân, thợ thủ công; cán bộ, công chức.</li>
<li><b>Tự đánh giá</b>: đọc từng chỉ số, tự cho điểm trung thực, tối đa 10 điểm mỗi chỉ số.</li>
<li><b>Đính kèm minh chứng</b> cho từng chỉ số.</li>
<li><b>Gửi hồ sơ</b>. Sau đó bạn vẫn xem được hồ sơ đang ở bước nào.</li>
</ol>
<h2>Minh chứng là gì?</h2>
<p>Minh chứng là thứ cho thấy bạn đã thật sự làm điều mình kê khai. Có thể là:</p>
<ul>
<li>ảnh chụp giấy chứng nhận, giấy khen, thẻ thư viện, giấy mời dự lớp tập huấn;</li>
<li>đường link tới khóa học trực tuyến bạn đã học;</li>
<li>khóa học bạn đã hoàn thành trên trang này — hệ thống tự ghi nhận;</li>
<li>xác nhận của cán bộ chi hội khuyến học, khi bạn không có giấy tờ.</li>
</ul>
<h2>Mẹo tự đánh giá</h2>
<ul>
<li>Chấm đúng sức mình. Chấm cao mà không có minh chứng, hồ sơ có thể bị trả lại để bổ sung.</li>
<li>Xem kỹ các chỉ số dưới 5 điểm: chỉ một chỉ số dưới 5 là chưa đạt.</li>
<li>Ảnh chụp cần rõ chữ, đủ sáng. Che bớt thông tin riêng không cần thiết, như số tài khoản ngân
hàng.</li>
</ul>
"""

LESSON_REVIEW = """
<p>Sau khi bạn gửi, hồ sơ đi qua ba nơi:</p>
<ol>
<li><b>Chi hội khuyến học ấp (khu phố)</b> kiểm tra hồ sơ và minh chứng. Người làm việc ở cơ quan,
đơn vị thì do ban khuyến học của đơn vị kiểm tra. Nếu còn thiếu, hồ sơ được <b>trả lại để bổ
sung</b>: bạn sửa rồi gửi lại.</li>
<li><b>Hội Khuyến học xã</b> đánh giá đạt hay không đạt, rồi lập danh sách đề nghị công nhận.</li>
<li><b>Ủy ban nhân dân xã</b> thẩm định và ra <b>quyết định công nhận</b> danh hiệu “Công dân học
tập”.</li>
</ol>
<h2>Lịch trong năm</h2>
<p>Mỗi địa phương có kế hoạch riêng. Thường là:</p>
<ul>
<li><b>Tháng 6 – 7:</b> tập huấn cho cán bộ và người dân về bộ tiêu chí.</li>
<li><b>Tháng 8 – 9:</b> người dân đăng ký và tự đánh giá.</li>
<li><b>Tháng 10:</b> Hội Khuyến học xã kiểm tra, đánh giá, lập danh sách người đạt.</li>
<li><b>Sau đó:</b> UBND xã thẩm định và công nhận.</li>
<li><b>Tháng 11 – 12:</b> Hội Khuyến học tổng kết, báo cáo.</li>
</ul>
<p>Hãy theo dõi thông báo của Hội Khuyến học xã để biết ngày cụ thể ở nơi bạn ở.</p>
<h2>Nếu chưa đạt thì sao?</h2>
<p>Không sao cả. Bạn đã biết mình còn yếu ở chỉ số nào. Hãy học thêm, rồi đăng ký lại ở đợt đánh
giá năm sau.</p>
"""

QUIZ_REVIEW = {
    "title": "Ôn tập: đăng ký và xét công nhận",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("2.3", 1)],
    "questions": [
        single(
            "Ai ra quyết định công nhận danh hiệu “Công dân học tập” cho người dân trong xã?",
            _option(
                "Chi hội khuyến học ấp",
                "Chi hội kiểm tra hồ sơ đầu tiên, nhưng không ra quyết định công nhận.",
            ),
            _option(
                "Hội Khuyến học xã",
                "Hội Khuyến học xã đánh giá và lập danh sách đề nghị; việc công nhận do UBND xã.",
            ),
            _option(
                "Ủy ban nhân dân xã",
                "UBND xã thẩm định và ra quyết định công nhận.",
                correct=True,
            ),
        ),
        multiple(
            "Những gì có thể dùng làm minh chứng?",
            _option(
                "Ảnh chụp giấy chứng nhận một lớp tập huấn",
                "Đúng. Ảnh cần rõ chữ, đủ sáng.",
                correct=True,
            ),
            _option(
                "Khóa học đã hoàn thành trên trang này",
                "Đúng. Hệ thống tự ghi nhận khóa học bạn đã hoàn thành.",
                correct=True,
            ),
            _option(
                "Xác nhận của cán bộ chi hội khuyến học",
                "Đúng. Khi không có giấy tờ, cán bộ chi hội có thể xác nhận cho bạn.",
                correct=True,
            ),
            _option(
                "Chỉ cần tự kể, không kèm gì cả",
                "Tự kể thôi thì chưa đủ. Hãy kèm ảnh, đường link, hoặc nhờ cán bộ chi hội xác "
                "nhận.",
            ),
            incorrect="Có 3 đáp án đúng: ảnh giấy tờ, khóa học đã hoàn thành và xác nhận của "
            "cán bộ chi hội. Chỉ tự kể thì chưa đủ.",
        ),
        single(
            "Theo lịch thường gặp, người dân đăng ký và tự đánh giá vào lúc nào?",
            _option(
                "Tháng 1 – 2",
                "Theo lịch thường gặp, đăng ký và tự đánh giá vào tháng 8 – 9.",
            ),
            _option(
                "Tháng 8 – 9",
                "Sau đó, tháng 10, Hội Khuyến học xã kiểm tra và đánh giá.",
                correct=True,
            ),
            _option(
                "Tháng 11 – 12",
                "Cuối năm là lúc Hội Khuyến học tổng kết, báo cáo.",
            ),
            correct="Ngày cụ thể tùy kế hoạch của từng xã: hãy theo dõi thông báo của Hội "
            "Khuyến học xã.",
        ),
        true_false(
            "Nếu hồ sơ còn thiếu minh chứng, chi hội có thể trả lại để bạn bổ sung rồi gửi lại.",
            True,
            correct="Trả lại để bổ sung là chuyện bình thường. Bạn sửa đúng chỗ còn thiếu rồi "
            "gửi lại.",
            incorrect="Hồ sơ thiếu minh chứng không bị loại ngay: chi hội trả lại để bạn bổ "
            "sung rồi gửi lại.",
        ),
        true_false(
            "Để được đánh giá cao, bạn nên tự chấm 10 điểm cho mọi chỉ số.",
            False,
            correct="Hãy chấm đúng sức mình và có minh chứng. Chấm quá cao mà không có minh "
            "chứng, hồ sơ dễ bị trả lại.",
            incorrect="Không nên. Điểm tự chấm cần đúng sức mình và có minh chứng đi kèm.",
        ),
    ],
}


# ---------------------------------------------------------------------------------------------
# Course 2: Kỹ năng số cơ bản


def _digital_course() -> dict:
    return {
        "slug": "ky-nang-so-co-ban",
        "title": "Kỹ năng số cơ bản",
        "track": "digital",
        "level": "basic",
        "estimated_minutes": 45,
        "summary": (
            "Dùng ứng dụng VNeID an toàn, nhận ra cuộc gọi và tin nhắn lừa đảo, nộp hồ sơ trên "
            "Cổng Dịch vụ công quốc gia. Bốn bài ngắn, học trên điện thoại."
        ),
        "outcomes": _html(
            """<ul>
            <li>Cài đúng ứng dụng VNeID, giữ kín mật khẩu, mã passcode và mã OTP.</li>
            <li>Nhận ra các chiêu lừa đảo hay gặp và biết phải làm gì.</li>
            <li>Tự tìm thủ tục, nộp và theo dõi hồ sơ trên Cổng Dịch vụ công quốc gia.</li>
            </ul>"""
        ),
        "audience": (
            "Người mới dùng điện thoại thông minh, người cao tuổi và người thân giúp đỡ họ.\n"
            "Cán bộ chi hội hướng dẫn bà con.\n"
            "Khóa học giúp nâng chỉ số 5 (kỹ năng số) của bộ tiêu chí “Công dân học tập”."
        ),
        "competences": [("1.2", 1), ("2.3", 1), ("4.1", 1), ("4.2", 2)],
        "modules": [
            {
                "slug": "an-toan-voi-vneid",
                "title": "An toàn với VNeID",
                "summary": "Cài đúng ứng dụng, giữ kín mã, xử lý khi nghi bị lộ tài khoản.",
                "lessons": [
                    {
                        "key": "ky-nang-so/dung-vneid-an-toan",
                        "slug": "dung-vneid-an-toan",
                        "title": "Dùng VNeID an toàn",
                        "minutes": 12,
                        "content": [("text", LESSON_VNEID), ("quiz", QUIZ_VNEID)],
                    },
                ],
            },
            {
                "slug": "phong-tranh-lua-dao",
                "title": "Phòng tránh lừa đảo trên mạng",
                "summary": "Các chiêu lừa hay gặp và ba bước khi nghi ngờ.",
                "lessons": [
                    {
                        "key": SCAM_LESSON,
                        "slug": "nhan-biet-lua-dao",
                        "title": "Nhận biết lừa đảo trên mạng",
                        "minutes": 12,
                        "content": [("text", LESSON_SCAMS), ACTIVITY_SLOT],
                    },
                    {
                        "key": "ky-nang-so/gap-lua-dao-thi-lam-gi",
                        "slug": "gap-lua-dao-thi-lam-gi",
                        "title": "Gặp lừa đảo thì làm gì?",
                        "minutes": 8,
                        "content": [("text", LESSON_SCAM_ACTIONS), ("quiz", QUIZ_SCAMS)],
                    },
                ],
            },
            {
                "slug": "dich-vu-cong-truc-tuyen",
                "title": "Dịch vụ công trực tuyến",
                "summary": "Tìm thủ tục, nộp hồ sơ và theo dõi kết quả mà không phải đi lại.",
                "lessons": [
                    {
                        "key": "ky-nang-so/nop-ho-so-dich-vu-cong",
                        "slug": "nop-ho-so-dich-vu-cong",
                        "title": "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
                        "minutes": 13,
                        "content": [("text", LESSON_PUBLIC_SERVICES), ("quiz", QUIZ_SERVICES)],
                    },
                ],
            },
        ],
    }


LESSON_VNEID = """
<p><b>VNeID</b> là ứng dụng định danh điện tử quốc gia của Bộ Công an. Với VNeID, bạn có thể xuất
trình thông tin căn cước trên điện thoại, xem một số giấy tờ đã tích hợp (như thẻ bảo hiểm y tế,
giấy phép lái xe) và đăng nhập Cổng Dịch vụ công quốc gia.</p>
<p>Tài khoản VNeID gắn với danh tính của bạn. Ai chiếm được tài khoản có thể mạo danh bạn. Hãy giữ
nó cẩn thận như giữ chìa khóa nhà.</p>
<h2>Cài đúng ứng dụng</h2>
<ul>
<li>Chỉ cài từ <b>App Store</b> (iPhone) hoặc <b>Google Play</b> (điện thoại Android). Tìm đúng tên
“VNeID”.</li>
<li><b>Không</b> cài ứng dụng từ đường link gửi qua tin nhắn, Zalo, Facebook. Không cài tệp có đuôi
<b>.apk</b> do người khác gửi.</li>
<li>Người lạ gọi điện đề nghị “cài giúp”, “kích hoạt giúp” qua điện thoại là dấu hiệu lừa đảo.
Muốn được giúp, hãy đến công an xã, hoặc nhờ người thân tin cậy ngồi cạnh hướng dẫn.</li>
</ul>
<h2>Giữ kín mã của bạn</h2>
<ul>
<li><b>Mật khẩu, mã passcode và mã OTP</b> là của riêng bạn. Không đọc, không chụp gửi cho bất kỳ
ai — kể cả người xưng là công an, cán bộ hay nhân viên ngân hàng.</li>
<li>Mã OTP chỉ dùng khi <b>chính bạn</b> đang đăng nhập hoặc làm thủ tục. Bạn không làm gì mà vẫn
nhận OTP? Có thể ai đó đang thử vào tài khoản của bạn. Đừng đưa mã cho ai, và đổi mật khẩu
ngay.</li>
<li>Đặt mật khẩu khó đoán. Không dùng ngày sinh hay số điện thoại.</li>
<li>Khóa màn hình điện thoại bằng mã số, vân tay hoặc khuôn mặt.</li>
<li>Không cho người khác mượn tài khoản VNeID, kể cả người quen.</li>
</ul>
<h2>Khi nghi tài khoản bị lộ</h2>
<ol>
<li>Đổi mật khẩu VNeID ngay.</li>
<li>Đến công an xã nơi bạn ở để được hướng dẫn.</li>
<li>Nếu có liên quan đến tiền, gọi ngay tổng đài ngân hàng để khóa tài khoản, khóa thẻ.</li>
</ol>
"""

QUIZ_VNEID = {
    "title": "Ôn tập: dùng VNeID an toàn",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("4.1", 1), ("4.2", 1)],
    "questions": [
        single(
            "Bạn nên tải ứng dụng VNeID từ đâu?",
            _option(
                "App Store hoặc Google Play, đúng tên VNeID",
                "Cài từ chợ ứng dụng chính thức giúp bạn tránh ứng dụng giả.",
                correct=True,
            ),
            _option(
                "Đường link một người xưng là công an gửi qua Zalo",
                "Không nên. Kẻ gian hay gửi link cài ứng dụng giả để chiếm điện thoại của bạn.",
            ),
            _option(
                "Tệp .apk một người bạn chia sẻ trong nhóm",
                "Không nên. Tệp .apk có thể chứa phần mềm độc hại, dù người gửi là người quen: "
                "tài khoản của họ có thể đã bị chiếm.",
            ),
        ),
        true_false(
            "Một người xưng là công an gọi điện, nói cần mã OTP để “kích hoạt định danh” cho "
            "bạn. Bạn nên đọc mã cho họ.",
            False,
            correct="Không bao giờ đọc mã OTP cho ai. Hãy cúp máy; nếu cần, tự đến công an xã "
            "để hỏi.",
            incorrect="Đừng đọc mã. Mã OTP là chìa khóa tài khoản của bạn. Ai xin mã OTP qua "
            "điện thoại đều đáng nghi.",
        ),
        multiple(
            "Việc nào giúp giữ an toàn tài khoản VNeID?",
            _option(
                "Đặt mật khẩu khó đoán, không dùng ngày sinh",
                "Đúng. Ngày sinh, số điện thoại rất dễ bị đoán ra.",
                correct=True,
            ),
            _option(
                "Khóa màn hình điện thoại",
                "Đúng. Lỡ mất điện thoại, người khác cũng khó mở được.",
                correct=True,
            ),
            _option(
                "Chụp màn hình mã passcode gửi con cháu giữ giúp",
                "Không nên. Ảnh gửi qua tin nhắn có thể bị lộ. Mã passcode chỉ mình bạn biết.",
            ),
            _option(
                "Đổi mật khẩu khi nhận mã OTP mà mình không yêu cầu",
                "Đúng. Có thể ai đó đang thử vào tài khoản của bạn.",
                correct=True,
            ),
            incorrect="Có 3 việc nên làm: mật khẩu khó đoán, khóa màn hình, đổi mật khẩu khi "
            "nhận OTP lạ. Mã passcode thì không gửi cho ai.",
        ),
        true_false(
            "Bạn không đăng nhập mà vẫn nhận được mã OTP của VNeID: có thể ai đó đang thử vào "
            "tài khoản của bạn.",
            True,
            correct="Đừng đưa mã cho ai và đổi mật khẩu ngay.",
            incorrect="Mã OTP chỉ được gửi khi có người đang đăng nhập hoặc làm thủ tục. Nếu "
            "không phải bạn, hãy cảnh giác và đổi mật khẩu.",
        ),
        single(
            "Một người quen nhờ “mượn” tài khoản VNeID của bạn để làm thủ tục. Bạn làm gì?",
            _option(
                "Cho mượn, vì là người quen",
                "Không nên. Tài khoản gắn với danh tính của bạn; người khác dùng là mạo danh bạn.",
            ),
            _option(
                "Từ chối, và chỉ họ đến công an xã để được hướng dẫn làm tài khoản riêng",
                "Mỗi người dùng tài khoản của chính mình.",
                correct=True,
            ),
            _option(
                "Cho mượn rồi đổi mật khẩu sau",
                "Vẫn không an toàn. Trong lúc họ dùng, mọi việc làm bằng tài khoản đều mang tên "
                "bạn.",
            ),
        ),
    ],
}

LESSON_SCAMS = """
<p>Kẻ lừa đảo thường đánh vào <b>nỗi sợ</b> hoặc <b>lòng tham</b>, và luôn hối thúc bạn làm ngay.
Dưới đây là những chiêu hay gặp.</p>
<h2>Giả danh công an, cơ quan thuế</h2>
<p>Họ gọi điện, nói bạn liên quan đến một vụ án, đang nợ thuế, hoặc cần “cập nhật thông tin định
danh”. Họ dọa khóa tài khoản, dọa mời lên làm việc. Rồi họ đề nghị bạn cài một ứng dụng, đọc mã
OTP, hoặc chuyển tiền “để xác minh”.</p>
<p><b>Hãy nhớ:</b> cơ quan công an, cơ quan thuế không yêu cầu người dân chuyển tiền, đọc mã OTP
hay cài ứng dụng qua điện thoại.</p>
<h2>“Chúc mừng, bạn đã trúng thưởng”</h2>
<p>Tin nhắn báo bạn trúng xe máy, điện thoại hay tiền mặt. Nhưng muốn nhận, bạn phải nộp trước
“phí nhận thưởng”, “tiền thuế”, hoặc bấm vào một đường link. Bạn không tham gia chương trình nào
thì không thể trúng thưởng. Phải nộp tiền trước thì không phải là quà.</p>
<h2>Đường link đòi mã OTP ngân hàng</h2>
<p>Tin nhắn giả danh ngân hàng, điện lực, đơn vị giao hàng… kèm một đường link. Trang mở ra trông
giống thật, đòi bạn nhập tên đăng nhập, mật khẩu và mã OTP. Nhập vào là kẻ gian rút được tiền.</p>
<ul>
<li>Nhìn kỹ địa chỉ trang: sai một chữ, thêm dấu gạch, đuôi lạ là trang giả.</li>
<li>Ngân hàng không gửi đường link đề nghị bạn nhập mã OTP.</li>
<li>Muốn kiểm tra, hãy tự mở ứng dụng ngân hàng. Đừng bấm link trong tin nhắn.</li>
</ul>
<h2>Dấu hiệu chung</h2>
<ul>
<li>Hối thúc: “trong 30 phút”, “nếu không sẽ bị khóa”.</li>
<li>Dọa nạt, hoặc hứa hẹn quá tốt.</li>
<li>Dặn giữ bí mật: “không được nói với ai”.</li>
<li>Đòi mã OTP, mật khẩu, hoặc đòi chuyển tiền.</li>
<li>Gọi từ số lạ; nhắn từ tài khoản Zalo, Facebook mới lập, dùng ảnh đại diện của cơ quan nhà
nước.</li>
</ul>
"""

LESSON_SCAM_ACTIONS = """
<h2>Ba bước khi nghi ngờ</h2>
<ol>
<li><b>Dừng lại, cúp máy.</b> Không bấm link, không đọc mã, không chuyển tiền. Cúp máy không có gì
là bất lịch sự.</li>
<li><b>Tự kiểm tra qua số chính thức.</b> Gọi tổng đài in trên thẻ ngân hàng hoặc trên trang web
chính thức, hoặc đến thẳng cơ quan đó. Không gọi lại số vừa gọi cho bạn.</li>
<li><b>Báo cho người có trách nhiệm.</b> Báo công an xã nơi bạn ở. Kể cho người thân, hàng xóm
để mọi người cùng cảnh giác.</li>
</ol>
<h2>Nếu đã lỡ chuyển tiền hoặc đọc mã</h2>
<ol>
<li>Gọi ngay tổng đài ngân hàng, đề nghị khóa tài khoản, khóa thẻ.</li>
<li>Đổi mật khẩu các tài khoản liên quan: ngân hàng, VNeID, Zalo…</li>
<li>Đến công an xã trình báo. Mang theo ảnh chụp tin nhắn, số điện thoại đã gọi cho bạn, số tài
khoản bạn đã chuyển tiền vào.</li>
<li>Đừng tin người hứa “lấy lại tiền giúp” rồi đòi phí. Đó thường là lừa đảo lần thứ hai.</li>
</ol>
<p>Bị lừa không phải lỗi của riêng bạn: kẻ gian rất khéo. Điều quan trọng là báo sớm, để giữ lại
được tiền và để người khác không bị lừa.</p>
"""

QUIZ_SCAMS = {
    "title": "Ôn tập: phòng tránh lừa đảo",
    "intro": "5 câu hỏi về hai bài vừa học. Trả lời đúng 4 câu trở lên là đạt.",
    "competences": [("1.2", 1), ("4.2", 2)],
    "questions": [
        single(
            "Một người gọi điện, xưng là công an, nói bạn liên quan đến một vụ án và yêu cầu "
            "chuyển tiền “để xác minh”. Bạn làm gì?",
            _option(
                "Chuyển tiền cho xong, để khỏi bị mời lên làm việc",
                "Đừng chuyển. Công an không yêu cầu người dân chuyển tiền qua điện thoại. Đây là "
                "chiêu dọa để bạn sợ mà làm theo.",
            ),
            _option(
                "Cúp máy, rồi tự đến hoặc gọi công an xã nơi bạn ở để hỏi",
                "Cúp máy rồi tự kiểm tra qua kênh chính thức là cách an toàn.",
                correct=True,
            ),
            _option(
                "Gọi lại đúng số đó để hỏi cho rõ",
                "Chưa an toàn. Gọi lại số đó là bạn lại nói chuyện với kẻ gian. Hãy tự tìm số "
                "chính thức.",
            ),
        ),
        multiple(
            "Tin nhắn nào có dấu hiệu lừa đảo?",
            _option(
                "“Chúc mừng quý khách trúng xe máy. Nộp 2 triệu đồng phí nhận thưởng trong hôm "
                "nay.”",
                "Đúng, đây là lừa đảo: phải nộp tiền trước thì không phải quà, lại còn hối thúc.",
                correct=True,
            ),
            _option(
                "“Tài khoản của bạn sắp bị khóa. Bấm vào link và nhập mã OTP để giữ tài khoản.”",
                "Đúng, đây là lừa đảo: ngân hàng không gửi link đòi mã OTP.",
                correct=True,
            ),
            _option(
                "Tin nhắn của cô giáo chủ nhiệm báo lịch họp phụ huynh, không kèm link, không "
                "đòi tiền",
                "Tin này không đòi tiền, không đòi mã, không có link, nên không có dấu hiệu lừa "
                "đảo. Còn băn khoăn thì hỏi trực tiếp cô giáo.",
            ),
            incorrect="Hai tin đầu là lừa đảo: đòi nộp tiền trước, đòi mã OTP qua link. Tin "
            "của cô giáo không đòi gì cả.",
        ),
        true_false(
            "Ngân hàng có thể gửi đường link đề nghị bạn nhập mã OTP để “cập nhật thông tin”.",
            False,
            correct="Ngân hàng không làm vậy. Muốn kiểm tra, hãy tự mở ứng dụng ngân hàng hoặc "
            "gọi tổng đài in trên thẻ.",
            incorrect="Đây là chiêu lừa hay gặp. Ngân hàng không gửi link đòi mã OTP; trang mở "
            "ra là trang giả.",
        ),
        single(
            "Bạn lỡ đọc mã OTP cho người lạ, rồi thấy tài khoản bị trừ tiền. Việc đầu tiên nên "
            "làm là gì?",
            _option(
                "Gọi ngay tổng đài ngân hàng để khóa tài khoản",
                "Khóa càng sớm càng giữ được tiền. Sau đó đến công an xã trình báo.",
                correct=True,
            ),
            _option(
                "Chờ vài ngày xem tiền có quay lại không",
                "Đừng chờ. Mỗi phút trôi qua, kẻ gian có thể rút thêm tiền.",
            ),
            _option(
                "Nhờ một người trên mạng hứa “lấy lại tiền giúp” với phí nhỏ",
                "Không nên. Người hứa lấy lại tiền rồi đòi phí thường là kẻ lừa đảo lần hai.",
            ),
        ),
        true_false(
            "Kẻ lừa đảo thường hối thúc bạn làm ngay và dặn bạn giữ bí mật.",
            True,
            correct="Gặp lời hối thúc, dặn giữ bí mật: hãy dừng lại và hỏi người "
            "thân, hỏi công an xã.",
            incorrect="Hối thúc và dặn giữ bí mật là hai dấu hiệu lừa đảo rất hay gặp: kẻ gian "
            "không muốn bạn kịp hỏi ai.",
        ),
    ],
}

LESSON_PUBLIC_SERVICES = """
<p><b>Cổng Dịch vụ công quốc gia</b> (<a href="https://dichvucong.gov.vn">dichvucong.gov.vn</a>)
là nơi bạn nộp hồ sơ nhiều thủ tục hành chính mà không phải đến cơ quan nhà nước. Ví dụ: đăng ký
khai sinh, xin cấp bản sao trích lục hộ tịch.</p>
<h2>Chuẩn bị</h2>
<ul>
<li>Điện thoại hoặc máy tính có mạng.</li>
<li>Tài khoản VNeID để đăng nhập.</li>
<li>Giấy tờ cần nộp, chụp ảnh rõ nét, đủ các trang.</li>
</ul>
<h2>Bốn bước nộp hồ sơ</h2>
<ol>
<li><b>Vào đúng trang.</b> Gõ chính xác dichvucong.gov.vn. Cẩn thận với trang giả có tên na ná:
trang của cơ quan nhà nước có đuôi <b>.gov.vn</b>.</li>
<li><b>Đăng nhập</b> bằng tài khoản định danh điện tử (VNeID).</li>
<li><b>Tìm thủ tục.</b> Gõ tên thủ tục vào ô tìm kiếm, ví dụ “khai sinh”. Chọn đúng nơi giải
quyết: tỉnh, thành phố và xã, phường của bạn.</li>
<li><b>Điền tờ khai, đính kèm giấy tờ, rồi nộp.</b> Đọc lại thông tin trước khi bấm nộp. Nếu thủ
tục có lệ phí, bạn có thể thanh toán trực tuyến.</li>
</ol>
<h2>Theo dõi hồ sơ</h2>
<p>Nộp xong, bạn nhận được <b>mã hồ sơ</b>. Hãy ghi lại hoặc chụp màn hình. Dùng mã này để tra cứu
xem hồ sơ đang ở bước nào. Khi cần bổ sung hay khi có kết quả, cơ quan giải quyết sẽ báo cho
bạn.</p>
<ul>
<li>Hồ sơ bị yêu cầu bổ sung: đọc kỹ lời nhắn, bổ sung đúng giấy tờ còn thiếu, rồi nộp lại.</li>
<li>Nhận kết quả: tùy thủ tục, bạn nhận bản điện tử, nhận qua bưu điện, hoặc đến nhận trực
tiếp.</li>
</ul>
<p><b>Cần giúp?</b> Hãy đến nơi tiếp nhận hồ sơ của xã, phường: cán bộ sẽ hướng dẫn bạn nộp trực
tuyến. Đừng nhờ người lạ trên mạng “làm hộ” và đưa họ tài khoản của bạn.</p>
"""

QUIZ_SERVICES = {
    "title": "Ôn tập: dịch vụ công trực tuyến",
    "intro": "5 câu hỏi ngắn. Trả lời đúng 4 câu trở lên là đạt. Bạn được làm lại nhiều lần.",
    "competences": [("2.3", 1), ("1.2", 1)],
    "questions": [
        single(
            "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
            _option(
                "dichvucong.gov.vn",
                "Trang của cơ quan nhà nước có đuôi .gov.vn.",
                correct=True,
            ),
            _option(
                "dichvucong-gov.com",
                "Đây là kiểu địa chỉ giả: có dấu gạch và đuôi .com. Đừng nhập thông tin vào "
                "những trang như vậy.",
            ),
            _option(
                "dichvucong.gov.vn.xyz",
                "Trang giả: địa chỉ thật phải kết thúc bằng .gov.vn, không có phần đuôi lạ phía "
                "sau.",
            ),
        ),
        multiple(
            "Để nộp hồ sơ trực tuyến, bạn cần chuẩn bị gì?",
            _option(
                "Tài khoản VNeID để đăng nhập",
                "Đúng. Bạn đăng nhập Cổng bằng tài khoản định danh điện tử.",
                correct=True,
            ),
            _option(
                "Ảnh chụp rõ nét các giấy tờ cần nộp",
                "Đúng. Ảnh mờ, thiếu trang thì hồ sơ dễ bị yêu cầu bổ sung.",
                correct=True,
            ),
            _option(
                "Gửi mật khẩu cho một người trên mạng để họ nộp hộ",
                "Không nên. Đưa mật khẩu cho người lạ là mất quyền kiểm soát tài khoản. Cần giúp, "
                "hãy đến nơi tiếp nhận hồ sơ của xã.",
            ),
            incorrect="Cần chuẩn bị tài khoản VNeID và ảnh chụp giấy tờ. Không đưa mật khẩu "
            "cho ai.",
        ),
        true_false(
            "Nộp hồ sơ xong thì không cần ghi lại mã hồ sơ.",
            False,
            correct="Hãy ghi lại hoặc chụp màn hình mã hồ sơ. Mã này giúp bạn tra cứu hồ sơ đang "
            "ở bước nào.",
            incorrect="Nên ghi lại mã hồ sơ. Không có mã, bạn khó tra cứu hồ sơ của mình.",
        ),
        single(
            "Hồ sơ của bạn bị yêu cầu bổ sung. Bạn làm gì?",
            _option(
                "Đọc kỹ lời nhắn, bổ sung đúng giấy tờ còn thiếu rồi nộp lại",
                "Bổ sung sớm thì hồ sơ được giải quyết sớm.",
                correct=True,
            ),
            _option(
                "Bỏ qua, hồ sơ sẽ tự được giải quyết",
                "Hồ sơ sẽ dừng lại chờ bạn bổ sung.",
            ),
            _option(
                "Nộp một hồ sơ mới giống hệt hồ sơ cũ",
                "Hồ sơ mới vẫn thiếu giấy tờ như cũ. Hãy đọc kỹ phần cần bổ sung.",
            ),
        ),
        true_false(
            "Nếu lúng túng khi nộp trực tuyến, bạn có thể đến nơi tiếp nhận hồ sơ của xã, phường "
            "để được hướng dẫn.",
            True,
            correct="Cán bộ ở xã, phường sẽ hướng dẫn bạn. Đừng nhờ người lạ trên mạng làm hộ.",
            incorrect="Bạn không phải tự xoay xở một mình: cán bộ ở xã, phường sẽ hướng dẫn "
            "bạn nộp trực tuyến.",
        ),
    ],
}

CATALOGUE = {
    "slug": "khoa-hoc",
    "title": "Khóa học",
    "intro": (
        "Các khóa học ngắn, học trên điện thoại. Học xong, kết quả được ghi nhận làm minh chứng "
        "khi bạn tự đánh giá danh hiệu “Công dân học tập”."
    ),
}


# ---------------------------------------------------------------------------------------------
# Loading


def _prep(stream_block, raw: list[dict]) -> list[dict]:
    """Raw stream data in the exact JSON shape Wagtail stores, for comparing."""
    value = stream_block.get_prep_value(stream_block.to_python(raw))
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _lesson_body(lesson: dict, current: list[dict], competence_ids: dict) -> list[dict]:
    """The lesson's raw body: our blocks, with blocks we did not write (and any
    ``lesson_extra_blocks``) at the ACTIVITY_SLOT, or at the end without one."""
    ours = []
    for index, item in enumerate(lesson["content"]):
        if item is ACTIVITY_SLOT:
            ours.append(ACTIVITY_SLOT)
        elif item[0] == "text":
            ours.append(_text(f"{lesson['key']}/text{index}", item[1]))
        else:
            ours.append(_quiz(f"{lesson['key']}/quiz", competence_ids=competence_ids, **item[1]))
    if ACTIVITY_SLOT not in ours:
        ours.append(ACTIVITY_SLOT)
    extra = lesson_extra_blocks(lesson["key"])
    ours_ids = {block["id"] for block in ours if block is not ACTIVITY_SLOT}
    extra_by_id = {block["id"]: block for block in extra}
    # The slot keeps the editor's blocks and ours in the order the lesson has them now;
    # extra blocks not placed yet go last.
    slot = [
        extra_by_id.get(block.get("id"), block)
        for block in current
        if block.get("id") not in ours_ids
    ]
    placed = {block.get("id") for block in slot}
    slot += [block for block in extra if block["id"] not in placed]
    body = []
    for block in ours:
        body.extend(slot if block is ACTIVITY_SLOT else [block])
    return body


def _upsert(parent, model, *, slug: str, fields: dict, body=None, targets=None):
    """Create ``model`` under ``parent`` or bring it up to date; publish only on change.
    Returns (page, "created" | "updated" | "unchanged")."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None and parent.get_children().filter(slug=slug).exists():
        raise RuntimeError(f"A page with slug {slug!r} under {parent} is not a {model.__name__}.")
    status = "unchanged"
    if page is None:
        page = model(slug=slug, **fields)
        status = "created"
    else:
        for name, value in fields.items():
            if getattr(page, name) != value:
                setattr(page, name, value)
                status = "updated"
    if body is not None:
        stream_block = model.body.field.stream_block
        current = _prep(stream_block, list(page.body.raw_data)) if page.pk else []
        wanted = _prep(stream_block, body(current))
        if wanted != current:
            value = stream_block.to_python(wanted)
            stream_block.clean(value)  # fail loudly on content the admin form would reject
            page.body = value
            status = "updated" if page.pk else status
    if targets is not None:
        have = (
            [(t.competence_id, t.level) for t in page.competence_targets.all()] if page.pk else []
        )
        if have != targets:
            page.competence_targets = [
                CourseCompetence(competence_id=pk, level=level, sort_order=i)
                for i, (pk, level) in enumerate(targets)
            ]
            status = "updated" if page.pk else status
    if status == "created":
        parent.add_child(instance=page)
    if status != "unchanged" or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        status = "updated" if status == "unchanged" else status
    return page, status


def _competence_ids() -> dict[str, int]:
    return dict(
        Competence.objects.filter(domain__framework__code=FRAMEWORK).values_list("code", "pk")
    )


def _load_course(catalogue, course: dict, competence_ids: dict, counts: dict) -> None:
    fields = {
        key: course[key]
        for key in ("title", "track", "level", "estimated_minutes", "summary", "outcomes")
    }
    fields["audience"] = course["audience"]
    targets = [(competence_ids[code], level) for code, level in course["competences"]]
    page, status = _upsert(
        catalogue, CoursePage, slug=course["slug"], fields=fields, targets=targets
    )
    counts[status] += 1
    for module in course["modules"]:
        module_page, status = _upsert(
            page,
            ModulePage,
            slug=module["slug"],
            fields={"title": module["title"], "summary": module["summary"]},
        )
        counts[status] += 1
        for lesson in module["lessons"]:
            _lesson, status = _upsert(
                module_page,
                LessonPage,
                slug=lesson["slug"],
                fields={"title": lesson["title"], "minutes": lesson["minutes"]},
                body=lambda current, lesson=lesson: _lesson_body(lesson, current, competence_ids),
            )
            counts[status] += 1


def demo_courses() -> list[dict]:
    """The demo courses as data (also used by tests)."""
    return [_criteria_course(), _digital_course()]


@transaction.atomic
def demo_load(*, stdout) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("Courses: no home page (run the cms demo first); skipped.")
        return
    competence_ids = _competence_ids()
    missing = {
        code
        for course in demo_courses()
        for code, _level in course["competences"]
        if code not in competence_ids
    }
    if missing:
        raise RuntimeError(f"Competences {sorted(missing)} of {FRAMEWORK} are not loaded.")
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        catalogue, status = _upsert(
            home,
            CourseIndexPage,
            slug=CATALOGUE["slug"],
            fields={
                "title": CATALOGUE["title"],
                "intro": CATALOGUE["intro"],
                "show_in_menus": True,
            },
        )
        counts[status] += 1
    for course in demo_courses():
        _load_course(catalogue, course, competence_ids, counts)
    stdout.write(
        "Courses: {created} pages created, {updated} updated, {unchanged} unchanged.".format(
            **counts
        )
    )
