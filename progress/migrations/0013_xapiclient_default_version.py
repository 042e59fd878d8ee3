"""XapiClient.default_version: the xAPI version (1.0.3 or 2.0.0) a client's answers carry when
its request names none (``progress.lrs.http.unnamed_version``); existing clients get 2.0.0."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("progress", "0012_statement_read_indexes")]

    operations = [
        migrations.AddField(
            model_name="xapiclient",
            name="default_version",
            field=models.CharField(
                choices=[("1.0.3", "xAPI 1.0.3"), ("2.0.0", "xAPI 2.0.0")],
                default="2.0.0",
                help_text=(
                    "Phiên bản ghi trong câu trả lời cho những yêu cầu của ứng dụng không nêu "
                    "phiên bản (thiếu tiêu đề X-Experience-API-Version hoặc ghi một phiên bản hệ "
                    "thống không hỗ trợ). Chọn phiên bản mà ứng dụng được xây dựng theo; nếu "
                    "không rõ, giữ xAPI 2.0.0."
                ),
                max_length=5,
                verbose_name="phiên bản xAPI mặc định",
            ),
        ),
    ]
