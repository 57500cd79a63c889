from ficlens.export.html_report import render_report


def test_report_marks_speakers_and_escapes_everything(annotated_work):
    html = render_report(annotated_work)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Lantern &lt;b&gt;test&lt;/b&gt;" in html
    assert html.count('class="quote"') == 2
    assert '<span class="spk" style="background:' in html and ">Tobin</span>" in html
    assert "<svg class=\"network\"" in html and "Mara - Tobin" in html
    assert "Teen And Up Audiences" in html and "General Audiences" in html  # author's beside predicted
    assert "<script" not in html.lower().replace("&lt;script", "")
