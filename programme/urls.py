from django.urls import path

from programme.views import figures, live, reports

app_name = "programme"

urlpatterns = [
    path("can-bo/bao-cao/", reports.report_index, name="index"),
    path("can-bo/bao-cao/xa/<int:pk>/", reports.commune_report, name="commune"),
    path("can-bo/bao-cao/xa/<int:pk>/ap/<int:hamlet>/", reports.hamlet_people, name="people"),
    path("can-bo/bao-cao/excel/", reports.export_xlsx, name="export"),
    path("can-bo/bao-cao/chi-tieu/", figures.figures, name="figures"),
    path("can-bo/bao-cao/truc-tiep/", live.live, name="live"),
]
