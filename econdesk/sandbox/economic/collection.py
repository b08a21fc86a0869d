"""Legacy collection answers: paging, filtering and sorting as e-conomic does them.

- `pagesize` 1..1000 (default 20); 1001 is refused with E04810; `skippages` past the end
  gives an empty `collection` with 200 (both observed; docs/economic-api.md#paging).
- `pagination` holds skipPages, pageSize, maxPageSizeAllowed, results (after the filter),
  resultsWithoutFilter, firstPage, nextPage (absent on the last page) and lastPage
  (`skippages=(results-1)//pagesize`, as in the real accounts recording).
- `filter` on a property the collection does not allow: 400 with `errors` as a list of
  strings and `allowedFilteringFields` (observed); `sort` on an unsortable property: 400.

Filtering a hundred thousand entries for every page would be slow, so the result of a
(collection, filter, sort) is cached until the data changes, as a real server's index would;
so is each rendered page (its bytes), within a memory budget, so a repeated page request
costs the server next to nothing and the added latency is what a client waits for.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from econdesk.connectors import jsonio
from econdesk.sandbox.economic.errors import legacy_error, validation_error
from econdesk.sandbox.economic.filters import FilterError, Getter, parse_filter
from econdesk.sandbox.server import Request, Response, raw_json_response

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 1000


class ResultCache:
    """Filtered and sorted item lists per (collection key, data version, filter, sort)."""

    def __init__(self, size: int = 64, page_bytes: int = 64 * 1024 * 1024) -> None:
        self._items: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
        self._pages: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._page_bytes = 0
        self._page_budget = page_bytes
        self._lock = threading.Lock()
        self._size = size

    def page(self, key: tuple[Any, ...], render: Callable[[], bytes]) -> bytes:
        """A rendered page's bytes; `key` must hold everything the bytes depend on,
        the data version included (a write changes the version, so old pages expire)."""
        with self._lock:
            hit = self._pages.get(key)
            if hit is not None:
                self._pages.move_to_end(key)
                return hit
        body = render()
        with self._lock:
            if key not in self._pages and len(body) <= self._page_budget:
                self._pages[key] = body
                self._page_bytes += len(body)
                while self._page_bytes > self._page_budget:
                    _, dropped = self._pages.popitem(last=False)
                    self._page_bytes -= len(dropped)
        return body

    def get(self, key: tuple[Any, ...], compute: Callable[[], list[Any]]) -> list[Any]:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


def _int_param(request: Request, name: str, default: int) -> int | Response:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        return validation_error(
            {
                name: {
                    "errors": [
                        {
                            "errorCode": "E04800",
                            "message": f"{name} must be an integer.",
                            "value": raw,
                        }
                    ]
                }
            }
        )


def collection_response(
    request: Request,
    items: Sequence[Any],
    render: Callable[[Any], bytes],
    *,
    key: tuple[Any, ...],
    version: int,
    cache: ResultCache,
    filterable: Mapping[str, Getter],
    sortable: Mapping[str, Getter] | None = None,
    default_sort: Callable[[Any], Any] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> Response:
    """One page of a collection. `render` turns an item into its JSON bytes."""
    paging = _paging(request)
    if isinstance(paging, Response):
        return paging
    size, skip = paging
    filter_text = request.query.get("filter") or ""
    sort_text = request.query.get("sort") or ""
    sortable = sortable if sortable is not None else filterable
    try:
        chosen = cache.get(
            (*key, version, filter_text, sort_text),
            lambda: _select(
                items,
                filter_text,
                sort_text,
                filterable=filterable,
                sortable=sortable,
                default_sort=default_sort,
            ),
        )
    except FilterError as exc:
        return legacy_error(
            400,
            "Validation error.",
            "Inspect validation errors and correct your request.",
            errors=[str(exc)],
            allowedFilteringFields=sorted(filterable),
        )
    except _SortError as exc:
        return legacy_error(400, str(exc), "Sort on a property that allows sorting.")

    def body() -> bytes:
        return _page_body(
            request,
            items,
            chosen,
            render,
            size=size,
            skip=skip,
            filter_text=filter_text,
            sort_text=sort_text,
            extra=extra,
        )

    if extra:
        return raw_json_response(body())
    page_key = (*key, version, filter_text, sort_text, size, skip, request.base_url, request.path)
    return raw_json_response(cache.page(page_key, body))


def _paging(request: Request) -> tuple[int, int] | Response:
    """(pagesize, skippages) from the query, or e-conomic's validation error for them."""
    size = _int_param(request, "pagesize", DEFAULT_PAGE_SIZE)
    if isinstance(size, Response):
        return size
    skip = _int_param(request, "skippages", 0)
    if isinstance(skip, Response):
        return skip
    if not 1 <= size <= MAX_PAGE_SIZE:
        return validation_error(
            {
                "pagesize": {
                    "errors": [
                        {
                            "errorCode": "E04810",
                            "message": f"pagesize must be between 1 and {MAX_PAGE_SIZE}.",
                            "value": size,
                        }
                    ]
                }
            }
        )
    if skip < 0:
        return validation_error(
            {
                "skippages": {
                    "errors": [
                        {
                            "errorCode": "E04800",
                            "message": "skippages cannot be negative.",
                            "value": skip,
                        }
                    ]
                }
            }
        )
    return size, skip


def _page_body(
    request: Request,
    items: Sequence[Any],
    chosen: list[Any],
    render: Callable[[Any], bytes],
    *,
    size: int,
    skip: int,
    filter_text: str,
    sort_text: str,
    extra: Mapping[str, Any] | None,
) -> bytes:
    results = len(chosen)
    page = chosen[skip * size : skip * size + size]
    links = _links(request, size, skip, results, filter_text=filter_text, sort_text=sort_text)
    pagination: dict[str, Any] = {
        "skipPages": skip,
        "pageSize": size,
        "maxPageSizeAllowed": MAX_PAGE_SIZE,
        "results": results,
        "resultsWithoutFilter": len(items),
        "firstPage": links["first"],
    }
    if "next" in links:
        pagination["nextPage"] = links["next"]
    pagination["lastPage"] = links["last"]
    return b"".join(
        [
            b'{"collection":[',
            b",".join(render(item) for item in page),
            b'],"pagination":',
            jsonio.dumpb(pagination),
            *(b"," + jsonio.dumpb(k) + b":" + jsonio.dumpb(v) for k, v in (extra or {}).items()),
            b',"self":',
            jsonio.dumpb(links["self"]),
            b"}",
        ]
    )


class _SortError(ValueError):
    pass


def _select(
    items: Sequence[Any],
    filter_text: str,
    sort_text: str,
    *,
    filterable: Mapping[str, Getter],
    sortable: Mapping[str, Getter],
    default_sort: Callable[[Any], Any] | None,
) -> list[Any]:
    chosen = list(items)
    if filter_text:
        node = parse_filter(filter_text, filterable)
        chosen = [item for item in chosen if node.test(item, filterable)]
    if sort_text:
        for part in reversed([p.strip() for p in sort_text.split(",") if p.strip()]):
            descending = part.startswith("-")
            name = part.lstrip("-~")
            getter = sortable.get(name)
            if getter is None:
                raise _SortError(f"Sorting on the property '{name}' is not allowed.")
            alphabetic = "~" in part
            chosen.sort(key=_sorter(getter, alphabetic), reverse=descending)
    elif default_sort is not None:
        chosen.sort(key=default_sort)
    return chosen


def _sorter(getter: Getter, alphabetic: bool) -> Callable[[Any], tuple[int, Any]]:
    return lambda item: _sort_key(getter(item), alphabetic)


def _sort_key(value: Any, alphabetic: bool) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if alphabetic or isinstance(value, str):
        return (1, str(value).lower())
    if isinstance(value, (int, Decimal)):
        return (2, value)
    return (1, str(value).lower())


def _links(
    request: Request, size: int, skip: int, results: int, *, filter_text: str, sort_text: str
) -> dict[str, str]:
    base = f"{request.base_url}{request.path}"

    def url(pages: int | None) -> str:
        params: dict[str, str | int] = {}
        if pages is not None:
            params["skippages"] = pages
        params["pagesize"] = size
        if filter_text:
            params["filter"] = filter_text
        if sort_text:
            params["sort"] = sort_text
        return f"{base}?{urlencode(params)}"

    last = max(0, (results - 1) // size)
    links = {"first": url(0), "last": url(last), "self": url(skip)}
    if skip < last:
        links["next"] = url(skip + 1)
    return links


def json_fragment(render: Callable[[Any], dict[str, Any]]) -> Callable[[Any], bytes]:
    """Adapt a dict renderer to the bytes renderer `collection_response` takes."""
    return lambda item: jsonio.dumpb(render(item))
