"""One place that maps storyline's errors to HTTP problem details (RFC 9457, application/problem+json).

Handlers turn domain errors into responses, so endpoint functions only raise what the library raises.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from storyline.errors import ConfigError, InputError, NotFound, StorageError, StorylineError

PROBLEM_JSON = "application/problem+json"

STATUS = (
    (NotFound, 404, "not-found"),
    (InputError, 422, "bad-input"),
    (ConfigError, 422, "bad-request"),
    (StorageError, 503, "storage"),
)


def problem(status: int, title: str, detail: str, kind: str, instance: str | None = None) -> JSONResponse:
    body = {
        "type": f"https://storyline.dev/problems/{kind}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def install(app: FastAPI) -> None:
    @app.exception_handler(StorylineError)
    async def _storyline(request: Request, exc: StorylineError) -> JSONResponse:
        for cls, status, kind in STATUS:
            if isinstance(exc, cls):
                return problem(status, type(exc).__name__, str(exc), kind, request.url.path)
        return problem(400, type(exc).__name__, str(exc), "bad-request", request.url.path)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> JSONResponse:
        return problem(exc.status_code, "HTTP error", str(exc.detail), "http", request.url.path)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem(422, "Invalid request", detail, "validation", request.url.path)
