"""The JSON API and the pages over it, without a browser: data, forms, OpenAPI, security."""

from __future__ import annotations

import re

import pytest


def test_openapi_describes_the_api(client):
    doc = client.get("/openapi.json").json()
    assert {"/api/works", "/api/works/{work_id}", "/api/works/{work_id}/text",
            "/api/works/{work_id}/status", "/api/works/{work_id}/note"} <= set(doc["paths"])
    params = {p["name"] for p in doc["paths"]["/api/works"]["get"]["parameters"]}
    assert {"q", "include", "exclude", "rating", "words", "status", "sort", "threshold", "page"} <= params
    assert client.get("/docs").status_code == 404  # Swagger UI would load assets from a CDN


def test_api_search_and_page_show_the_same_works(client, web_library):
    data = client.get("/api/works", params={"sort": "words", "per_page": 5}).json()
    assert data["total"] == len(web_library["ids"]["seeds"]) + 32
    assert len(data["works"]) == 5 and data["pages"] == -(-data["total"] // 5)
    html = client.get("/", params={"sort": "words", "per_page": 5}).text
    assert [int(x) for x in re.findall(r'<h2><a href="/works/(\d+)">', html)] == [w["id"] for w in data["works"]]
    assert f'{data["total"]} works' in html


def test_api_filters_with_facet_counts(client):
    everything = client.get("/api/works", params={"per_page": 200}).json()
    angst = client.get("/api/works", params={"include": "Angst", "per_page": 200}).json()
    assert 0 < angst["total"] < everything["total"]
    assert {f["name"]: f["count"] for f in angst["facets"]["additional"]}["Angst"] == angst["total"]
    both = client.get("/api/works", params=[("include", "Angst"), ("include", "Fluff"), ("per_page", 200)]).json()
    comma = client.get("/api/works", params={"include": "Angst, Fluff", "per_page": 200}).json()
    assert both["total"] == comma["total"] <= angst["total"]
    no_angst = client.get("/api/works", params={"exclude": "Angst", "per_page": 200}).json()
    assert no_angst["total"] + angst["total"] == everything["total"]
    short = client.get("/api/works", params={"words": "<1,000", "per_page": 200}).json()
    assert short["works"] and all(w["words"] < 1000 for w in short["works"])
    assert client.get("/api/works", params={"words": "many"}).status_code == 400
    assert client.get("/", params={"words": "many"}).status_code == 400


def test_work_api_has_tags_characters_and_charts(client, web_library):
    wid = web_library["ids"]["synthetic"][0]
    w = client.get(f"/api/works/{wid}").json()
    assert w["author_tags"] and w["predicted_tags"] and w["predicted_tags"][0]["evidence"]
    assert w["characters"] and all("color" in c for c in w["characters"])
    assert w["dialogue_share"]["rows"] and abs(sum(r["share"] for r in w["dialogue_share"]["rows"]) - 1) < 0.01
    assert w["network"]["nodes"] and w["network"]["edges"]
    html = client.get(f"/works/{wid}").text
    assert "<svg" in html and 'class="heat"' in html and w["predicted_tags"][0]["evidence"][0]["reason"] in html
    for c in w["characters"]:
        assert c["name"] in html


def test_reader_marks_quotations_with_speakers(client, web_library):
    wid = web_library["ids"]["synthetic"][1]
    data = client.get(f"/api/works/{wid}/text").json()
    quotes = [s for p in data["paragraphs"] for s in p if "quote" in s]
    assert quotes and all(s["speaker"] for s in quotes)
    html = client.get(f"/works/{wid}/read").text
    assert html.count('<mark class="q c') == len(quotes)
    first = quotes[0]
    assert f'data-speaker="{first["speaker"]}"' in html


def test_chapters_are_read_one_at_a_time(client, web_library):
    wid = web_library["ids"]["chapters"]
    first = client.get(f"/api/works/{wid}/text").json()
    assert first["chapter"]["count"] == 4 and first["previous"] is None and first["next"] == 1
    third = client.get(f"/api/works/{wid}/text", params={"chapter": 2}).json()
    assert third["chapter"]["title"] == "Chapter 3" and third["paragraphs"] != first["paragraphs"]
    assert client.get(f"/api/works/{wid}/text", params={"chapter": 9}).status_code == 404
    assert "Next chapter" in client.get(f"/works/{wid}/read").text


def test_status_and_note_by_api_and_form(client, web_library):
    wid = web_library["ids"]["synthetic"][2]
    assert client.post(f"/api/works/{wid}/status", json={"status": "reading"}).json()["status"] == "reading"
    assert client.post(f"/api/works/{wid}/status", json={"status": "bogus"}).status_code == 422
    assert client.post("/api/works/99999/status", json={"status": "read"}).status_code == 404
    r = client.post(f"/works/{wid}/state", content="status=read&note=Great+%3Cb%3Eending%3C%2Fb%3E",
                    headers={"content-type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert r.status_code == 303
    w = client.get(f"/api/works/{wid}").json()
    assert (w["status"], w["notes"]) == ("read", "Great <b>ending</b>")
    assert "Great &lt;b&gt;ending&lt;/b&gt;" in client.get(f"/works/{wid}").text
    assert wid in [x["id"] for x in client.get("/api/works", params={"status": "read"}).json()["works"]]
    client.post(f"/api/works/{wid}/status", json={"status": "unread"})


def test_missing_things_are_404(client):
    assert client.get("/works/99999").status_code == 404
    assert client.get("/api/works/99999").status_code == 404
    assert client.get("/works/abc").status_code in (404, 422)
    assert client.get("/nowhere").status_code == 404


@pytest.mark.parametrize("url", [
    "/static/../library.sqlite", "/static/%2e%2e/%2e%2e/library.sqlite", "/static/..%2f..%2fapp.py",
    "/static/%2e%2e%2fapp.py", "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static//etc/passwd", "/static/..\\app.py", "/../../etc/passwd", "/works/1/../../../etc/passwd",
])
def test_no_file_outside_the_static_folder_is_served(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    assert "root:" not in r.text and "SQLite format" not in r.text and "create_app" not in r.text


def test_static_files_and_security_headers(client):
    r = client.get("/static/style.css")
    assert r.status_code == 200 and ":focus-visible" in r.text
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # no scripts at all
    assert "http" not in client.get("/").text.split("<body>")[0].replace("http-equiv", "")  # nothing remote


def _active_content(html: str) -> list[str]:
    """Everything in a page that could run code or restyle it: scripts, handlers, js: URLs, styles, frames."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    found = [f"<{t.name}>" for t in soup.find_all(["script", "style", "iframe", "object", "embed", "img", "base"])]
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attr.lower().startswith("on") or attr.lower() in ("style", "srcdoc"):
                found.append(f"{tag.name}[{attr}]")
            if attr.lower() in ("href", "src", "action", "formaction", "xlink:href") and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                found.append(f"{tag.name}[{attr}={value[:30]}]")
    return found


def test_hostile_work_is_escaped_everywhere(client, web_library):
    wid = web_library["ids"]["hostile"]
    for url in ("/", f"/works/{wid}", f"/works/{wid}/read", "/?include=Hostile", f"/api/works/{wid}"):
        r = client.get(url)
        assert r.status_code == 200
        if url.startswith("/api"):
            assert r.headers["content-type"].startswith("application/json")
            continue
        assert _active_content(r.text) == [], url
        assert "window.__pwned" in r.text  # the hostile text is there, shown as text
    reader = client.get(f"/works/{wid}/read").text
    assert "&lt;script&gt;window.__pwned" in reader
    assert "Fine <b>bold</b>" in client.get(f"/works/{wid}").text  # harmless summary markup survives nh3


def test_host_header_is_checked_when_serving_locally(web_library):
    from fastapi.testclient import TestClient

    from ficlens.web.app import create_app

    with TestClient(create_app(web_library["path"], allowed_hosts=["127.0.0.1", "localhost"]),
                    base_url="http://127.0.0.1") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "evil.example"}).status_code == 400


def test_serve_binds_localhost_by_default():
    from ficlens.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
