"""Plain text from the sanitised HTML of a Mastodon status or profile (``<p>``, ``<br>``, links, spans).

Paragraphs become blank lines and ``<br>`` a line break. A link becomes its address, since servers
shorten the visible text of long links (``<span class="invisible">https://</span>…``); a mention or a
hashtag link keeps its visible ``@name`` or ``#tag``. Entities are decoded.
"""

from __future__ import annotations

import html
from html.parser import HTMLParser


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_links = 0  # depth inside a link whose address was written instead of its text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p":
            if self.parts:
                self.parts.append("\n\n")
        elif tag == "a":
            values = dict(attrs)
            classes = (values.get("class") or "").split()
            href = values.get("href")
            if self._hidden_links or ("mention" not in classes and "hashtag" not in classes and href):
                if not self._hidden_links:
                    self.parts.append(href or "")
                self._hidden_links += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._hidden_links:
            self._hidden_links -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_links:
            self.parts.append(data)


def html_to_text(markup: str | None) -> str:
    """Return the text of an HTML fragment as a person would read it; "" for None."""
    if not markup:
        return ""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()
