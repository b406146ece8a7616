"""Crawler texts whose table cells ran together (renderings.md §5): `segment` cuts such a text into
headings, paragraphs and table rows; `solver` splits a row's digits into cells where the identities
leave one answer; `tables` applies it to 表二, 表三 and 表四 as the formats define them."""
