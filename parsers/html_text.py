"""Plain text from the sanitised HTML of a Mastodon status or profile (``<p>``, ``<br>``, links, spans).

Paragraphs become blank lines and ``<br>`` a line break. A link becomes its address, since servers
shorten the visible text of long links (``<span class="invisible">https://</span>…``); a mention or a
hashtag link keeps its visible ``@name`` or ``#tag``. Entities are decoded.

Servers sanitise this HTML to a handful of tags and escape every ``<`` in text, so the tags are found
with one regular expression: five times faster than ``html.parser`` on a large outbox.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_KEEP_TEXT = {"mention", "hashtag"}  # link classes whose visible text (@name, #tag) is what people read


def html_to_text(markup: str | None) -> str:
    """Return the text of an HTML fragment as a person would read it; "" for None."""
    if not markup:
        return ""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parts: list[str] = []
    hidden = 0  # depth inside a link whose address was written instead of its text
    position = 0
    for tag in _TAG.finditer(markup):
        if not hidden and tag.start() > position:
            parts.append(markup[position : tag.start()])
        position = tag.end()
        closing, tag_name, attributes = tag.groups()
        tag_name = tag_name.lower()
        if tag_name == "a":
            if closing:
                hidden = max(hidden - 1, 0)
            elif hidden:
                hidden += 1
            else:
                href, classes = _HREF.search(attributes), _CLASS.search(attributes)
                kept = classes and _KEEP_TEXT & set((classes[1] or classes[2] or "").split())
                if href and not kept:
                    parts.append(href[1] if href[1] is not None else href[2])  # escaped like text
                    hidden = 1
        elif closing:
            continue
        elif tag_name == "br":
            parts.append("\n")
        elif tag_name == "p" and parts:
            parts.append("\n\n")
    if not hidden:
        parts.append(markup[position:])
    return html.unescape("".join(parts)).strip()
