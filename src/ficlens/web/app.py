"""The local web app: library page with AO3-style filters, work pages, reader, JSON API.

Datasette style: every page has a JSON twin under ``/api`` returning the same
data (``ficlens.web.views``) the page's template renders. Nothing is loaded
from elsewhere (no CDN); pages carry no scripts and a Content-Security-Policy
forbids any, so story text can never run code even if it contained some.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import Body, FastAPI, HTTPException, Query as Q, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.trustedhost import TrustedHostMiddleware

from ficlens.library.search import DEFAULT_THRESHOLD
from ficlens.library.store import STATUSES, Library
from ficlens.web import render
from ficlens.web.views import TYPE_LABELS, build_query, library_view, reader_view, work_view

HERE = Path(__file__).resolve().parent
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")


class _Connections(threading.local):
    lib: Library | None = None


def create_app(library_path: str | Path, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The app over one library file (created and migrated if needed)."""
    path = Path(library_path)
    Library(path).close()  # create / migrate once, before serving
    local = _Connections()

    def lib() -> Library:
        if local.lib is None:
            local.lib = Library(path)
        return local.lib

    app = FastAPI(title="ficlens library", version="1", docs_url=None, redoc_url=None,
                  description="Search and read a ficlens library. Every page has a JSON twin here.")
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    env = templates.env
    env.globals.update(type_labels=TYPE_LABELS, render=render, statuses=STATUSES)
    env.filters["summary_html"] = render.summary_html
    env.filters["thousands"] = lambda n: f"{int(n or 0):,}"

    def render_page(request: Request, name: str, data: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, name, {"d": data}, status_code=status_code)

    # -- library ------------------------------------------------------------------------
    def _query(q, include, exclude, rating, words, status, sort, order, threshold, page_no, per_page):
        return build_query(q, include, exclude, rating, words, status, sort, order, threshold, page_no, per_page)

    @app.get("/api/works", tags=["library"], summary="Search the library (AO3 filter semantics)")
    def api_works(q: Annotated[str, Q(description="words to find in title, authors, summary or text")] = "", include: Annotated[list[str], Q()] = [], exclude: Annotated[list[str], Q()] = [],
                  rating: str = "", words: str = "", status: str = "", sort: str = "", order: str = "",
                  threshold: Annotated[float, Q(ge=0, le=1)] = DEFAULT_THRESHOLD, page: Annotated[int, Q(ge=1)] = 1,
                  per_page: Annotated[int, Q(ge=1, le=200)] = 20) -> dict[str, Any]:
        """Works matching every included tag and none of the excluded ones, with tag counts for the facets."""
        data = library_view(lib(), _query(q, include, exclude, rating, words, status, sort, order, threshold,
                                          page, per_page))
        if data["error"]:
            return JSONResponse(data, status_code=400)
        return data

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def library_page(request: Request, q: str = "", include: Annotated[list[str], Q()] = [],
                     exclude: Annotated[list[str], Q()] = [], rating: str = "", words: str = "", status: str = "",
                     sort: str = "", order: str = "", threshold: float = DEFAULT_THRESHOLD, page: int = 1,
                     per_page: int = 20):
        data = library_view(lib(), _query(q, include, exclude, rating, words, status, sort, order, threshold,
                                          page, per_page))
        shown = {item["name"].casefold() for items in data["facets"].values() for item in items}
        data["include_other"] = ", ".join(t for t in data["query"]["include"] if t.casefold() not in shown)
        data["exclude_other"] = ", ".join(t for t in data["query"]["exclude"] if t.casefold() not in shown)
        data["page_url"] = lambda n: "/?" + urlencode(_params(data["query"], page=n), doseq=True)
        data["api_url"] = "/api/works?" + urlencode(_params(data["query"], page=data["page"]), doseq=True)
        return render_page(request, "library.html", data, 400 if data["error"] else 200)

    # -- one work -----------------------------------------------------------------------
    @app.get("/api/works/{work_id}", tags=["works"], summary="One work: metadata, tags with evidence, characters")
    def api_work(work_id: int) -> dict[str, Any]:
        data = work_view(lib(), work_id)
        if data is None:
            raise HTTPException(404, f"no work {work_id}")
        return data

    @app.get("/works/{work_id}", response_class=HTMLResponse, include_in_schema=False)
    def work_page(request: Request, work_id: int):
        data = work_view(lib(), work_id)
        if data is None:
            return not_found(request, f"There is no work {work_id} in this library.")
        return render_page(request, "work.html", data)

    @app.get("/api/works/{work_id}/text", tags=["works"], summary="The story text with quotations and speakers")
    def api_text(work_id: int, chapter: int | None = None) -> dict[str, Any]:
        data = reader_view(lib(), work_id, chapter)
        if data is None or data.get("missing_chapter"):
            raise HTTPException(404, f"no work {work_id}" if data is None else f"no chapter {chapter}")
        return data

    @app.get("/works/{work_id}/read", response_class=HTMLResponse, include_in_schema=False)
    def reader_page(request: Request, work_id: int, chapter: int | None = None):
        data = reader_view(lib(), work_id, chapter)
        if data is None or data.get("missing_chapter"):
            return not_found(request, "There is no such work or chapter in this library.")
        data["html"] = render.paragraphs_html(data["paragraphs"])
        return render_page(request, "reader.html", data)

    # -- reader state --------------------------------------------------------------------
    @app.post("/api/works/{work_id}/status", tags=["works"], summary="Set the reading status")
    def api_status(work_id: int, status: Annotated[str, Body(embed=True)]) -> dict[str, Any]:
        if status not in STATUSES:
            raise HTTPException(422, f"status must be one of {', '.join(STATUSES)}")
        try:
            lib().set_status(work_id, status)
        except KeyError:
            raise HTTPException(404, f"no work {work_id}") from None
        return {"id": work_id, "status": status}

    @app.post("/api/works/{work_id}/note", tags=["works"], summary="Set the reader's note")
    def api_note(work_id: int, note: Annotated[str, Body(embed=True, max_length=20000)]) -> dict[str, Any]:
        try:
            lib().set_note(work_id, note)
        except KeyError:
            raise HTTPException(404, f"no work {work_id}") from None
        return {"id": work_id, "note": note}

    @app.post("/works/{work_id}/state", include_in_schema=False)
    async def state_form(request: Request, work_id: int):
        """The work page's form (urlencoded): status and note."""
        form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace"),
                                               keep_blank_values=True).items()}
        try:
            if "status" in form:
                if form["status"] not in STATUSES:
                    raise HTTPException(422, "unknown status")
                lib().set_status(work_id, form["status"])
            if "note" in form:
                lib().set_note(work_id, form["note"][:20000])
        except KeyError:
            return not_found(request, f"There is no work {work_id} in this library.")
        return RedirectResponse(f"/works/{work_id}?saved=1", status_code=303)

    def not_found(request: Request, message: str) -> HTMLResponse:
        return render_page(request, "error.html", {"message": message, "title": "Not found"}, 404)

    @app.exception_handler(404)
    async def missing(request: Request, exc: Exception) -> Response:
        detail = getattr(exc, "detail", "Not Found")
        if request.url.path.startswith(("/api/", "/static/")):
            return JSONResponse({"detail": detail}, status_code=404)
        return not_found(request, "Nothing lives at this address.")

    return app


def _params(query: dict[str, Any], **override: Any) -> dict[str, Any]:
    """The non-empty query parameters of a library search (for links)."""
    params = {k: v for k, v in {**query, **override}.items() if v not in ("", [], None)}
    if params.get("threshold") == DEFAULT_THRESHOLD:
        params.pop("threshold")
    if params.get("per_page") == 20:
        params.pop("per_page")
    if params.get("page") == 1:
        params.pop("page")
    return params
