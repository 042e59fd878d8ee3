"""Demo course 2, module "Phòng tránh lừa đảo trên mạng": the two lessons on scams and their
quiz."""

from courses.demo.blocks import _option, multiple, single, true_false

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
